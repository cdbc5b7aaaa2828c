"""Registering a visitor and their companions for one or more days: one ticket per person and day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.validators import name_has_link
from events.models import ArrivalWindow, Day, Edition

from .. import codes, conf, documents
from ..enums import Channel, Language, TicketKind, TicketStatus
from ..exceptions import (
    AlreadyPending,
    AlreadyRegistered,
    DayFull,
    DayNotAvailable,
    EmailLimitReached,
    NameWithLink,
    NoDayChosen,
    NotAllowed,
    RegistrationClosed,
    TooManyPeople,
    WindowFull,
    WindowRequired,
)
from ..models import DayRegistration, PlaceHold, Registration, Ticket, normalize_email
from .capacity import places_left, places_left_of_days, take_places
from .pending import drop_lapsed, pending_for, send_confirm_link


def clean_name(name: str | None) -> str:
    """A name as typed, with its runs of spaces made one."""
    return " ".join((name or "").split())


def check_names(*names: str) -> None:
    """Refuse a name (the registrant's, a companion's) that carries a web address or an e-mail address."""
    if any(name_has_link(name) for name in names):
        raise NameWithLink(field="name")


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


def registrations_holding_tickets(*, edition: Edition, email: str) -> int:
    """The edition's registrations of `email` that hold a valid ticket: the ones its limit counts (a
    cancelled or unconfirmed registration holds none, so it never uses up the owner's allowance)."""
    return (
        Registration.objects.filter(
            edition=edition, email=normalize_email(email), tickets__status=TicketStatus.VALID
        )
        .distinct()
        .count()
    )


def _check_request(
    registration: Registration,
    *,
    days: Sequence[Day],
    windows: Mapping[int, ArrivalWindow | None],
    companions: Sequence[str],
    now: dt.datetime,
) -> None:
    """Refuse, in this order, what no capacity could make right: no day, too many people, no name or a name
    with a link, no email online, a day or arrival time not open. What depends on the address comes after
    the places (`_check_address`), so a full day answers "full" whoever asks."""
    edition, email = registration.edition, registration.email
    online = registration.channel == Channel.ONLINE
    if not days:
        raise NoDayChosen()
    if len(companions) > conf.max_companions():
        raise TooManyPeople()
    if not registration.name:
        raise NotAllowed(_("Enter your name."))
    check_names(registration.name, *companions)
    if online and not email:
        raise NotAllowed(_("Enter your email address."))
    for day in days:
        check_day_open(day=day, edition=edition, online=online, now=now)
        _check_window(day, windows.get(day.pk))


def _check_address_dropping_lapsed(registration: Registration, *, days: Sequence[Day], now) -> None:
    """`_check_address`, but a day claimed by the address's own registration whose hold ran out is claimed
    no more: that registration is dropped and the address checked again."""
    try:
        _check_address(registration, days=days)
    except AlreadyRegistered:
        if not drop_lapsed(edition=registration.edition, email=registration.email, now=now):
            raise
        _check_address(registration, days=days)


def _check_address(registration: Registration, *, days: Sequence[Day]) -> None:
    """Refuse an address already registered for one of the days, or at its limit online. Checked only once
    the places are known to be there: answering this before "full" would tell anyone who registered."""
    email = registration.email
    if not email:
        return
    existing = existing_registration_for(email=email, days=days)
    if existing is not None:
        raise AlreadyRegistered(registration=existing.pk)
    if registration.channel == Channel.ONLINE and (
        registrations_holding_tickets(edition=registration.edition, email=email)
        >= conf.max_registrations_per_email()
    ):
        raise EmailLimitReached()


def _check_room(days: Sequence[Day], windows: Mapping[int, ArrivalWindow | None], people: int) -> None:
    """A quick look before any work, so a full day costs little; the real check is take_places."""
    left = places_left_of_days(days)
    for day in days:
        if left[day.pk] < people:
            raise DayFull(day=day.pk)
        window = windows.get(day.pk)
        if window is not None and places_left(day=day, arrival_window=window) < people:
            raise WindowFull(arrival_window=window.pk)


