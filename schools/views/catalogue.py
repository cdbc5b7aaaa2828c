"""The workshop catalogue, filtered, with places left kept up to date."""

from __future__ import annotations

from collections import OrderedDict

from django.conf import settings as django_settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from events.models import Edition, Theme

from .. import services
from ..enums import Language, Level
from ..models import WorkshopSlot
from .common import current_edition, places_text


def _catalogue_filters(request: HttpRequest, edition: Edition) -> dict:
    get = request.GET
    level = get.get("level", "")
    language = get.get("language", "")
    theme = get.get("theme", "")
    start = get.get("time", "")
    day = get.get("day", "")
    return {
        "level": level if level in Level.values else "",
        "language": language if language in Language.values else "",
        "theme": theme if edition.themes.filter(slug=theme).exists() else "",
        "time": start if len(start) == 5 and start[2] == ":" and start.replace(":", "").isdigit() else "",
        "day": day if day.isdigit() else "",
    }


def catalogue_slots(edition: Edition, filters: dict):
    slots = (
        WorkshopSlot.objects.filter(day__edition=edition)
        .with_places()
        .select_related("workshop", "space", "day")
        .prefetch_related("workshop__themes")
    )
    if filters.get("level"):
        slots = slots.for_level(filters["level"])
    if filters.get("language"):
        slots = slots.filter(language=filters["language"])
    if filters.get("theme"):
        slots = slots.filter(workshop__themes__slug=filters["theme"])
    if filters.get("time"):
        slots = slots.filter(starts_at=filters["time"])
    if filters.get("day"):
        slots = slots.filter(day_id=filters["day"])
    return slots.order_by("workshop__position", "workshop__slug", "day__date", "starts_at", "pk")


def catalogue(request: HttpRequest) -> HttpResponse:
    edition = current_edition()
    filters = _catalogue_filters(request, edition)
    groups: OrderedDict = OrderedDict()
    for slot in catalogue_slots(edition, filters):
        slot.places_label = places_text(slot.places_left)
        groups.setdefault(slot.workshop, []).append(slot)
    all_slots = WorkshopSlot.objects.filter(day__edition=edition)
    context = {
        "edition": edition,
        "settings": services.settings_for(edition),
        "filters": filters,
        "groups": list(groups.items()),
        "levels": Level.choices,
        "languages": Language.choices,
        "themes": Theme.objects.filter(workshops__edition=edition).distinct(),
        "times": sorted({s.strftime("%H:%M") for s in all_slots.values_list("starts_at", flat=True)}),
        "days": edition.days.filter(workshop_slots__isnull=False).distinct(),
        "filter_query": "&".join(f"{k}={v}" for k, v in filters.items() if v),
        "poll_seconds": getattr(django_settings, "SCHOOLS_PLACES_POLL_SECONDS", 20),
    }
    template = (
        "schools/catalogue.html#results"
        if request.htmx and not request.htmx.boosted
        else "schools/catalogue.html"
    )
    return render(request, template, context)


@require_GET
def places(request: HttpRequest) -> JsonResponse:
    """Places left per slot, with the words in the page's language, for the catalogue's live update."""
    edition = current_edition()
    data = {
        str(slot.pk): {"left": max(slot.places_left, 0), "label": places_text(slot.places_left)}
        for slot in WorkshopSlot.objects.filter(day__edition=edition).with_places().only("pk", "capacity")
    }
    return JsonResponse({"slots": data}, headers={"Cache-Control": "no-store"})
