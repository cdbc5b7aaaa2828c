"""Exhibitors as JSON: /api/v1/exhibitors/ (filters category, hall, q), one exhibitor, halls and stands with
their geometry in metres. Texts come in the language of ?lang= or of the Accept-Language header.
The organizers-only contact (name, email, phone) is never part of any answer."""

from typing import Literal

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import Field

from core.errors import error_responses, invalid_query
from core.pagination import PageNumberPagination
from events.enums import SpaceKind
from events.models import Edition, Space
from events.services import edition_named

from .models import Activity, Category, Exhibitor, Stand
from .schemas import CategoryOut, ExhibitorDetailOut, ExhibitorOut, HallOut, StandOut

router = Router(tags=["exhibitors"])

Lang = Literal["fr", "nl", "en"]


class EditionQuery(Schema):
    edition: str | None = Field(None, max_length=40, description="Edition slug; the current one by default.")
    lang: Lang | None = Field(None, description="Language of the texts; else Accept-Language.")


class ExhibitorFilters(EditionQuery):
    category: str | None = Field(None, max_length=60, description="Category slug.")
    hall: str | None = Field(None, max_length=60, description="Hall slug.")
    q: str | None = Field(None, max_length=100, description="Words from the name or the description.")


def edition_for(query: EditionQuery) -> Edition:
    return edition_named(query.edition)


def check_filters(edition: Edition, *, category: str | None = None, hall: str | None = None) -> None:
    """An unknown category or hall is a 422 naming the parameter, not an empty list."""
    if category and not Category.objects.filter(slug=category).exists():
        raise invalid_query("category", "Unknown category: /api/v1/exhibitors/categories lists them.")
    if hall and not Space.objects.filter(edition=edition, kind=SpaceKind.HALL, slug=hall).exists():
        raise invalid_query("hall", "This edition has no such hall: /api/v1/exhibitors/halls lists them.")


def language_of(request: HttpRequest, query: EditionQuery) -> str:
    return query.lang or translation.get_language_from_request(request)


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def stand_ref(exhibitor: Exhibitor) -> dict | None:
    stand = getattr(exhibitor, "stand", None)
    if stand is None:
        return None
    return {"code": stand.code, "hall": stand.hall.slug, "hall_name": str(stand.hall.name)}


def exhibitor_out(exhibitor: Exhibitor) -> dict:
    logo = (
        absolute(reverse("exhibitors:logo", kwargs={"slug": exhibitor.slug, "digest": exhibitor.logo_digest}))
        if exhibitor.logo_digest
        else None
    )
    return {
        "slug": exhibitor.slug,
        "name": exhibitor.name,
        "description": exhibitor.description or "",
        "website": exhibitor.website,
        "social_links": [{"network": label, "url": url} for label, url in exhibitor.social_links],
        "categories": [category.slug for category in exhibitor.categories.all()],
        "stand": stand_ref(exhibitor),
        "logo_url": logo,
        "url": absolute(reverse("exhibitors:exhibitor", kwargs={"slug": exhibitor.slug})),
    }


def stand_out(stand: Stand, hall: Space) -> dict:
    return {
        "code": stand.code,
        "hall": hall.slug,
        "x": float(stand.x),
        "y": float(stand.y),
        "width": float(stand.width),
        "depth": float(stand.height),
        "site_x": float(hall.plan_x + stand.x),
        "site_y": float(hall.plan_y + stand.y),
        "power": stand.power,
        "step_free": stand.step_free,
        "turning_space": stand.turning_space,
        "low_counter": stand.low_counter,
        "accessibility_notes": stand.accessibility_notes or "",
        "exhibitor": stand.exhibitor.slug if stand.exhibitor_id and stand.exhibitor.is_published else None,
    }


@router.get(
    "/exhibitors/categories",
    response={200: list[CategoryOut], **error_responses(400, 422)},
    summary="Exhibitor categories",
)
def list_categories(request: HttpRequest, lang: Lang | None = None):
    with translation.override(lang or translation.get_language_from_request(request)):
        return [{"slug": c.slug, "name": str(c.name)} for c in Category.objects.all()]


