"""School levels in the reader's codes: P3 in French and English, L3 (lager) in Dutch, on the catalogue, in
refusals and in the mails; the stored code stays P3 (docs/glossary-nl.md)."""

import pytest
from django.urls import reverse
from django.utils import translation

from schools import services
from schools.enums import level_code
from tests.schools.conftest import class_data, school_data
from tickets.models import OutgoingMail

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "codes"),
    [("fr", ["P3", "P6", "S2"]), ("nl", ["L3", "L6", "S2"]), ("en", ["P3", "P6", "S2"])],
)
def test_level_codes_in_each_language(language, codes):
    with translation.override(language):
        assert [level_code(level) for level in ("P3", "P6", "S2")] == codes


def test_the_dutch_catalogue_shows_the_dutch_codes(client, make_workshop, make_slot):
    workshop = make_workshop(level_min="P3", level_max="P6")
    make_slot(workshop=workshop)
    with translation.override("nl"):
        page = client.get(reverse("schools:catalogue")).content.decode()
    assert "L3–L6" in page
    assert "P3–P6" not in page


@pytest.mark.parametrize(("language", "code"), [("fr", "(P5)"), ("nl", "(L5)")])
def test_the_booking_mail_names_the_level_in_the_teachers_codes(slot, language, code):
    services.book_class(
        school=school_data(), klass=class_data(language=language), slots=[slot], staff=False, waitlist=False
    )
    mail = OutgoingMail.objects.get()
    assert (f"5A {code}" in mail.body_text, f"5A</strong> {code}" in mail.body_html) == (True, True)
