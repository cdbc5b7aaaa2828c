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

from .models import Session

PRODID = "-//Paradigm//Printemps Numerique programme//FR"


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def session_url(session: Session) -> str:
    return absolute(reverse("events:session-detail", kwargs={"public_id": session.public_id}))


def session_description(session: Session) -> str:
    lines = []
    if session.description:
        lines.append(session.description)
    speakers = [s.name + (f" ({s.organisation})" if s.organisation else "") for s in session.speakers.all()]
    if speakers:
        lines.append(_("Speakers: {names}").format(names=", ".join(speakers)))
    lines.append(_("Language spoken: {language}").format(language=session.get_language_display()))
    if session.is_cancelled:
        lines.insert(0, _("Cancelled."))
    lines.append(session_url(session))
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


def build_calendar(sessions: Iterable[Session], *, name: str, language: str) -> bytes:
    """A VCALENDAR with one VEVENT per session (cancelled ones included, as STATUS:CANCELLED)."""
    from icalendar import Calendar, Event, vCalAddress, vText

    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", PRODID)
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
            calendar.add_component(vtimezone(settings.TIME_ZONE, sessions[0].starts_at.year))
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
            event.add("description", session_description(session))
            event.add("location", f"{session.space.name}, {edition.venue_name}, {edition.venue_address}")
            event.add("url", session_url(session), parameters={"VALUE": "URI"})
            event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
            event.add("transp", "TRANSPARENT" if session.is_cancelled else "OPAQUE")
            event.add("categories", [session.get_kind_display(), *(t.name for t in session.themes.all())])
            organizer = vCalAddress(f"mailto:{settings.ORGANIZER['email']}")
            organizer.params["cn"] = vText(settings.ORGANIZER["name"])
            event.add("organizer", organizer)
            calendar.add_component(event)
    return calendar.to_ical()


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
