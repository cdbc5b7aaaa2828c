"""The feeds' events written directly (events/ical_text.py, events.ical.EventWriter) are byte for byte what
the icalendar package wrote for them before: `reference_calendar` below is the former build_calendar."""

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone, translation

from events import ical, ical_text
from events.enums import SessionStatus
from events.models import Session
from tests.events.factories import SessionFactory, SpeakerFactory
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def reference_calendar(sessions, *, name: str, language: str) -> bytes:
    """The calendar as icalendar built it (the implementation this module's writer replaced)."""
    from icalendar import Calendar, Event, vCalAddress, vText

    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", ical.PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        calendar.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT6H")
        tz = timezone.get_default_timezone()
        sessions = list(sessions)
        if sessions:
            calendar.add_component(ical.vtimezone(settings.TIME_ZONE, sessions[0].starts_at.year))
        for session in sessions:
            edition = session.day.edition
            event = Event()
            event.add("uid", session.ical_uid)
            changed = session.last_modified.astimezone(dt.UTC).replace(microsecond=0)
            event.add("dtstamp", changed)
            event.add("last-modified", changed)
            event.add("created", session.created_at.astimezone(dt.UTC).replace(microsecond=0))
            event.add("sequence", session.sequence)
            event.add("dtstart", session.starts_at.astimezone(tz))
            event.add("dtend", session.ends_at.astimezone(tz))
            event.add("summary", session.title)
            event.add("description", ical.session_description(session))
            event.add("location", f"{session.space.name}, {edition.venue_name}, {edition.venue_address}")
            event.add("url", ical.session_url(session), parameters={"VALUE": "URI"})
            event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
            event.add("transp", "TRANSPARENT" if session.is_cancelled else "OPAQUE")
            event.add("categories", [session.get_kind_display(), *(t.name for t in session.themes.all())])
            organizer = vCalAddress(f"mailto:{settings.ORGANIZER['email']}")
            organizer.params["cn"] = vText(settings.ORGANIZER["name"])
            event.add("organizer", organizer)
            calendar.add_component(event)
    return calendar.to_ical()


def listing():
    return list(Session.objects.published().for_listing())


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_demo_programme_is_written_as_icalendar_wrote_it(language):
    call_command("load_demo", stdout=StringIO())
    sessions = listing()
    assert len(sessions) > 50
    name = "Printemps Numérique – programme"
    assert ical.build_calendar(sessions, name=name, language=language) == reference_calendar(
        sessions, name=name, language=language
    )


def test_awkward_texts_are_escaped_and_folded_as_icalendar_did():
    session = SessionFactory(
        title_fr="Café, crème; et \\ barre oblique ^ chapeau " + "é" * 40 + "\\,",
        description_fr="Ligne 1\nLigne 2\r\nLigne 3 " + "ü" * 37 + "^" + "x" * 30,
        status=SessionStatus.CANCELLED,
    )
    session.speakers.add(SpeakerFactory(name="Ada; Lovelace", organisation="Analytical, Engines"))
    session.themes.add(ThemeFactory(slug="ia", name="IA, données; éthique"))
    SessionFactory(
        day=session.day,
        space=session.space,
        starts_at=session.ends_at,
        ends_at=session.ends_at + dt.timedelta(hours=1),
    )
    for language in ("fr", "nl", "en"):
        sessions = listing()
        assert ical.build_calendar(sessions, name="A, b; c", language=language) == reference_calendar(
            sessions, name="A, b; c", language=language
        )


def test_an_empty_calendar_is_unchanged():
    assert ical.build_calendar([], name="Vide", language="fr") == reference_calendar(
        [], name="Vide", language="fr"
    )


@pytest.mark.parametrize(
    "text",
    ["a" * 200, "é" * 100, "x" * 73 + "é" + "y" * 80, "a" * 73 + "\\n" + "b" * 90, "€" * 30 + "^" * 60, ""],
)
def test_folding_matches_icalendar(text):
    from icalendar.parser.string import _foldline

    line = f"DESCRIPTION:{text}"
    assert ical_text.fold(line) == _foldline(line)
