"""Changes to a class's booking: headcount, one more workshop, a swap, giving up a workshop or the visit.

Every change bumps the booking's revision (the calendar file's SEQUENCE), keeps the group ticket in step,
mails a confirmed class the new schedule, and offers freed places to the waiting list.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError

from ..enums import BookingStatus, SlotStatus
from ..exceptions import DuplicateSlot, NotActive, NotFull, SameSlot
from ..models import BookedSlot, ClassBooking, WorkshopSlot
from .group_ticket import sync_ticket
from .mail import mail_booking
from .places import active_rows, lock_slots, places_left, settings_for
from .rules import check_counts, check_no_overlap, check_places, check_slot_for_class, check_window
from .waitlist import offer_freed_places


def _revised(booking: ClassBooking, *, changed: tuple[str, ...] = ()) -> None:
    """After a change: save the `changed` fields with a new revision, keep the ticket in step, and mail a
    confirmed class its new schedule."""
    booking.sequence += 1
    booking.save(update_fields=[*changed, "sequence"])
    sync_ticket(booking)
    if booking.is_confirmed:
        mail_booking(booking, "updated")


def _locked_active(booking: ClassBooking) -> ClassBooking:
    booking = ClassBooking.objects.select_for_update().get(pk=booking.pk)
    if not booking.is_active:
        raise NotActive()
    return booking


@transaction.atomic
def change_headcount(
    *, booking: ClassBooking, pupils: int, adults: int, staff: bool = False, now: dt.datetime | None = None
) -> ClassBooking:
    now = now or timezone.now()
    booking = _locked_active(booking)
    school_settings = settings_for(booking.edition)
    check_window(school_settings, now=now, staff=staff)
    check_counts(school_settings, level=booking.level, pupils=pupils, adults=adults)
    rows = list(
        booking.booked_slots.exclude(status=SlotStatus.CANCELLED).select_related(
            "slot__workshop", "slot__day"
        )
    )
    for row in rows:
        if pupils > row.slot.capacity:
            check_slot_for_class(row.slot, level=booking.level, pupils=pupils, day_id=None)
    counting = [row for row in rows if row.counts]
    if pupils > booking.pupils:
        lock_slots(row.slot_id for row in counting)
        for row in counting:
            check_places(row.slot, pupils=pupils, booking=booking, now=now)
    shrunk = pupils < booking.pupils
    booking.pupils, booking.adults = pupils, adults
    _revised(booking, changed=("pupils", "adults"))
    if shrunk:
        for row in counting:
            offer_freed_places(slot=row.slot, now=now)
    return booking


@transaction.atomic
def add_slot(
    *,
    booking: ClassBooking,
    slot: WorkshopSlot,
    waitlist: bool = False,
    staff: bool = False,
    now: dt.datetime | None = None,
) -> BookedSlot:
    """Book one more workshop for the class (the same day), or join a full slot's waiting list."""
    now = now or timezone.now()
    booking = _locked_active(booking)
    school_settings = settings_for(booking.edition)
    check_window(school_settings, now=now, staff=staff)
    check_slot_for_class(slot, level=booking.level, pupils=booking.pupils, day_id=booking.day_id)
    if booking.booked_slots.filter(slot=slot).exclude(status=SlotStatus.CANCELLED).exists():
        raise DuplicateSlot(_("This class already has this workshop."), field="slots")
    check_no_overlap([*(row.slot for row in active_rows(booking)), slot], travel=school_settings.travel)
    if waitlist:
        status = SlotStatus.WAITING
        if places_left(slot=slot, at=now) >= booking.pupils:
            raise NotFull(field="slots")
    elif school_settings.is_draw and not school_settings.drawn_at:
        status = SlotStatus.REQUESTED
    else:
        status = SlotStatus.RESERVED
        lock_slots([slot.pk])
        check_places(slot, pupils=booking.pupils, booking=booking, now=now)
    row = BookedSlot.objects.create(
        booking=booking, slot=slot, status=status, waiting_since=now if waitlist else None
    )
    _revised(booking)
    return row


