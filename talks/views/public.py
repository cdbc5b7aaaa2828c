"""The call's public page, sending a proposal, and the proposal's private page (its secret link)."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import ratelimit
from core.clients import client_address
from core.errors import DomainError
from core.ratelimit import TooManyRequests
from events.models import Edition

from ..enums import ProposalState
from ..forms import ProposalForm, SlidesForm, speaker_formset
from ..models import Call, Proposal
from ..services import slides as slide_service
from ..services import speakers as speaker_service
from ..services import submission
from ..services.speakers import PROFILE_STATES


def _current_call() -> Call:
    call = submission.open_call()
    if call is None:
        edition = Edition.objects.current()
        call = Call.objects.filter(edition=edition).select_related("edition").first() if edition else None
    if call is None:
        raise Http404("No call for proposals")
    return call


@require_GET
def call_page(request: HttpRequest) -> HttpResponse:
    call = _current_call()
    themes = list(call.themes.all()) or list(call.edition.themes.all())
    now = timezone.now()
    context = {"call": call, "themes": themes, "is_open": call.is_open(now), "not_yet": now < call.opens_at}
    return render(request, "talks/call.html", context)


def _bound_forms(request: HttpRequest, call: Call, proposal: Proposal | None = None):
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    initial = ProposalForm.initial_for(proposal) if proposal else {"contact_language": request.LANGUAGE_CODE}
    form = ProposalForm(data, call=call, initial=initial, prefix="proposal")
    return form, speaker_formset(data, files, proposal=proposal)


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    call = _current_call()
    if not call.is_open():
        return render(request, "talks/call_closed.html", {"call": call}, status=409 if request.POST else 200)
    form, speakers = _bound_forms(request, call)
    if request.method == "POST" and form.is_valid() and speakers.is_valid():
        try:
            ratelimit.check(
                ("talks:submit:address", client_address(request), settings.TALKS_SUBMIT_RATE_LIMIT)
            )
            _proposal, token = submission.submit_proposal(
                call=call, data=form.data_for_service(), speakers=speakers.speakers()
            )
        except TooManyRequests as error:
            form.add_error(None, error.message)
            response = render(
                request, "talks/submit.html", {"call": call, "form": form, "speakers": speakers}
            )
            response["Retry-After"] = str(error.retry_after)
            response.status_code = 429
            return response
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Thank you: your proposal is sent. We mailed the link to this page to {email}; keep it."
                ).format(email=form.cleaned_data["contact_email"]),
            )
            return redirect("talks:proposal", token=token)
    return render(request, "talks/submit.html", {"call": call, "form": form, "speakers": speakers})


def proposal_view(view):
    """Find the proposal from its secret link (or 404); its pages are private and never indexed."""

    @wraps(view)
    def wrapper(request: HttpRequest, token: str, *args, **kwargs) -> HttpResponse:
        proposal = submission.proposal_for_token(token)
        if proposal is None:
            response = render(request, "talks/proposal_unknown.html", status=404)
        else:
            response = view(request, proposal, token, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "same-origin"
        return response

    return wrapper


def render_proposal(request: HttpRequest, proposal: Proposal, token: str, **extra) -> HttpResponse:
    call = proposal.call
    editable = proposal.state == ProposalState.SUBMITTED and call.is_open()
    form, speakers = (extra.get("form"), extra.get("speakers")) if "speakers" in extra else (None, None)
    if editable and form is None:
        form, speakers = _bound_forms(request, call, proposal)
    if proposal.state in PROFILE_STATES and speakers is None:
        speakers = speaker_formset(proposal=proposal)
    context = {
        "proposal": proposal,
        "token": token,
        "call": call,
        "edition": call.edition,
        "speaker_list": list(proposal.speakers.all()),
        "days": list(proposal.available_days.all()),
        "editable": editable,
        "profile_editable": proposal.state in PROFILE_STATES,
        "slides_open": slide_service.can_upload(proposal),
        "slide_count": proposal.slides.count() if proposal.is_pecha_kucha else 0,
        "slide_positions": range(1, 21),
        "slides_form": extra.get("slides_form") or SlidesForm(),
        "session": proposal.session if proposal.session_id else None,
        "form": form,
        "speakers": speakers,
        **{k: v for k, v in extra.items() if k not in ("form", "speakers", "slides_form")},
    }
    return render(request, "talks/proposal.html", context, status=extra.get("status", 200))


@require_GET
@proposal_view
def proposal(request: HttpRequest, proposal: Proposal, token: str) -> HttpResponse:
    return render_proposal(request, proposal, token)


@require_POST
@proposal_view
def proposal_edit(request: HttpRequest, proposal: Proposal, token: str) -> HttpResponse:
    form, speakers = _bound_forms(request, proposal.call, proposal)
    if form.is_valid() and speakers.is_valid():
        try:
            submission.update_proposal(
                proposal=proposal, data=form.data_for_service(), speakers=speakers.speakers()
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your changes are saved."))
        return redirect("talks:proposal", token=token)
    return render_proposal(request, proposal, token, form=form, speakers=speakers)


@require_POST
@proposal_view
def proposal_withdraw(request: HttpRequest, proposal: Proposal, token: str) -> HttpResponse:
    try:
        submission.withdraw_proposal(proposal=proposal)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your proposal is withdrawn. Thank you for your interest."))
    return redirect("talks:proposal", token=token)


@require_POST
@proposal_view
def proposal_answer(request: HttpRequest, proposal: Proposal, token: str) -> HttpResponse:
    """The accepted speaker's answer: confirm (answer=confirm) or decline (answer=decline)."""
    answer = request.POST.get("answer")
    if answer not in ("confirm", "decline"):
        messages.error(request, _("Choose whether you confirm or decline."))
        return redirect("talks:proposal", token=token)
    service = speaker_service.confirm_proposal if answer == "confirm" else speaker_service.decline_proposal
    try:
        service(proposal=proposal)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Thank you: your talk is confirmed. We will show your slot here once it is scheduled.")
            if answer == "confirm"
            else _("Thank you for telling us. Your place goes to another speaker."),
        )
    return redirect("talks:proposal", token=token)


@require_POST
@proposal_view
def proposal_profile(request: HttpRequest, proposal: Proposal, token: str) -> HttpResponse:
    speakers = speaker_formset(request.POST, request.FILES, proposal=proposal)
    if speakers.is_valid():
        try:
            speaker_service.update_profile(proposal=proposal, speakers=speakers.speakers())
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your speaker profile is saved."))
        return redirect("talks:proposal", token=token)
    return render_proposal(request, proposal, token, speakers=speakers)
