import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from talks.enums import ProposalState
from talks.models import Proposal, hash_token
from tests.talks.conftest import proposal_post

pytestmark = pytest.mark.django_db


def submit_url(language="fr"):
    with translation.override(language):
        return reverse("talks:submit")


def sent_link(mail) -> str:
    return re.search(r"http://\S+/talks/proposal/\S+/", mail.body).group(0)


def test_call_page_in_three_languages(client, call):
    for language, text in (
        ("fr", "Partagez ce que vous savez."),
        ("nl", "Deel wat je weet."),
        ("en", "Share"),
    ):
        with translation.override(language):
            response = client.get(reverse("talks:call"))
        assert text in response.content.decode()
    assert submit_url("en") in response.content.decode()


def test_home_and_programme_link_to_the_open_call(client, call):
    with translation.override("fr"):
        home = client.get(reverse("events:home")).content.decode()
        call_url = reverse("talks:call")
    assert call_url in home


def test_home_has_no_call_link_once_closed(client, call):
    call.closes_at = timezone.now() - dt.timedelta(minutes=1)
    call.opens_at = timezone.now() - dt.timedelta(days=2)
    call.save()
    with translation.override("fr"):
        home = client.get(reverse("events:home")).content.decode()
        assert reverse("talks:call") not in home


def test_submission_stores_the_proposal_and_mails_its_link_in_the_submitters_language(
    client, call, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit_url("fr"), proposal_post(call, **{"proposal-contact_language": "nl"}))
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/talks/proposal/")
    assert (proposal.title, proposal.state, proposal.contact_language) == (
        "Le jumeau numérique de Bruxelles",
        ProposalState.SUBMITTED,
        "nl",
    )
    assert [s.name for s in proposal.speakers.all()] == ["Ada Martin"]
    assert proposal.available_days.count() == 2
    assert [m.to for m in mailoutbox] == [["ada@example.org"]]
    assert "ontvangen" in mailoutbox[0].subject
    link = sent_link(mailoutbox[0])
    assert "/nl/talks/proposal/" in link
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert proposal.token_hash == hash_token(token)
    assert token not in proposal.token_hash


def test_two_speakers(client, call):
    data = proposal_post(call, **{"speakers-1-name": "Jan Peeters", "speakers-1-organisation": "VUB"})
    client.post(submit_url(), data)
    assert [s.name for s in Proposal.objects.get().speakers.all()] == ["Ada Martin", "Jan Peeters"]


def test_missing_speaker_is_explained_and_nothing_stored(client, call):
    response = client.post(submit_url(), proposal_post(call, **{"speakers-0-name": ""}))
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()
    assert Proposal.objects.count() == 0


def _png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 800), "red").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "me.png"
    return buffer


def test_photo_without_consent_is_refused(client, call):
    response = client.post(submit_url("en"), proposal_post(call, **{"speakers-0-photo": _png()}))
    assert "Tick this box to send the photo" in response.content.decode()
    assert Proposal.objects.count() == 0


def test_photo_with_consent_is_kept_resized(client, call):
    client.post(
        submit_url(), proposal_post(call, **{"speakers-0-photo": _png(), "speakers-0-photo_consent": "on"})
    )
    speaker = Proposal.objects.get().speakers.get()
    with speaker.photo.open() as stored, Image.open(stored) as image:
        assert (image.format, image.size) == ("JPEG", (600, 600))


def test_a_file_that_is_not_a_photo_is_refused(client, call):
    fake = io.BytesIO(b"%PDF-1.4 not an image")
    fake.name = "me.jpg"
    response = client.post(
        submit_url("en"), proposal_post(call, **{"speakers-0-photo": fake, "speakers-0-photo_consent": "on"})
    )
    assert "not an image we can read" in response.content.decode()
    assert Proposal.objects.count() == 0


def test_after_the_deadline_the_submission_is_refused_with_a_clear_message(client, call):
    call.opens_at = timezone.now() - dt.timedelta(days=5)
    call.closes_at = timezone.now() - dt.timedelta(seconds=1)
    call.save()
    response = client.post(submit_url("en"), proposal_post(call))
    assert response.status_code == 409
    assert "Nothing was sent or changed." in response.content.decode()
    assert Proposal.objects.count() == 0


def test_submissions_are_rate_limited(client, call, settings):
    settings.TALKS_SUBMIT_RATE_LIMIT = "2/3600"
    for _ in range(2):
        assert client.post(submit_url("en"), proposal_post(call)).status_code == 302
    response = client.post(submit_url("en"), proposal_post(call))
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert Proposal.objects.count() == 2
