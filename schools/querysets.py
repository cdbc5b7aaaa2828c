"""How the schools models are queried: places taken in a slot, active bookings, an edition's settings.

A BookedSlot counts against its slot's capacity while it is RESERVED (and its booking confirmed, or held
and the hold not yet expired) or OFFERED (and the offer not yet expired): `BookedSlotQuerySet.taking_places`.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from .enums import BookingStatus, SlotStatus


class SchoolSettingsManager(models.Manager):
    def for_edition(self, edition):
        """The edition's school settings, created with sensible defaults the first time: bookings close at
        noon a week before the fair and open with the visitors' registrations (a day before at the latest)."""
        try:
            return edition.school_settings
        except self.model.DoesNotExist:
            pass
        tz = timezone.get_current_timezone()
        deadline = dt.datetime.combine(edition.starts_on - dt.timedelta(days=7), dt.time(12), tzinfo=tz)
        opens = min(edition.registration_opens_at, deadline - dt.timedelta(days=1))
        school_settings, _created = self.get_or_create(
            edition=edition, defaults={"booking_opens_at": opens, "booking_deadline": deadline}
        )
        return school_settings


class WorkshopSlotQuerySet(models.QuerySet):
    def with_places(self, at: dt.datetime | None = None) -> WorkshopSlotQuerySet:
        """Annotate `pupils_taken` and `places_left` (in pupils), held and offered places included."""
        booked_slot = self.model._meta.get_field("booked_slots").related_model
        taken = (
            booked_slot.objects.filter(slot=models.OuterRef("pk"))
            .taking_places(at)
            .order_by()
            .values("slot")
            .annotate(total=Sum("booking__pupils"))
            .values("total")
        )
        return self.annotate(
            pupils_taken=Coalesce(models.Subquery(taken), 0),
            places_left=F("capacity") - Coalesce(models.Subquery(taken), 0),
        )

    def for_level(self, level: str) -> WorkshopSlotQuerySet:
        return self.filter(workshop__level_min__lte=level, workshop__level_max__gte=level)

    def bookable(self) -> WorkshopSlotQuerySet:
        return self.filter(is_open=True)


class ClassBookingQuerySet(models.QuerySet):
    def active(self) -> ClassBookingQuerySet:
        return self.filter(status__in=[BookingStatus.HELD, BookingStatus.CONFIRMED])

    def pending(self, at: dt.datetime) -> ClassBookingQuerySet:
        """Waiting for the teacher's confirmation at `at`, hold not yet run out."""
        return self.filter(status=BookingStatus.HELD, hold_expires_at__gt=at)


class BookedSlotQuerySet(models.QuerySet):
    def taking_places(self, at: dt.datetime | None = None) -> BookedSlotQuerySet:
        """The rows that count against a slot's capacity at `at` (now by default)."""
        at = at or timezone.now()
        reserved = Q(status=SlotStatus.RESERVED) & (
            Q(booking__status=BookingStatus.CONFIRMED)
            | Q(booking__status=BookingStatus.HELD, booking__hold_expires_at__gt=at)
        )
        offered = Q(
            status=SlotStatus.OFFERED, offer_expires_at__gt=at, booking__status=BookingStatus.CONFIRMED
        )
        return self.filter(reserved | offered)

    def pupils(self) -> int:
        return self.aggregate(total=Sum("booking__pupils"))["total"] or 0

    def waiting(self) -> BookedSlotQuerySet:
        return self.filter(status=SlotStatus.WAITING).order_by("waiting_since", "pk")
