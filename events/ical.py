"""iCalendar feeds of the programme (RFC 5545, built with the icalendar package).

Every value comes from the data, never from the request time, so that the same programme gives the same
bytes and ETags hold: DTSTAMP and LAST-MODIFIED are the session's last change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
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
        calendar.add_missing_timezones()
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
