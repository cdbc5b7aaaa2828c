"""Booking a class into workshop slots, its confirmation by the teacher, and holds not confirmed in time.

The school row is locked while a class is booked, so two classes of one school cannot both slip under the
school's limit; the slots are locked before their places are counted (places.lock_slots).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..enums import BookingStatus, Channel, Level, SlotStatus
from ..exceptions import (
    BadLevel,
    BookingCancelled,
    HoldExpired,
    HoldLost,
    NoSlotChosen,
    NotEnoughPlaces,
    NotFull,
    SlotFull,
    WaitlistOneSlot,
)
from ..models import BookedSlot, ClassBooking, School, SchoolSettings, WorkshopSlot
from .group_ticket import sync_ticket
from .mail import mail_booking
from .pending import check_pending_limits
from .places import capacity_guard_enabled, lock_slots, places_left, settings_for
from .rules import (
    check_counts,
    check_no_overlap,
    check_places,
    check_school_cap,
    check_slot_for_class,
    check_window,
)
from .waitlist import offer_freed_places


@dataclass
class SchoolData:
    name: str
    address: str
    postal_code: str
    network: str
    city: str = ""


@dataclass
class ClassData:
    teacher_name: str
    teacher_email: str
    teacher_mobile: str
    class_name: str
    level: str
    pupils: int
    adults: int
    special_needs: str = ""
    language: str = "fr"
    extra: dict = field(default_factory=dict)


def find_or_create_school(*, data: SchoolData) -> School:
    school = School.objects.filter(
        name__iexact=data.name.strip(), postal_code=data.postal_code.strip()
    ).first()
    if school:
        return school
    try:
        with (
            transaction.atomic()
        ):  # a savepoint: another teacher of the school may create it at the same time
            return School.objects.create(
                name=data.name.strip(),
                address=data.address.strip(),
                postal_code=data.postal_code.strip(),
                city=data.city.strip(),
                network=data.network,
            )
    except IntegrityError:
        return School.objects.get(name__iexact=data.name.strip(), postal_code=data.postal_code.strip())


def _check_request(
    klass: ClassData, slots: list[WorkshopSlot], *, waitlist: bool, staff: bool, now: dt.datetime
) -> SchoolSettings:
    """Everything about the request itself, before any row is locked."""
    if not slots:
        raise NoSlotChosen(field="slots")
    if klass.level not in Level.values:
        raise BadLevel(field="level")
    school_settings = settings_for(slots[0].day.edition)
    check_window(school_settings, now=now, staff=staff)
    check_counts(school_settings, level=klass.level, pupils=klass.pupils, adults=klass.adults)
    for slot in slots:
        check_slot_for_class(slot, level=klass.level, pupils=klass.pupils, day_id=slots[0].day_id)
    check_no_overlap(slots, travel=school_settings.travel)
    if waitlist and len(slots) != 1:
        raise WaitlistOneSlot(field="slots")
    return school_settings


def _lock_school(school: School) -> None:
    if capacity_guard_enabled():
        School.objects.select_for_update().filter(pk=school.pk).values_list("pk", flat=True).get()


def _slot_status(school_settings: SchoolSettings, *, waitlist: bool) -> str:
    if waitlist:
        return SlotStatus.WAITING
    if school_settings.is_draw and not school_settings.drawn_at:
        return SlotStatus.REQUESTED
    return SlotStatus.RESERVED


def _check_room(slots: list[WorkshopSlot], *, status: str, pupils: int, now: dt.datetime) -> None:
    """A reserved place needs room in every slot (locked first); a waiting list needs a full slot."""
    if status == SlotStatus.RESERVED:
        lock_slots(s.pk for s in slots)
        for slot in slots:
            check_places(slot, pupils=pupils, booking=None, now=now)
    elif status == SlotStatus.WAITING and places_left(slot=slots[0], at=now) >= pupils:
        raise NotFull(field="slots")


def _create_booking(klass: ClassData, school: School, slots: list[WorkshopSlot], **values) -> ClassBooking:
    return ClassBooking.objects.create(
        edition=slots[0].day.edition,
        day_id=slots[0].day_id,
        school=school,
        teacher_name=klass.teacher_name.strip(),
        teacher_email=klass.teacher_email.strip(),
        teacher_mobile=klass.teacher_mobile.strip(),
        language=klass.language,
        class_name=klass.class_name.strip(),
        level=klass.level,
        pupils=klass.pupils,
        adults=klass.adults,
        special_needs=klass.special_needs.strip(),
        **values,
    )


@transaction.atomic
def book_class(
    *,
    school: SchoolData,
    klass: ClassData,
    slots: list[WorkshopSlot],
    waitlist: bool = False,
    channel: str = Channel.ONLINE,
    staff: bool = False,
    client_address: str = "",
    now: dt.datetime | None = None,
) -> ClassBooking:
    """Book one class into one or more slots of one day (or join one slot's waiting list).

    Online bookings are HELD until the teacher confirms by mail, a few at once per `client_address` (the
    booking person's internet address) and per teacher's email (pending.py); staff bookings are confirmed at
    once. Raises a DomainError (schools/exceptions.py), and then nothing is created.
    """
    now = now or timezone.now()
    slots = sorted(slots, key=lambda s: (s.day_id, s.starts_at))
    school_settings = _check_request(klass, slots, waitlist=waitlist, staff=staff, now=now)
    if not staff:
        check_pending_limits(
            school_settings, client_address=client_address, teacher_email=klass.teacher_email, now=now
        )
    school_obj = find_or_create_school(data=school)
    _lock_school(school_obj)
    check_school_cap(school_obj, school_settings, exclude=None)
    status = _slot_status(school_settings, waitlist=waitlist)
    _check_room(slots, status=status, pupils=klass.pupils, now=now)
    hold_until = (
        school_settings.booking_deadline if status == SlotStatus.REQUESTED else now + school_settings.hold
    )
    booking = _create_booking(
        klass,
        school_obj,
        slots,
        channel=channel,
        status=BookingStatus.CONFIRMED if staff else BookingStatus.HELD,
        hold_expires_at=None if staff else max(hold_until, now + school_settings.hold),
        confirmed_at=now if staff else None,
        client_address="" if staff else client_address[:64],
    )
    waiting_since = now if status == SlotStatus.WAITING else None
    BookedSlot.objects.bulk_create(
        BookedSlot(booking=booking, slot=slot, status=status, waiting_since=waiting_since) for slot in slots
    )
    if staff:
        sync_ticket(booking)
        mail_booking(booking, "confirmed")
    else:
        mail_booking(booking, "request", hold_expires_at=booking.hold_expires_at)
    return booking


def confirm_booking(*, booking: ClassBooking, now: dt.datetime | None = None) -> ClassBooking:
    """The teacher clicked the mail link: the booking counts from now on. Safe to call twice."""
    now = now or timezone.now()
    try:
        return _confirm(booking=booking, now=now)
    except HoldLost:
        pass
    with transaction.atomic():
        locked = ClassBooking.objects.select_for_update().get(pk=booking.pk)
        if locked.status == BookingStatus.HELD:
            freed = _expire(locked, now=now)
            for slot in WorkshopSlot.objects.filter(pk__in=freed):
                offer_freed_places(slot=slot, now=now)
    raise HoldExpired(
        _("This booking was not confirmed in time and its places have been taken. Please book again.")
    )


@transaction.atomic
def _confirm(*, booking: ClassBooking, now: dt.datetime) -> ClassBooking:
    booking = ClassBooking.objects.select_for_update().get(pk=booking.pk)
    if booking.status == BookingStatus.CONFIRMED:
        return booking
    if booking.status == BookingStatus.CANCELLED:
        raise BookingCancelled()
    if booking.status == BookingStatus.EXPIRED:
        raise HoldExpired()
    if booking.hold_expires_at <= now and booking.booked_slots.filter(status=SlotStatus.REQUESTED).exists():
        raise HoldLost()  # requests must be confirmed before the deadline, when the draw runs
    if booking.hold_expires_at <= now:
        # The hold ran out but nobody released it yet: keep the places if they are still free.
        reserved = list(
            booking.booked_slots.filter(status=SlotStatus.RESERVED).select_related("slot__workshop")
        )
        lock_slots(b.slot_id for b in reserved)
        for booked in reserved:
            try:
                check_places(booked.slot, pupils=booking.pupils, booking=booking, now=now)
            except (SlotFull, NotEnoughPlaces):
                raise HoldLost() from None
    booking.status = BookingStatus.CONFIRMED
    booking.confirmed_at = now
    booking.hold_expires_at = None
    booking.client_address = ""
    booking.save(update_fields=["status", "confirmed_at", "hold_expires_at", "client_address"])
    sync_ticket(booking)
    mail_booking(booking, "confirmed")
    return booking


def _expire(booking: ClassBooking, *, now: dt.datetime) -> list[int]:
    freed = list(
        booking.booked_slots.filter(status__in=[SlotStatus.RESERVED, SlotStatus.OFFERED]).values_list(
            "slot_id", flat=True
        )
    )
    booking.booked_slots.exclude(status=SlotStatus.CANCELLED).update(status=SlotStatus.CANCELLED)
    booking.status = BookingStatus.EXPIRED
    booking.hold_expires_at = booking.hold_expires_at or now
    booking.save(update_fields=["status", "hold_expires_at"])
    return freed


@transaction.atomic
def expire_holds(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Release the places of bookings not confirmed in time and of waiting-list offers left unanswered,
    then offer the freed places to the waiting lists. Returns (bookings expired, offers expired)."""
    now = now or timezone.now()
    freed: set[int] = set()
    held = ClassBooking.objects.select_for_update().filter(
        status=BookingStatus.HELD, hold_expires_at__lte=now
    )
    expired = 0
    for booking in held:
        freed.update(_expire(booking, now=now))
        expired += 1
    offers = BookedSlot.objects.select_for_update().filter(
        status=SlotStatus.OFFERED, offer_expires_at__lte=now
    )
    offers_expired = 0
    for offer in offers:
        offer.status = SlotStatus.CANCELLED
        offer.save(update_fields=["status", "updated_at"])
        freed.add(offer.slot_id)
        offers_expired += 1
    for slot in WorkshopSlot.objects.filter(pk__in=freed):
        offer_freed_places(slot=slot, now=now)
    return expired, offers_expired
