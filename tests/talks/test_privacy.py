import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from talks.enums import ProposalState
from talks.models import Proposal
from tests.factories import EditionFactory
from tests.talks.factories import CallFactory, ProposalFactory, ProposalSpeakerFactory
from tickets.models import OutgoingMail
from tickets.privacy import anonymize_edition

pytestmark = pytest.mark.django_db


def test_rejected_and_withdrawn_proposals_are_erased_with_the_edition(call):
    kept = ProposalFactory(call=call, state=ProposalState.CONFIRMED, accessibility_needs="Wheelchair")
    ProposalSpeakerFactory(proposal=kept, name="Ada Martin")
    gone = [
        ProposalFactory(call=call, state=state) for state in (ProposalState.REJECTED, ProposalState.WITHDRAWN)
    ]
    for proposal in gone:
        ProposalSpeakerFactory(proposal=proposal, name="Bert Janssens")
        OutgoingMail.objects.create(to=proposal.contact_email, subject="x", body_text="x")

    counts = anonymize_edition(edition=call.edition)

    assert counts["proposals"] == 2
    for proposal in gone:
        proposal.refresh_from_db()
        assert (proposal.title, proposal.contact_email, proposal.anonymized_at is not None) == ("", "", True)
        assert list(proposal.speakers.values_list("name", "bio")) == [("", "")]
    assert OutgoingMail.objects.count() == 0
    kept.refresh_from_db()
    assert (kept.speakers.get().name, kept.accessibility_needs) == ("Ada Martin", "")
    assert Proposal.objects.filter(call=call).count() == 3


def test_an_edition_with_proposals_but_no_registration_is_still_anonymized(settings):
    settings.TICKETS_ANONYMIZE_AFTER_DAYS = 30
    today, now = timezone.localdate(), timezone.now()
    edition = EditionFactory(
        starts_on=today - dt.timedelta(days=41),
        ends_on=today - dt.timedelta(days=40),
        registration_opens_at=now - dt.timedelta(days=100),
        registration_closes_at=now - dt.timedelta(days=41),
    )
    call = CallFactory(
        edition=edition, opens_at=now - dt.timedelta(days=120), closes_at=now - dt.timedelta(days=90)
    )
    rejected = ProposalFactory(call=call, state=ProposalState.REJECTED)
    ProposalSpeakerFactory(proposal=rejected, name="Bert Janssens")

    out = StringIO()
    call_command("anonymize_edition", stdout=out)

    rejected.refresh_from_db()
    assert (rejected.contact_email, rejected.anonymized_at is not None) == ("", True)
    assert f"{edition.slug}: anonymized" in out.getvalue()
    again = StringIO()
    call_command("anonymize_edition", stdout=again)
    assert "nothing to anonymize" in again.getvalue()
