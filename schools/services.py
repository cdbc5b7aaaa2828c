"""Booking workshops for classes: every rule of issue 6 lives here, called by views, admin, API and commands.

Capacity (in pupils) is checked and taken in the transaction that writes the booking, serialized on the
slot rows: `select_for_update` on PostgreSQL (rows locked in primary-key order, so two bookings never
deadlock); on SQLite every write transaction starts IMMEDIATE (config/settings.py), which serializes
writers the same way. The school row is locked too, so two classes of one school cannot both slip under
the school's limit.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.models import Edition
from tickets.enums import TicketKind, TicketStatus
from tickets.exceptions import TicketError
from tickets.mail import queue_templated_mail
from tickets.services import cancel_ticket, issue_ticket

from .enums import AllocationMode, BookingStatus, Channel, Level, SlotStatus
from .exceptions import BookingError, DrawError
from .models import BookedSlot, ClassBooking, School, SchoolSettings, WorkshopSlot


def capacity_guard_enabled() -> bool:
    # Only the concurrency test's control run switches the lock off, to show that the test catches the race.
    return settings.CONCURRENCY_GUARD_SCHOOLS_CAPACITY


# --- settings -------------------------------------------------------------------------------------------


def settings_for(edition: Edition) -> SchoolSettings:
    """The edition's school settings, created with sensible defaults the first time."""
    try:
        return edition.school_settings
    except SchoolSettings.DoesNotExist:
        pass
    tz = timezone.get_current_timezone()
    deadline = dt.datetime.combine(edition.starts_on - dt.timedelta(days=7), dt.time(12), tzinfo=tz)
    opens = min(edition.registration_opens_at, deadline - dt.timedelta(days=1))
    school_settings, _created = SchoolSettings.objects.get_or_create(
        edition=edition, defaults={"booking_opens_at": opens, "booking_deadline": deadline}
    )
    return school_settings


# --- reading places -------------------------------------------------------------------------------------


def pupils_taken(*, slot: WorkshopSlot, exclude_booking: ClassBooking | None = None, at=None) -> int:
    rows = BookedSlot.objects.filter(slot=slot).taking_places(at)
    if exclude_booking is not None:
        rows = rows.exclude(booking=exclude_booking)
    return rows.pupils()


def places_left(*, slot: WorkshopSlot, at=None) -> int:
    return max(slot.capacity - pupils_taken(slot=slot, at=at), 0)


def _lock_slots(slot_ids: Iterable[int]) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("_lock_slots() must run inside transaction.atomic()")
    if capacity_guard_enabled():
        list(
            WorkshopSlot.objects.select_for_update()
            .filter(pk__in=sorted(set(slot_ids)))
            .order_by("pk")
            .values_list("pk", flat=True)
        )


# --- checks shared by booking and changes ---------------------------------------------------------------


def _check_window(school_settings: SchoolSettings, *, now: dt.datetime, staff: bool) -> None:
    if staff:
        return
    if now < school_settings.booking_opens_at:
        raise BookingError(
            "not_open_yet",
            _("Bookings open on {date}.").format(
                date=_local(school_settings.booking_opens_at).strftime("%d/%m/%Y %H:%M")
            ),
        )
    if now >= school_settings.booking_deadline:
        raise BookingError(
            "after_deadline",
            _("The booking deadline ({date}) has passed. Please call us if you need a change.").format(
                date=_local(school_settings.booking_deadline).strftime("%d/%m/%Y %H:%M")
            ),
        )


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)


def _check_counts(school_settings: SchoolSettings, *, level: str, pupils: int, adults: int) -> None:
    if pupils < 1:
        raise BookingError("zero_pupils", _("Enter the number of pupils: at least 1."), field="pupils")
    needed = school_settings.adults_needed(level=level, pupils=pupils)
    if adults < needed:
        raise BookingError(
            "too_few_adults",
            _("{pupils} pupils need at least {needed} accompanying adults (one per {ratio} pupils).").format(
                pupils=pupils, needed=needed, ratio=school_settings.pupils_per_adult(level)
            ),
            field="adults",
        )


