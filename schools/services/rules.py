"""The checks a booking and every change to it pass before anything is written; each raises the
refusal's DomainError (schools/exceptions.py) with the sentence the teacher reads."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from ..enums import level_code
from ..exceptions import (
    AfterDeadline,
    DuplicateSlot,
    LevelUnsuitable,
    NotEnoughPlaces,
    NotOpenYet,
    OtherDay,
    Overlap,
    SameWorkshopTwice,
    SchoolCap,
    SlotClosed,
    SlotFull,
    SlotPast,
    TooFewAdults,
    TooManyPupils,
    ZeroPupils,
)
from ..models import ClassBooking, School, SchoolSettings, WorkshopSlot
from .places import pupils_taken


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def check_window(school_settings: SchoolSettings, *, now: dt.datetime, staff: bool) -> None:
    """Teachers book and change between the opening and the deadline; staff at any time."""
    if staff:
        return
    if now < school_settings.booking_opens_at:
        raise NotOpenYet(_("Bookings open on {date}.").format(date=_local(school_settings.booking_opens_at)))
    if now >= school_settings.booking_deadline:
        raise AfterDeadline(
            _("The booking deadline ({date}) has passed. Please call us if you need a change.").format(
                date=_local(school_settings.booking_deadline)
            )
        )


def check_counts(school_settings: SchoolSettings, *, level: str, pupils: int, adults: int) -> None:
    if pupils < 1:
        raise ZeroPupils(field="pupils")
    needed = school_settings.adults_needed(level=level, pupils=pupils)
    if adults < needed:
        raise TooFewAdults(
            _("{pupils} pupils need at least {needed} accompanying adults (one per {ratio} pupils).").format(
                pupils=pupils, needed=needed, ratio=school_settings.pupils_per_adult(level)
            ),
            field="adults",
        )


def check_slot_for_class(slot: WorkshopSlot, *, level: str, pupils: int, day_id: int | None) -> None:
    if not slot.is_open:
        raise SlotClosed(field="slots")
    if not slot.workshop.suits(level):
        raise LevelUnsuitable(
            _("“{workshop}” is for levels {levels}, not {level}. Choose another workshop.").format(
                workshop=slot.workshop.title, levels=slot.workshop.levels_label, level=level_code(level)
            ),
            field="slots",
        )
    if day_id is not None and slot.day_id != day_id:
        raise OtherDay(field="slots")
    if slot.day.is_past:
        raise SlotPast(field="slots")
    if pupils > slot.capacity:
        raise TooManyPupils(
            _("“{workshop}” takes at most {n} pupils per session.").format(
                workshop=slot.workshop.title, n=slot.capacity
            ),
            field="pupils",
        )


def check_no_overlap(slots: list[WorkshopSlot], *, travel: dt.timedelta) -> None:
    """The class's workshops, with the one being added: no slot twice, no workshop twice (at two times),
    and none overlapping another, travel time between rooms included."""
    for i, first in enumerate(slots):
        for second in slots[i + 1 :]:
            if first.pk == second.pk:
                raise DuplicateSlot(field="slots")
            if first.workshop_id == second.workshop_id:
                raise SameWorkshopTwice(_same_workshop_message(first, second), field="slots")
            if first.overlaps(second, travel=travel):
                raise Overlap(_overlap_message(first, second, travel=travel), field="slots")


def _same_workshop_message(first: WorkshopSlot, second: WorkshopSlot) -> str:
    early, late = sorted((first, second), key=lambda slot: slot.starts_at)
    return _(
        "“{workshop}” is chosen twice, at {first} and at {second}. A class attends each workshop once: "
        "keep one of the two times and choose another workshop for the other."
    ).format(
        workshop=first.workshop.title, first=f"{early.starts_at:%H:%M}", second=f"{late.starts_at:%H:%M}"
    )


def _overlap_message(first: WorkshopSlot, second: WorkshopSlot, *, travel: dt.timedelta) -> str:
    return _(
        "“{a}” ({a_time}) and “{b}” ({b_time}) overlap, or leave less than {minutes} minutes "
        "to walk between rooms. A class cannot attend both."
    ).format(
        a=first.workshop.title,
        a_time=f"{first.starts_at:%H:%M}–{first.ends_at:%H:%M}",
        b=second.workshop.title,
        b_time=f"{second.starts_at:%H:%M}–{second.ends_at:%H:%M}",
        minutes=int(travel.total_seconds() // 60),
    )


def check_places(slot: WorkshopSlot, *, pupils: int, booking: ClassBooking | None, now) -> None:
    """Call with the slot locked (places.lock_slots), or the answer may be stale when written."""
    left = slot.capacity - pupils_taken(slot=slot, exclude_booking=booking, at=now)
    if pupils <= left:
        return
    if left <= 0:
        raise SlotFull(
            _("“{workshop}” at {time} is now full. Choose another slot or join its waiting list.").format(
                workshop=slot.workshop.title, time=f"{slot.starts_at:%H:%M}"
            ),
            field="slots",
            slot=slot.pk,
        )
    raise NotEnoughPlaces(
        _("Only {left} places are left in “{workshop}” at {time}, for {pupils} pupils.").format(
            left=left, workshop=slot.workshop.title, time=f"{slot.starts_at:%H:%M}", pupils=pupils
        ),
        field="pupils",
        slot=slot.pk,
        left=left,
    )


def check_school_cap(
    school: School, school_settings: SchoolSettings, *, exclude: ClassBooking | None
) -> None:
    """Call with the school's row locked, so two classes of one school cannot both slip under the cap."""
    active = ClassBooking.objects.active().filter(school=school, edition=school_settings.edition)
    if exclude is not None:
        active = active.exclude(pk=exclude.pk)
    if active.count() >= school_settings.max_classes_per_school:
        raise SchoolCap(
            _(
                "{school} has already booked for {n} classes, the most one school may book this edition, so "
                "that every school gets a chance. Cancel one of them first, or call us."
            ).format(school=school.name, n=school_settings.max_classes_per_school),
            field="school_name",
        )
