"""Staff pages at the venue: the check-in desk (walk-ins, admission by name) and the live dashboard."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.errors import DomainError
from core.tabular import csv_response
from events.models import Day, Edition
from tickets.exceptions import TICKET_ERRORS
from tickets.services import places_left

from . import services, stats
from .enums import Reason, Result
from .exceptions import AlreadyDone, QueryTooShort
from .exports import checkins_filename, checkins_table
from .forms import AdmitForm, DashboardScopeForm, SearchForm, WalkInForm
from .models import Gate

DESK_PERMISSION = "checkin.use_desk"
DASHBOARD_PERMISSION = "checkin.view_dashboard"


def _desk_context(request: HttpRequest, *, edition: Edition | None) -> dict:
    day = services.day_today(edition=edition) if edition else None
    gates = Gate.objects.filter(edition=edition) if edition else Gate.objects.none()
    return {
        "edition": edition,
        "day": day,
        "places_left": places_left(day=day) if day else None,
        "walk_in_gates": gates.filter(admits_walk_in=True),
        "gates": gates,
    }


def _selected_gate(request: HttpRequest, gates) -> Gate | None:
    gate_id = request.GET.get("gate") or request.POST.get("gate")
    if gate_id and str(gate_id).isdigit():
        found = gates.filter(pk=int(gate_id)).first()
        if found is not None:
            return found
    return gates.filter(kind="main").first() or gates.first()


def describe_outcome(outcome: services.ScanOutcome) -> tuple[str, str]:
    """(level, sentence) for the desk: success, warning or error, in the page's language; a rehearsal
    ticket's says so."""
    level, sentence = _describe(outcome)
    if outcome.ticket is not None and outcome.ticket.rehearsal_id is not None:
        sentence = _("Rehearsal ticket, not counted. {sentence}").format(sentence=sentence)
    return level, sentence


def _describe(outcome: services.ScanOutcome) -> tuple[str, str]:
    ticket = outcome.ticket
    name = (
        (ticket.holder_name or (ticket.registration.name if ticket.registration_id else "")) if ticket else ""
    )
    if outcome.result == Result.ADMITTED:
        people = ticket.headcount if ticket else 1
        return "success", ngettext(
            "Admitted: {name} ({count} person).", "Admitted: {name} ({count} people).", people
        ).format(name=name or _("visitor"), count=people)
    if outcome.result == Result.ALREADY_CHECKED_IN:
        at = timezone.localtime(outcome.first_checkin_at) if outcome.first_checkin_at else None
        return "warning", _("Already inside: {name}, since {time} at {gate}.").format(
            name=name or _("visitor"),
            time=at.strftime("%H:%M") if at else "?",
            gate=outcome.first_checkin_gate,
        )
    reason = str(dict(Reason.choices).get(outcome.reason, outcome.reason))
    return "error", _("Not admitted: {name} — {reason}.").format(
        name=name or _("unknown ticket"), reason=reason
    )


@login_required
@permission_required(DESK_PERMISSION, raise_exception=True)
def desk(request: HttpRequest) -> HttpResponse:
    """Register and admit a walk-in visitor (POST), and find tickets by name to admit them (GET ?q=)."""
    edition = Edition.objects.current()
    context = _desk_context(request, edition=edition)
    gates = context["gates"]
    form = WalkInForm(
        request.POST if request.method == "POST" else None,
        gates=context["walk_in_gates"],
        initial={
            "gate": getattr(_selected_gate(request, context["walk_in_gates"]), "pk", None),
            "nonce": uuid.uuid4(),
            "language": (get_language() or "fr")[:2],
        },
    )
    if request.method == "POST" and form.is_valid():
        done = _admit_walk_ins(request, form, edition=edition, day=context["day"])
        if done is not None:
            return done
    selected_gate = _selected_gate(request, gates)
    search_form, results = _search(request, edition=edition, gates=gates, gate=selected_gate)
    context |= {
        "form": form,
        "search_form": search_form,
        "results": results,
        "selected_gate": selected_gate,
        "new_nonce": uuid.uuid4,
    }
    if request.htmx and request.method == "GET":
        return render(request, "checkin/desk.html#search-results", context)
    return render(request, "checkin/desk.html", context)


def _admit_walk_ins(request: HttpRequest, form: WalkInForm, *, edition: Edition, day: Day | None):
    """Register and let in the visitors of a valid walk-in form: the redirect to answer with, or None when
    the form now carries the reason it could not be done."""
    data = form.cleaned_data
    if day is None:
        form.add_error(
            None, _("There is no fair day today: walk-in visitors can only be admitted on the day.")
        )
        return None
    try:
        _registration, outcomes = services.admit_walk_ins(
            edition=edition,
            day=day,
            gate=data["gate"],
            staff_user=request.user,
            name=data["name"],
            people=data["people"],
            email=data["email"],
            postal_code=data["postal_code"],
            language=data["language"],
            nonce=data["nonce"],
        )
    except TICKET_ERRORS as exc:
        form.add_error("people", exc.message)
        return None
    except AlreadyDone as exc:
        messages.info(request, exc.message)
        return redirect(_desk_url(gate=data["gate"]))
    except DomainError as exc:
        form.add_error(None, exc.message)
        return None
    admitted = sum(o.ticket.headcount for o in outcomes if o.admitted and o.ticket)
    messages.success(
        request,
        ngettext(
            "{name} is registered and admitted ({count} person).",
            "{name} is registered and admitted ({count} people).",
            admitted,
        ).format(name=data["name"], count=admitted),
    )
    return redirect(_desk_url(gate=data["gate"]))


