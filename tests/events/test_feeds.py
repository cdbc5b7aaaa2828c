"""iCal feeds (parsed back with icalendar and with the strict `ical` parser), ETag/304, frab exports."""

import datetime as dt
import json
from xml.etree import ElementTree as ET

import icalendar
import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.http import http_date, parse_http_date
from ical.calendar_stream import IcsCalendarStream

from core import caching
from core.content_areas import version_key
from events.enums import SessionStatus
from events.models import Agenda, Session
from events.services import cancel_session, feed_key_for, reschedule_session, save_agenda
from tests.events.factories import SessionFactory, SpeakerFactory
from tests.factories import SpaceFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def parse(body: bytes) -> icalendar.Calendar:
    IcsCalendarStream.calendar_from_ics(body.decode())  # the strict RFC 5545 parser must accept it
    return icalendar.Calendar.from_ical(body)


def events_of(calendar: icalendar.Calendar) -> list:
    return [c for c in calendar.walk("VEVENT")]


@pytest.fixture
def session():
    s = SessionFactory(title_fr="Jumeau numérique", title_nl="Digitale tweeling", title_en="Digital twin")
    s.speakers.add(SpeakerFactory(name="Ada Peeters"))
    return s


def test_programme_ics_has_every_field(client, session):
    response = client.get("/programme.ics?lang=nl")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = parse(response.content)
    (event,) = events_of(calendar)
    assert str(event["uid"]) == f"{session.uid}@printemps-numerique.brussels"
    assert str(event["summary"]) == "Digitale tweeling"
    assert event["sequence"] == 0
    assert event["dtstamp"].dt == session.last_modified.replace(microsecond=0)
    assert event["last-modified"].dt == session.last_modified.replace(microsecond=0)
    assert event["dtstart"].dt == session.starts_at
    assert event["dtstart"].params["TZID"] == "Europe/Brussels"
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["location"]) == f"{session.space.name}, Tour & Taxis, Avenue du Port 86C, 1000 Bruxelles"
    assert str(event["url"]) == f"http://testserver/nl/programme/sessions/{session.public_id}/".replace(
        "http://testserver", "http://127.0.0.1:8000"
    )
    assert "Ada Peeters" in str(event["description"])
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert str(vtimezone["tzid"]) == "Europe/Brussels"


def test_language_follows_the_url_prefix(client, session):
    (event,) = events_of(parse(client.get("/en/programme.ics").content))
    assert str(event["summary"]) == "Digital twin"


def test_language_follows_accept_language(client, session):
    (event,) = events_of(parse(client.get("/programme.ics", HTTP_ACCEPT_LANGUAGE="nl").content))
    assert str(event["summary"]) == "Digitale tweeling"


def test_rescheduling_bumps_sequence_keeps_uid_and_changes_the_etag(client, session):
    first = client.get("/programme.ics?lang=fr")
    (before,) = events_of(parse(first.content))
    reschedule_session(
        session=session,
        starts_at=session.starts_at + dt.timedelta(hours=1),
        ends_at=session.ends_at + dt.timedelta(hours=1),
    )
    second = client.get("/programme.ics?lang=fr")
    (after,) = events_of(parse(second.content))
    assert str(after["uid"]) == str(before["uid"])
    assert (before["sequence"], after["sequence"]) == (0, 1)
    assert after["dtstart"].dt == session.starts_at
    assert first["ETag"] != second["ETag"]


def test_cancelled_session_stays_in_the_feed_as_cancelled(client, session):
    cancel_session(session=session)
    (event,) = events_of(parse(client.get("/programme.ics").content))
    assert (str(event["status"]), event["sequence"]) == ("CANCELLED", 1)


def test_unpublished_sessions_are_not_in_feeds(client, session):
    SessionFactory(day=session.day, space=SpaceFactory(edition=session.day.edition), is_published=False)
    assert len(events_of(parse(client.get("/programme.ics").content))) == 1


