"""iCalendar feeds of the programme (RFC 5545, built with the icalendar package).

Every value comes from the data, never from the request time, so that the same programme gives the same
bytes and ETags hold: DTSTAMP and LAST-MODIFIED are the session's last change.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils.translation import gettext as _

from . import ical_text
from .ical_text import escape
from .models import Session, Theme

PRODID = "-//Paradigm//Printemps Numerique programme//FR"


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def session_url(session: Session) -> str:
    return absolute(reverse("events:session-detail", kwargs={"public_id": session.public_id}))


def speaker_label(name: str, organisation: str) -> str:
    return name + (f" ({organisation})" if organisation else "")


def session_url_maker():
    """session_url for many sessions in the active language: one reverse(), then string formatting."""
    marker = "public-id-marker"
    before, after = absolute(reverse("events:session-detail", kwargs={"public_id": marker})).split(marker)
    return lambda session: f"{before}{session.public_id}{after}"


class DescriptionTexts:
    """The sentences of session_description in the active language, translated once per calendar."""

    def __init__(self) -> None:
        self.speakers = _("Speakers: {names}")
        self.language = _("Language spoken: {language}")
        self.cancelled = _("Cancelled.")
        self.languages: dict[str, str] = {}

    def language_of(self, session: Session) -> str:
        code = session.language
        if code not in self.languages:
            self.languages[code] = session.get_language_display()
        return self.languages[code]


def session_description(
    session: Session,
    texts: DescriptionTexts | None = None,
    url: str | None = None,
    speakers: list[str] | None = None,
) -> str:
    texts = texts or DescriptionTexts()
    lines = []
    if session.description:
        lines.append(session.description)
    if speakers is None:
        speakers = [speaker_label(s.name, s.organisation) for s in session.speakers.all()]
    if speakers:
        lines.append(texts.speakers.format(names=", ".join(speakers)))
    lines.append(texts.language.format(language=texts.language_of(session)))
    if session.is_cancelled:
        lines.insert(0, texts.cancelled)
    lines.append(url or session_url(session))
    return "\n\n".join(lines)


@functools.lru_cache(maxsize=8)
def _transitions(name: str, year: int) -> tuple[dt.datetime, ...]:
    """The instants (UTC) at which zone `name` changes its offset during `year`: a day's scan, then the
    minute."""
    tz = zoneinfo.ZoneInfo(name)

    def offset(instant: dt.datetime) -> dt.timedelta | None:
        return instant.astimezone(tz).utcoffset()

    found = []
    day = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    while day.year == year:
        following = day + dt.timedelta(days=1)
        if offset(day) != offset(following):
            minute = day
            while offset(minute) == offset(day):
                minute += dt.timedelta(minutes=1)
            found.append(minute)
        day = following
    return tuple(found)


def _observance(tz: zoneinfo.ZoneInfo, instant: dt.datetime):
    """One STANDARD or DAYLIGHT block, as a yearly rule on the transition's weekday in its month.

    Its DTSTART is local time *before* the change (RFC 5545, 3.6.5): summer time in Brussels starts at
    02:00 (CET) and ends at 03:00 (CEST), both at 01:00 UTC.
    """
    from icalendar import TimezoneDaylight, TimezoneStandard

    before = instant - dt.timedelta(minutes=1)
    offset_from, offset_to = before.astimezone(tz).utcoffset(), instant.astimezone(tz).utcoffset()
    local = (instant + offset_from).replace(tzinfo=None)
    last = (local + dt.timedelta(days=7)).month != local.month
    weekday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[local.weekday()]
    byday = f"-1{weekday}" if last else f"{(local.day - 1) // 7 + 1}{weekday}"
    daylight = bool(instant.astimezone(tz).dst())
    block = TimezoneDaylight() if daylight else TimezoneStandard()
    block.add("dtstart", _first_in_1970(local, last=last))
    block.add("rrule", {"freq": "yearly", "bymonth": local.month, "byday": byday})
    block.add("tzoffsetfrom", offset_from)
    block.add("tzoffsetto", offset_to)
    block.add("tzname", instant.astimezone(tz).tzname())
    return block


def _first_in_1970(local: dt.datetime, *, last: bool) -> dt.datetime:
    """The same rule's date in 1970, so that the observance covers every session whatever its year."""
    nth = 0 if last else (local.day - 1) // 7
    first = dt.date(1970, local.month, 1)
    day = first + dt.timedelta(days=(local.weekday() - first.weekday()) % 7 + 7 * nth)
    if last:
        while (day + dt.timedelta(days=7)).month == local.month:
            day += dt.timedelta(days=7)
    return dt.datetime.combine(day, local.time())


