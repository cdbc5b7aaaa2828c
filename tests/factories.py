"""factory_boy factories shared by every app's tests: one public day, registration open."""

import datetime as dt

import factory
from django.utils import timezone

from events.enums import DayAudience, SpaceKind
from events.models import ArrivalWindow, Day, Edition, Space, Theme


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    slug = factory.Sequence(lambda n: f"edition-{n}")
    name = factory.Sequence(lambda n: f"Edition {n}")
    name_fr = factory.SelfAttribute("name")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=1))
    venue_name = "Tour & Taxis"
    venue_address = "Avenue du Port 86C, 1000 Bruxelles"
    registration_opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    registration_closes_at = factory.LazyAttribute(
        lambda o: dt.datetime.combine(o.ends_on, dt.time(12), tzinfo=timezone.get_current_timezone())
    )
    is_published = True


class DayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Day

    edition = factory.SubFactory(EditionFactory)
    date = factory.SelfAttribute("edition.starts_on")
    opens_at = dt.time(10)
    closes_at = dt.time(18)
    audience = DayAudience.PUBLIC
    capacity = 100


class ArrivalWindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArrivalWindow

    day = factory.SubFactory(DayFactory)
    starts_at = dt.time(10)
    ends_at = dt.time(12)
    capacity = 50


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    edition = factory.SubFactory(EditionFactory)
    slug = factory.Sequence(lambda n: f"space-{n}")
    name = factory.Sequence(lambda n: f"Space {n}")
    name_fr = factory.SelfAttribute("name")
    kind = SpaceKind.STAGE
    capacity = 200


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.Sequence(lambda n: f"Theme {n}")
    name_fr = factory.SelfAttribute("name")


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.Registration"

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Visitor {n}")
    email = factory.Sequence(lambda n: f"visitor{n}@example.org")
    language = "fr"


class TicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.Ticket"

    day = factory.SubFactory(DayFactory)
    edition = factory.SelfAttribute("day.edition")
    registration = factory.SubFactory(RegistrationFactory, edition=factory.SelfAttribute("..edition"))
    kind = "visitor"
    holder_name = factory.SelfAttribute("registration.name")
