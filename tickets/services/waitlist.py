"""The waiting list: people wait for N places on a full day; freed places are offered in order.

An offer holds its places (they count as taken in `places_left`) until it is claimed, left or expires;
`manage.py process_waiting_list` expires old offers and makes new ones, and `offer_freed_places` does the
same for the days someone looks at, so places freed by time alone move on even without it. Every step
locks the day row first (as `take_places` does) and changes entries with conditional updates, so two runs
at once, or a run beside a cancellation, never offer the same places twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import ArrivalWindow, Day

from .. import conf, documents
from ..enums import Channel, WaitingStatus
from ..exceptions import (
    AlreadyWaiting,
    CapacityBelowIssued,
    DayNotAvailable,
    OfferNotOpen,
    PlacesAvailable,
    TooManyPeople,
)
from ..models import Registration, WaitingListEntry, normalize_email
from .capacity import lock_day, places_left, places_left_of_days, places_left_unclamped
from .registration import check_day_open, check_names, clean_name, register


def join_waiting_list(
    *,
    day: Day,
    name: str,
    email: str,
    language: str,
    places: int,
    arrival_window: ArrivalWindow | None = None,
) -> WaitingListEntry:
    check_day_open(day=day, edition=day.edition, online=True)
    check_names(name)
    if not 1 <= places <= conf.max_companions() + 1:
        raise TooManyPeople()
    if arrival_window is not None and arrival_window.day_id != day.pk:
        raise DayNotAvailable()
    email = normalize_email(email)
    with transaction.atomic():
        lock_day(day)
        if (
            places_left(day=day, arrival_window=arrival_window) >= places
            and not WaitingListEntry.objects.filter(day=day).in_line().exists()
        ):
            raise PlacesAvailable()
        # Only once the answer about places is given: before it, "already waiting" would tell who waits.
        if WaitingListEntry.objects.active().filter(day=day, email=email).exists():
            raise AlreadyWaiting()
        try:
            with transaction.atomic():
                entry = WaitingListEntry.objects.create(
                    day=day,
                    arrival_window=arrival_window,
                    name=clean_name(name),
                    email=email,
                    language=language,
                    places=places,
                )
        except IntegrityError as error:
            raise AlreadyWaiting() from error
        documents.queue_waiting_joined(entry=entry)
    return entry


def position_in_line(entry: WaitingListEntry) -> int:
    """1 for the first in line."""
    return (
        WaitingListEntry.objects.filter(day_id=entry.day_id)
        .in_line()
        .filter(created_at__lte=entry.created_at)
        .exclude(created_at=entry.created_at, pk__gt=entry.pk)
        .count()
    )


@transaction.atomic
def offer_free_places(*, day: Day, now: dt.datetime | None = None) -> list[WaitingListEntry]:
    """Expire overdue offers of the day, then offer the free places to the next in line, in order."""
    now = now or timezone.now()
    lock_day(day)
    WaitingListEntry.objects.filter(day=day, status=WaitingStatus.OFFERED, offer_expires_at__lte=now).update(
        status=WaitingStatus.EXPIRED, closed_at=now
    )
    if day.ends <= now or not day.edition.registration_is_open(now):
        return []
    offered = []
    free = places_left(day=day)
    for entry in WaitingListEntry.objects.filter(day=day).in_line().select_related("arrival_window"):
        if entry.places > free:
            break  # strictly in order: the next in line waits for enough places
        if (
            entry.arrival_window is not None
            and places_left(day=day, arrival_window=entry.arrival_window) < entry.places
        ):
            continue  # that arrival time is full; it does not stop people waiting for another
        claimed = WaitingListEntry.objects.filter(pk=entry.pk, status=WaitingStatus.WAITING).update(
            status=WaitingStatus.OFFERED, offered_at=now, offer_expires_at=now + conf.offer_validity()
        )
        if not claimed:
            continue
        entry.refresh_from_db()
        documents.queue_waiting_offer(entry=entry)
        free -= entry.places
        offered.append(entry)
    return offered


def offer_freed_places(*, days: Sequence[Day]) -> int:
    """Offer to the waiting list the places freed without anyone acting (unconfirmed holds and offers whose
    time ran out) on those of `days` where people wait. Called when someone looks at or asks for places
    (the registration form, the waiting list, a late confirmation), so such places move on with no job
    having to run; costs one query when nobody waits. Returns the offers made."""
    waiting = set(
        WaitingListEntry.objects.filter(day__in=days, status=WaitingStatus.WAITING).values_list(
            "day_id", flat=True
        )
    )
    if not waiting:
        return 0
    left = places_left_of_days([day for day in days if day.pk in waiting])
    made = 0
    for day in (
        Day.objects.filter(pk__in=[pk for pk, free in left.items() if free > 0])
        .select_related("edition")
        .order_by("pk")
    ):
        made += len(offer_free_places(day=day))
    return made


def process_waiting_list(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """The timed part, for cron: expire old offers and offer free places on every day people wait for.

    Returns (offers expired, offers made)."""
    now = now or timezone.now()
    expired = WaitingListEntry.objects.filter(status=WaitingStatus.OFFERED, offer_expires_at__lte=now).count()
    made = 0
    day_ids = WaitingListEntry.objects.active().values_list("day_id", flat=True).distinct().order_by("day_id")
    for day in Day.objects.filter(pk__in=list(day_ids)).select_related("edition").order_by("pk"):
        made += len(offer_free_places(day=day, now=now))
    return expired, made


@transaction.atomic
def leave_waiting_list(*, entry: WaitingListEntry) -> WaitingListEntry:
    now = timezone.now()
    lock_day(entry.day)
    was_offered = entry.status == WaitingStatus.OFFERED
    WaitingListEntry.objects.filter(
        pk=entry.pk, status__in=[WaitingStatus.WAITING, WaitingStatus.OFFERED]
    ).update(status=WaitingStatus.LEFT, closed_at=now)
    entry.refresh_from_db()
    if was_offered:
        offer_free_places(day=entry.day)
    return entry


def claim_offer(*, entry: WaitingListEntry, companions: Sequence[str] | None = None) -> Registration:
    """Turn an open offer into tickets: the held places become the person's tickets."""
    with transaction.atomic():
        lock_day(entry.day)
        entry = WaitingListEntry.objects.select_for_update().select_related("day__edition").get(pk=entry.pk)
        if not entry.offer_is_open:
            raise OfferNotOpen()
        WaitingListEntry.objects.filter(pk=entry.pk).update(
            status=WaitingStatus.CLAIMED, closed_at=timezone.now()
        )
        window = entry.arrival_window
        if window is None:  # the day has arrival times: the first one with room for everybody
            window = next(
                (
                    w
                    for w in entry.day.arrival_windows.all()
                    if places_left(day=entry.day, arrival_window=w) >= entry.places
                ),
                None,
            )
        names = list(companions or [])[: entry.places - 1]
        names += [""] * (entry.places - 1 - len(names))
        registration = register(
            edition=entry.day.edition,
            days=[entry.day],
            name=entry.name,
            email=entry.email,
            language=entry.language,
            companions=names,
            arrival_windows={entry.day_id: window},
            channel=Channel.ONLINE,
        )
        WaitingListEntry.objects.filter(pk=entry.pk).update(registration=registration)
    return registration


def places_issued(*, day: Day) -> int:
    """Places gone on a day: valid tickets and places held by open offers; a capacity may not be lower."""
    return day.capacity - places_left_unclamped(day=day)


@transaction.atomic
def set_day_capacity(*, day: Day, capacity: int) -> Day:
    """Change a day's capacity under its lock; refused below the places already issued or held. Places
    freed by a higher capacity are offered to the waiting list at once."""
    lock_day(day)
    day = Day.objects.select_related("edition").get(pk=day.pk)
    issued = places_issued(day=day)
    if capacity < max(issued, 1):
        raise CapacityBelowIssued(
            _("{issued} places are already taken on this day: the capacity cannot be lower.").format(
                issued=issued
            ),
            field="capacity",
            issued=issued,
        )
    raised = capacity > day.capacity
    day.capacity = capacity
    day.save(update_fields=["capacity"])  # a save, so the public pages' cache is refreshed
    if raised:
        offer_free_places(day=day)
    return day
