"""What a visitor changes on their manage page: companions, the secret link, the mails, news consent."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core import ratelimit
from events.models import Day

from .. import conf, documents
from ..exceptions import (
    AlreadyRegistered,
    DayFull,
    DayNotAvailable,
    NotAllowed,
    PersonAlreadyAdded,
    TooManyPeople,
)
from ..mail import queue_composed_mail
from ..models import DayRegistration, Registration, Ticket, new_secret_token, normalize_email
from .cancellation import cancel_tickets
from .capacity import issue_ticket, lock_day, places_left, take_places
from .registration import check_day_open, check_names, clean_name


def people_in(registration: Registration) -> list[dict]:
    """The registration's people (registrant and companions), each with their valid tickets by day."""
    people: dict[int, dict] = {}
    for ticket in Ticket.objects.valid_of(registration):
        person = people.setdefault(
            ticket.position or 0,
            {"position": ticket.position or 0, "name": ticket.holder_name, "tickets": []},
        )
        person["tickets"].append(ticket)
        person["name"] = person["name"] or ticket.holder_name
    return [people[key] for key in sorted(people)]


@transaction.atomic
def add_companion(
    *, registration: Registration, first_name: str = "", people_seen: int | None = None
) -> list[Ticket]:
    """One more companion on every day the registration holds: within the limit and the capacity.

    `people_seen` is how many people the visitor's page listed: when the registration holds more by now,
    the form was sent twice (a double click, a reload) and PersonAlreadyAdded says so instead of adding a
    second person. The registration row is locked, so concurrent posts are served one after the other.
    """
    Registration.objects.select_for_update().filter(pk=registration.pk).values_list("pk", flat=True).get()
    current = list(Ticket.objects.valid_of(registration))
    if not current:
        raise NotAllowed()
    used = {t.position for t in current}
    if people_seen is not None and len(used) > people_seen:
        raise PersonAlreadyAdded()
    if len(used) - 1 >= conf.max_companions():
        raise TooManyPeople()
    position = min(p for p in range(1, conf.max_companions() + 1) if p not in used)
    first_name = clean_name(first_name)
    check_names(first_name)
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
    tickets = [t for t in Ticket.objects.valid_of(registration) if t.position == position]
    if not tickets:
        raise NotAllowed()
    return cancel_tickets(registration=registration, tickets=tickets)


def withdraw_news_consent(*, registration: Registration) -> Registration:
    """One click on the manage page (or the link in a newsletter) and no more news: for the address, not
    only this registration (news goes to addresses, and says one page of tickets stops it)."""
    same_person = Q(pk=registration.pk)
    if registration.email:
        same_person |= Q(email=normalize_email(registration.email))
    Registration.objects.filter(same_person, news_opt_in=True).update(news_opt_in=False, news_consent_at=None)
    registration.refresh_from_db()
    return registration


def _limit_mails(action: str, registration: Registration, rate: ratelimit.Rate) -> None:
    """Count one mail the visitor asked for; TooManyRequests past the registration's or the e-mail
    address's limit."""
    ratelimit.check(
        (f"tickets:{action}:registration", str(registration.pk), rate),
        ("tickets:mails:email", normalize_email(registration.email), conf.mails_per_email_limit()),
    )


def regenerate_manage_link(*, registration: Registration) -> Registration:
    """Revoke the old secret link; the new one is mailed to the visitor (a few times an hour at most:
    TooManyRequests beyond, the old link then still works)."""
    if registration.email:
        _limit_mails("new-link", registration, conf.new_link_limit())
    with transaction.atomic():
        registration.manage_token = new_secret_token()
        registration.save(update_fields=["manage_token"])
        if registration.email:
            documents.queue_manage_links(email=registration.email, registrations=[registration])
    return registration


def resend_confirmation(*, registration: Registration) -> None:
    """Mail the tickets again: a few times a day per registration and per e-mail address at most."""
    tickets = list(Ticket.objects.valid_of(registration))
    if not registration.email or not tickets:
        raise NotAllowed()
    _limit_mails("resend", registration, conf.resend_limit())
    with transaction.atomic():
        documents.queue_confirmation(registration=registration, tickets=tickets)


def send_manage_links(*, email: str) -> bool:
    """ "Lost my tickets": mail the manage links of an address, at most once an hour per address.

    The caller answers the same whatever happens, so no one learns who registered; the work is the same
    too: the request only queues the request for a mail, and the outbox sender looks the address up and
    makes the mail (`documents.manage_links`), or drops it when the address holds nothing. Returns whether
    the request was queued (for tests and logs only).
    """
    email = normalize_email(email)
    if ratelimit.hit("tickets:lost:email", email, (1, conf.manage_link_interval())):
        return False
    with transaction.atomic():
        queue_composed_mail(to=email, composer=documents.MANAGE_LINKS)
    return True


def _holder_tickets(registration: Registration, day_id: int) -> list[Ticket]:
    return [ticket for ticket in Ticket.objects.valid_of(registration) if ticket.day_id == day_id]


@transaction.atomic
def move_to_day(*, registration: Registration, from_day: Day, to_day: Day, send: bool = True) -> list[Ticket]:
    """Move the registration's people from one day to another with places left: new tickets on `to_day`
    (the old ones are cancelled and their places offered to the waiting list), mailed again.

    The registration row is locked first, then both days in id order, so a second move of the same
    registration waits and then finds nothing left to move (NotAllowed); the places of `to_day` are
    checked under its lock (DayFull)."""
    Registration.objects.select_for_update().filter(pk=registration.pk).values_list("pk", flat=True).get()
    check_day_open(day=to_day, edition=registration.edition, online=False)
    for day in sorted((from_day, to_day), key=lambda d: d.pk):
        lock_day(day)
    moving = _holder_tickets(registration, from_day.pk)
    if not moving or from_day.pk == to_day.pk:
        raise NotAllowed()
    if _holder_tickets(registration, to_day.pk):
        raise AlreadyRegistered(day=to_day.pk)
    windows = list(to_day.arrival_windows.all())
    window = next((w for w in windows if places_left(day=to_day, arrival_window=w) >= len(moving)), None)
    if windows and window is None:
        raise DayFull(day=to_day.pk)
    take_places(day=to_day, places=len(moving), arrival_window=window)
    if registration.email:
        try:
            with transaction.atomic():
                DayRegistration.objects.create(
                    registration=registration, day=to_day, email=registration.email
                )
        except IntegrityError as error:
            raise AlreadyRegistered(day=to_day.pk) from error
    issued = [
        issue_ticket(
            edition=registration.edition,
            day=to_day,
            arrival_window=window,
            holder_name=ticket.holder_name,
            registration=registration,
            position=ticket.position,
            enforce_capacity=False,  # taken above for all of them at once
        )
        for ticket in moving
    ]
    cancel_tickets(registration=registration, tickets=moving)
    if send and registration.email:
        documents.queue_confirmation(
            registration=registration, tickets=list(Ticket.objects.valid_of(registration))
        )
    return issued
