"""The programme as JSON: /api/v1/editions, /sessions, /changes (the change log), /speakers, /spaces, /themes,
/days. Lists of many items come in pages that link to the next and previous ones (core/pagination.py).

Texts come in the language of ?lang= or, without it, of the Accept-Language header."""

import datetime as dt
from typing import Literal

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from core.errors import error_responses, invalid_query
from core.pagination import PageNumberPagination

from .enums import AccessibilityTag, ChangeKind, SessionAudience, SessionKind, SpokenLanguage
from .forms import filter_sessions
from .models import Edition, Session, SessionChange, Space, Speaker, Theme
from .schemas import ChangeOut, DayOut, EditionOut, SessionOut, SpaceOut, SpeakerOut, ThemeOut
from .services import edition_named

router = Router(tags=["programme"])

Lang = Literal["fr", "nl", "en"]


class EditionQuery(Schema):
    edition: str | None = Field(None, max_length=40, description="Edition slug; the current one by default.")
    lang: Lang | None = Field(None, description="Language of the texts; else Accept-Language.")


class SessionFilters(EditionQuery):
    day: dt.date | None = None
    theme: str | None = Field(None, max_length=60, description="Theme slug.")
    kind: SessionKind | None = None
    audience: SessionAudience | None = None
    language: SpokenLanguage | None = Field(None, description="Language spoken in the session.")
    access: list[AccessibilityTag] = Field(default_factory=list, description="All of these tags.")
    q: str | None = Field(None, max_length=100, description="Words from a title, description or speaker.")


def _setup(query: EditionQuery) -> Edition:
    if query.lang:
        translation.activate(query.lang)
    return edition_named(query.edition)
    edition = Edition.objects.current()
    if edition is None:
        raise invalid_query("edition", "There is no published edition.")
    return edition


@router.get(
    "/sessions",
    response={200: list[SessionOut], **error_responses(400, 404, 422)},
    summary="Sessions of the programme",
)
@paginate(PageNumberPagination, page_size=50)
def list_sessions(request: HttpRequest, filters: Query[SessionFilters]):
    edition = _setup(filters)
    sessions = Session.objects.published().of_edition(edition)
    if filters.day is not None:
        if not edition.days.filter(date=filters.day).exists():
            raise invalid_query("day", "This edition has no such day.")
        sessions = sessions.filter(day__date=filters.day)
    theme = None
    if filters.theme:
        theme = Theme.objects.filter(slug=filters.theme).first()
        if theme is None:
            raise invalid_query("theme", "Unknown theme.")
    return filter_sessions(
        sessions,
        theme=theme,
        kind=filters.kind or "",
        audience=filters.audience or "",
        language=filters.language or "",
        access=[tag.value for tag in filters.access],
        q=filters.q or "",
    ).for_listing()


@router.get(
    "/sessions/{public_id}",
    response={200: SessionOut, **error_responses(400, 404, 422)},
    summary="One session",
)
def get_session(request: HttpRequest, public_id: str, lang: Lang | None = None):
    if lang:
        translation.activate(lang)
    return get_object_or_404(Session.objects.published().for_listing(), public_id=public_id)


@router.get(
    "/speakers",
    response={200: list[SpeakerOut], **error_responses(400, 404, 422)},
    summary="Speakers with published sessions",
)
@paginate(PageNumberPagination, page_size=50)
def list_speakers(request: HttpRequest, query: Query[EditionQuery]):
    edition = _setup(query)
    on_programme = Session.objects.published().of_edition(edition).filter(speakers=OuterRef("pk"))
    return Speaker.objects.filter(Exists(on_programme)).order_by("name", "slug")


@router.get(
    "/speakers/{slug}", response={200: SpeakerOut, **error_responses(400, 404, 422)}, summary="One speaker"
)
def get_speaker(request: HttpRequest, slug: str, lang: Lang | None = None):
    if lang:
        translation.activate(lang)
    return get_object_or_404(
        Speaker.objects.filter(Exists(Session.objects.published().filter(speakers=OuterRef("pk")))), slug=slug
    )


@router.get(
    "/spaces",
    response={200: list[SpaceOut], **error_responses(400, 404, 422)},
    summary="Spaces of an edition",
)
def list_spaces(request: HttpRequest, query: Query[EditionQuery]):
    return list(Space.objects.filter(edition=_setup(query)))


@router.get(
    "/themes",
    response={200: list[ThemeOut], **error_responses(400, 404, 422)},
    summary="Themes of an edition",
)
def list_themes(request: HttpRequest, query: Query[EditionQuery]):
    return list(_setup(query).themes.all())


@router.get(
    "/days",
    response={200: list[DayOut], **error_responses(400, 404, 422)},
    summary="Days of an edition, with opening hours",
)
def list_days(request: HttpRequest, query: Query[EditionQuery]):
    return list(_setup(query).days.all())


def _site(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _edition_out(edition: Edition, current: Edition | None) -> dict:
    api_query = f"?edition={edition.slug}"
    return {
        **{field: getattr(edition, field) for field in EDITION_FIELDS},
        "is_current": current is not None and edition.pk == current.pk,
        "url": _site(reverse("events:edition-detail", kwargs={"slug": edition.slug})),
        "sessions_url": _site(reverse("api:list_sessions") + api_query),
        "changes_url": _site(reverse("api:list_changes") + api_query),
        "schedule_url": _site(reverse("feeds:schedule-json") + api_query),
    }


EDITION_FIELDS = ("slug", "name", "tagline", "starts_on", "ends_on", "venue_name", "venue_address")
EDITION_FIELDS += ("registration_opens_at", "registration_closes_at")


@router.get(
    "/editions",
    response={200: list[EditionOut], **error_responses(400, 422)},
    summary="Published editions, the newest first",
)
def list_editions(request: HttpRequest, lang: Lang | None = None):
    if lang:
        translation.activate(lang)
    current = Edition.objects.current()
    return [_edition_out(edition, current) for edition in Edition.objects.published().order_by("-starts_on")]


class ChangeFilters(EditionQuery):
    since: dt.datetime | None = Field(None, description="Only changes made after this time (ISO 8601).")


def _change_out(change: SessionChange) -> dict:
    session = change.session
    return {
        "id": change.pk,
        "session": {
            "id": session.public_id,
            "title": str(session.title),
            "url": _site(reverse("events:session-detail", kwargs={"public_id": session.public_id})),
        },
        "kind": change.kind,
        "kind_label": str(ChangeKind(change.kind).label),
        "changed_at": change.changed_at,
        **{field: getattr(change, field) for field in CHANGE_TIMES},
        "old_space": change.old_space,
        "new_space": change.new_space,
    }


CHANGE_TIMES = ("old_starts_at", "old_ends_at", "new_starts_at", "new_ends_at")


@router.get(
    "/changes",
    response={200: list[ChangeOut], **error_responses(400, 404, 422)},
    summary="The programme's change log, the newest first",
)
@paginate(PageNumberPagination, page_size=50)
def list_changes(request: HttpRequest, filters: Query[ChangeFilters]):
    """New times, new places, cancellations and reinstatements of published sessions, as the site's
    "what changed" page shows them; `since` lets a client fetch only what is new since its last visit."""
    edition = _setup(filters)
    changes = SessionChange.objects.filter(session__is_published=True, session__day__edition=edition)
    if filters.since is not None:
        changes = changes.filter(changed_at__gt=filters.since)
    changes = changes.select_related("session", "old_space", "new_space").order_by("-changed_at", "-pk")
    return [_change_out(change) for change in changes]
