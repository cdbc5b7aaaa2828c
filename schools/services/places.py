"""Places in workshop slots, in pupils: reading them, and locking the slots before taking them.

Capacity is checked and taken in the transaction that writes the booking, serialized on the slot rows:
`select_for_update` on PostgreSQL (rows locked in primary-key order, so two bookings never deadlock); on
SQLite every write transaction starts IMMEDIATE (config/settings.py), which serializes writers the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events.models import Edition

from ..enums import SlotStatus
from ..models import BookedSlot, ClassBooking, SchoolSettings, WorkshopSlot


def capacity_guard_enabled() -> bool:
    # Only the concurrency test's control run switches the lock off, to show that the test catches the race.
    return settings.CONCURRENCY_GUARD_SCHOOLS_CAPACITY


def settings_for(edition: Edition) -> SchoolSettings:
    """The edition's school settings, created with sensible defaults the first time."""
    return SchoolSettings.objects.for_edition(edition)


def pupils_taken(*, slot: WorkshopSlot, exclude_booking: ClassBooking | None = None, at=None) -> int:
    rows = BookedSlot.objects.filter(slot=slot).taking_places(at)
    if exclude_booking is not None:
        rows = rows.exclude(booking=exclude_booking)
    return rows.pupils()


def places_left(*, slot: WorkshopSlot, at=None) -> int:
    return max(slot.capacity - pupils_taken(slot=slot, at=at), 0)


def lock_slots(slot_ids: Iterable[int]) -> None:
    """Lock the slots' rows until the transaction ends, in primary-key order."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_slots() must run inside transaction.atomic()")
    if capacity_guard_enabled():
        list(
            WorkshopSlot.objects.select_for_update()
            .filter(pk__in=sorted(set(slot_ids)))
            .order_by("pk")
            .values_list("pk", flat=True)
        )


def active_rows(booking: ClassBooking, *, exclude: BookedSlot | None = None) -> list[BookedSlot]:
    """The class's workshops that are, or may become, its own: reserved, requested or offered."""
    rows = booking.booked_slots.filter(
        status__in=[SlotStatus.RESERVED, SlotStatus.REQUESTED, SlotStatus.OFFERED]
    ).select_related("slot__workshop", "slot__day", "slot__space")
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return list(rows)


def slots_for_booking(*, edition: Edition, level: str, language: str = "", day_id: int | None = None):
    """What a teacher may choose after giving the level: open slots for it, with free places, not past."""
    qs = (
        WorkshopSlot.objects.filter(day__edition=edition, day__date__gte=timezone.localdate())
        .bookable()
        .for_level(level)
        .with_places()
        .select_related("workshop", "space", "day")
        .filter(places_left__gt=0)
    )
    if language:
        qs = qs.filter(language=language)
    if day_id:
        qs = qs.filter(day_id=day_id)
    return qs
