"""Issuing tickets without ever exceeding a day's (or an arrival window's) capacity.

Capacity is checked and taken in the transaction that inserts the tickets, serialized on the Day row:
`select_for_update` on PostgreSQL; on SQLite every write transaction starts IMMEDIATE (config/settings.py),
which serializes writers the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import ArrivalWindow, Day, Edition

from . import codes, conf, documents
from .enums import Channel, Language, TicketKind, TicketStatus
from .exceptions import (
    AlreadyRegistered,
    DayFull,
    DayNotAvailable,
    EmailLimitReached,
    NoDayChosen,
    NotAllowed,
    RegistrationClosed,
    TooManyPeople,
    WindowFull,
    WindowRequired,
)
from .models import (
    DayRegistration,
    OutgoingMail,
    Registration,
    Ticket,
    WaitingListEntry,
    new_secret_token,
    normalize_email,
)


def capacity_guard_enabled() -> bool:
    # Only the concurrency tests' control run switches the guard off, to show that they catch the race.
    return settings.CONCURRENCY_GUARD_TICKETS_CAPACITY


def _day_taken(day: Day) -> int:
    """Places gone: valid tickets plus the places held by open waiting-list offers."""
    return (
        Ticket.objects.filter(day=day).places_taken() + WaitingListEntry.objects.filter(day=day).places_held()
    )


def _window_taken(window: ArrivalWindow) -> int:
    return (
        Ticket.objects.filter(arrival_window=window).places_taken()
        + WaitingListEntry.objects.filter(arrival_window=window).places_held()
    )


def places_left(*, day: Day, arrival_window: ArrivalWindow | None = None) -> int:
    left = day.capacity - _day_taken(day)
    if arrival_window is not None:
        left = min(left, arrival_window.capacity - _window_taken(arrival_window))
    return max(left, 0)


def places_left_of_days(days: Sequence[Day]) -> dict[int, int]:
    """Places left on each of `days`, by day id, in one query: for pages that list the days.

    The same count as places_left(day=...), which stays the one to use under the lock (take_places)."""
    now = timezone.now()
    taken = (
        Ticket.objects.filter(day=OuterRef("pk"))
        .valid()
        .order_by()
        .values("day")
        .annotate(total=Sum("headcount"))
        .values("total")
    )
    held = (
        WaitingListEntry.objects.filter(day=OuterRef("pk"))
        .holding(now)
        .order_by()
        .values("day")
        .annotate(total=Sum("places"))
        .values("total")
    )
    rows = (
        Day.objects.filter(pk__in=[day.pk for day in days])
        .annotate(taken=Coalesce(Subquery(taken), 0), held=Coalesce(Subquery(held), 0))
        .values_list("pk", "capacity", "taken", "held")
    )
    return {pk: max(capacity - taken_now - held_now, 0) for pk, capacity, taken_now, held_now in rows}


def lock_day(day: Day) -> None:
    """Serialize every change to a day's places on its row (PostgreSQL; SQLite serializes all writers)."""
    if capacity_guard_enabled():
        Day.objects.select_for_update().filter(pk=day.pk).values_list("pk", flat=True).get()


