"""The workshop catalogue, filtered, with places left kept up to date."""

from __future__ import annotations

from collections import OrderedDict

from django.conf import settings as django_settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from events.models import Edition, Theme

from .. import services
from ..forms import CatalogueFilterForm
from ..models import WorkshopSlot
from .common import current_edition, places_text


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
    all_slots = WorkshopSlot.objects.filter(day__edition=edition)
    days = list(edition.days.filter(workshop_slots__isnull=False).distinct())
    form = CatalogueFilterForm(
        request.GET or None,
        themes=Theme.objects.filter(workshops__edition=edition).distinct(),
        days=days,
        times=sorted({s.strftime("%H:%M") for s in all_slots.values_list("starts_at", flat=True)}),
    )
    filters = form.values()
    groups: OrderedDict = OrderedDict()
    for slot in catalogue_slots(edition, filters):
        slot.places_label = places_text(slot.places_left)
        groups.setdefault(slot.workshop, []).append(slot)
    context = {
        "edition": edition,
        "settings": services.settings_for(edition),
        "filters": filters,
        "groups": list(groups.items()),
        "form": form,
        "days": days,
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
