"""The reviewers' and organizers' pages: review proposals, rank them, decide."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.access import staff_required
from core.errors import DomainError
from events.models import Edition

from ..forms_review import DecisionForm, ReviewForm
from ..models import Call, Proposal, Review
from ..services import review as review_service


def staff_call() -> Call:
    edition = Edition.objects.current()
    call = Call.objects.filter(edition=edition).select_related("edition").first() if edition else None
    if call is None:
        raise Http404("No call for proposals")
    return call


@staff_required("talks.review_proposal")
def review_list(request: HttpRequest) -> HttpResponse:
    call = staff_call()
    proposals = list(Proposal.objects.filter(call=call).exclude(state="withdrawn").order_by("submitted_at"))
    mine = set(
        Review.objects.filter(reviewer=request.user, proposal__call=call).values_list(
            "proposal_id", flat=True
        )
    )
    return render(request, "talks/review_list.html", {"call": call, "proposals": proposals, "mine": mine})


@require_http_methods(["GET", "POST"])
@staff_required("talks.review_proposal")
def review(request: HttpRequest, public_id: str) -> HttpResponse:
    proposal = get_object_or_404(
        Proposal.objects.select_related("call__edition", "theme"), public_id=public_id
    )
    criteria = list(proposal.call.criteria.all())
    own = review_service.own_review(proposal=proposal, reviewer=request.user)
    form = ReviewForm(request.POST or None, criteria=criteria) if own is None else None
    if form is not None and form.is_valid():
        try:
            review_service.review_proposal(
                proposal=proposal,
                reviewer=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                conflict=form.cleaned_data["conflict"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your review is saved."))
        return redirect("talks:review", public_id=public_id)
    see_others = review_service.may_see_scores(proposal=proposal, reviewer=request.user)
    others = (
        list(
            proposal.reviews.exclude(reviewer=request.user)
            .select_related("reviewer")
            .prefetch_related("scores__criterion")
        )
        if see_others
        else []
    )
    context = {
        "proposal": proposal,
        "speaker_list": list(proposal.speakers.all()),
        "form": form,
        "own": own,
        "own_scores": list(own.scores.select_related("criterion")) if own else [],
        "see_others": see_others,
        "others": others,
    }
    return render(request, "talks/review.html", context)


@staff_required("talks.decide_proposal")
def organize(request: HttpRequest) -> HttpResponse:
    call = staff_call()
    rows = review_service.ranking(call=call)
    return render(request, "talks/organize.html", {"call": call, "rows": rows, "decide_form": DecisionForm()})


@require_POST
@staff_required("talks.decide_proposal")
def decide(request: HttpRequest, public_id: str) -> HttpResponse:
    proposal = get_object_or_404(Proposal, public_id=public_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept, reject or reserve."))
        return redirect("talks:organize")
    try:
        review_service.decide(proposal=proposal, decision=form.cleaned_data["decision"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Decision saved for “{title}”; the speaker gets the mail.").format(title=proposal.title),
        )
    return redirect("talks:organize")
