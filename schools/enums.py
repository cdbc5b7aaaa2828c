"""Choices shared by the schools models, forms, schemas and services."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy


class Network(models.TextChoices):
    """A Brussels school belongs to one community: French- or Dutch-speaking."""

    FR = "fr", _("French-speaking (Fédération Wallonie-Bruxelles)")
    NL = "nl", _("Dutch-speaking (Vlaamse Gemeenschap)")


class Language(models.TextChoices):
    FR = "fr", "Français"
    NL = "nl", "Nederlands"
    EN = "en", "English"


class Level(models.TextChoices):
    """Belgian school years. The codes sort in school order (P1 < … < P6 < S1 < … < S6), so a range of
    levels is a pair of codes compared as strings, in the database too."""

    P1 = "P1", _("P1 / L1 – 1st year of primary (age 6–7)")
    P2 = "P2", _("P2 / L2 – 2nd year of primary (age 7–8)")
    P3 = "P3", _("P3 / L3 – 3rd year of primary (age 8–9)")
    P4 = "P4", _("P4 / L4 – 4th year of primary (age 9–10)")
    P5 = "P5", _("P5 / L5 – 5th year of primary (age 10–11)")
    P6 = "P6", _("P6 / L6 – 6th year of primary (age 11–12)")
    S1 = "S1", _("S1 – 1st year of secondary (age 12–13)")
    S2 = "S2", _("S2 – 2nd year of secondary (age 13–14)")
    S3 = "S3", _("S3 – 3rd year of secondary (age 14–15)")
    S4 = "S4", _("S4 – 4th year of secondary (age 15–16)")
    S5 = "S5", _("S5 – 5th year of secondary (age 16–17)")
    S6 = "S6", _("S6 – 6th year of secondary (age 17–18)")


LEVEL_AGES = {f"P{n}": (5 + n, 6 + n) for n in range(1, 7)} | {f"S{n}": (11 + n, 12 + n) for n in range(1, 7)}


def is_primary(level: str) -> bool:
    return level.startswith("P")


def level_code(level: str) -> str:
    """A level's short code as readers of the active language know it: P3 in French and English, L3 (lager)
    in Dutch; the stored code stays P3 (docs/glossary-nl.md)."""
    if is_primary(level):
        return pgettext("school level code, {year} of primary", "P{year}").format(year=level[1:])
    return pgettext("school level code, {year} of secondary", "S{year}").format(year=level[1:])


class AllocationMode(models.TextChoices):
    FIRST_COME = "first_come", _("First come, first served")
    DRAW = "draw", _("Requests until the deadline, then a draw")


class BookingStatus(models.TextChoices):
    """The class's booking as a whole."""

    HELD = "held", pgettext_lazy("class booking status", "Waiting for the teacher's confirmation")
    CONFIRMED = "confirmed", pgettext_lazy("class booking status", "Confirmed")
    EXPIRED = "expired", pgettext_lazy("class booking status", "Not confirmed in time")
    CANCELLED = "cancelled", pgettext_lazy("class booking status", "Cancelled")


class SlotStatus(models.TextChoices):
    """One workshop slot in a class's booking."""

    RESERVED = "reserved", pgettext_lazy("workshop place status", "Place reserved")
    REQUESTED = "requested", pgettext_lazy("workshop place status", "Requested (draw to come)")
    WAITING = "waiting", pgettext_lazy("workshop place status", "On the waiting list")
    OFFERED = "offered", pgettext_lazy("workshop place status", "Place offered")
    CANCELLED = "cancelled", pgettext_lazy("workshop place status", "Cancelled")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")
    POST = "post", _("By post")
    DESK = "desk", _("At the desk")
