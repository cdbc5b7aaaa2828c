"""The programme in the frab schedule format (schedule.xml / schedule.json), read by offline conference
apps such as Giggity and EventFahrplan. Layout follows frab's schedule.xml and the c3voc schedule JSON."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable
from xml.etree import ElementTree as ET

from django.conf import settings
from django.utils import timezone, translation

from .ical import session_url
from .models import Day, Edition, Session, Space

ROOM_NAMESPACE = uuid.UUID("2f1d9a56-4b3c-4c55-9a0e-6f1c7e0f3a11")


def _duration(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _room_guid(space: Space) -> str:
    return str(uuid.uuid5(ROOM_NAMESPACE, f"{space.edition_id}:{space.slug}"))


def _language(session: Session) -> str:
    return {"fr_nl": "fr", "none": ""}.get(session.language, session.language)


def build_schedule(*, edition: Edition, days: list[Day], sessions: Iterable[Session], language: str) -> dict:
    """The schedule as a dict in the frab JSON layout; the XML is drawn from the same data.

    Cancelled sessions are left out: the format has no status, and frab and pretalx publish only what takes
    place (the calendar feeds keep them, marked CANCELLED). Their changes still move the version.
    """
    tz = timezone.get_default_timezone()
    sessions = list(sessions)
    with translation.override(language):
        by_day: dict[int, list[Session]] = {day.pk: [] for day in days}
        spaces: dict[int, Space] = {}
        for session in (s for s in sessions if not s.is_cancelled):
            by_day.setdefault(session.day_id, []).append(session)
            spaces[session.space_id] = session.space
        ordered_spaces = sorted(spaces.values(), key=lambda s: (s.position, s.slug))
        json_days = []
        for index, day in enumerate(days, start=1):
            rooms: dict[str, list[dict]] = {space.name: [] for space in ordered_spaces}
            for session in by_day.get(day.pk, []):
                rooms[session.space.name].append(_event(session, tz))
            json_days.append(
                {
                    "index": index,
                    "date": day.date.isoformat(),
                    "day_start": day.starts.isoformat(),
                    "day_end": day.ends.isoformat(),
                    "rooms": rooms,
                }
            )
        return {
            "$schema": "https://c3voc.de/schedule/schema.json",
            "generator": {"name": "printemps-numerique", "version": "1"},
            "schedule": {
                "version": _version(sessions=sessions),
                "base_url": f"{settings.SITE_URL}/",
                "conference": {
                    "acronym": _acronym(edition),
                    "title": edition.name,
                    "start": edition.starts_on.isoformat(),
                    "end": edition.ends_on.isoformat(),
                    "daysCount": len(days),
                    "timeslot_duration": "00:05",
                    "time_zone_name": settings.TIME_ZONE,
                    "url": f"{settings.SITE_URL}/{language}/",
                    "rooms": [{"name": space.name, "guid": _room_guid(space)} for space in ordered_spaces],
                    "days": json_days,
                },
            },
        }


def _acronym(edition: Edition) -> str:
    """ "pn" and the slug, in the schema's alphabet: lowercase letters, digits and "_" ("pn2027")."""
    return "pn" + re.sub(r"[^a-z0-9_]", "_", edition.slug.lower())


def _version(*, sessions: list[Session]) -> str:
    latest = max((s.last_modified for s in sessions), default=None)
    return latest.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M") if latest else "empty"


def _event(session: Session, tz) -> dict:
    starts = session.starts_at.astimezone(tz)
    themes = [theme.name for theme in session.themes.all()]
    return {
        "guid": str(session.uid),
        "id": session.pk,
        "date": starts.isoformat(),
        "start": starts.strftime("%H:%M"),
        "duration": _duration(session.duration),
        "room": session.space.name,
        "slug": f"{session.day.edition.slug}-{session.public_id}",
        "url": session_url(session),
        "title": session.title,
        "subtitle": "",
        "track": themes[0] if themes else session.get_kind_display(),
        "type": session.get_kind_display(),
        "language": _language(session),
        "abstract": session.description,
        "description": session.description,
        "do_not_record": True,
        "recording_license": "",
        # frab's person shape only: the schema accepts a person matching exactly one of frab's and pretalx's.
        "persons": [{"id": speaker.pk, "public_name": speaker.name} for speaker in session.speakers.all()],
        "links": [],
        "attachments": [],
    }


def schedule_json(schedule: dict) -> bytes:
    return json.dumps(schedule, ensure_ascii=False, indent=1).encode()


def schedule_xml(schedule: dict) -> bytes:
    data = schedule["schedule"]
    conference = data["conference"]
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name="printemps-numerique", version="1")
    ET.SubElement(root, "version").text = data["version"]
    conf = ET.SubElement(root, "conference")
    for key, tag in (
        ("acronym", "acronym"),
        ("title", "title"),
        ("start", "start"),
        ("end", "end"),
        ("daysCount", "days"),
        ("timeslot_duration", "timeslot_duration"),
        ("time_zone_name", "time_zone_name"),
        ("url", "url"),
    ):
        ET.SubElement(conf, tag).text = str(conference[key])
    ET.SubElement(conf, "base_url").text = data["base_url"]
    for day in conference["days"]:
        day_el = ET.SubElement(
            root, "day", index=str(day["index"]), date=day["date"], start=day["day_start"], end=day["day_end"]
        )
        for room in conference["rooms"]:
            room_el = ET.SubElement(day_el, "room", name=room["name"], guid=room["guid"])
            for event in day["rooms"].get(room["name"], []):
                event_el = ET.SubElement(room_el, "event", guid=event["guid"], id=str(event["id"]))
                for key in ("date", "start", "duration", "room", "slug", "url"):
                    ET.SubElement(event_el, key).text = event[key]
                recording = ET.SubElement(event_el, "recording")
                ET.SubElement(recording, "license").text = ""
                ET.SubElement(recording, "optout").text = "true"
                for key in ("title", "subtitle", "track", "type", "language", "abstract", "description"):
                    ET.SubElement(event_el, key).text = event[key]
                ET.SubElement(event_el, "logo")
                persons = ET.SubElement(event_el, "persons")
                for person in event["persons"]:
                    ET.SubElement(persons, "person", id=str(person["id"])).text = person["public_name"]
                ET.SubElement(event_el, "links")
                ET.SubElement(event_el, "attachments")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")
