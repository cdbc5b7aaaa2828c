import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from talks.enums import ProposalState
from talks.exceptions import SlidesRefused
from talks.models import Slide
from talks.services.slides import upload_slides
from talks.services.submission import regenerate_token
from tests.talks.factories import ProposalFactory, ProposalSpeakerFactory
from tests.talks.slide_files import image_file, images, pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def talk(call):
    proposal = ProposalFactory(call=call, state=ProposalState.CONFIRMED)
    ProposalSpeakerFactory(proposal=proposal, name="Ada Martin")
    return proposal


def test_twenty_images_make_the_deck_in_order(talk):
    assert upload_slides(proposal=talk, files=images(20)) == 20
    slides = list(Slide.objects.filter(proposal=talk))
    assert [s.position for s in slides] == list(range(1, 21))
    with slides[0].image.open() as stored, Image.open(stored) as image:
        assert (image.format, image.size) == ("WEBP", (1600, 900))


def test_a_pdf_of_twenty_pages_is_split_into_twenty_slides(talk):
    upload_slides(proposal=talk, files=[pdf_file(20)])
    assert Slide.objects.filter(proposal=talk).count() == 20


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (lambda: images(19), "You sent 19 images: a Pecha Kucha has exactly 20 slides."),
        (lambda: images(21), "You sent 21 images"),
        (lambda: [pdf_file(21)], "This PDF has 21 pages: a Pecha Kucha has exactly 20 slides."),
        (lambda: [SimpleUploadedFile("notes.txt", b"hello")] * 20, "is not an image or a PDF we can read"),
        (lambda: [*images(19), image_file("square.png", (1000, 1000))], "slides must be landscape"),
    ],
)
def test_bad_decks_are_refused_and_change_nothing(talk, files, message):
    upload_slides(proposal=talk, files=images(20))
    before = list(Slide.objects.filter(proposal=talk).values_list("pk", flat=True))
    with translation.override("en"), pytest.raises(SlidesRefused, match=message):
        upload_slides(proposal=talk, files=files())
    assert list(Slide.objects.filter(proposal=talk).values_list("pk", flat=True)) == before


def test_after_the_slides_deadline_nothing_is_accepted(talk):
    talk.call.slides_due_at = timezone.now() - dt.timedelta(minutes=1)
    talk.call.save()
    with translation.override("en"), pytest.raises(SlidesRefused, match="can no longer be sent"):
        upload_slides(proposal=talk, files=images(20))


def test_a_300_mb_upload_is_refused_before_it_is_read(client, talk):
    token = regenerate_token(proposal=talk)
    with translation.override("en"):
        url = reverse("talks:slides-upload", kwargs={"token": token})
    response = client.post(
        url,
        data=b"x" * 10,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "larger than 80 MB" in response.content.decode()
    assert Slide.objects.filter(proposal=talk).count() == 0


def test_the_speaker_uploads_through_the_page_and_previews(client, talk):
    token = regenerate_token(proposal=talk)
    with translation.override("en"):
        upload = reverse("talks:slides-upload", kwargs={"token": token})
        preview = reverse("talks:slides-preview", kwargs={"token": token})
    response = client.post(upload, {"files": [pdf_file(20)]}, follow=True)
    assert "Your 20 slides are saved." in response.content.decode()
    page = client.get(preview).content.decode()
    assert page.count(f"/en/talks/proposal/{token}/slides/") == 20
    image = client.get(f"/en/talks/proposal/{token}/slides/20.webp")
    assert (image.status_code, image["Content-Type"]) == (200, "image/webp")


def test_a_bad_upload_through_the_page_is_explained(client, talk):
    token = regenerate_token(proposal=talk)
    with translation.override("en"):
        upload = reverse("talks:slides-upload", kwargs={"token": token})
    response = client.post(upload, {"files": [pdf_file(19)]})
    assert "This PDF has 19 pages" in response.content.decode()


def test_organizers_see_who_has_not_uploaded(client, call, talk):
    from django.contrib.auth.models import User

    ready = ProposalFactory(call=call, state=ProposalState.CONFIRMED, title="Ready deck")
    upload_slides(proposal=ready, files=images(20))
    client.force_login(User.objects.create_superuser("org", password="x"))
    with translation.override("en"):
        page = client.get(reverse("talks:slides-missing")).content.decode()
    assert "1 talk has no complete deck yet." in page


def test_the_missing_slides_list_costs_the_same_queries_for_2_or_12_talks(client, call, page_queries):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("org", password="x"))
    deck = images(20, size=(320, 180))

    def talks(count: int) -> None:
        for index in range(count):
            proposal = ProposalFactory(call=call, state=ProposalState.CONFIRMED)
            ProposalSpeakerFactory(proposal=proposal)
            ProposalSpeakerFactory(proposal=proposal)
            if index % 2 == 0:
                upload_slides(proposal=proposal, files=[file.open() for file in deck])

    talks(2)
    with translation.override("en"):
        listing = reverse("talks:slides-missing")
    small, _page = page_queries(listing)
    talks(10)
    large, page = page_queries(listing)
    assert "6 talks have no complete deck yet." in page
    assert large == small
