"""The organizers' day × space grid: confirmed talks placed and moved, refused with the reason."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import staff_required
from core.errors import DomainError
from events.models import Session

from ..enums import ProposalState
from ..forms_schedule import Places, ScheduleForm
from ..models import Proposal
from ..services.scheduling import schedule_proposal
from .staff import staff_call


def _context(call, *, status: str = "", error: str = "", forms: dict | None = None) -> dict:
    edition = call.edition
    places = Places.of(edition)
    days = [choice.instance for choice, _label in places.day_choices]
    spaces = [choice.instance for choice, _label in places.space_choices]
    sessions = list(
        Session.objects.of_edition(edition).scheduled().filter(space__in=spaces).select_related("proposal")
    )
    grid = [
        (
            day,
            [
                (space, [s for s in sessions if s.day_id == day.pk and s.space_id == space.pk])
                for space in spaces
            ],
        )
        for day in days
    ]
    proposals = list(
        Proposal.objects.filter(call=call, state=ProposalState.CONFIRMED)
        .select_related("session__space", "session__day")
        .order_by("title")
    )
    forms = forms or {}
    rows = []
    for proposal in proposals:
        session = proposal.session
        initial = (
            {"day": session.day_id, "space": session.space_id, "starts": session.starts_at} if session else {}
        )
        form = forms.get(proposal.pk) or ScheduleForm(
            edition=edition, places=places, initial=initial, prefix=proposal.public_id
        )
        rows.append((proposal, form))
    return {"call": call, "spaces": spaces, "grid": grid, "rows": rows, "status": status, "error": error}


def _render(request: HttpRequest, context: dict) -> HttpResponse:
    template = "talks/schedule.html" + ("#schedule" if request.htmx else "")
    return render(request, template, context)


@staff_required("talks.schedule_proposal")
def schedule(request: HttpRequest) -> HttpResponse:
    return _render(request, _context(staff_call()))


@require_POST
@staff_required("talks.schedule_proposal")
def place(request: HttpRequest, public_id: str) -> HttpResponse:
    call = staff_call()
    proposal = get_object_or_404(Proposal, call=call, public_id=public_id)
    form = ScheduleForm(request.POST, edition=call.edition, prefix=proposal.public_id)
    if not form.is_valid():
        return _render(
            request, _context(call, forms={proposal.pk: form}, error=_("Check the day, space and time."))
        )
    try:
        schedule_proposal(proposal=proposal, **form.cleaned_data)
    except DomainError as error:
        return _render(request, _context(call, forms={proposal.pk: form}, error=error.message))
    if not request.htmx:
        return redirect("talks:schedule")
    return _render(request, _context(call, status=_("“{title}” is placed.").format(title=proposal.title)))