def _check_slot_for_class(slot: WorkshopSlot, *, level: str, pupils: int, day_id: int | None) -> None:
    if not slot.is_open:
        raise BookingError("slot_closed", _("This workshop slot is closed for booking."), field="slots")
    if not slot.workshop.suits(level):
        raise BookingError(
            "level_unsuitable",
            _("“{workshop}” is for levels {levels}, not {level}. Choose another workshop.").format(
                workshop=slot.workshop.title, levels=slot.workshop.levels_label, level=level
            ),
            field="slots",
        )
    if day_id is not None and slot.day_id != day_id:
        raise BookingError(
            "other_day", _("All the workshops of one booking must be on the same day."), field="slots"
        )
    if slot.day.is_past:
        raise BookingError("slot_past", _("This workshop has already taken place."), field="slots")
    if pupils > slot.capacity:
        raise BookingError(
            "too_many_pupils",
            _("“{workshop}” takes at most {n} pupils per session.").format(
                workshop=slot.workshop.title, n=slot.capacity
            ),
            field="pupils",
        )


def _check_no_overlap(slots: list[WorkshopSlot], *, travel: dt.timedelta) -> None:
    for i, first in enumerate(slots):
        for second in slots[i + 1 :]:
            if first.pk == second.pk:
                raise BookingError("duplicate_slot", _("You chose the same workshop twice."), field="slots")
            if first.overlaps(second, travel=travel):
                raise BookingError(
                    "overlap",
                    _(
                        "“{a}” ({a_time}) and “{b}” ({b_time}) overlap, or leave less than {minutes} minutes "
                        "to walk between rooms. A class cannot attend both."
                    ).format(
                        a=first.workshop.title,
                        a_time=f"{first.starts_at:%H:%M}–{first.ends_at:%H:%M}",
                        b=second.workshop.title,
                        b_time=f"{second.starts_at:%H:%M}–{second.ends_at:%H:%M}",
                        minutes=int(travel.total_seconds() // 60),
                    ),
                    field="slots",
                )


def _check_places(slot: WorkshopSlot, *, pupils: int, booking: ClassBooking | None, now) -> None:
    left = slot.capacity - pupils_taken(slot=slot, exclude_booking=booking, at=now)
    if pupils <= left:
        return
    if left <= 0:
        raise BookingError(
            "slot_full",
            _("“{workshop}” at {time} is now full. Choose another slot or join its waiting list.").format(
                workshop=slot.workshop.title, time=f"{slot.starts_at:%H:%M}"
            ),
            field="slots",
            slot=slot.pk,
        )
    raise BookingError(
        "not_enough_places",
        _("Only {left} places are left in “{workshop}” at {time}, for {pupils} pupils.").format(
            left=left, workshop=slot.workshop.title, time=f"{slot.starts_at:%H:%M}", pupils=pupils
        ),
        field="pupils",
        slot=slot.pk,
        left=left,
    )


def _check_school_cap(
    school: School, school_settings: SchoolSettings, *, exclude: ClassBooking | None
) -> None:
    active = ClassBooking.objects.active().filter(school=school, edition=school_settings.edition)
    if exclude is not None:
        active = active.exclude(pk=exclude.pk)
    if active.count() >= school_settings.max_classes_per_school:
        raise BookingError(
            "school_cap",
            _(
                "{school} has already booked for {n} classes, the most one school may book this edition, so "
                "that every school gets a chance. Cancel one of them first, or call us."
            ).format(school=school.name, n=school_settings.max_classes_per_school),
            field="school_name",
        )


# --- booking --------------------------------------------------------------------------------------------


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


@transaction.atomic
def book_class(
    *,
    school: SchoolData,
    klass: ClassData,
    slots: list[WorkshopSlot],
    waitlist: bool = False,
    channel: str = Channel.ONLINE,
    staff: bool = False,
    now: dt.datetime | None = None,
) -> ClassBooking:
    """Book one class into one or more slots of one day (or join one slot's waiting list).

    Online bookings are HELD until the teacher confirms by mail; staff bookings are confirmed at once.
    Raises BookingError, and then nothing is created.
    """
    now = now or timezone.now()
    if not slots:
        raise BookingError("no_slot", _("Choose at least one workshop."), field="slots")
    if klass.level not in Level.values:
        raise BookingError("bad_level", _("Choose the class's level."), field="level")
    slots = sorted(slots, key=lambda s: (s.day_id, s.starts_at))
    edition = slots[0].day.edition
    school_settings = settings_for(edition)
    _check_window(school_settings, now=now, staff=staff)
    _check_counts(school_settings, level=klass.level, pupils=klass.pupils, adults=klass.adults)
    day_id = slots[0].day_id
    for slot in slots:
        _check_slot_for_class(slot, level=klass.level, pupils=klass.pupils, day_id=day_id)
    _check_no_overlap(slots, travel=school_settings.travel)
    if waitlist and len(slots) != 1:
        raise BookingError("waitlist_one_slot", _("Join one waiting list at a time."), field="slots")

    school_obj = find_or_create_school(data=school)
    if capacity_guard_enabled():
        School.objects.select_for_update().filter(pk=school_obj.pk).values_list("pk", flat=True).get()
    _check_school_cap(school_obj, school_settings, exclude=None)

    if waitlist:
        status = SlotStatus.WAITING
    elif school_settings.is_draw and not school_settings.drawn_at:
        status = SlotStatus.REQUESTED
    else:
        status = SlotStatus.RESERVED
    if status == SlotStatus.RESERVED:
        _lock_slots(s.pk for s in slots)
        for slot in slots:
            _check_places(slot, pupils=klass.pupils, booking=None, now=now)
    elif status == SlotStatus.WAITING and places_left(slot=slots[0], at=now) >= klass.pupils:
        raise BookingError(
            "not_full", _("This slot still has places: book it instead of waiting."), field="slots"
        )

    hold_until = (
        school_settings.booking_deadline if status == SlotStatus.REQUESTED else now + school_settings.hold
    )
    booking = ClassBooking.objects.create(
        edition=edition,
        day_id=day_id,
        school=school_obj,
        teacher_name=klass.teacher_name.strip(),
        teacher_email=klass.teacher_email.strip(),
        teacher_mobile=klass.teacher_mobile.strip(),
        language=klass.language,
        class_name=klass.class_name.strip(),
        level=klass.level,
        pupils=klass.pupils,
        adults=klass.adults,
        special_needs=klass.special_needs.strip(),
        channel=channel,
        status=BookingStatus.CONFIRMED if staff else BookingStatus.HELD,
        hold_expires_at=None if staff else max(hold_until, now + school_settings.hold),
        confirmed_at=now if staff else None,
    )
    BookedSlot.objects.bulk_create(
        BookedSlot(
            booking=booking,
            slot=slot,
            status=status,
            waiting_since=now if status == SlotStatus.WAITING else None,
        )
        for slot in slots
    )
    if staff:
        _sync_ticket(booking)
        _mail_booking(booking, "confirmed")
    else:
        _mail_booking(booking, "request", hold_expires_at=booking.hold_expires_at)
    return booking


def confirm_booking(*, booking: ClassBooking, now: dt.datetime | None = None) -> ClassBooking:
    """The teacher clicked the mail link: the booking counts from now on. Safe to call twice."""
    now = now or timezone.now()
    try:
        return _confirm(booking=booking, now=now)
    except BookingError as error:
        if error.code != "hold_lost":
            raise
    with transaction.atomic():
        locked = ClassBooking.objects.select_for_update().get(pk=booking.pk)
        if locked.status == BookingStatus.HELD:
            freed = _expire(locked, now=now)
            for slot in WorkshopSlot.objects.filter(pk__in=freed):
                offer_freed_places(slot=slot, now=now)
    raise BookingError(
        "hold_expired",
        _("This booking was not confirmed in time and its places have been taken. Please book again."),
    )


@transaction.atomic
def _confirm(*, booking: ClassBooking, now: dt.datetime) -> ClassBooking:
    booking = ClassBooking.objects.select_for_update().get(pk=booking.pk)
    if booking.status == BookingStatus.CONFIRMED:
        return booking
    if booking.status == BookingStatus.CANCELLED:
        raise BookingError("cancelled", _("This booking was cancelled."))
    if booking.status == BookingStatus.EXPIRED:
        raise BookingError(
            "hold_expired",
            _("This booking was not confirmed in time and its places were released. Please book again."),
        )
    if booking.hold_expires_at <= now and booking.booked_slots.filter(status=SlotStatus.REQUESTED).exists():
        raise BookingError("hold_lost")  # requests must be confirmed before the deadline, when the draw runs
    if booking.hold_expires_at <= now:
        # The hold ran out but nobody released it yet: keep the places if they are still free.
        reserved = list(
            booking.booked_slots.filter(status=SlotStatus.RESERVED).select_related("slot__workshop")
        )
        _lock_slots(b.slot_id for b in reserved)
        for booked in reserved:
            try:
                _check_places(booked.slot, pupils=booking.pupils, booking=booking, now=now)
            except BookingError:
                raise BookingError("hold_lost") from None
    booking.status = BookingStatus.CONFIRMED
    booking.confirmed_at = now
    booking.hold_expires_at = None
    booking.save(update_fields=["status", "confirmed_at", "hold_expires_at"])
    _sync_ticket(booking)
    _mail_booking(booking, "confirmed")
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


@transaction.atomic
def change_headcount(
    *, booking: ClassBooking, pupils: int, adults: int, staff: bool = False, now: dt.datetime | None = None
) -> ClassBooking:
    now = now or timezone.now()
    booking = ClassBooking.objects.select_for_update().get(pk=booking.pk)
    if not booking.is_active:
        raise BookingError("not_active", _("This booking is no longer active."))
    school_settings = settings_for(booking.edition)
    _check_window(school_settings, now=now, staff=staff)
    _check_counts(school_settings, level=booking.level, pupils=pupils, adults=adults)
    rows = list(
        booking.booked_slots.exclude(status=SlotStatus.CANCELLED).select_related(
            "slot__workshop", "slot__day"
        )
    )
    for row in rows:
        if pupils > row.slot.capacity:
            _check_slot_for_class(row.slot, level=booking.level, pupils=pupils, day_id=None)
    counting = [row for row in rows if row.counts]
    if pupils > booking.pupils:
        _lock_slots(row.slot_id for row in counting)
        for row in counting:
            _check_places(row.slot, pupils=pupils, booking=booking, now=now)
    shrunk = pupils < booking.pupils
    booking.pupils, booking.adults = pupils, adults
    booking.sequence += 1
    booking.save(update_fields=["pupils", "adults", "sequence"])
    _sync_ticket(booking)
    if booking.is_confirmed:
        _mail_booking(booking, "updated")
    if shrunk:
        for row in counting:
            offer_freed_places(slot=row.slot, now=now)
    return booking


def _active_rows(booking: ClassBooking, *, exclude: BookedSlot | None = None) -> list[BookedSlot]:
    rows = booking.booked_slots.filter(
        status__in=[SlotStatus.RESERVED, SlotStatus.REQUESTED, SlotStatus.OFFERED]
    ).select_related("slot__workshop", "slot__day", "slot__space")
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return list(rows)


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
    booking = ClassBooking.objects.select_for_update().get(pk=booking.pk)
    if not booking.is_active:
        raise BookingError("not_active", _("This booking is no longer active."))
    school_settings = settings_for(booking.edition)
    _check_window(school_settings, now=now, staff=staff)
    _check_slot_for_class(slot, level=booking.level, pupils=booking.pupils, day_id=booking.day_id)
    if booking.booked_slots.filter(slot=slot).exclude(status=SlotStatus.CANCELLED).exists():
        raise BookingError("duplicate_slot", _("This class already has this workshop."), field="slots")
    _check_no_overlap([*(row.slot for row in _active_rows(booking)), slot], travel=school_settings.travel)
    if waitlist:
        status = SlotStatus.WAITING
        if places_left(slot=slot, at=now) >= booking.pupils:
            raise BookingError(
                "not_full", _("This slot still has places: book it instead of waiting."), field="slots"
            )
    elif school_settings.is_draw and not school_settings.drawn_at:
        status = SlotStatus.REQUESTED
    else:
        status = SlotStatus.RESERVED
        _lock_slots([slot.pk])
        _check_places(slot, pupils=booking.pupils, booking=booking, now=now)
    row = BookedSlot.objects.create(
        booking=booking, slot=slot, status=status, waiting_since=now if waitlist else None
    )
    booking.sequence += 1
    booking.save(update_fields=["sequence"])
    _sync_ticket(booking)
    if booking.is_confirmed:
        _mail_booking(booking, "updated")
    return row


@transaction.atomic
def swap_slot(
    *, booked: BookedSlot, new_slot: WorkshopSlot, staff: bool = False, now: dt.datetime | None = None
) -> BookedSlot:
    """Move the class from one workshop slot to another; the old places go to the waiting list."""
    now = now or timezone.now()
    booking = ClassBooking.objects.select_for_update().get(pk=booked.booking_id)
    booked = BookedSlot.objects.select_for_update().get(pk=booked.pk, booking=booking)
    if not booking.is_active or booked.status not in (SlotStatus.RESERVED, SlotStatus.REQUESTED):
        raise BookingError("not_active", _("Only a reserved or requested workshop can be swapped."))
    if new_slot.pk == booked.slot_id:
        raise BookingError("same_slot", _("Choose a different slot."), field="new_slot")
    if booking.booked_slots.filter(slot=new_slot).exclude(status=SlotStatus.CANCELLED).exists():
        raise BookingError("duplicate_slot", _("This class already has this workshop."), field="new_slot")
    school_settings = settings_for(booking.edition)
    _check_window(school_settings, now=now, staff=staff)
    try:
        _check_slot_for_class(new_slot, level=booking.level, pupils=booking.pupils, day_id=booking.day_id)
        _check_no_overlap(
            [*(row.slot for row in _active_rows(booking, exclude=booked)), new_slot],
            travel=school_settings.travel,
        )
        if booked.status == SlotStatus.RESERVED:
            _lock_slots([new_slot.pk, booked.slot_id])
            _check_places(new_slot, pupils=booking.pupils, booking=booking, now=now)
    except BookingError as error:
        error.field = "new_slot"
        raise
    old_slot = booked.slot
    old_status = booked.status
    booked.status = SlotStatus.CANCELLED
    booked.save(update_fields=["status", "updated_at"])
    row = BookedSlot.objects.create(booking=booking, slot=new_slot, status=old_status)
    booking.sequence += 1
    booking.save(update_fields=["sequence"])
    _sync_ticket(booking)
    if booking.is_confirmed:
        _mail_booking(booking, "updated")
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
    booking.sequence += 1
    booking.save(update_fields=["sequence"])
    _sync_ticket(booking)
    if booking.is_confirmed:
        _mail_booking(booking, "updated")
    if counted:
        offer_freed_places(slot=booked.slot, now=now)
    return booked


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
    _sync_ticket(booking)
    if was_confirmed:
        _mail_booking(booking, "cancelled")
    for row in freed:
        offer_freed_places(slot=row.slot, now=now)
    return booking


# --- waiting list ---------------------------------------------------------------------------------------


@transaction.atomic
def offer_freed_places(*, slot: WorkshopSlot, now: dt.datetime | None = None) -> list[BookedSlot]:
    """Offer a slot's free places to its waiting list, in order: each class that fits gets an offer,
    valid for the hold time, by mail. Classes too big for what is free keep their turn."""
    now = now or timezone.now()
    school_settings = settings_for(slot.day.edition)
    if slot.day.is_past or (school_settings.is_draw and not school_settings.drawn_at):
        return []
    _lock_slots([slot.pk])
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
        others = [r.slot for r in _active_rows(row.booking)]
        if any(other.overlaps(slot, travel=school_settings.travel) for other in others):
            continue
        row.status = SlotStatus.OFFERED
        row.offer_expires_at = now + school_settings.hold
        row.save(update_fields=["status", "offer_expires_at", "updated_at"])
        left -= row.booking.pupils
        offered.append(row)
        _mail_booking(row.booking, "offer", offer=row)
    return offered


@transaction.atomic
def accept_offer(*, booked: BookedSlot, now: dt.datetime | None = None) -> BookedSlot:
    now = now or timezone.now()
    booked = BookedSlot.objects.select_for_update().select_related("booking").get(pk=booked.pk)
    if booked.status != SlotStatus.OFFERED or booked.offer_expires_at <= now:
        raise BookingError(
            "offer_expired", _("This offer has expired. The place went to the next class on the list.")
        )
    booking = booked.booking
    school_settings = settings_for(booking.edition)
    _check_no_overlap(
        [*(row.slot for row in _active_rows(booking, exclude=booked)), booked.slot],
        travel=school_settings.travel,
    )
    booked.status = SlotStatus.RESERVED
    booked.offer_expires_at = None
    booked.save(update_fields=["status", "offer_expires_at", "updated_at"])
    booking.sequence += 1
    booking.save(update_fields=["sequence"])
    _sync_ticket(booking)
    _mail_booking(booking, "updated")
    return booked


@transaction.atomic
def decline_offer(*, booked: BookedSlot, now: dt.datetime | None = None) -> BookedSlot:
    return cancel_booked_slot(booked=booked, now=now)


# --- the draw -------------------------------------------------------------------------------------------


@dataclass
class DrawResult:
    seed: str
    granted: list[int]
    waiting: list[int]


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
    school_settings = SchoolSettings.objects.select_for_update().get(pk=settings_for(edition).pk)
    if school_settings.allocation_mode != AllocationMode.DRAW:
        raise DrawError(
            "not_draw", _("This edition gives places first come, first served: there is no draw.")
        )
    if school_settings.drawn_at and not force:
        raise DrawError("already_drawn", _("The draw already ran. Its seed is recorded in the settings."))
    if now < school_settings.booking_deadline and not force:
        raise DrawError("too_early", _("The draw runs after the booking deadline."))
    expire_holds(now=now)
    seed = seed or school_settings.draw_seed or secrets.token_hex(16)
    rng = random.Random(seed)  # noqa: S311 - fairness, not secrecy: the seed is published
    requests = list(
        BookedSlot.objects.select_for_update()
        .filter(
            status=SlotStatus.REQUESTED,
            booking__edition=edition,
            booking__status=BookingStatus.CONFIRMED,
        )
        .select_related("booking", "slot")
        .order_by("pk")
    )
    rng.shuffle(requests)
    placed: dict[int, int] = defaultdict(int)
    for row in BookedSlot.objects.filter(
        booking__edition=edition, booking__status=BookingStatus.CONFIRMED, status=SlotStatus.RESERVED
    ).select_related("booking"):
        placed[row.booking.school_id] += row.booking.pupils
    taken: dict[int, int] = {}
    granted, waiting = [], []
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
            granted.append(row.pk)
        else:
            row.status = SlotStatus.WAITING
            row.waiting_since = now
            waiting.append(row.pk)
        row.save(update_fields=["status", "draw_rank", "waiting_since", "updated_at"])
    school_settings.draw_seed = seed
    school_settings.drawn_at = now
    school_settings.save(update_fields=["draw_seed", "drawn_at"])
    for booking in ClassBooking.objects.filter(pk__in={r.booking_id for r in requests}).select_related(
        "school", "day", "edition"
    ):
        booking.sequence += 1
        booking.save(update_fields=["sequence"])
        _sync_ticket(booking)
        _mail_booking(booking, "draw", dedupe_key=f"schools:draw:{booking.pk}")
    return DrawResult(seed=seed, granted=granted, waiting=waiting)


# --- reminders ------------------------------------------------------------------------------------------


def send_reminders(*, today: dt.date | None = None) -> int:
    """Mail each confirmed class a reminder the set number of days before its visit. Safe to run twice."""
    today = today or timezone.localdate()
    sent = 0
    bookings = (
        ClassBooking.objects.filter(
            status=BookingStatus.CONFIRMED, reminded_at__isnull=True, day__date__gte=today
        )
        .filter(booked_slots__status=SlotStatus.RESERVED)
        .distinct()
        .select_related("edition__school_settings", "day", "school")
    )
    for booking in bookings:
        days = settings_for(booking.edition).reminder_days_before
        if (booking.day.date - today).days > days:
            continue
        with transaction.atomic():
            locked = ClassBooking.objects.select_for_update().get(pk=booking.pk)
            if locked.reminded_at is not None:
                continue
            if _mail_booking(
                locked, "reminder", dedupe_key=f"schools:reminder:{locked.pk}:{locked.day.date}"
            ):
                sent += 1
            locked.reminded_at = timezone.now()
            locked.save(update_fields=["reminded_at"])
    return sent


# --- personal data -------------------------------------------------------------------------------------


@transaction.atomic
def purge_special_needs(*, edition: Edition) -> int:
    """Special needs may tell about a pupil's health: erased as soon as the edition is over."""
    return (
        ClassBooking.objects.filter(edition=edition, edition__ends_on__lt=timezone.localdate())
        .exclude(special_needs="")
        .update(special_needs="")
    )


@transaction.atomic
def anonymize_bookings(*, edition: Edition, now: dt.datetime | None = None) -> int:
    """Erase the teachers' names, emails and phone numbers and the special needs of an edition that is over,
    keeping the schools (organisations), class names, levels and counts for the statistics."""
    now = now or timezone.now()
    if edition.ends_on >= timezone.localdate():
        raise BookingError("not_over", _("The edition is not over yet."))
    return ClassBooking.objects.filter(edition=edition, anonymized_at__isnull=True).update(
        teacher_name="", teacher_email="", teacher_mobile="", special_needs="", anonymized_at=now
    )


# --- the group ticket -----------------------------------------------------------------------------------


def _sync_ticket(booking: ClassBooking) -> None:
    """One valid school-group ticket while the class has a confirmed place; its headcount is pupils plus
    adults. The headcount is inside the signed code, so a change means cancel and reissue."""
    wanted = booking.is_confirmed and booking.booked_slots.filter(status=SlotStatus.RESERVED).exists()
    ticket = booking.ticket
    if ticket is not None and ticket.status == TicketStatus.VALID:
        if wanted and ticket.headcount == booking.headcount and ticket.day_id == booking.day_id:
            return
        cancel_ticket(ticket=ticket)
    if not wanted:
        return
    try:
        booking.ticket = issue_ticket(
            edition=booking.edition,
            kind=TicketKind.SCHOOL_GROUP,
            day=booking.day,
            headcount=booking.headcount,
            holder_name=f"{booking.school.name} – {booking.class_name}"[:120],
        )
    except TicketError as error:
        raise BookingError(
            "day_full", _("The venue is full on this day: we cannot admit this group. Please call us.")
        ) from error
    booking.save(update_fields=["ticket"])


# --- mail -----------------------------------------------------------------------------------------------


def absolute_url(name: str, *, language: str, **kwargs) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)


