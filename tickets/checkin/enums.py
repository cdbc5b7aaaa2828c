"""The choices of check-in: gates, directions, and the verdict of a scan."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class GateKind(models.TextChoices):
    MAIN = "main", _("Main entrance")
    SCHOOL = "school", _("School entrance")
    STAFF = "staff", _("Staff entrance")


class Direction(models.TextChoices):
    IN = "in", pgettext_lazy("check-in direction", "In")
    OUT = "out", pgettext_lazy("check-in direction", "Out")


class Result(models.TextChoices):
    ADMITTED = "admitted", pgettext_lazy("check-in result", "Admitted")
    ALREADY_CHECKED_IN = "already_checked_in", pgettext_lazy("check-in result", "Already checked in")
    REJECTED = "rejected", pgettext_lazy("check-in result", "Rejected")


class Reason(models.TextChoices):
    INVALID = "invalid", _("Invalid or forged code")
    NOT_FOUND = "not_found", _("Unknown ticket")
    WRONG_EDITION = "wrong_edition", _("Ticket for another edition")
    WRONG_DAY = "wrong_day", _("Ticket for another day")
    CANCELLED = "cancelled", _("Cancelled ticket")
    WRONG_GATE = "wrong_gate", _("Not admitted at this gate")
    NOT_INSIDE = "not_inside", _("Exit of a ticket that is not inside")
    REHEARSAL_CLOSED = "rehearsal_closed", _("Rehearsal ticket of a closed rehearsal")


class Source(models.TextChoices):
    """How a check-in reached the server: a paired scanner, the desk's search, or the paper list."""

    SCANNER = "scanner", pgettext_lazy("check-in source", "Scanner")
    DESK = "desk", pgettext_lazy("check-in source", "Desk")
    PAPER = "paper", pgettext_lazy("check-in source", "Paper list")
