"""The programme's cards written in Python (events/cards.py) are what `events/_session_card.html` renders,
card by card, on the demo programme and on awkward content."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.template.loader import get_template
from django.test import RequestFactory
from django.utils import translation

from events.agenda import StarredSessions
from events.cards import for_timeline, timeline_cards
from events.enums import SessionAudience, SessionStatus
from events.models import Day, Session
from events.views import _timeline
from tests.events.factories import SessionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"[A-Za-z0-9]{64}")  # each CSRF token is masked anew


def template_cards(request, items, *, starred, read_only: bool) -> str:
    template = get_template("events/_session_card.html")
    context = {"starred": starred, "read_only": read_only}
    return "".join(
        template.render(context | {"item": item, "session": item.session}, request) for item in items
    )


def compare(day: Day, language: str, *, starred_ids=(), read_only=False) -> int:
    sessions = list(for_timeline(Session.objects.published().filter(day=day)))
    _spaces, items, _hours, _rows = _timeline(day, sessions)
    with translation.override(language):
        request = RequestFactory().get(f"/{language}/programme/?theme=x&q=<b>")
        starred = StarredSessions(session_ids=list(starred_ids), token="")
        expected = template_cards(request, items, starred=starred, read_only=read_only)
        written = timeline_cards(request, items, starred_ids=set(starred_ids), read_only=read_only)
    assert TOKEN.sub("token", written) == TOKEN.sub("token", expected)
    return len(items)


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_demo_programme_cards_are_the_template_s(language):
    call_command("load_demo", stdout=StringIO())
    cards = 0
    for day in Day.objects.filter(sessions__isnull=False).distinct():
        starred = list(day.sessions.values_list("public_id", flat=True)[:3])
        cards += compare(day, language, starred_ids=starred)
        compare(day, language, read_only=True)
    assert cards > 50


def test_awkward_content_is_escaped_as_the_template_does():
    session = SessionFactory(
        title_fr='<script>"Café" & l\'été</script>',
        audience=SessionAudience.YOUNG,
        step_free=True,
        subtitles=True,
    )
    session.speakers.add(SpeakerFactory(name='Ada <Lovelace> & "Co"'), SpeakerFactory(name="Zoé d'Ixelles"))
    SessionFactory(
        day=session.day, space=session.space, starts_at=session.ends_at, status=SessionStatus.CANCELLED
    )
    for language in ("fr", "nl", "en"):
        assert compare(session.day, language, starred_ids=[session.public_id]) == 2