def build_tickets(
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


def _new_registration(
    *,
    now: dt.datetime,
    postal_code: str,
    phone: str,
    accessibility_needs: str,
    accessibility_consent: bool,
    news_opt_in: bool,
    **fields,
) -> Registration:
    """The unsaved registration: accessibility needs kept only with consent, news only when asked for."""
    needs = (accessibility_needs or "").strip()
    return Registration(
        postal_code=(postal_code or "").strip().upper(),
        phone=(phone or "").strip(),
        accessibility_needs=needs if accessibility_consent else "",
        accessibility_consent_at=now if accessibility_consent and needs else None,
        news_opt_in=news_opt_in,
        news_consent_at=now if news_opt_in else None,
        **fields,
    )


def _claim_days(registration: Registration, days: Sequence[Day]) -> None:
    """One registration per address and day, in the database: AlreadyRegistered for a second one."""
    try:
        with transaction.atomic():
            DayRegistration.objects.bulk_create(
                DayRegistration(registration=registration, day=day, email=registration.email) for day in days
            )
    except IntegrityError as error:
        raise AlreadyRegistered() from error


def _save(
    registration: Registration,
    *,
    tickets: Sequence[Ticket],
    days: Sequence[Day],
    windows: Mapping[int, ArrivalWindow | None],
    people: int,
    send: bool,
) -> None:
    """Take every day's places, then store the registration, its tickets and its claims on the days, in
    one transaction: everything or nothing."""
    with transaction.atomic():
        for day in days:
            take_places(day=day, places=people, arrival_window=windows.get(day.pk))
        registration.save()
        for ticket in tickets:
            ticket.registration = registration
        Ticket.objects.bulk_create(tickets)
        if registration.email:
            _claim_days(registration, days)
            if send:
                documents.queue_confirmation(registration=registration, tickets=tickets)


def _save_hold(
    registration: Registration,
    *,
    days: Sequence[Day],
    windows: Mapping[int, ArrivalWindow | None],
    people: int,
) -> None:
    """As `_save`, with places held instead of tickets, and the mail that asks to confirm the address."""
    with transaction.atomic():
        for day in days:
            take_places(day=day, places=people, arrival_window=windows.get(day.pk))
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:  # the same address, a moment earlier (a double click)
            raise AlreadyPending() from error
        PlaceHold.objects.bulk_create(
            PlaceHold(registration=registration, day=day, arrival_window=windows.get(day.pk), places=people)
            for day in days
        )
        _claim_days(registration, days)
        documents.queue_confirm_link(registration=registration)


def _register_pending(
    registration: Registration,
    *,
    days: Sequence[Day],
    windows: Mapping[int, ArrivalWindow | None],
    companions: Sequence[str],
    now: dt.datetime,
) -> Registration:
    """Hold the places until the address is confirmed, or, when the address already waits for its
    confirmation in this edition, mail that one's link again (and hold nothing more)."""
    edition, email = registration.edition, registration.email
    pending = pending_for(edition=edition, email=email)
    if pending is not None and pending.hold_expires_at <= now:
        drop_lapsed(edition=edition, email=email, now=now)
        pending = None
    if pending is None:
        _check_address(registration, days=days)
        registration.confirmed_at = None
        registration.hold_expires_at = now + edition.registration_hold
        registration.held_companions = list(companions)
        try:
            _save_hold(registration, days=days, windows=windows, people=1 + len(companions))
        except AlreadyPending:
            pending = pending_for(edition=edition, email=email)
            if pending is None:
                raise
        else:
            return registration
    send_confirm_link(registration=pending)
    return pending


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
    confirm_by_mail: bool = False,
) -> Registration:
    """Register one person and their companions for one or more days: one ticket per person and day.

    Everything or nothing: the places of every day are taken in one transaction (`take_places`), so a
    day never holds more than its capacity; a full day raises DayFull and creates nothing.
    With `confirm_by_mail` (the public form, when the edition asks for it) the places are only held and
    the visitor is mailed a link to confirm their address; the tickets come with the confirmation
    (confirmation.py). The registration returned may then be the address's earlier one, still waiting.
    """
    now = timezone.now()
    days = sorted({day.pk: day for day in days}.values(), key=lambda d: d.pk)
    windows = dict(arrival_windows or {})
    registration = _new_registration(
        now=now,
        edition=edition,
        name=clean_name(name),
        email=normalize_email(email),
        language=language,
        postal_code=postal_code,
        phone=phone,
        channel=channel,
        accessibility_needs=accessibility_needs,
        accessibility_consent=accessibility_consent,
        news_opt_in=news_opt_in,
        created_by=created_by,
    )
    _check_request(registration, days=days, windows=windows, companions=companions, now=now)
    people = 1 + len(companions)
    _check_room(days, windows, people)
    holder_names = [registration.name, *(clean_name(c) for c in companions)]
    if confirm_by_mail:
        return _register_pending(
            registration, days=days, windows=windows, companions=holder_names[1:], now=now
        )
    _check_address_dropping_lapsed(registration, days=days, now=now)
    tickets = build_tickets(edition=edition, days=days, windows=windows, holder_names=holder_names)
    _save(registration, tickets=tickets, days=days, windows=windows, people=people, send=send_confirmation)
    return registration
