"""Nothing a visitor types prints as an empty box: characters no installed font can draw are left out of
every PDF (tickets, badges, school schedules), the rest of the text is kept."""

import pytest
import weasyprint

from tickets import pdf, services
from tickets.documents import tickets_pdf

pytestmark = pytest.mark.django_db

PARTY = "\U0001f389"  # an emoji: no font on a server without an emoji font
HAN = "王"


@pytest.fixture
def fonts_without_emoji():
    covered = pdf.drawable_characters()
    if not covered:
        pytest.skip("no font readable on this machine")
    if ord(PARTY) in covered or ord(HAN) in covered:
        pytest.skip("an installed font draws these characters: nothing to leave out")
    return covered


def test_characters_no_font_has_are_left_out_and_the_rest_kept(fonts_without_emoji):
    assert pdf.printable(f"Ana {PARTY} López {HAN}\nŠárka Žukova – «Élodie»") == (
        "Ana  López \nŠárka Žukova – «Élodie»"
    )


def test_what_is_kept_is_drawable(fonts_without_emoji):
    kept = pdf.printable(f"{PARTY}{HAN}Ωж€→✓½ﬁ")
    assert all(ord(char) < 128 or ord(char) in fonts_without_emoji for char in kept)
    assert kept.startswith("Ωж€")


def test_the_ticket_pdf_of_a_visitor_named_with_an_emoji_is_drawn_without_it(
    fonts_without_emoji, edition, saturday, monkeypatch
):
    drawn = []
    real_html = weasyprint.HTML

    def recording_html(*, string, base_url):
        drawn.append(string)
        return real_html(string=string, base_url=base_url)

    monkeypatch.setattr(weasyprint, "HTML", recording_html)
    registration = services.register(
        edition=edition, days=[saturday], name=f"Ana {PARTY} López", email="ana@example.org", language="fr"
    )

    assert tickets_pdf(registration=registration, tickets=list(registration.tickets.all()))[:5] == b"%PDF-"
    assert "Ana  López" in drawn[0]
    assert PARTY not in drawn[0]
