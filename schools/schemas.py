from __future__ import annotations

import datetime as dt

from ninja import Schema

from core.api_types import LocalTime


class SlotOut(Schema):
    id: int
    workshop_id: int
    date: dt.date
    starts_at: LocalTime
    ends_at: LocalTime
    room: str
    language: str
    capacity: int
    places_left: int
    open_for_booking: bool


class WorkshopOut(Schema):
    id: int
    slug: str
    title: str
    description: str
    themes: list[str]
    languages: list[str]
    level_min: str
    level_max: str
    age_min: int
    age_max: int
    duration_minutes: int
    max_pupils: int
    wheelchair_accessible: bool
    accessibility_notes: str
    slots: list[SlotOut]
