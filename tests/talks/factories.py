"""Factories for the talks tests: a call open now, proposals with one speaker."""

import datetime as dt

import factory
from django.utils import timezone

from talks.enums import MailLanguage, ProposalFormat, TalkLanguage
from talks.models import Call, Criterion, Proposal, ProposalSpeaker
from tests.factories import EditionFactory


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    edition = factory.SubFactory(EditionFactory)
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    text = "Share what you know."
    text_fr = "Partagez ce que vous savez."
    text_nl = "Deel wat je weet."
    text_en = "Share what you know."


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    call = factory.SubFactory(CallFactory)
    title = factory.Sequence(lambda n: f"Digital twins {n}")
    abstract = "How a city's digital twin helps."
    format = ProposalFormat.PECHA_KUCHA
    language = TalkLanguage.FR
    contact_email = factory.Sequence(lambda n: f"speaker{n}@example.org")
    contact_language = MailLanguage.FR


class ProposalSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalSpeaker

    proposal = factory.SubFactory(ProposalFactory)
    name = factory.Sequence(lambda n: f"Speaker {n}")
    organisation = "Urban Lab"
    bio = "Works on digital twins."


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    call = factory.SubFactory(CallFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    name_fr = factory.SelfAttribute("name")
