"""The events app's models, one module per part: the edition's frame and the programme."""

from .editions import ArrivalWindow, Day, Edition, EditionQuerySet, Space, Theme, local_tz
from .programme import (
    ACCESSIBILITY_FIELDS,
    PUBLIC_ID_ALPHABET,
    Agenda,
    Session,
    SessionChange,
    SessionQuerySet,
    Speaker,
    new_agenda_token,
    new_public_id,
)

__all__ = [
    "ACCESSIBILITY_FIELDS",
    "PUBLIC_ID_ALPHABET",
    "Agenda",
    "ArrivalWindow",
    "Day",
    "Edition",
    "EditionQuerySet",
    "Session",
    "SessionChange",
    "SessionQuerySet",
    "Space",
    "Speaker",
    "Theme",
    "local_tz",
    "new_agenda_token",
    "new_public_id",
]
