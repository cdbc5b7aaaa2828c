"""The frab exports in the shape the c3voc schedule schema (the `$schema` schedule.json names) and its XSD ask
for, pinned here without the schemas themselves: required keys and their types, one person shape, labels
for event types, one base_url for both files."""

import json
import re
from xml.etree import ElementTree as ET

import pytest
from django.utils import translation

from events.enums import SessionKind
from tests.events.factories import SessionFactory, SpeakerFactory
from tests.factories import SpaceFactory, ThemeFactory

pytestmark = pytest.mark.django_db

# Event keys the schema requires, with their JSON types (nullable ones accept None too).
EVENT_KEYS = {
    "guid": str,
    "id": int,
    "date": str,
    "start": str,
    "duration": str,
    "room": str,
    "slug": str,
    "url": str,
    "title": str,
    "subtitle": (str, type(None)),
    "track": (str, type(None)),
    "type": str,
    "language": (str, type(None)),
    "abstract": (str, type(None)),
    "links": list,
    "persons": list,
}
# The schema allows no other key on an event (additionalProperties: false).
EVENT_ALLOWED = {
    *EVENT_KEYS,
    *("code", "logo", "end", "description", "recording_license", "do_not_record", "do_not_stream"),
    *("feedback_url", "origin_url", "attachments"),
}
CONFERENCE_KEYS = {"title", "acronym", "days", "daysCount", "start", "end", "timeslot_duration"}
CONFERENCE_ALLOWED = {*CONFERENCE_KEYS, "description", "time_zone_name", "logo", "colors", "keywords", "url"}
CONFERENCE_ALLOWED |= {"tracks", "rooms", "meta"}
# A person is frab's {id, public_name} or pretalx's {name}, and must match exactly one of them.
FRAB_PERSON = {"id", "public_name"}


@pytest.fixture
def schedule(client):
    session = SessionFactory(kind=SessionKind.PECHA_KUCHA, title_en="Digital twin")
    session.speakers.add(SpeakerFactory(name="Ada Peeters"), SpeakerFactory(name="Jonas Maes"))
    session.themes.add(ThemeFactory())
    SessionFactory(day=session.day, space=SpaceFactory(edition=session.day.edition))
    data = json.loads(client.get("/schedule.json?lang=en").content)
    root = ET.fromstring(client.get("/schedule.xml?lang=en").content)  # noqa: S314 - our own output
    return session, data, root


def _events(data: dict) -> list[dict]:
    return [
        e for day in data["schedule"]["conference"]["days"] for room in day["rooms"].values() for e in room
    ]


def test_top_level_and_conference(schedule):
    _session, data, _root = schedule
    assert set(data) <= {"$schema", "generator", "schedule"}
    assert data["$schema"] == "https://c3voc.de/schedule/schema.json"
    assert {"conference", "version"} <= set(data["schedule"])
    assert "rooms" not in data["schedule"]  # rooms belong to the conference
    conference = data["schedule"]["conference"]
    assert CONFERENCE_KEYS <= set(conference) <= CONFERENCE_ALLOWED
    assert re.fullmatch(r"[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?", conference["acronym"])
    assert isinstance(conference["daysCount"], int)
    for room in conference["rooms"]:
        assert set(room) == {"name", "guid"}
    for day in conference["days"]:
        assert set(day) == {"index", "date", "day_start", "day_end", "rooms"}


def test_events_have_the_required_keys_and_types(schedule):
    _session, data, _root = schedule
    events = _events(data)
    assert len(events) == 2
    for event in events:
        assert set(EVENT_KEYS) <= set(event) <= EVENT_ALLOWED
        for key, kind in EVENT_KEYS.items():
            assert isinstance(event[key], kind), key
        assert event["id"] >= 1
        assert re.fullmatch(r"(0[0-9]|1[0-9]|2[0-3]):[0-5][0-9]", event["start"])
        assert re.fullmatch(r"[0-9]+:[0-9]{2}", event["duration"])
        assert re.fullmatch(r"[a-z0-9_-]+[a-z0-9]", event["slug"])


def test_every_person_has_one_shape(schedule):
    _session, data, root = schedule
    persons = [p for e in _events(data) for p in e["persons"]]
    assert persons
    for person in persons:
        assert set(person) == FRAB_PERSON  # no "name": it would match pretalx's shape as well
        assert isinstance(person["id"], int)
        assert isinstance(person["public_name"], str)
    assert sorted(p.text for p in root.iter("person")) == ["Ada Peeters", "Jonas Maes"]
    assert all(p.get("id") for p in root.iter("person"))


def test_event_types_are_labels(schedule):
    session, data, root = schedule
    (event,) = [e for e in _events(data) if e["guid"] == str(session.uid)]
    with translation.override("en"):
        assert event["type"] == str(SessionKind.PECHA_KUCHA.label)
    assert event["type"] != "pecha_kucha"
    (xml_event,) = [e for e in root.iter("event") if e.get("guid") == str(session.uid)]
    assert xml_event.findtext("type") == event["type"]


def test_one_base_url_for_xml_and_json(schedule):
    _session, data, root = schedule
    base_url = data["schedule"]["base_url"]
    assert base_url == "http://127.0.0.1:8000/"
    assert root.findtext("conference/base_url") == base_url
    assert root.findtext("conference/url") == data["schedule"]["conference"]["url"]


def test_xml_follows_the_xsd_order(schedule):
    _session, data, root = schedule
    assert [child.tag for child in root][:3] == ["generator", "version", "conference"]
    assert {child.tag for child in root[3:]} == {"day"}
    assert root.findtext("version") == data["schedule"]["version"]
    for event in root.iter("event"):
        assert event.get("id")
        assert event.get("guid")
        required = {"room", "title", "type", "date", "start", "duration", "abstract", "track"}
        assert required <= {child.tag for child in event}
