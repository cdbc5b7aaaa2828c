from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Audience(models.TextChoices):
    VISITORS_DAY = "visitors_day", _("Visitors of one day")
    VISITORS_EDITION = "visitors_edition", _("Visitors of the whole edition")
    SCHOOLS_DAY = "schools_day", _("Schools of one day")
    EXHIBITORS = "exhibitors", _("Exhibitors")


DAY_AUDIENCES = (Audience.VISITORS_DAY, Audience.SCHOOLS_DAY)


class MessageKind(models.TextChoices):
    PRACTICAL = "practical", _("Practical information (to everyone in the audience)")
    NEWS = "news", _("News (only to visitors who asked for news)")


class BroadcastStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("message status", "Draft")
    QUEUED = "queued", pgettext_lazy("message status", "Sent to the outbox")
