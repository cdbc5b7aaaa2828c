"""Registrations: find one (search as you type, filters, pages), see its tickets and check-ins, and act on
it through the same services as the visitor's own page; every action is recorded and listed."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from core.access import staff_required
from core.errors import DomainError
from tickets.checkin.models import CheckIn
from tickets.models import Registration, Ticket

from .. import queries
from ..forms import CompanionForm, EditionForm, MoveForm, NonceForm, RegistrationFilterForm, new_nonce
from ..services import actions as services

PAGE_SIZE = 50


@require_GET
@vary_on_headers("HX-Request")
@staff_required("tickets.view_registration")
def registration_list(request: HttpRequest) -> HttpResponse:
    edition_form, edition = EditionForm.from_query(request.GET)
    form = RegistrationFilterForm(request.GET, edition=edition)
    filters = form.cleaned_data if form.is_valid() else {}
    days = list(edition.days.order_by("date")) if edition else []
    page = None
    if edition is not None:
        queryset = queries.with_headcounts(queries.registrations(edition, filters), days)
        page = Paginator(queryset, PAGE_SIZE).get_page(filters.get("page") or 1)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "edition": edition,
        "edition_form": edition_form,
        "form": form,
        "days": days,
        "page": page,
        "rows": queries.headcount_rows(page, days) if page else [],
        "query": query.urlencode(),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    return render(request, "console/registration_list.html" + ("#results" if partial else ""), context)


def _registration(public_id: str) -> Registration:
    return get_object_or_404(Registration.objects.select_related("edition"), public_id=public_id.upper())


@require_GET
@staff_required("tickets.view_registration")
def registration_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    registration = _registration(public_id)
    checkins = CheckIn.objects.select_related("gate").order_by("scanned_at", "pk")
    tickets = (
        Ticket.objects.filter(registration=registration)
        .select_related("day", "arrival_window")
        .prefetch_related(Prefetch("checkins", queryset=checkins))
        .order_by("day__date", F("position").asc(nulls_first=True), "pk")
    )
    valid = [ticket for ticket in tickets if ticket.is_valid]
    context = {
        "registration": registration,
        "holds": registration.place_holds.select_related("day", "arrival_window").order_by("day__date"),
        "tickets": tickets,
        "people": len({ticket.position for ticket in valid}),
        "actions": registration.staff_actions.all()[:100],
        "nonce": new_nonce(),
        "companion_form": CompanionForm(initial={"nonce": new_nonce()}),
        "move_form": MoveForm(edition=registration.edition, initial=_move_initial(registration, valid)),
        "manage_url": reverse("tickets:manage", args=[registration.public_id, registration.manage_token]),
    }
    return render(request, "console/registration_detail.html", context)


def _move_initial(registration: Registration, valid: list[Ticket]) -> dict:
    """From the first day the registration holds, to the next day of the edition it does not."""
    held = [ticket.day for ticket in valid if ticket.day_id]
    if not held:
        return {"nonce": new_nonce()}
    others = [day for day in registration.edition.days.order_by("date") if day not in held]
    return {"nonce": new_nonce(), "from_day": held[0].pk, "to_day": others[0].pk if others else None}


def _nonce(request: HttpRequest) -> str:
    form = NonceForm(request.POST)
    return form.cleaned_data["nonce"] if form.is_valid() else ""


def _add_companion(request: HttpRequest, registration: Registration) -> tuple | None:
    form = CompanionForm(request.POST)
    if not form.is_valid():
        return None
    return services.add_companion(user=request.user, registration=registration, **form.cleaned_data), _(
        "The companion's tickets are issued: mail or print them from this page."
    )


def _move(request: HttpRequest, registration: Registration) -> tuple | None:
    form = MoveForm(request.POST, edition=registration.edition)
    if not form.is_valid():
        return None
    outcome = services.move_to_day(user=request.user, registration=registration, **form.cleaned_data)
    if registration.email:
        return outcome, _("Moved: the new tickets are below and mailed to the visitor.")
    return outcome, _(
        "Moved: the new tickets are below; print them for the visitor (the old ones no longer work)."
    )


def _simple(service, message: str):
    def act(request: HttpRequest, registration: Registration) -> tuple:
        extra = {"ticket_id": request.POST.get("ticket", "")} if service is services.cancel_ticket else {}
        return service(user=request.user, registration=registration, nonce=_nonce(request), **extra), message

    return act


ACTIONS = {
    "resend": _simple(services.resend_tickets, "resend"),
    "cancel_ticket": _simple(services.cancel_ticket, "cancel_ticket"),
    "cancel_all": _simple(services.cancel_all, "cancel_all"),
    "new_link": _simple(services.give_new_link, "new_link"),
    "confirm_link": _simple(services.resend_confirm_link, "confirm_link"),
    "confirm": _simple(services.confirm_for_visitor, "confirm"),
    "add_companion": _add_companion,
    "move": _move,
}


def _done_message(key: str) -> str:
    return {
        "resend": _("The tickets will be mailed again in a moment."),
        "cancel_ticket": _("The ticket is cancelled; its place is free again."),
        "cancel_all": _("All the tickets are cancelled; their places are free again."),
        "new_link": _(
            "The old link no longer works; the new one is below (and mailed, when we have an address)."
        ),
        "confirm_link": _("The confirmation link will be mailed again in a moment."),
        "confirm": _("Confirmed: the tickets are below, and mailed to the visitor."),
    }.get(key, key)


@require_POST
@staff_required("tickets.change_registration")
def registration_action(request: HttpRequest, public_id: str) -> HttpResponse:
    registration = _registration(public_id)
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None or registration.anonymized_at is not None:
        raise Http404
    try:
        if request.POST.get("action") == "cancel_all" and not request.POST.get("confirm"):
            raise DomainError(_("Tick the box to confirm that every ticket is to be cancelled."))
        if request.POST.get("action") == "confirm" and not request.POST.get("checked_with_visitor"):
            raise DomainError(_("Tick the box once you have checked the e-mail address with the visitor."))
        result = action(request, registration)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if result is None:
            messages.error(request, _("Please check the form: something is missing."))
        elif result[0].repeated:
            messages.info(
                request, _("This was already done (the form was sent twice): nothing more was done.")
            )
        else:
            messages.success(request, _done_message(result[1]))
    return redirect("console:registration", public_id=registration.public_id)
