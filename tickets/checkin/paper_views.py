"""The paper fallback at the venue: print who is expected (per day, per gate), then record who was let in
from the ticked list, so that the counts stay right."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from core.errors import DomainError
from events.models import Day, Edition

from . import documents, services
from .models import Gate
from .paper_forms import PaperAdmitForm
from .views import DASHBOARD_PERMISSION, DESK_PERMISSION, describe_outcome


def _may_print(request: HttpRequest) -> None:
    if not (request.user.has_perm(DESK_PERMISSION) or request.user.has_perm(DASHBOARD_PERMISSION)):
        raise PermissionDenied


@login_required
@require_GET
def paper_pdf(request: HttpRequest, edition: str, date: str) -> HttpResponse:
    """The paper list of one day, for one gate (?gate=) or every gate."""
    _may_print(request)
    try:
        wanted = dt.date.fromisoformat(date)
    except ValueError as error:
        raise Http404 from error
    day = get_object_or_404(Day.objects.select_related("edition"), edition__slug=edition, date=wanted)
    edition = day.edition
    gate_id = request.GET.get("gate", "")
    gate = get_object_or_404(Gate, edition=edition, pk=int(gate_id)) if gate_id.isdigit() else None
    paper = services.paper_list(day=day, gate=gate)
    pdf = documents.paper_list_pdf(paper, language=(get_language() or "fr")[:2])
    response = HttpResponse(pdf, content_type=documents.PDF_MIME)
    response["Content-Disposition"] = f'inline; filename="{documents.paper_list_filename(paper)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@permission_required(DESK_PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def paper(request: HttpRequest) -> HttpResponse:
    """The lists to print, and the form that records people let in from a ticked list."""
    edition = Edition.objects.current()
    days = edition.days.order_by("date") if edition else None
    gates = Gate.objects.filter(edition=edition) if edition else Gate.objects.none()
    today = services.day_today(edition=edition) if edition else None
    initial = {"day": today, "gate": gates.filter(kind="main").first(), "nonce": uuid.uuid4()}
    form = PaperAdmitForm(request.POST or None, days=days, gates=gates, initial=initial)
    results = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = services.admit_from_paper_list(
                gate=data["gate"],
                day=data["day"],
                at=data["at"],
                numbers=data["numbers"],
                staff_user=request.user,
                nonce=data["nonce"],
            )
        except DomainError as error:
            form.add_error("at" if error.code == "paper_time_in_future" else None, error.message)
        else:
            results = [(number, *describe_outcome(outcome)) for number, outcome in done]
            keep = {"day": data["day"], "gate": data["gate"], "nonce": uuid.uuid4()}
            form = PaperAdmitForm(days=days, gates=gates, initial=keep)
    context = {"edition": edition, "days": days or [], "gates": gates, "form": form, "results": results}
    return render(request, "checkin/paper.html", context)
