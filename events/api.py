"""The programme as JSON: /api/v1/sessions, /speakers, /spaces, /themes, /days.

Texts come in the language of ?lang= or, without it, of the Accept-Language header."""

import datetime as dt
from typing import Literal

from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Query, Router, Schema
from ninja.errors import ValidationError
from ninja.pagination import paginate
from pydantic import Field

from core.errors import error_responses
from core.pagination import PageNumberPagination

from .enums import AccessibilityTag, SessionAudience, SessionKind, SpokenLanguage
from .forms import filter_sessions
from .models import Edition, Session, Space, Speaker, Theme
from .schemas import DayOut, SessionOut, SpaceOut, SpeakerOut, ThemeOut
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


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError([{"type": "value_error", "loc": ["query", field], "msg": message}])


def _setup(query: EditionQuery) -> Edition:
    if query.lang:
        translation.activate(query.lang)
    return edition_named(query.edition)
    edition = Edition.objects.current()
    if edition is None:
        raise _invalid("edition", "There is no published edition.")
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
            raise _invalid("day", "This edition has no such day.")
        sessions = sessions.filter(day__date=filters.day)
    theme = None
    if filters.theme:
        theme = Theme.objects.filter(slug=filters.theme).first()
        if theme is None:
            raise _invalid("theme", "Unknown theme.")
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
