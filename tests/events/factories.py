"""Factories for the programme: a session is published, 10:00–11:00 on its day, in a space of its edition."""

import datetime as dt

import factory

from events.enums import SessionKind
from events.models import Session, Speaker
from tests.factories import DayFactory, SpaceFactory


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    slug = factory.Sequence(lambda n: f"speaker-{n}")
    name = factory.Sequence(lambda n: f"Speaker {n}")
    organisation = "Example organisation"
    bio_fr = "Bio en français."
    bio_nl = "Bio in het Nederlands."
    bio_en = "Bio in English."


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    day = factory.SubFactory(DayFactory)
    space = factory.SubFactory(SpaceFactory, edition=factory.SelfAttribute("..day.edition"))
    kind = SessionKind.TALK
    title_fr = factory.Sequence(lambda n: f"Séance {n}")
    title_nl = factory.Sequence(lambda n: f"Sessie {n}")
    title_en = factory.Sequence(lambda n: f"Session {n}")
    description_fr = "Description en français."
    description_nl = "Beschrijving in het Nederlands."
    description_en = "Description in English."
    starts_at = factory.LazyAttribute(lambda o: o.day.at(dt.time(10)))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1))
    is_published = True
