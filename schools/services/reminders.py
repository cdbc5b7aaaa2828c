"""The reminder mailed to each confirmed class a few days before its visit."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ..enums import BookingStatus, SlotStatus
from ..models import ClassBooking
from .mail import mail_booking
from .places import settings_for


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
            if mail_booking(locked, "reminder", dedupe_key=f"schools:reminder:{locked.pk}:{locked.day.date}"):
                sent += 1
            locked.reminded_at = timezone.now()
            locked.save(update_fields=["reminded_at"])
    return sent
