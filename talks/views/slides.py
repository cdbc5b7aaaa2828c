"""Slides: the speaker's upload and preview (secret link), the organizers' list of missing decks."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.access import staff_required
from core.errors import DomainError

from ..enums import ProposalFormat, ProposalState
from ..forms import SlidesForm
from ..models import Proposal, Slide
from ..services import slides as slide_service
from .public import proposal_view, render_proposal
from .staff import staff_call


@require_POST
@proposal_view
def upload(request: HttpRequest, proposal: Proposal, token: str) -> HttpResponse:
    form = SlidesForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            slide_service.upload_slides(proposal=proposal, files=form.uploads)
        except DomainError as error:
            form.add_error("files", error.message)
        else:
            messages.success(request, _("Your 20 slides are saved. Check them in the preview."))
            return redirect("talks:proposal", token=token)
    return render_proposal(request, proposal, token, slides_form=form)


def serve_slide(proposal: Proposal, position: int) -> FileResponse:
    slide = Slide.objects.filter(proposal=proposal, position=position).first()
    if slide is None:
        raise Http404("No such slide")
    response = FileResponse(slide.image.open("rb"), content_type="image/webp")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
@proposal_view
def slide_image(request: HttpRequest, proposal: Proposal, token: str, position: int) -> HttpResponse:
    return serve_slide(proposal, position)


@require_GET
@proposal_view
def preview(request: HttpRequest, proposal: Proposal, token: str) -> HttpResponse:
    slides = list(proposal.slides.all())
    deck = {
        "title": proposal.title,
        "speakers": ", ".join(s.name for s in proposal.speakers.all()),
        "slides": [f"{request.path.rsplit('/preview/', 1)[0]}/slides/{s.position}.webp" for s in slides],
    }
    context = {"proposal": proposal, "token": token, "decks": [deck], "player_text": player_text()}
    return render(request, "talks/preview.html", context)


def player_text() -> dict[str, str]:
    """The player's words, in the page's language (the script has none of its own)."""
    return {
        "slideOf": _("Slide {n} of {total}"),
        "end": _("End of the session. Thank you!"),
        "paused": _("Paused"),
        "loaded": _("{n} of {total} slides ready offline"),
    }


@require_GET
@staff_required("talks.schedule_proposal")
def missing(request: HttpRequest) -> HttpResponse:
    call = staff_call()
    proposals = list(
        Proposal.objects.filter(call=call, state=ProposalState.CONFIRMED, format=ProposalFormat.PECHA_KUCHA)
        .prefetch_related("speakers", "slides")
        .order_by("title")
    )
    rows = [(p, len(p.slides.all())) for p in proposals]
    missing_rows = [row for row in rows if row[1] != 20]
    return render(request, "talks/slides_missing.html", {"call": call, "rows": rows, "missing": missing_rows})


@require_GET
@staff_required("talks.run_stage")
def staff_slide_image(request: HttpRequest, public_id: str, position: int) -> HttpResponse:
    return serve_slide(get_object_or_404(Proposal, public_id=public_id), position)
