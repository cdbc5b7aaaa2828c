import pytest

from talks.enums import ProposalState
from talks.models import Proposal
from tests.talks.factories import ProposalFactory, ProposalSpeakerFactory
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
