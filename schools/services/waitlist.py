"""The waiting lists: freed places are offered to the classes waiting, in order, for the hold time."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ..enums import BookingStatus, SlotStatus
from ..exceptions import OfferExpired
from ..models import BookedSlot, WorkshopSlot
from .group_ticket import sync_ticket
from .mail import mail_booking
from .places import active_rows, lock_slots, pupils_taken, settings_for
from .rules import check_no_overlap


@transaction.atomic
def offer_freed_places(*, slot: WorkshopSlot, now: dt.datetime | None = None) -> list[BookedSlot]:
    """Offer a slot's free places to its waiting list, in order: each class that fits gets an offer,
    valid for the hold time, by mail. Classes too big for what is free keep their turn."""
    now = now or timezone.now()
    school_settings = settings_for(slot.day.edition)
    if slot.day.is_past or (school_settings.is_draw and not school_settings.drawn_at):
        return []
    lock_slots([slot.pk])
    left = slot.capacity - pupils_taken(slot=slot, at=now)
    offered = []
    for row in (
        BookedSlot.objects.filter(slot=slot, booking__status=BookingStatus.CONFIRMED)
        .waiting()
        .select_related("booking", "slot__workshop", "slot__day", "slot__space")
    ):
        if left <= 0:
            break
        if row.booking.pupils > left:
            continue
        others = [r.slot for r in active_rows(row.booking)]
        if any(other.overlaps(slot, travel=school_settings.travel) for other in others):
            continue
        row.status = SlotStatus.OFFERED
        row.offer_expires_at = now + school_settings.hold
        row.save(update_fields=["status", "offer_expires_at", "updated_at"])
        left -= row.booking.pupils
        offered.append(row)
        mail_booking(row.booking, "offer", offer=row)
    return offered


@transaction.atomic
def accept_offer(*, booked: BookedSlot, now: dt.datetime | None = None) -> BookedSlot:
    now = now or timezone.now()
    booked = BookedSlot.objects.select_for_update().select_related("booking").get(pk=booked.pk)
    if booked.status != SlotStatus.OFFERED or booked.offer_expires_at <= now:
        raise OfferExpired()
    booking = booked.booking
    school_settings = settings_for(booking.edition)
    check_no_overlap(
        [*(row.slot for row in active_rows(booking, exclude=booked)), booked.slot],
        travel=school_settings.travel,
    )
    booked.status = SlotStatus.RESERVED
    booked.offer_expires_at = None
    booked.save(update_fields=["status", "offer_expires_at", "updated_at"])
    booking.sequence += 1
    booking.save(update_fields=["sequence"])
    sync_ticket(booking)
    mail_booking(booking, "updated")
    return booked