def booking_rows(booking: ClassBooking) -> list[BookedSlot]:
    return list(
        booking.booked_slots.exclude(status=SlotStatus.CANCELLED)
        .select_related("slot__workshop", "slot__space", "slot__day")
        .order_by("slot__starts_at", "pk")
    )


def _mail_booking(booking: ClassBooking, kind: str, *, dedupe_key: str | None = None, **extra) -> bool:
    from . import documents

    rows = booking_rows(booking)
    context = {
        "booking": booking,
        "rows": rows,
        "reserved": [r for r in rows if r.status == SlotStatus.RESERVED],
        "settings": settings_for(booking.edition),
        "edition": booking.edition,
        "manage_url": absolute_url("schools:manage", language=booking.language, token=booking.manage_token),
        "confirm_url": absolute_url(
            "schools:confirm", language=booking.language, token=booking.confirm_token
        ),
        "organizer": settings.ORGANIZER,
        **extra,
    }
    attachments = []
    if kind in ("confirmed", "updated", "draw", "reminder") and context["reserved"] and booking.ticket_id:
        attachments = [
            (documents.pdf_filename(booking), documents.class_pdf(booking), "application/pdf"),
            (documents.ics_filename(booking), documents.class_ics(booking), "text/calendar"),
        ]
    return (
        queue_templated_mail(
            to=booking.teacher_email,
            language=booking.language,
            template=f"schools/mail/{kind}",
            context=context,
            attachments=attachments,
            dedupe_key=dedupe_key,
        )
        is not None
    )


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