def take_places(*, day: Day, places: int, arrival_window: ArrivalWindow | None = None) -> None:
    """Lock the day and check that `places` more fit; call inside the transaction that creates the tickets.

    Places held by open waiting-list offers count as taken, so no one jumps the queue."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_places() must run inside transaction.atomic()")
    lock_day(day)
    if day.capacity - _day_taken(day) < places:
        raise DayFull(day=day.pk)
    if arrival_window is not None and arrival_window.capacity - _window_taken(arrival_window) < places:
        raise WindowFull(arrival_window=arrival_window.pk)


@transaction.atomic
def issue_ticket(
    *,
    edition: Edition,
    kind: str = TicketKind.VISITOR,
    day: Day | None = None,
    headcount: int = 1,
    holder_name: str = "",
    registration: Registration | None = None,
    arrival_window: ArrivalWindow | None = None,
    enforce_capacity: bool = True,
    position: int | None = None,
) -> Ticket:
    """Issue one ticket. Day tickets take `headcount` places unless `enforce_capacity` is False
    (places already held elsewhere, e.g. by a confirmed class booking)."""
    if day is not None and enforce_capacity:
        take_places(day=day, places=headcount, arrival_window=arrival_window)
    return Ticket.objects.create(
        edition=edition,
        day=day,
        kind=kind,
        headcount=headcount,
        holder_name=holder_name,
        registration=registration,
        arrival_window=arrival_window,
        position=position,
    )


@transaction.atomic
def cancel_ticket(*, ticket: Ticket) -> Ticket:
    """Cancel a ticket: its places are free at once and it stops working at the gate."""
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if ticket.status != TicketStatus.CANCELLED:
        ticket.status = TicketStatus.CANCELLED
        ticket.cancelled_at = timezone.now()
        ticket.save(update_fields=["status", "cancelled_at"])
    return ticket


# ---------------------------------------------------------------- registering


def public_days(edition: Edition):
    """The days visitors may pick: open to the public and not over yet, with their arrival windows."""
    now = timezone.now()
    days = [
        day
        for day in edition.days.prefetch_related("arrival_windows").order_by("date")
        if day.is_open_to_public and day.ends > now
    ]
    return days


def check_day_open(*, day: Day, edition: Edition, online: bool, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    if day.edition_id != edition.pk or not day.is_open_to_public or day.ends <= now:
        raise DayNotAvailable(day=day.pk)
    if online and not edition.registration_is_open(now):
        raise RegistrationClosed()


def _check_window(day: Day, window: ArrivalWindow | None) -> None:
    windows = list(day.arrival_windows.all())
    if windows and window is None:
        raise WindowRequired(day=day.pk)
    if window is not None and window.day_id != day.pk:
        raise DayNotAvailable(day=day.pk)


def existing_registration_for(*, email: str, days: Sequence[Day]) -> Registration | None:
    claim = (
        DayRegistration.objects.filter(email=normalize_email(email), day__in=days)
        .select_related("registration")
        .first()
    )
    return claim.registration if claim else None


def _build_tickets(
    *,
    edition: Edition,
    days: Sequence[Day],
    windows: Mapping[int, ArrivalWindow | None],
    holder_names: Sequence[str],
    first_position: int = 0,
) -> list[Ticket]:
    tickets = []
    for day in days:
        for offset, holder in enumerate(holder_names):
            tickets.append(
                Ticket(
                    public_id=codes.new_ticket_id(),
                    edition=edition,
                    day=day,
                    arrival_window=windows.get(day.pk),
                    kind=TicketKind.VISITOR,
                    headcount=1,
                    holder_name=holder,
                    position=first_position + offset,
                )
            )
    return tickets


def register(
    *,
    edition: Edition,
    days: Sequence[Day],
    name: str,
    email: str = "",
    language: str = Language.FR,
    postal_code: str = "",
    phone: str = "",
    companions: Sequence[str] = (),
    accessibility_needs: str = "",
    accessibility_consent: bool = False,
    news_opt_in: bool = False,
    arrival_windows: Mapping[int, ArrivalWindow | None] | None = None,
    channel: str = Channel.ONLINE,
    created_by=None,
    send_confirmation: bool = True,
) -> Registration:
    """Register one person and their companions for one or more days: one ticket per person and day.

    Everything or nothing: the places of every day are taken in one transaction (`take_places`), so a
    day never holds more than its capacity; a full day raises DayFull and creates nothing.
    """
    now = timezone.now()
    online = channel == Channel.ONLINE
    email = normalize_email(email)
    name = " ".join((name or "").split())
    days = sorted({day.pk: day for day in days}.values(), key=lambda d: d.pk)
    windows = dict(arrival_windows or {})
    if not days:
        raise NoDayChosen()
    if len(companions) > conf.max_companions():
        raise TooManyPeople()
    if not name:
        raise NotAllowed(_("Enter your name."))
    if online and not email:
        raise NotAllowed(_("Enter your email address."))
    for day in days:
        check_day_open(day=day, edition=edition, online=online, now=now)
        _check_window(day, windows.get(day.pk))
    if email:
        existing = existing_registration_for(email=email, days=days)
        if existing is not None:
            raise AlreadyRegistered(registration=existing.pk)
        if online and (
            Registration.objects.filter(edition=edition, email=email).count()
            >= conf.max_registrations_per_email()
        ):
            raise EmailLimitReached()
    people = 1 + len(companions)
    left = places_left_of_days(days)
    for day in days:  # a quick look first, so a full day costs no work; the real check is take_places
        if left[day.pk] < people:
            raise DayFull(day=day.pk)
        window = windows.get(day.pk)
        if window is not None and places_left(day=day, arrival_window=window) < people:
            raise WindowFull(arrival_window=window.pk)

    holder_names = [name, *(" ".join((c or "").split()) for c in companions)]
    tickets = _build_tickets(edition=edition, days=days, windows=windows, holder_names=holder_names)
    registration = Registration(
        edition=edition,
        name=name,
        email=email,
        language=language,
        postal_code=(postal_code or "").strip().upper(),
        phone=(phone or "").strip(),
        channel=channel,
        accessibility_needs=(accessibility_needs or "").strip() if accessibility_consent else "",
        accessibility_consent_at=now
        if accessibility_consent and (accessibility_needs or "").strip()
        else None,
        news_opt_in=news_opt_in,
        news_consent_at=now if news_opt_in else None,
        created_by=created_by,
    )
    with transaction.atomic():
        for day in days:
            take_places(day=day, places=people, arrival_window=windows.get(day.pk))
        registration.save()
        for ticket in tickets:
            ticket.registration = registration
        Ticket.objects.bulk_create(tickets)
        if email:
            try:
                with transaction.atomic():
                    DayRegistration.objects.bulk_create(
                        DayRegistration(registration=registration, day=day, email=email) for day in days
                    )
            except IntegrityError as error:
                raise AlreadyRegistered() from error
            if send_confirmation:
                documents.queue_confirmation(registration=registration, tickets=tickets)
    return registration


# ---------------------------------------------------------------- managing


def valid_tickets(registration: Registration) -> list[Ticket]:
    return list(Ticket.objects.of_registration(registration).valid().order_by("day__date", "position", "pk"))


def _release_days(registration: Registration, days: set[int]) -> None:
    """Days where the registration holds no valid ticket any more: the email may register again."""
    still = set(
        Ticket.objects.filter(registration=registration, day_id__in=days)
        .valid()
        .values_list("day_id", flat=True)
    )
    DayRegistration.objects.filter(registration=registration, day_id__in=days - still).delete()


@transaction.atomic
def cancel_tickets(*, registration: Registration, tickets: Sequence[Ticket] | None = None) -> list[Ticket]:
    """Cancel some (or all) of a registration's tickets: the places are free at once and offered to the
    waiting list in the same transaction."""
    from . import waitlist

    chosen = list(tickets) if tickets is not None else valid_tickets(registration)
    cancelled = []
    for ticket in chosen:
        if ticket.registration_id != registration.pk:
            raise NotAllowed()
        if ticket.status == TicketStatus.VALID:
            cancelled.append(cancel_ticket(ticket=ticket))
    days = {ticket.day_id for ticket in cancelled if ticket.day_id}
    _release_days(registration, days)
    for day in Day.objects.filter(pk__in=days).order_by("pk"):
        waitlist.offer_free_places(day=day)
    return cancelled


def people_in(registration: Registration) -> list[dict]:
    """The registration's people (registrant and companions), each with their valid tickets by day."""
    people: dict[int, dict] = {}
    for ticket in valid_tickets(registration):
        person = people.setdefault(
            ticket.position or 0,
            {"position": ticket.position or 0, "name": ticket.holder_name, "tickets": []},
        )
        person["tickets"].append(ticket)
        person["name"] = person["name"] or ticket.holder_name
    return [people[key] for key in sorted(people)]


