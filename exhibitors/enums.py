from django.db import models
from django.utils.translation import gettext_lazy as _


class PowerSupply(models.TextChoices):
    NONE = "none", _("No power")
    STANDARD = "230v", _("230 V socket, 16 A (3.5 kW)")
    THREE_PHASE = "400v", _("400 V three-phase, 32 A")


class MarkerKind(models.TextChoices):
    """Points of interest drawn on the floor plan beside the halls and stages."""

    ENTRANCE = "entrance", _("Entrance")
    STAFF_ENTRANCE = "staff_entrance", _("Staff and exhibitors entrance")
    TOILETS = "toilets", _("Toilets")
    ACCESSIBLE_TOILETS = "accessible_toilets", _("Accessible toilets")
    FIRST_AID = "first_aid", _("First aid")
    INFO_DESK = "info_desk", _("Information desk")


class StaffLanguage(models.TextChoices):
    FR = "fr", "Français"
    NL = "nl", "Nederlands"
    EN = "en", "English"