def vtimezone(name: str, year: int):
    """The VTIMEZONE of zone `name` as yearly rules read from its transitions in `year` (one STANDARD
    block when the zone keeps one offset). icalendar's own covers 1970-2037 with a wrong daylight DTSTART."""
    from icalendar import Timezone, TimezoneStandard

    tz = zoneinfo.ZoneInfo(name)
    component = Timezone()
    component.add("tzid", name)
    transitions = _transitions(name, year)
    for instant in transitions:
        component.add_component(_observance(tz, instant))
    if not transitions:
        moment = dt.datetime(year, 1, 1, tzinfo=tz)
        block = TimezoneStandard()
        block.add("dtstart", dt.datetime(1970, 1, 1))
        block.add("tzoffsetfrom", moment.utcoffset())
        block.add("tzoffsetto", moment.utcoffset())
        block.add("tzname", moment.tzname())
        component.add_component(block)
    return component


def _calendar_frame(*, name: str, with_timezone_of: int | None) -> tuple[bytes, bytes]:
    """The calendar's own properties and VTIMEZONE (icalendar builds these few lines), and its END line:
    the events go between the two."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    if with_timezone_of is not None:
        calendar.add_component(vtimezone(settings.TIME_ZONE, with_timezone_of))
    whole = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    return whole.removesuffix(end), end


def build_calendar(sessions: Iterable[Session], *, name: str, language: str) -> bytes:
    """A VCALENDAR with one VEVENT per session (cancelled ones included, as STATUS:CANCELLED).

    The events are written directly as content lines (events/ical_text.py), byte for byte what the
    icalendar package wrote for them (tests/events/test_ical_text.py compares), at a fraction of its CPU."""
    with translation.override(language):
        sessions = list(sessions)
        head, end = _calendar_frame(
            name=name, with_timezone_of=sessions[0].starts_at.year if sessions else None
        )
        writer = EventWriter(sessions)
        events = "".join(writer.event(session) for session in sessions)
    return b"".join([head, events.encode(), end])


class EventWriter:
    """VEVENTs as icalendar wrote them (property order: its canonical order for events, then by name), in
    the active language."""

    def __init__(self, sessions: list[Session]) -> None:
        self.themes, self.speakers = _themes_and_speakers(sessions)
        self.tz = timezone.get_default_timezone()
        self.url_of = session_url_maker()
        self.texts = DescriptionTexts()
        self.organizer = _organizer_line(settings.ORGANIZER["email"], settings.ORGANIZER["name"])
        self.kinds: dict[str, str] = {}

    def event(self, session: Session) -> str:
        edition = session.day.edition
        changed = session.last_modified.astimezone(dt.UTC).replace(microsecond=0)
        url = self.url_of(session)
        tzid = f"TZID={self.tz.key}"
        kind = self.kinds.get(session.kind) or self.kinds.setdefault(session.kind, session.get_kind_display())
        categories = ",".join(escape(c) for c in (kind, *self.themes.get(session.pk, ())))
        location = f"{session.space.name}, {edition.venue_name}, {edition.venue_address}"
        created = session.created_at.astimezone(dt.UTC).replace(microsecond=0)
        first = [
            ("SUMMARY", escape(session.title)),
            (f"DTSTART;{tzid}", ical_text.local(session.starts_at, self.tz)),
            (f"DTEND;{tzid}", ical_text.local(session.ends_at, self.tz)),
            ("DTSTAMP", ical_text.utc(changed)),
            ("UID", escape(session.ical_uid)),
            ("SEQUENCE", str(session.sequence)),
            ("CATEGORIES", categories),
            ("CREATED", ical_text.utc(created)),
            (
                "DESCRIPTION",
                escape(session_description(session, self.texts, url, self.speakers.get(session.pk, []))),
            ),
            ("LAST-MODIFIED", ical_text.utc(changed)),
            ("LOCATION", escape(location)),
        ]
        last = [
            ("STATUS", "CANCELLED" if session.is_cancelled else "CONFIRMED"),
            ("TRANSP", "TRANSPARENT" if session.is_cancelled else "OPAQUE"),
            ("URL;VALUE=URI", url),
        ]
        return "".join(
            [
                "BEGIN:VEVENT\r\n",
                ical_text.lines(first),
                self.organizer,
                ical_text.lines(last),
                "END:VEVENT\r\n",
            ]
        )


def _themes_and_speakers(sessions: list[Session]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Each session's theme names and speaker labels, in their models' order, from three small queries:
    prefetching them built a manager and a queryset per session and relation, a third of the feed's CPU."""
    ids = [session.pk for session in sessions]
    names = {theme.pk: theme.name for theme in Theme.objects.all()}
    themes: dict[int, list[str]] = {}
    through = Session.themes.through.objects.filter(session_id__in=ids)
    for session_id, theme_id in through.order_by("theme__position", "theme__slug").values_list(
        "session_id", "theme_id"
    ):
        themes.setdefault(session_id, []).append(names[theme_id])
    speakers: dict[int, list[str]] = {}
    rows = Session.speakers.through.objects.filter(session_id__in=ids).order_by("speaker__name")
    for session_id, name, organisation in rows.values_list(
        "session_id", "speaker__name", "speaker__organisation"
    ):
        speakers.setdefault(session_id, []).append(speaker_label(name, organisation))
    return themes, speakers


