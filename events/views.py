from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from core.caching import EDITION, PROGRAMME, cache_public_page

from . import agenda as agenda_cookie
from .cards import for_timeline, timeline_cards
from .enums import SessionStatus
from .forms import ProgrammeFilterForm, filter_sessions
from .models import Day, Edition, Session, SessionChange, Speaker, local_tz
from .services import agenda_for_token, feed_key_for, revoke_agenda_feed, save_agenda


def home(request: HttpRequest) -> HttpResponse:
    edition = Edition.objects.current()
    days = edition.days.all() if edition else []
    themes = edition.themes.all() if edition else []
    spaces = edition.spaces.all() if edition else []
    return render(
        request, "events/home.html", {"edition": edition, "days": days, "themes": themes, "spaces": spaces}
    )


def edition_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "events/edition_list.html", {"editions": Edition.objects.past().prefetch_related("days")}
    )


def edition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_object_or_404(Edition.objects.published(), slug=slug)
    return render(
        request,
        "events/edition_detail.html",
        {
            "edition": edition,
            "days": edition.days.all(),
            "themes": edition.themes.all(),
            "spaces": edition.spaces.all(),
        },
    )


def page(request: HttpRequest, template: str) -> HttpResponse:
    return render(request, f"pages/{template}.html")


# --- Programme -----------------------------------------------------------------------------------

SLOT_MINUTES = 5


@dataclass
class TimelineItem:
    session: Session
    column: int
    row_start: int
    row_end: int


def _default_day(days: list[Day]) -> Day | None:
    today = timezone.localdate()
    for day in days:
        if day.date >= today:
            return day
    return days[0] if days else None


