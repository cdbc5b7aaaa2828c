"""Uploaded files that are not images are refused, whatever their name and declared type: the exhibitor's
logo (portal) and the speaker's photo (back office). A real image, as a control, is accepted."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from events.forms import SpeakerAdminForm
from events.models import Speaker
from exhibitors.models import ExhibitorLogo
from exhibitors.services import portal_url, regenerate_portal_token
from tests.exhibitors.factories import ExhibitorFactory

pytestmark = pytest.mark.django_db


def png(size=(200, 120)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 80)).save(buffer, "PNG")
    return buffer.getvalue()


SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HOSTILE_FILES = {
    "text named .png": ("logo.png", b"just some text, not pixels", "image/png"),
    "svg with a script": ("logo.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
    "svg named .png": ("logo.png", SVG_WITH_SCRIPT, "image/png"),
    "html": ("logo.html", b"<html><body><script>alert(1)</script></body></html>", "text/html"),
    "pdf": ("logo.pdf", b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF", "application/pdf"),
    "truncated png": ("logo.png", png()[:60], "image/png"),
    "gif header then script": ("logo.gif", b"GIF89a/*\x00\x00*/=alert(1);", "image/gif"),
    "empty": ("logo.png", b"", "image/png"),
}


def upload(name: str) -> SimpleUploadedFile:
    filename, content, content_type = HOSTILE_FILES[name]
    return SimpleUploadedFile(filename, content, content_type=content_type)


@pytest.fixture
def portal():
    exhibitor = ExhibitorFactory()
    token = regenerate_portal_token(exhibitor=exhibitor)
    return exhibitor, portal_url(token=token, language="fr", absolute=False) + "logo/"


@pytest.mark.parametrize("name", list(HOSTILE_FILES))
def test_exhibitor_logo_that_is_not_an_image_is_refused(portal, name):
    exhibitor, url = portal
    response = Client().post(url, {"logo-logo": upload(name)})
    assert response.status_code == 200  # the form again, with the message next to the field
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert ExhibitorLogo.objects.filter(exhibitor=exhibitor).count() == 0


def test_exhibitor_logo_that_is_an_image_is_accepted(portal):
    exhibitor, url = portal
    response = Client().post(
        url, {"logo-logo": SimpleUploadedFile("logo.png", png(), content_type="image/png")}
    )
    assert response.status_code == 302
    assert ExhibitorLogo.objects.filter(exhibitor=exhibitor).count() == 1


def speaker_form(photo) -> SpeakerAdminForm:
    return SpeakerAdminForm(data={"slug": "ada", "name": "Ada Lovelace"}, files={"photo": photo})


@pytest.mark.parametrize("name", list(HOSTILE_FILES))
def test_speaker_photo_that_is_not_an_image_is_refused(name):
    form = speaker_form(upload(name))
    assert not form.is_valid()
    assert list(form.errors) == ["photo"]
    assert Speaker.objects.count() == 0


def test_speaker_photo_that_is_an_image_is_accepted():
    form = speaker_form(SimpleUploadedFile("ada.png", png((800, 800)), content_type="image/png"))
    assert form.is_valid(), form.errors