@transaction.atomic
def add_companion(*, registration: Registration, first_name: str = "") -> list[Ticket]:
    """One more companion on every day the registration holds: within the limit and the capacity."""
    current = valid_tickets(registration)
    if not current:
        raise NotAllowed()
    used = {t.position for t in current}
    if len(used) - 1 >= conf.max_companions():
        raise TooManyPeople()
    position = min(p for p in range(1, conf.max_companions() + 1) if p not in used)
    first_name = " ".join((first_name or "").split())
    by_day = {}
    for ticket in current:
        by_day.setdefault(ticket.day_id, ticket)
    issued = []
    for day_id in sorted(by_day):
        model = by_day[day_id]
        if model.day.ends <= timezone.now():
            continue
        issued.append(
            issue_ticket(
                edition=registration.edition,
                day=model.day,
                arrival_window=model.arrival_window,
                holder_name=first_name,
                registration=registration,
                position=position,
            )
        )
    if not issued:
        raise DayNotAvailable()
    return issued


@transaction.atomic
def remove_companion(*, registration: Registration, position: int) -> list[Ticket]:
    if position < 1:
        raise NotAllowed()
    tickets = [t for t in valid_tickets(registration) if t.position == position]
    if not tickets:
        raise NotAllowed()
    return cancel_tickets(registration=registration, tickets=tickets)