def _timeline(day: Day, sessions: list[Session]) -> tuple[list, list[TimelineItem], list, int]:
    """Grid positions for the wide-screen timeline: one column per space, one row per 5 minutes."""
    spaces = sorted({s.space_id: s.space for s in sessions}.values(), key=lambda s: (s.position, s.slug))
    columns = {space.pk: index for index, space in enumerate(spaces, start=2)}
    rows = int((day.ends - day.starts).total_seconds() // (SLOT_MINUTES * 60))

    def row(moment: dt.datetime) -> int:
        minutes = (moment - day.starts).total_seconds() / 60
        return max(2, min(rows + 2, int(minutes // SLOT_MINUTES) + 2))

    items = [
        TimelineItem(s, columns[s.space_id], row(s.starts_at), max(row(s.ends_at), row(s.starts_at) + 1))
        for s in sessions
    ]
    hours = []
    moment = day.starts.replace(minute=0) if day.starts.minute == 0 else day.starts
    while moment < day.ends:
        hours.append((moment, row(moment)))
        moment += dt.timedelta(hours=1)
    return spaces, items, hours, rows + 1


@cache_public_page(areas=(EDITION, PROGRAMME))
def programme(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    if slug is None:
        edition = Edition.objects.current()
        if edition is None:
            raise Http404("No edition")
    else:
        edition = get_object_or_404(Edition.objects.published(), slug=slug)
    return _programme(request, edition=edition, read_only=edition.is_past)


@vary_on_headers("HX-Request")
def _programme(request: HttpRequest, *, edition: Edition, read_only: bool) -> HttpResponse:
    days = list(edition.days.all())
    themes = list(edition.themes.all())
    form = ProgrammeFilterForm(request.GET or None, days=days, themes=themes)
    form.is_valid()
    day = (form.selected_day() if form.is_bound else None) or _default_day(days)
    sessions: list[Session] = []
    if day is not None:
        sessions = list(
            for_timeline(filter_sessions(Session.objects.published().filter(day=day), **form.filters()))
        )
    spaces, items, hours, rows = _timeline(day, sessions) if day else ([], [], [], 0)
    starred = agenda_cookie.read(request)
    query = request.GET.copy()
    query.pop("day", None)
    context = {
        "edition": edition,
        "days": days,
        "day": day,
        "form": form,
        "sessions": sessions,
        "spaces": spaces,
        "items": items,
        "cards": timeline_cards(request, items, starred_ids=set(starred.session_ids), read_only=read_only),
        "hours": hours,
        "rows": rows,
        "starred": starred,
        "read_only": read_only,
        "day_query": query.urlencode(),
        "theme": form.filters()["theme"],
        "lang": request.LANGUAGE_CODE,
    }
    template = "events/programme.html" + ("#results" if request.htmx and not request.htmx.boosted else "")
    return render(request, template, context)


def _published_session(public_id: str) -> Session:
    return get_object_or_404(
        Session.objects.published()
        .select_related("space", "day", "day__edition")
        .prefetch_related("themes", "speakers"),
        public_id=public_id,
    )


def session_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    session = _published_session(public_id)
    in_space = Session.objects.published().filter(space=session.space, day=session.day).exclude(pk=session.pk)
    before = in_space.filter(ends_at__lte=session.starts_at).order_by("-starts_at").first()
    after = in_space.filter(starts_at__gte=session.ends_at).order_by("starts_at").first()
    meanwhile = (
        Session.objects.published()
        .filter(day=session.day, status=SessionStatus.SCHEDULED)
        .filter(starts_at__lt=session.ends_at, ends_at__gt=session.starts_at)
        .exclude(pk=session.pk)
        .select_related("space")
        .order_by("starts_at", "space__position")
    )
    return render(
        request,
        "events/session_detail.html",
        {
            "session": session,
            "edition": session.day.edition,
            "before": before,
            "after": after,
            "meanwhile": list(meanwhile),
            "changes": list(session.changes.select_related("old_space", "new_space")[:10]),
            "starred": agenda_cookie.read(request),
            "read_only": session.day.edition.is_past,
            "lang": request.LANGUAGE_CODE,
        },
    )


def speaker_detail(request: HttpRequest, slug: str) -> HttpResponse:
    speaker = get_object_or_404(Speaker, slug=slug)
    sessions = list(Session.objects.published().filter(speakers=speaker).for_listing())
    if not sessions:
        raise Http404("Speaker without published sessions")
    return render(
        request,
        "events/speaker_detail.html",
        {"speaker": speaker, "sessions": sessions, "starred": agenda_cookie.read(request), "read_only": True},
    )


def _parse_at(value: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=local_tz())
    return moment


@never_cache
def now_next(request: HttpRequest) -> HttpResponse:
    """For the screens in the hall: what is on now and next in each space; refreshes itself."""
    edition = Edition.objects.current()
    if edition is None:
        raise Http404("No edition")
    at = _parse_at(request.GET.get("at", "")) or timezone.now()
    local_date = timezone.localtime(at, local_tz()).date()
    days = list(edition.days.all())
    day = next((d for d in days if d.date == local_date), None)
    upcoming_day = day or next((d for d in days if d.date > local_date), None)
    rows = []
    if upcoming_day is not None:
        sessions = list(
            Session.objects.published()
            .filter(day=upcoming_day, status=SessionStatus.SCHEDULED, ends_at__gt=at)
            .for_listing()
        )
        by_space: dict[int, dict] = {}
        for session in sessions:
            entry = by_space.setdefault(session.space_id, {"space": session.space, "now": None, "next": None})
            if session.starts_at <= at < session.ends_at:
                entry["now"] = session
            elif entry["next"] is None:
                entry["next"] = session
        rows = sorted(by_space.values(), key=lambda e: (e["space"].position, e["space"].slug))
    context = {
        "edition": edition,
        "day": day,
        "upcoming_day": upcoming_day,
        "rows": rows,
        "at": at,
        "at_param": request.GET.get("at", ""),
        "is_open": day is not None and day.starts <= at < day.ends,
    }
    template = "events/now_next.html" + ("#board" if request.htmx else "")
    return render(request, template, context)


def changes(request: HttpRequest) -> HttpResponse:
    edition = Edition.objects.current()
    if edition is None:
        raise Http404("No edition")
    log = (
        SessionChange.objects.filter(session__is_published=True, session__day__edition=edition)
        .select_related("session", "session__space", "old_space", "new_space")
        .order_by("-changed_at", "-pk")[:300]
    )
    return render(request, "events/changes.html", {"edition": edition, "log": list(log)})


# --- Personal agenda -------------------------------------------------------------------------------


def _clashes(sessions: list[Session]) -> set[int]:
    clashing: set[int] = set()
    active = [s for s in sessions if s.status == SessionStatus.SCHEDULED]
    for index, first in enumerate(active):
        for second in active[index + 1 :]:
            if second.starts_at >= first.ends_at:
                break
            clashing.update({first.pk, second.pk})
    return clashing


@never_cache
def my_agenda(request: HttpRequest) -> HttpResponse:
    starred = agenda_cookie.read(request)
    sessions = list(Session.objects.published().filter(public_id__in=starred.session_ids).for_listing())
    feed_agenda = agenda_for_token(token=starred.token) if starred.token else None
    return render(
        request,
        "events/agenda.html",
        {
            "sessions": sessions,
            "clashes": _clashes(sessions),
            "starred": starred,
            "feed_key": feed_key_for(feed_agenda) if feed_agenda else "",
            "lang": request.LANGUAGE_CODE,
        },
    )


def _next_url(request: HttpRequest, fallback: str) -> str:
    wanted = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=False):
        return wanted
    return fallback


@require_POST
def agenda_toggle(request: HttpRequest, public_id: str) -> HttpResponse:
    session = get_object_or_404(Session.objects.published(), public_id=public_id)
    starred = agenda_cookie.read(request)
    is_starred = starred.toggle(session.public_id)
    if starred.token:
        agenda = save_agenda(session_ids=starred.session_ids, token=starred.token)
        starred.token = agenda.token
    if request.htmx:
        response = render(
            request,
            "events/_star_form.html",
            {"session": session, "is_starred": is_starred, "next": _next_url(request, "")},
        )
    else:
        response = HttpResponseRedirect(_next_url(request, reverse("events:agenda")))
    return agenda_cookie.write(response, starred)


@require_POST
def agenda_feed(request: HttpRequest) -> HttpResponse:
    """Save the starred sessions and give the visitor a calendar link to them."""
    starred = agenda_cookie.read(request)
    agenda = save_agenda(session_ids=starred.session_ids, token=starred.token or None)
    starred.token = agenda.token
    response = redirect(reverse("events:agenda") + "#calendar")
    return agenda_cookie.write(response, starred)


@require_POST
def agenda_feed_revoke(request: HttpRequest) -> HttpResponse:
    """Stop the current calendar link and make a new one (for a link shared by mistake)."""
    starred = agenda_cookie.read(request)
    agenda = agenda_for_token(token=starred.token) if starred.token else None
    if agenda is not None:
        starred.token = revoke_agenda_feed(agenda=agenda).token
    response = redirect(reverse("events:agenda") + "#calendar")
    return agenda_cookie.write(response, starred)
