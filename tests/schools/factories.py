"""Factories for the schools tests: a school day (schools in the morning) with open bookings."""

import datetime as dt

import factory
from django.utils import timezone

from events.enums import DayAudience, SpaceKind
from schools.models import ClassBooking, School, SchoolSettings, Workshop, WorkshopSlot
from tests.factories import DayFactory, EditionFactory, SpaceFactory


class SchoolDayFactory(DayFactory):
    opens_at = dt.time(9)
    closes_at = dt.time(18)
    audience = DayAudience.SCHOOLS_THEN_PUBLIC
    public_from = dt.time(12)
    capacity = 1000


class SchoolSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolSettings
        django_get_or_create = ("edition",)

    edition = factory.SubFactory(EditionFactory)
    booking_opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    booking_deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    max_classes_per_school = 4
    pupils_per_adult_primary = 8
    pupils_per_adult_secondary = 15
    hold_minutes = 60
    # Roomy, so tests of other rules can book several classes from one test client; the limits on unconfirmed
    # bookings are tested with the model's defaults (tests/schools/test_pending_limits.py).
    max_pending_per_address = 50
    max_pending_per_email = 50
    travel_minutes = 10


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    edition = factory.SubFactory(EditionFactory)
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    title = factory.Sequence(lambda n: f"Workshop {n}")
    title_fr = factory.SelfAttribute("title")
    description = "Hands-on."
    description_fr = "Pratique."
    in_french = True
    in_dutch = True
    level_min = "P3"
    level_max = "S6"
    duration_minutes = 50
    max_pupils = 30
    leader_name = "Leader"


class WorkshopSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopSlot

    workshop = factory.SubFactory(WorkshopFactory)
    day = factory.SubFactory(SchoolDayFactory, edition=factory.SelfAttribute("..workshop.edition"))
    space = factory.SubFactory(
        SpaceFactory, edition=factory.SelfAttribute("..workshop.edition"), kind=SpaceKind.WORKSHOP_ROOM
    )
    starts_at = dt.time(9, 10)
    ends_at = dt.time(10, 0)
    capacity = 30
    language = "fr"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"École {n}")
    address = "Rue de la Loi 1"
    postal_code = "1000"
    network = "fr"


class ClassBookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClassBooking

    edition = factory.SelfAttribute("day.edition")
    day = factory.SubFactory(SchoolDayFactory)
    school = factory.SubFactory(SchoolFactory)
    teacher_name = "Anne Prof"
    teacher_email = "anne@example.org"
    teacher_mobile = "+32470000000"
    class_name = "5A"
    level = "P5"
    pupils = 20
    adults = 3
    status = "held"
    hold_expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=1))
