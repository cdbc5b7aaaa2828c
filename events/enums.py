from django.db import models
from django.utils.translation import gettext_lazy as _


class DayAudience(models.TextChoices):
    PUBLIC = "public", _("Public all day")
    SCHOOLS = "schools", _("Schools only")
    SCHOOLS_THEN_PUBLIC = "schools_then_public", _("Schools in the morning, public afterwards")


class SpaceKind(models.TextChoices):
    HALL = "hall", _("Exhibition hall")
    STAGE = "stage", _("Stage")
    WORKSHOP_ROOM = "workshop_room", _("Workshop room")
    ARENA = "arena", _("E-gaming arena")
    FESTIVAL = "festival", _("Invisible Festival area")
    FACILITY = "facility", _("Facility")
