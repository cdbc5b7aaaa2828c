"""What staff do to a registration from the console, through the same tickets services as the visitors'
manage page, each action recorded (who, when, what, on which registration).

Every action runs in one transaction that first locks the registration row, then looks for its form's
nonce: a form sent twice (a double click, a reload, two tabs) finds the first one's record and acts no more.
The unique nonce in the database backs this where the lock cannot (SQLite serializes writers anyway).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from events.models import Day
from tickets import exceptions as tickets_errors
from tickets import services as tickets
from tickets.mail import retry_failed_mail
from tickets.models import Registration, Ticket

from ..models import ActionKind, StaffAction


@dataclass(frozen=True)
class Outcome:
    action: StaffAction
    repeated: bool  # the form had been sent before: nothing was done this time


def guard_enabled() -> bool:
    # Only the concurrency tests' control run switches the guard off, to show that they catch the race.
    return settings.CONCURRENCY_GUARD_CONSOLE_ACTIONS


def _name_of(user) -> str:
    return (user.get_full_name() or user.get_username())[:150]


def _perform(
    *, user, kind: str, registration: Registration | None, nonce: str, act: Callable[[], str]
) -> Outcome:
    """Run `act` (which returns the details to record) once per nonce, the registration locked."""
    try:
        with transaction.atomic():
            if registration is not None:
                rows = Registration.objects.select_for_update() if guard_enabled() else Registration.objects
                locked = rows.active().filter(pk=registration.pk).values_list("pk", flat=True).first()
                if locked is None:  # erased since its page was read
                    raise tickets_errors.NotAllowed()
            if nonce and (done := StaffAction.objects.filter(nonce=nonce).first()) is not None:
                return Outcome(done, repeated=True)
            details = act()
            action = StaffAction.objects.create(
                user=user,
                user_name=_name_of(user),
                kind=kind,
                registration=registration,
                details=details[:300],
                nonce=nonce,
            )
    except IntegrityError:
        done = StaffAction.objects.filter(nonce=nonce).first() if nonce else None
        if done is None:
            raise
        return Outcome(done, repeated=True)
    return Outcome(action, repeated=False)


def resend_tickets(*, user, registration: Registration, nonce: str = "") -> Outcome:
    def act() -> str:
        tickets.resend_confirmation(registration=registration)
        return registration.email

    return _perform(user=user, kind=ActionKind.RESEND, registration=registration, nonce=nonce, act=act)


def cancel_ticket(*, user, registration: Registration, ticket_id: str, nonce: str = "") -> Outcome:
    def act() -> str:
        ticket = Ticket.objects.filter(registration=registration, public_id=ticket_id).valid().first()
        if ticket is None:
            raise tickets_errors.NotAllowed(_("This ticket is already cancelled."))
        tickets.cancel_tickets(registration=registration, tickets=[ticket])
        return f"{ticket.public_id} {ticket.holder_name} {ticket.day.date:%Y-%m-%d}"

    return _perform(user=user, kind=ActionKind.CANCEL_TICKET, registration=registration, nonce=nonce, act=act)


def cancel_all(*, user, registration: Registration, nonce: str = "") -> Outcome:
    def act() -> str:
        cancelled = tickets.cancel_tickets(registration=registration)
        if not cancelled:
            raise tickets_errors.NotAllowed(_("This registration holds no valid ticket."))
        return " ".join(ticket.public_id for ticket in cancelled)

    return _perform(user=user, kind=ActionKind.CANCEL_ALL, registration=registration, nonce=nonce, act=act)


def add_companion(
    *, user, registration: Registration, first_name: str = "", people_seen: int | None = None, nonce: str = ""
) -> Outcome:
    def act() -> str:
        issued = tickets.add_companion(
            registration=registration, first_name=first_name, people_seen=people_seen
        )
        return " ".join([first_name, *(ticket.public_id for ticket in issued)]).strip()

    return _perform(user=user, kind=ActionKind.ADD_COMPANION, registration=registration, nonce=nonce, act=act)


def move_to_day(*, user, registration: Registration, from_day: Day, to_day: Day, nonce: str = "") -> Outcome:
    def act() -> str:
        issued = tickets.move_to_day(registration=registration, from_day=from_day, to_day=to_day)
        return f"{from_day.date:%Y-%m-%d} → {to_day.date:%Y-%m-%d} ({len(issued)})"

    return _perform(user=user, kind=ActionKind.MOVE_DAY, registration=registration, nonce=nonce, act=act)


def give_new_link(*, user, registration: Registration, nonce: str = "") -> Outcome:
    def act() -> str:
        tickets.regenerate_manage_link(registration=registration)
        return registration.email

    return _perform(user=user, kind=ActionKind.NEW_LINK, registration=registration, nonce=nonce, act=act)


def _refuse_if_confirmed(registration: Registration) -> None:
    if registration.is_confirmed:
        raise tickets_errors.NotAllowed(_("This registration is already confirmed: mail its tickets."))


def resend_confirm_link(*, user, registration: Registration, nonce: str = "") -> Outcome:
    """The visitor did not get (or lost) the mail asking to confirm their address: the same link again."""

    def act() -> str:
        _refuse_if_confirmed(registration)
        tickets.send_confirm_link(registration=registration)
        return registration.email

    return _perform(user=user, kind=ActionKind.CONFIRM_LINK, registration=registration, nonce=nonce, act=act)


def confirm_for_visitor(*, user, registration: Registration, nonce: str = "") -> Outcome:
    """Staff confirm the registration for its visitor (at the desk, on the phone, the address checked with
    them): the held places become tickets, mailed as after the visitor's own confirmation."""

    def act() -> str:
        _refuse_if_confirmed(registration)
        try:
            confirmed = tickets.confirm_registration(registration=registration)
        except tickets_errors.HoldLapsed:
            raise tickets_errors.NotAllowed(
                _(
                    "The places held ran out and the day is now full: register the visitor on another day, "
                    "or on the waiting list."
                )
            ) from None
        return " ".join(confirmed.tickets.values_list("public_id", flat=True))

    return _perform(
        user=user, kind=ActionKind.CONFIRMED_BY_STAFF, registration=registration, nonce=nonce, act=act
    )


def retry_mail(*, user, nonce: str = "") -> Outcome:
    return _perform(
        user=user,
        kind=ActionKind.RETRY_MAIL,
        registration=None,
        nonce=nonce,
        act=lambda: str(retry_failed_mail()),
    )


def set_capacity(*, user, day: Day, capacity: int, nonce: str = "") -> Outcome:
    def act() -> str:
        before = day.capacity
        tickets.set_day_capacity(day=day, capacity=capacity)
        return f"{day.date:%Y-%m-%d}: {before} → {capacity}"

    return _perform(user=user, kind=ActionKind.CAPACITY, registration=None, nonce=nonce, act=act)