def _check_swap(
    booking: ClassBooking, booked: BookedSlot, new_slot: WorkshopSlot, *, staff: bool, now
) -> None:
    if not booking.is_active or booked.status not in (SlotStatus.RESERVED, SlotStatus.REQUESTED):
        raise NotActive(_("Only a reserved or requested workshop can be swapped."))
    if new_slot.pk == booked.slot_id:
        raise SameSlot(field="new_slot")
    if booking.booked_slots.filter(slot=new_slot).exclude(status=SlotStatus.CANCELLED).exists():
        raise DuplicateSlot(_("This class already has this workshop."), field="new_slot")
    school_settings = settings_for(booking.edition)
    check_window(school_settings, now=now, staff=staff)
    try:
        check_slot_for_class(new_slot, level=booking.level, pupils=booking.pupils, day_id=booking.day_id)
        check_no_overlap(
            [*(row.slot for row in active_rows(booking, exclude=booked)), new_slot],
            travel=school_settings.travel,
        )
        if booked.status == SlotStatus.RESERVED:
            lock_slots([new_slot.pk, booked.slot_id])
            check_places(new_slot, pupils=booking.pupils, booking=booking, now=now)
    except DomainError as error:
        error.field = "new_slot"
        raise


@transaction.atomic
def swap_slot(
    *, booked: BookedSlot, new_slot: WorkshopSlot, staff: bool = False, now: dt.datetime | None = None
) -> BookedSlot:
    """Move the class from one workshop slot to another; the old places go to the waiting list."""
    now = now or timezone.now()
    booking = ClassBooking.objects.select_for_update().get(pk=booked.booking_id)
    booked = BookedSlot.objects.select_for_update().get(pk=booked.pk, booking=booking)
    _check_swap(booking, booked, new_slot, staff=staff, now=now)
    old_slot = booked.slot
    old_status = booked.status
    booked.status = SlotStatus.CANCELLED
    booked.save(update_fields=["status", "updated_at"])
    row = BookedSlot.objects.create(booking=booking, slot=new_slot, status=old_status)
    _revised(booking)
    if old_status == SlotStatus.RESERVED:
        offer_freed_places(slot=old_slot, now=now)
    return row


@transaction.atomic
def cancel_booked_slot(*, booked: BookedSlot, now: dt.datetime | None = None) -> BookedSlot:
    """Give up one workshop (or leave its waiting list); the places go to the waiting list."""
    now = now or timezone.now()
    booking = ClassBooking.objects.select_for_update().get(pk=booked.booking_id)
    booked = BookedSlot.objects.select_for_update().get(pk=booked.pk, booking=booking)
    if booked.status == SlotStatus.CANCELLED:
        return booked
    counted = booked.counts
    booked.status = SlotStatus.CANCELLED
    booked.save(update_fields=["status", "updated_at"])
    _revised(booking)
    if counted:
        offer_freed_places(slot=booked.slot, now=now)
    return booked


@transaction.atomic
def decline_offer(*, booked: BookedSlot, now: dt.datetime | None = None) -> BookedSlot:
    return cancel_booked_slot(booked=booked, now=now)


@transaction.atomic
def cancel_booking(*, booking: ClassBooking, now: dt.datetime | None = None) -> ClassBooking:
    """Cancel the class's whole visit: its places go to the waiting lists, its group ticket stops working."""
    now = now or timezone.now()
    booking = ClassBooking.objects.select_for_update().get(pk=booking.pk)
    if not booking.is_active:
        return booking
    freed = list(
        booking.booked_slots.filter(status__in=[SlotStatus.RESERVED, SlotStatus.OFFERED]).select_related(
            "slot"
        )
    )
    booking.booked_slots.exclude(status=SlotStatus.CANCELLED).update(status=SlotStatus.CANCELLED)
    was_confirmed = booking.is_confirmed
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.sequence += 1
    booking.save(update_fields=["status", "cancelled_at", "sequence"])
    sync_ticket(booking)
    if was_confirmed:
        mail_booking(booking, "cancelled")
    for row in freed:
        offer_freed_places(slot=row.slot, now=now)
    return booking
