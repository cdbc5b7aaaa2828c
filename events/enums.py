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


class SessionKind(models.TextChoices):
    PECHA_KUCHA = "pecha_kucha", _("Pecha Kucha (20 slides × 20 seconds)")
    TALK = "talk", _("Talk")
    DEMO = "demo", _("Demo")
    TOURNAMENT = "tournament", _("E-gaming tournament")
    FESTIVAL = "festival", _("Invisible Festival experience")
    PUBLIC_WORKSHOP = "public_workshop", _("Workshop open to the public")


class SessionAudience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    FAMILIES = "families", _("Families")
    YOUNG = "young", _("Young people (15–25)")
    PROFESSIONALS = "professionals", _("Professionals")


class SpokenLanguage(models.TextChoices):
    FR = "fr", _("French")
    NL = "nl", _("Dutch")
    EN = "en", _("English")
    FR_NL = "fr_nl", _("French and Dutch")
    NONE = "none", _("No words needed")


class AccessibilityTag(models.TextChoices):
    STEP_FREE = "step_free", _("Step-free access")
    INTERPRETATION = "interpretation", _("Interpretation")
    SUBTITLES = "subtitles", _("Subtitles")
    SIGN_LANGUAGE = "sign_language", _("Sign language")
    QUIET_SPACE = "quiet_space", _("Quiet space")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class ChangeKind(models.TextChoices):
    RESCHEDULED = "rescheduled", _("New time")
    MOVED = "moved", _("New place")
    CANCELLED = "cancelled", _("Cancelled")
    REINSTATED = "reinstated", _("Back on the programme")