def withdraw_news_consent(*, registration: Registration) -> Registration:
    """One click on the manage page (or the link in a newsletter) and no more news."""
    Registration.objects.filter(pk=registration.pk).update(news_opt_in=False, news_consent_at=None)
    registration.refresh_from_db()
    return registration


def regenerate_manage_link(*, registration: Registration) -> Registration:
    """Revoke the old secret link; the new one is mailed to the visitor."""
    with transaction.atomic():
        registration.manage_token = new_secret_token()
        registration.save(update_fields=["manage_token"])
        if registration.email:
            documents.queue_manage_links(email=registration.email, registrations=[registration])
    return registration


def resend_confirmation(*, registration: Registration) -> None:
    tickets = valid_tickets(registration)
    if not registration.email or not tickets:
        raise NotAllowed()
    with transaction.atomic():
        documents.queue_confirmation(registration=registration, tickets=tickets)


def send_manage_links(*, email: str) -> bool:
    """ "Lost my tickets": mail the manage links of an address, at most once an hour per address.

    The caller answers the same whatever happens, so no one learns who registered. Returns whether a
    mail was queued (for tests and logs only).
    """
    email = normalize_email(email)
    key = "tickets:lost:" + hashlib.sha256(email.encode()).hexdigest()
    if not cache.add(key, 1, timeout=conf.manage_link_interval()):
        return False
    today = timezone.localdate()
    registrations = list(
        Registration.objects.for_email(email).filter(edition__ends_on__gte=today).select_related("edition")
    )
    if not registrations:
        return False
    with transaction.atomic():
        documents.queue_manage_links(email=email, registrations=registrations)
    return True


# ---------------------------------------------------------------- reminders


def send_reminders(*, date: dt.date) -> int:
    """Queue the reminder for every visit on `date`; the dedupe key makes a second run send nothing."""
    queued = 0
    days = Day.objects.filter(date=date).select_related("edition")
    for day in days:
        registrations = (
            Registration.objects.active()
            .exclude(email="")
            .filter(tickets__day=day, tickets__status=TicketStatus.VALID)
            .distinct()
        )
        for registration in registrations:
            key = f"reminder:{registration.pk}:{day.pk}"
            if OutgoingMail.objects.filter(dedupe_key=key).exists():
                continue
            tickets = [t for t in valid_tickets(registration) if t.day_id == day.pk]
            pdf = documents.tickets_pdf(registration=registration, tickets=tickets)
            try:
                with transaction.atomic():
                    if documents.queue_reminder(
                        registration=registration, day=day, tickets=tickets, pdf=pdf, dedupe_key=key
                    ):
                        queued += 1
            except IntegrityError:  # another run queued it a moment ago
                continue
    return queued