@router.get(
    "/exhibitors/halls",
    response={200: list[HallOut], **error_responses(400, 404, 422)},
    summary="Halls and their stands",
)
def list_halls(request: HttpRequest, query: Query[EditionQuery]):
    edition = edition_for(query)
    with translation.override(language_of(request, query)):
        halls = list(Space.objects.filter(edition=edition, kind=SpaceKind.HALL))
        stands = Stand.objects.filter(edition=edition).select_related("exhibitor").order_by("code")
        by_hall: dict[int, list[dict]] = {hall.pk: [] for hall in halls}
        hall_of = {hall.pk: hall for hall in halls}
        for stand in stands:
            if stand.hall_id in by_hall:
                by_hall[stand.hall_id].append(stand_out(stand, hall_of[stand.hall_id]))
        return [
            {
                "slug": hall.slug,
                "name": str(hall.name),
                "plan_x": hall.plan_x,
                "plan_y": hall.plan_y,
                "plan_width": hall.plan_width,
                "plan_height": hall.plan_height,
                "step_free": hall.step_free,
                "stands": by_hall[hall.pk],
            }
            for hall in halls
        ]


class StandFilters(EditionQuery):
    hall: str | None = Field(None, max_length=60, description="Hall slug.")
    free: bool | None = Field(None, description="Only free (true) or only allocated (false) stands.")


@router.get(
    "/exhibitors/stands",
    response={200: list[StandOut], **error_responses(400, 404, 422)},
    summary="Stands with geometry",
)
def list_stands(request: HttpRequest, query: Query[StandFilters]):
    edition = edition_for(query)
    check_filters(edition, hall=query.hall)
    stands = Stand.objects.filter(edition=edition).select_related("hall", "exhibitor").order_by("code")
    if query.hall:
        stands = stands.filter(hall__slug=query.hall)
    if query.free is not None:
        stands = stands.filter(exhibitor__isnull=query.free)
    with translation.override(language_of(request, query)):
        return [stand_out(stand, stand.hall) for stand in stands]


@router.get(
    "/exhibitors/", response={200: list[ExhibitorOut], **error_responses(400, 404, 422)}, summary="Exhibitors"
)
@paginate(PageNumberPagination)
def list_exhibitors(request: HttpRequest, filters: Query[ExhibitorFilters]):
    edition = edition_for(filters)
    check_filters(edition, category=filters.category, hall=filters.hall)
    exhibitors = (
        Exhibitor.objects.filter(edition=edition)
        .published()
        .for_directory()
        .search(filters.q or "")
        .in_category(filters.category or "")
        .in_hall(filters.hall or "")
        .order_by("name")
    )
    with translation.override(language_of(request, filters)):
        return [exhibitor_out(exhibitor) for exhibitor in exhibitors]


@router.get(
    "/exhibitors/{slug}",
    response={200: ExhibitorDetailOut, **error_responses(400, 404, 422)},
    summary="One exhibitor",
)
def get_exhibitor(request: HttpRequest, slug: str, query: Query[EditionQuery]):
    edition = edition_for(query)
    exhibitor = (
        Exhibitor.objects.filter(edition=edition, slug=slug)
        .published()
        .for_directory()
        .prefetch_related(
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("session__space").order_by("position", "pk"),
            )
        )
        .first()
    )
    if exhibitor is None:
        raise HttpError(404, "No such exhibitor.")
    with translation.override(language_of(request, query)):
        data = exhibitor_out(exhibitor)
        data["activities"] = [
            {
                "title": str(activity.title),
                "description": activity.description or "",
                "session": session_ref(activity),
            }
            for activity in exhibitor.activities.all()
        ]
        return data


def session_ref(activity: Activity) -> dict | None:
    session = activity.session
    if session is None or not session.is_published:
        return None
    return {
        "public_id": session.public_id,
        "title": str(session.title),
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "space": str(session.space.name),
    }
