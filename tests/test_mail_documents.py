"""Every mail's HTML part is a whole document in the recipient's language, whatever app sends it."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tickets.mail import render_templated_mail

TEMPLATES = Path(settings.BASE_DIR) / "templates"
MAILS = sorted(
    str(path.relative_to(TEMPLATES).with_suffix(""))
    for path in TEMPLATES.glob("*/mail/*.html")
    if not path.name.startswith("_")
)
DOCUMENT = re.compile(
    r'^<!DOCTYPE html>\n<html lang="(?P<lang>[a-z]{2})"><head><meta charset="utf-8">'
    r"<title>(?P<title>[^<]*\S[^<]*)</title></head>\n<body[^>]*>.*</body></html>\n?$",
    re.S,
)


def test_every_app_has_mails():
    assert {name.split("/")[0] for name in MAILS} == {"tickets", "schools", "exhibitors", "talks", "console"}


@pytest.mark.parametrize("language", ["fr", "nl"])
@pytest.mark.parametrize("template", MAILS)
def test_the_html_part_is_a_whole_document_with_its_language(template, language):
    context = {
        "organizer": settings.ORGANIZER,
        "people": 2,
        "entry": {"places": 2},
        "edition": {"name": "Printemps <numérique>"},
    }
    html = render_templated_mail(language=language, template=template, context=context).body_html
    match = DOCUMENT.match(html)
    assert match, html[:300]
    assert (match["lang"], html.count("<html"), html.count("<body")) == (language, 1, 1)
    assert "<numérique>" not in match["title"]  # the subject is escaped where it names what people typed


TYPED = 'R&D <chez> "nous"'


@pytest.mark.parametrize("template", MAILS)
def test_what_people_typed_is_plain_in_the_text_and_escaped_in_the_html(template):
    # The edition's name stands for any text people typed (a talk's title, a school's name).
    context = {
        "organizer": settings.ORGANIZER,
        "people": 2,
        "entry": {"places": 2},
        "edition": {"name": TYPED},
    }
    mail = render_templated_mail(language="fr", template=template, context=context)
    for plain in (mail.subject, mail.body_text):
        assert not {"&amp;", "&lt;", "&quot;"} & {
            entity for entity in ("&amp;", "&lt;", "&quot;") if entity in plain
        }
    assert "<chez>" not in mail.body_html


def test_a_typed_title_reads_as_typed_in_the_subject():
    mail = render_templated_mail(
        language="fr", template="talks/mail/proposal_received", context={"proposal": {"title": TYPED}}
    )
    assert TYPED in mail.subject
    assert "R&amp;D &lt;chez&gt;" in mail.body_html
