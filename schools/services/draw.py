"""The draw: in a draw edition, requested places are given after the deadline, fairly and reproducibly."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from events.models import Edition

from ..enums import AllocationMode, BookingStatus, SlotStatus
from ..exceptions import AlreadyDrawn, NotDraw, TooEarlyToDraw
from ..models import BookedSlot, ClassBooking, SchoolSettings
from .booking import expire_holds
from .group_ticket import sync_ticket
from .mail import mail_booking
from .places import pupils_taken, settings_for


@dataclass
class DrawResult:
    seed: str
    granted: list[int]
    waiting: list[int]


def _locked_settings(edition: Edition, *, force: bool, now: dt.datetime) -> SchoolSettings:
    school_settings = SchoolSettings.objects.select_for_update().get(pk=settings_for(edition).pk)
    if school_settings.allocation_mode != AllocationMode.DRAW:
        raise NotDraw()
    if school_settings.drawn_at and not force:
        raise AlreadyDrawn()
    if now < school_settings.booking_deadline and not force:
        raise TooEarlyToDraw()
    return school_settings


def _requests(edition: Edition) -> list[BookedSlot]:
    return list(
        BookedSlot.objects.select_for_update()
        .filter(
            status=SlotStatus.REQUESTED,
            booking__edition=edition,
            booking__status=BookingStatus.CONFIRMED,
        )
        .select_related("booking", "slot")
        .order_by("pk")
    )


def _pupils_placed_by_school(edition: Edition) -> dict[int, int]:
    placed: dict[int, int] = defaultdict(int)
    for row in BookedSlot.objects.filter(
        booking__edition=edition, booking__status=BookingStatus.CONFIRMED, status=SlotStatus.RESERVED
    ).select_related("booking"):
        placed[row.booking.school_id] += row.booking.pupils
    return placed


def _allocate(requests: list[BookedSlot], placed: dict[int, int], *, now: dt.datetime) -> DrawResult:
    """Give each request, in turn, its slot if the class fits; else a place on the slot's waiting list."""
    taken: dict[int, int] = {}
    result = DrawResult(seed="", granted=[], waiting=[])
    order = list(range(len(requests)))
    rank = 0
    while order:
        best = min(order, key=lambda i: (placed[requests[i].booking.school_id], i))
        order.remove(best)
        row = requests[best]
        rank += 1
        if row.slot_id not in taken:
            taken[row.slot_id] = pupils_taken(slot=row.slot, at=now)
        row.draw_rank = rank
        if taken[row.slot_id] + row.booking.pupils <= row.slot.capacity:
            row.status = SlotStatus.RESERVED
            taken[row.slot_id] += row.booking.pupils
            placed[row.booking.school_id] += row.booking.pupils
            result.granted.append(row.pk)
        else:
            row.status = SlotStatus.WAITING
            row.waiting_since = now
            result.waiting.append(row.pk)
        row.save(update_fields=["status", "draw_rank", "waiting_since", "updated_at"])
    return result


@transaction.atomic
def run_draw(
    *, edition: Edition, seed: str | None = None, force: bool = False, now: dt.datetime | None = None
) -> DrawResult:
    """Give the requested places of a draw edition, reproducibly from a recorded seed.

    Requests are shuffled with the seed; then, again and again, the request of the school with the fewest
    pupils placed so far (ties: shuffled order) gets its slot if the class still fits, else goes on the
    slot's waiting list in draw order. Every teacher gets the outcome by mail.
    """
    now = now or timezone.now()
    school_settings = _locked_settings(edition, force=force, now=now)
    expire_holds(now=now)
    seed = seed or school_settings.draw_seed or secrets.token_hex(16)
    rng = random.Random(seed)  # noqa: S311 - fairness, not secrecy: the seed is published
    requests = _requests(edition)
    rng.shuffle(requests)
    result = _allocate(requests, _pupils_placed_by_school(edition), now=now)
    result.seed = seed
    school_settings.draw_seed = seed
    school_settings.drawn_at = now
    school_settings.save(update_fields=["draw_seed", "drawn_at"])
    for booking in ClassBooking.objects.filter(pk__in={r.booking_id for r in requests}).select_related(
        "school", "day", "edition"
    ):
        booking.sequence += 1
        booking.save(update_fields=["sequence"])
        sync_ticket(booking)
        mail_booking(booking, "draw", dedupe_key=f"schools:draw:{booking.pk}")
    return result
