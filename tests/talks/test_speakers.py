import pytest
from django.urls import reverse
from django.utils import translation

from talks.enums import ProposalState
from talks.services.submission import regenerate_token
from tests.talks.factories import ProposalFactory, ProposalSpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(call):
    proposal = ProposalFactory(call=call, state=ProposalState.ACCEPTED)
    ProposalSpeakerFactory(proposal=proposal, name="Ada Martin")
    return proposal


def url(name, token, language="en"):
    with translation.override(language):
        return reverse(name, kwargs={"token": token})


def test_accepted_speaker_confirms_on_the_proposal_page(client, accepted):
    token = regenerate_token(proposal=accepted)
    page = client.get(url("talks:proposal", token)).content.decode()
    assert "I confirm my talk" in page
    response = client.post(url("talks:proposal-answer", token), {"answer": "confirm"}, follow=True)
    accepted.refresh_from_db()
    assert accepted.state == ProposalState.CONFIRMED
    assert "not scheduled your talk yet" in response.content.decode()


def test_declining_frees_the_place_and_a_second_answer_changes_nothing(client, accepted):
    token = regenerate_token(proposal=accepted)
    client.post(url("talks:proposal-answer", token), {"answer": "decline"})
    response = client.post(url("talks:proposal-answer", token), {"answer": "confirm"}, follow=True)
    accepted.refresh_from_db()
    assert accepted.state == ProposalState.DECLINED
    assert "Only an accepted proposal can be confirmed or declined." in response.content.decode()


def test_speaker_completes_the_profile(client, accepted):
    token = regenerate_token(proposal=accepted)
    speaker = accepted.speakers.get()
    data = {
        "speakers-TOTAL_FORMS": "2",
        "speakers-INITIAL_FORMS": "1",
        "speakers-0-id": str(speaker.pk),
        "speakers-0-name": "Ada Martin-Peeters",
        "speakers-0-organisation": "Brussels Urban Lab",
        "speakers-0-bio": "Urbaniste et modélisatrice.",
    }
    client.post(url("talks:proposal-profile", token), data)
    speaker.refresh_from_db()
    assert (speaker.name, speaker.organisation) == ("Ada Martin-Peeters", "Brussels Urban Lab")


def test_a_submitted_proposal_is_edited_then_withdrawn(client, call):
    proposal = ProposalFactory(call=call)
    speaker = ProposalSpeakerFactory(proposal=proposal)
    token = regenerate_token(proposal=proposal)
    from tests.talks.conftest import proposal_post

    data = proposal_post(
        call,
        **{
            "proposal-title": "A better title",
            "speakers-INITIAL_FORMS": "1",
            "speakers-TOTAL_FORMS": "2",
            "speakers-0-id": str(speaker.pk),
        },
    )
    client.post(url("talks:proposal-edit", token), data)
    proposal.refresh_from_db()
    assert proposal.title == "A better title"
    client.post(url("talks:proposal-withdraw", token))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN


def test_unknown_link_is_a_clear_404(client):
    response = client.get(url("talks:proposal", "nope"))
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
