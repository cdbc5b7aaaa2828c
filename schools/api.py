"""Workshops and their slots with places left. Never teachers' or schools' data."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from core.errors import error_responses
from events.models import Edition
from events.services import edition_named

from .enums import Language, Level
from .models import Workshop, WorkshopSlot
from .schemas import SlotOut, WorkshopOut

router = Router(tags=["schools"])


def _slot_out(slot: WorkshopSlot) -> SlotOut:
    return SlotOut(
        id=slot.pk,
        workshop_id=slot.workshop_id,
        date=slot.day.date,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        room=slot.space.name,
        language=slot.language,
        capacity=slot.capacity,
        places_left=max(slot.places_left, 0),
        open_for_booking=slot.is_open,
    )


def _slots(edition: Edition, *, level: Level | None, language: Language | None):
    slots = WorkshopSlot.objects.filter(day__edition=edition).with_places().select_related("day", "space")
    if level:
        slots = slots.for_level(level)
    if language:
        slots = slots.filter(language=language)
    return slots.order_by("day__date", "starts_at", "pk")


@router.get(
    "/workshops",
    response={200: list[WorkshopOut], **error_responses(400, 404, 422)},
    summary="Workshops for schools, with their slots",
)
def list_workshops(
    request: HttpRequest,
    edition: str | None = None,
    level: Level | None = None,
    language: Language | None = None,
):
    """Workshops of the edition (default: the current one) with each slot's places left, in pupils.
    `level` (P1–P6, S1–S6) keeps the workshops that suit it; `language` (fr, nl, en) the slots given in it."""
    found = edition_named(edition)
    by_workshop: dict[int, list[SlotOut]] = {}
    for slot in _slots(found, level=level, language=language):
        by_workshop.setdefault(slot.workshop_id, []).append(_slot_out(slot))
    workshops = Workshop.objects.filter(edition=found).prefetch_related("themes")
    if level:
        workshops = workshops.filter(level_min__lte=level, level_max__gte=level)
    return [
        WorkshopOut(
            id=w.pk,
            slug=w.slug,
            title=w.title,
            description=w.description,
            themes=[t.slug for t in w.themes.all()],
            languages=w.languages,
            level_min=w.level_min,
            level_max=w.level_max,
            age_min=w.ages[0],
            age_max=w.ages[1],
            duration_minutes=w.duration_minutes,
            max_pupils=w.max_pupils,
            wheelchair_accessible=w.wheelchair_accessible,
            accessibility_notes=w.accessibility_notes,
            slots=by_workshop.get(w.pk, []),
        )
        for w in workshops
        if not language or by_workshop.get(w.pk)
    ]


@router.get(
    "/slots",
    response={200: list[SlotOut], **error_responses(400, 404, 422)},
    summary="Workshop slots with places left",
)
def list_slots(
    request: HttpRequest,
    edition: str | None = None,
    level: Level | None = None,
    language: Language | None = None,
):
    found = edition_named(edition)
    return [_slot_out(slot) for slot in _slots(found, level=level, language=language)]