def _desk_url(*, gate: Gate | None = None, q: str = "") -> str:
    params = {}
    if gate is not None:
        params["gate"] = gate.pk
    if q:
        params["q"] = q
    return reverse("checkin:desk") + (f"?{urlencode(params)}" if params else "")


def _search(
    request: HttpRequest, *, edition: Edition | None, gates, gate: Gate | None
) -> tuple[SearchForm, list | None]:
    selection = {"gate": gate.pk if gate else None}
    if "q" not in request.GET:
        return SearchForm(gates=gates, initial=selection), None
    form = SearchForm(request.GET.dict() | selection, gates=gates)
    if not form.is_valid() or edition is None:
        return form, None
    try:
        return form, services.search_tickets(edition=edition, query=form.cleaned_data["q"])
    except QueryTooShort as exc:
        form.add_error("q", exc.message)
        return form, None


@login_required
@permission_required(DESK_PERMISSION, raise_exception=True)
@require_POST
def desk_admit(request: HttpRequest) -> HttpResponse:
    """Admit one ticket found by name (a person without their QR code)."""
    edition = Edition.objects.current()
    form = AdmitForm(request.POST)
    if not form.is_valid() or edition is None:
        messages.error(request, _("This admission could not be read. Search for the person again."))
        return redirect(_desk_url())
    gate = Gate.objects.filter(edition=edition, pk=form.cleaned_data["gate"]).first()
    if gate is None:
        messages.error(request, _("Choose the gate."))
        return redirect(_desk_url(q=form.cleaned_data["q"]))
    outcome = services.check_in(
        gate=gate,
        nonce=form.cleaned_data["nonce"],
        ticket_public_id=form.cleaned_data["ticket"],
        staff_user=request.user,
    )
    level, sentence = describe_outcome(outcome)
    getattr(messages, level)(request, sentence)
    return redirect(_desk_url(gate=gate, q=form.cleaned_data["q"]))


# --- Dashboard --------------------------------------------------------------------------------------------


def _dashboard_scope(
    request: HttpRequest,
) -> tuple[DashboardScopeForm, Edition | None, list[Day], Day | None]:
    form = DashboardScopeForm(request.GET, editions=list(Edition.objects.order_by("-starts_on")))
    return form, *form.scope()


@login_required
@permission_required(DASHBOARD_PERMISSION, raise_exception=True)
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form, edition, days, day = _dashboard_scope(request)
    context = {"form": form, "edition": edition, "days": days, "day": day, "now": timezone.now()}
    if edition is not None and day is not None:
        gates = list(Gate.objects.filter(edition=edition).order_by("kind", "name"))
        activity = stats.gate_activity(edition=edition, on_date=day.date)
        context |= {
            "inside": stats.people_inside(edition=edition, on_date=day.date),
            "days_figures": stats.days_figures(edition=edition),
            "chart": stats.arrivals_chart(edition=edition, day=day),
            "communes": stats.registrations_by_commune(edition=edition),
            "languages": stats.registrations_by_language(edition=edition),
            "refusals": stats.refusals_by_reason(edition=edition, on_date=day.date),
            "conflicts": list(stats.conflicts(edition=edition)[:50]),
            "holding_devices": stats.devices_holding_scans(edition=edition),
            "gate_rows": [
                {
                    "gate": gate,
                    "entries": (activity.get(gate.pk) or {}).get("entries") or 0,
                    "exits": (activity.get(gate.pk) or {}).get("exits") or 0,
                }
                for gate in gates
            ],
            "poll_url": request.get_full_path(),
            "csv_url": reverse("checkin:dashboard-csv")
            + "?"
            + urlencode({"edition": edition.slug, "day": day.date}),
        }
        context["day_figures"] = next((f for f in context["days_figures"] if f.day.pk == day.pk), None)
    if request.htmx:
        return render(request, "checkin/dashboard.html#live", context)
    return render(request, "checkin/dashboard.html", context)


@login_required
@permission_required(DASHBOARD_PERMISSION, raise_exception=True)
@require_GET
def dashboard_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Every scan of the edition (or of one day) as CSV, refused scans included."""
    form, edition, _days, _day = _dashboard_scope(request)
    scope = {"edition": edition, "on_date": form.wanted_day if edition is not None else None}
    return csv_response(checkins_table(**scope), filename=checkins_filename(**scope))