def test_etag_and_last_modified_answer_304(client, session):
    first = client.get("/programme.ics?lang=fr")
    assert first["Last-Modified"]
    again = client.get("/programme.ics?lang=fr", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (again.status_code, again.content, again["ETag"]) == (304, b"", first["ETag"])
    since = client.get("/programme.ics?lang=fr", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    other = client.get("/programme.ics?lang=fr", HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200


def test_same_programme_gives_the_same_bytes(client, session):
    assert client.get("/programme.ics?lang=fr").content == client.get("/programme.ics?lang=fr").content


def test_day_theme_and_session_feeds(client, session):
    theme = ThemeFactory(slug="mobility")
    session.themes.add(theme)
    other = SessionFactory(day=session.day, space=SpaceFactory(edition=session.day.edition))
    day = session.day.date.isoformat()
    assert len(events_of(parse(client.get(f"/programme/days/{day}.ics").content))) == 2
    assert len(events_of(parse(client.get(f"/fr/programme/days/{day}.ics").content))) == 2
    (themed,) = events_of(parse(client.get("/programme/themes/mobility.ics").content))
    assert str(themed["uid"]) == session.ical_uid
    (single,) = events_of(parse(client.get(f"/programme/sessions/{other.public_id}.ics").content))
    assert str(single["uid"]) == other.ical_uid
    assert client.get("/programme/sessions/nope.ics", follow=True).status_code == 404
    assert client.get("/programme/days/2001-01-01.ics", follow=True).status_code == 404


def test_agenda_feed_and_revocation(client, session):
    from events.services import revoke_agenda_feed

    agenda = save_agenda(session_ids=[session.public_id])
    key = feed_key_for(agenda)
    (event,) = events_of(parse(client.get(f"/agenda/{key}.ics").content))
    assert str(event["uid"]) == session.ical_uid
    assert client.get(f"/agenda/{agenda.token}-000000000000.ics").status_code == 404
    assert client.get(f"/agenda/{agenda.token}.ics").status_code == 404
    revoke_agenda_feed(agenda=agenda)
    assert client.get(f"/agenda/{key}.ics").status_code == 404
    assert client.get(f"/agenda/{feed_key_for(agenda)}.ics").status_code == 200


def test_uid_is_unique_across_editions():
    first = SessionFactory()
    second = SessionFactory()
    assert first.day.edition != second.day.edition
    assert first.ical_uid != second.ical_uid


def test_frab_xml(client, session):
    response = client.get("/schedule.xml?lang=en")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == "schedule"
    assert root.findtext("conference/title") == session.day.edition.name
    (event,) = root.iter("event")
    assert event.get("guid") == str(session.uid)
    assert event.findtext("title") == "Digital twin"
    assert event.findtext("start") == "10:00"
    assert event.findtext("duration") == "01:00"
    assert event.findtext("room") == session.space.name
    assert [p.text for p in event.iter("person")] == ["Ada Peeters"]
    assert client.get("/schedule.xml?lang=en", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_frab_json(client, session):
    data = json.loads(client.get("/schedule.json?lang=fr").content)
    conference = data["schedule"]["conference"]
    assert conference["time_zone_name"] == "Europe/Brussels"
    (day,) = conference["days"]
    (event,) = day["rooms"][session.space.name]
    assert (event["guid"], event["title"], event["start"], event["duration"]) == (
        str(session.uid),
        "Jumeau numérique",
        "10:00",
        "01:00",
    )
    assert event["persons"][0]["public_name"] == "Ada Peeters"


def test_cancelled_sessions_leave_the_frab_exports(client, session):
    """frab's format has no status: a cancelled session is left out (no "[X]" title), as frab and pretalx do;
    the calendar feeds keep it as STATUS:CANCELLED."""
    other = SessionFactory(day=session.day, space=SpaceFactory(edition=session.day.edition))
    before = json.loads(client.get("/schedule.json?lang=fr").content)["schedule"]["version"]
    session.status = SessionStatus.CANCELLED
    from events.services import save_session

    save_session(session=session, at=session.last_modified + dt.timedelta(minutes=5))
    data = json.loads(client.get("/schedule.json?lang=fr").content)
    events = [e for room in data["schedule"]["conference"]["days"][0]["rooms"].values() for e in room]
    assert [e["guid"] for e in events] == [str(other.uid)]
    assert data["schedule"]["version"] != before
    root = ET.fromstring(client.get("/schedule.xml?lang=fr").content)  # noqa: S314 - our own output
    assert [e.get("guid") for e in root.iter("event")] == [str(other.uid)]


# --- Last-Modified moves when a session leaves a feed -----------------------------------------------


def set_versions(moment) -> None:
    """Every content area last changed at `moment`."""
    for area in caching.AREAS:
        cache.set(version_key(area), f"{moment.timestamp():.6f}-test", timeout=None)


@pytest.fixture
def an_hour_ago(session):
    """Every change is an hour old or older: a client that fetched then holds that date."""
    hour_ago = timezone.now().replace(microsecond=0) - dt.timedelta(hours=1)
    Session.objects.update(last_modified=hour_ago - dt.timedelta(hours=1))
    set_versions(hour_ago)
    return hour_ago


def _delete(session):
    session.delete()


def _unpublish(session):
    from events.services import save_session

    session.is_published = False
    save_session(session=session)


@pytest.mark.parametrize("remove", [_delete, _unpublish], ids=["deleted", "unpublished"])
@pytest.mark.parametrize(
    "url",
    [
        "/programme.ics",
        "/nl/programme.ics",
        "/programme/days/{day}.ics",
        "/programme/themes/mobility.ics",
        "/programme/sessions/{kept}.ics",
        "/schedule.xml",
        "/schedule.json",
    ],
)
def test_a_removed_session_moves_last_modified(
    client, session, an_hour_ago, remove, url, django_capture_on_commit_callbacks
):
    theme = ThemeFactory(slug="mobility")
    kept = SessionFactory(day=session.day, space=SpaceFactory(edition=session.day.edition))
    for s in (session, kept):
        s.themes.add(theme)
    Session.objects.update(last_modified=an_hour_ago - dt.timedelta(hours=1))
    set_versions(an_hour_ago)
    url = url.format(day=session.day.date.isoformat(), kept=kept.public_id)
    first = client.get(url)
    assert first["Last-Modified"] == http_date(an_hour_ago.timestamp())
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304

    with django_capture_on_commit_callbacks(execute=True):
        remove(session)

    again = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert parse_http_date(again["Last-Modified"]) > parse_http_date(first["Last-Modified"])
    assert str(session.uid) not in again.content.decode()


def test_the_feed_of_a_removed_session_is_gone(client, session, django_capture_on_commit_callbacks):
    url = f"/programme/sessions/{session.public_id}.ics"
    first = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        _unpublish(session)
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"], follow=True)
    assert again.status_code == 404


@pytest.mark.parametrize("how", ["unstarred", "unpublished"])
def test_a_session_leaving_the_agenda_moves_its_last_modified(
    client, session, an_hour_ago, how, django_capture_on_commit_callbacks
):
    kept = SessionFactory(day=session.day, space=SpaceFactory(edition=session.day.edition))
    agenda = save_agenda(session_ids=[session.public_id, kept.public_id])
    Agenda.objects.update(updated_at=an_hour_ago - dt.timedelta(hours=1))
    Session.objects.update(last_modified=an_hour_ago - dt.timedelta(hours=1))
    url = f"/agenda/{feed_key_for(agenda)}.ics"
    first = client.get(url)
    assert first["Last-Modified"] == http_date(an_hour_ago.timestamp())

    with django_capture_on_commit_callbacks(execute=True):
        if how == "unstarred":
            save_agenda(session_ids=[kept.public_id], token=agenda.token)
        else:
            _unpublish(session)

    again = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert parse_http_date(again["Last-Modified"]) > parse_http_date(first["Last-Modified"])
    assert [str(e["uid"]) for e in events_of(parse(again.content))] == [kept.ical_uid]
