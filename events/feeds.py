"""Calendar feeds and schedule exports: thin views over events.ical and events.frab."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.caching import EDITION, PROGRAMME, cache_public_page, content_changed_at

from . import frab, ical
from .cards import LISTING_ORDER
from .models import Day, Edition, Session, Theme
from .services import agenda_for_token

# What the feeds show: the sessions and the edition's days, spaces and themes (core/content_areas.py).
AREAS = (EDITION, PROGRAMME)


def _edition(request: HttpRequest) -> Edition:
    slug = request.GET.get("edition")
    editions = Edition.objects.published()
    edition = editions.filter(slug=slug).first() if slug else Edition.objects.current()
    if edition is None:
        raise Http404("No edition")
    return edition


def _last_modified(sessions: list[Session], *also: dt.datetime) -> dt.datetime:
    """The newest change among the listed sessions and everything that may have taken one out of the list
    (a removal or an unpublication leaves no listed row to date it by: the content version's time does)."""
    return max((*(s.last_modified for s in sessions), content_changed_at(*AREAS), *also))


def _ics(
    request: HttpRequest,
    *,
    sessions: list[Session],
    name: str,
    filename: str,
    also: tuple[dt.datetime, ...] = (),
) -> HttpResponse:
    language = ical.feed_language(request)
    body = ical.build_calendar(sessions, name=name, language=language)
    return ical.conditional_response(
        request,
        body=body,
        content_type="text/calendar; charset=utf-8",
        last_modified=_last_modified(sessions, *also),
        filename=filename,
    )


def _listing(**filters) -> list[Session]:
    return list(Session.objects.published().filter(**filters).for_listing())


def _ics_listing(sessions: QuerySet[Session]) -> list[Session]:
    """The sessions of a calendar feed: their themes and speakers are read by events.ical itself; the few
    days and their edition read once each, not copied into every session's row."""
    return list(sessions.select_related("space").prefetch_related("day__edition").order_by(*LISTING_ORDER))


@require_safe
@cache_public_page(areas=AREAS)
def programme_ics(request: HttpRequest) -> HttpResponse:
    edition = _edition(request)
    with translation.override(ical.feed_language(request)):
        name = _("{edition} – programme").format(edition=edition.name)
    return _ics(
        request,
        sessions=_ics_listing(Session.objects.published().filter(day__edition=edition)),
        name=name,
        filename=f"programme-{edition.slug}.ics",
    )


@require_safe
@cache_public_page(areas=AREAS)
def day_ics(request: HttpRequest, date: str) -> HttpResponse:
    edition = _edition(request)
    try:
        wanted = dt.date.fromisoformat(date)
    except ValueError as exc:
        raise Http404("Bad date") from exc
    day = get_object_or_404(Day, edition=edition, date=wanted)
    with translation.override(ical.feed_language(request)):
        name = _("{edition} – {date}").format(edition=edition.name, date=day.date.isoformat())
    return _ics(
        request,
        sessions=_ics_listing(Session.objects.published().filter(day=day)),
        name=name,
        filename=f"programme-{day.date}.ics",
    )


@require_safe
@cache_public_page(areas=AREAS)
def theme_ics(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition(request)
    theme = get_object_or_404(Theme, slug=slug)
    with translation.override(ical.feed_language(request)):
        name = _("{edition} – {theme}").format(edition=edition.name, theme=theme.name)
    return _ics(
        request,
        sessions=_ics_listing(Session.objects.published().filter(day__edition=edition, themes=theme)),
        name=name,
        filename=f"programme-{theme.slug}.ics",
    )


@require_safe
@cache_public_page(areas=AREAS)
def session_ics(request: HttpRequest, public_id: str) -> HttpResponse:
    sessions = _ics_listing(Session.objects.published().filter(public_id=public_id))
    if not sessions:
        raise Http404("Unknown session")
    with translation.override(ical.feed_language(request)):
        name = sessions[0].title
    return _ics(request, sessions=sessions, name=name, filename=f"session-{public_id}.ics")


@require_safe
def agenda_ics(request: HttpRequest, key: str) -> HttpResponse:
    agenda = agenda_for_token(token=key)
    if agenda is None or "-" not in key:
        raise Http404("Unknown or revoked agenda")
    sessions = _ics_listing(agenda.sessions.published())
    with translation.override(ical.feed_language(request)):
        name = _("My Printemps Numérique agenda")
    # Unstarring a session changes the agenda, not the sessions.
    response = _ics(
        request, sessions=sessions, name=name, filename="my-agenda.ics", also=(agenda.updated_at,)
    )
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response


def _schedule(request: HttpRequest) -> dict:
    edition = _edition(request)
    days = list(edition.days.all())
    sessions = _listing(day__edition=edition)
    return frab.build_schedule(
        edition=edition, days=days, sessions=sessions, language=ical.feed_language(request)
    ), _last_modified(sessions)


@require_safe
@cache_public_page(areas=AREAS)
def schedule_xml(request: HttpRequest) -> HttpResponse:
    schedule, latest = _schedule(request)
    return ical.conditional_response(
        request,
        body=frab.schedule_xml(schedule),
        content_type="application/xml; charset=utf-8",
        last_modified=latest,
    )


@require_safe
@cache_public_page(areas=AREAS)
def schedule_json(request: HttpRequest) -> HttpResponse:
    schedule, latest = _schedule(request)
    return ical.conditional_response(
        request, body=frab.schedule_json(schedule), content_type="application/json", last_modified=latest
    )
