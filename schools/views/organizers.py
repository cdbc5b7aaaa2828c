"""The organizers' pages: fill of every slot, one slot's classes, attendance sheets, a booking by phone."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .. import services
from ..enums import BookingStatus, SlotStatus
from ..models import BookedSlot, ClassBooking, WorkshopSlot
from .booking import book
from .common import current_edition, organizer_only


def _slot_rows(slot_filter: Q):
    return (
        WorkshopSlot.objects.filter(slot_filter)
        .with_places()
        .select_related("workshop", "space", "day")
        .annotate(
            waiting_count=Count(
                "booked_slots", filter=Q(booked_slots__status=SlotStatus.WAITING), distinct=True
            ),
            requested_count=Count(
                "booked_slots", filter=Q(booked_slots__status=SlotStatus.REQUESTED), distinct=True
            ),
        )
        .order_by("day__date", "starts_at", "space__position")
    )


@organizer_only()
def organizer_overview(request: HttpRequest) -> HttpResponse:
    edition = current_edition()
    slots = list(_slot_rows(Q(day__edition=edition)))
    for slot in slots:
        slot.fill_rate = round(100 * slot.pupils_taken / slot.capacity) if slot.capacity else 0
    totals = ClassBooking.objects.filter(edition=edition).aggregate(
        confirmed=Count("pk", filter=Q(status=BookingStatus.CONFIRMED)),
        held=Count("pk", filter=Q(status=BookingStatus.HELD)),
        schools=Count("school", filter=Q(status=BookingStatus.CONFIRMED), distinct=True),
    )
    leaders = sorted({slot.leader for slot in slots})
    return render(
        request,
        "schools/organizer_overview.html",
        {
            "edition": edition,
            "slots": slots,
            "totals": totals,
            "leaders": leaders,
            "settings": services.settings_for(edition),
        },
    )


def _slot_bookings(slot: WorkshopSlot):
    rows = (
        BookedSlot.objects.filter(slot=slot)
        .exclude(status=SlotStatus.CANCELLED)
        .select_related("booking__school")
        .order_by("status", "waiting_since", "draw_rank", "pk")
    )
    now = timezone.now()
    counting = [
        r
        for r in rows
        if r.pk in set(BookedSlot.objects.filter(slot=slot).taking_places(now).values_list("pk", flat=True))
    ]
    waiting = [r for r in rows if r.status == SlotStatus.WAITING]
    others = [r for r in rows if r not in counting and r not in waiting]
    return counting, waiting, others


@organizer_only()
def organizer_slot(request: HttpRequest, slot_id: int) -> HttpResponse:
    slot = get_object_or_404(_slot_rows(Q()), pk=slot_id)
    counting, waiting, others = _slot_bookings(slot)
    return render(
        request,
        "schools/organizer_slot.html",
        {"slot": slot, "counting": counting, "waiting": waiting, "others": others},
    )


def _sheet(slot: WorkshopSlot, rows: list) -> dict:
    return {
        "slot": slot,
        "rows": rows,
        "pupils": sum(r.booking.pupils for r in rows),
        "adults": sum(r.booking.adults for r in rows),
    }


@organizer_only()
def attendance_slot(request: HttpRequest, slot_id: int) -> HttpResponse:
    slot = get_object_or_404(WorkshopSlot.objects.select_related("workshop", "space", "day"), pk=slot_id)
    rows = (
        BookedSlot.objects.filter(
            slot=slot, status=SlotStatus.RESERVED, booking__status=BookingStatus.CONFIRMED
        )
        .select_related("booking__school")
        .order_by("booking__school__name", "booking__class_name")
    )
    sheets = [_sheet(slot, list(rows))]
    return render(request, "schools/attendance.html", {"sheets": sheets, "title": slot.workshop.title})


@organizer_only()
def attendance_leader(request: HttpRequest) -> HttpResponse:
    edition = current_edition()
    leader = request.GET.get("leader", "")
    slots = [
        s
        for s in WorkshopSlot.objects.filter(day__edition=edition).select_related("workshop", "space", "day")
        if s.leader == leader
    ]
    if not slots:
        raise Http404
    rows = (
        BookedSlot.objects.filter(
            slot__in=slots, status=SlotStatus.RESERVED, booking__status=BookingStatus.CONFIRMED
        )
        .select_related("booking__school")
        .order_by("booking__school__name", "booking__class_name")
    )
    by_slot: dict[int, list] = {s.pk: [] for s in slots}
    for row in rows:
        by_slot[row.slot_id].append(row)
    sheets = [_sheet(s, by_slot[s.pk]) for s in slots]
    return render(request, "schools/attendance.html", {"sheets": sheets, "title": leader})


@organizer_only("schools.add_classbooking")
def organizer_book(request: HttpRequest) -> HttpResponse:
    return book(request, staff=True)