@functools.lru_cache(maxsize=4)
def _organizer_line(email: str, name: str) -> str:
    """The ORGANIZER content line, as icalendar quotes its parameter."""
    from icalendar import Event, vCalAddress, vText

    event = Event()
    organizer = vCalAddress(f"mailto:{email}")
    organizer.params["cn"] = vText(name)
    event.add("organizer", organizer)
    text = event.to_ical().decode()
    return text.removeprefix("BEGIN:VEVENT\r\n").removesuffix("END:VEVENT\r\n")


def feed_language(request: HttpRequest) -> str:
    """?lang= when it names one of our languages, else the URL prefix or the browser's choice."""
    wanted = request.GET.get("lang", "")
    codes = [code for code, _name in settings.LANGUAGES]
    if wanted in codes:
        return wanted
    current = translation.get_language() or settings.LANGUAGE_CODE
    return current if current in codes else settings.LANGUAGE_CODE


def conditional_response(
    request: HttpRequest,
    *,
    body: bytes,
    content_type: str,
    last_modified: dt.datetime | None,
    filename: str | None = None,
    max_age: int = 300,
) -> HttpResponse:
    """Answer with ETag and Last-Modified, or 304 Not Modified when the client's copy is current."""
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    last_modified_ts = int(last_modified.timestamp()) if last_modified else None
    if_none_match = request.headers.get("If-None-Match")
    not_modified = False
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        not_modified = etag in tags or "*" in tags
    elif last_modified_ts is not None and request.headers.get("If-Modified-Since"):
        since = parse_http_date_safe(request.headers["If-Modified-Since"])
        not_modified = since is not None and last_modified_ts <= since
    response = HttpResponseNotModified() if not_modified else HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    if last_modified_ts is not None:
        response["Last-Modified"] = http_date(last_modified_ts)
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Vary"] = "Accept-Language"
    if filename and not not_modified:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
