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
