from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TicketKind(models.TextChoices):
    """Also the one-byte kind carried in the signed code: keep the codes in KIND_CODES stable."""

    VISITOR = "visitor", _("Visitor")
    SCHOOL_GROUP = "school_group", _("School group")
    EXHIBITOR_STAFF = "exhibitor_staff", _("Exhibitor staff")
    WALK_IN = "walk_in", _("Walk-in visitor")


KIND_CODES = {
    TicketKind.VISITOR: 1,
    TicketKind.SCHOOL_GROUP: 2,
    TicketKind.EXHIBITOR_STAFF: 3,
    TicketKind.WALK_IN: 4,
}


class TicketStatus(models.TextChoices):
    VALID = "valid", pgettext_lazy("ticket status", "Valid")
    CANCELLED = "cancelled", pgettext_lazy("ticket status", "Cancelled")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    DESK = "desk", _("At the desk")
    PHONE = "phone", _("By phone")
    POST = "post", _("By post")


class Language(models.TextChoices):
    FR = "fr", "Français"
    NL = "nl", "Nederlands"
    EN = "en", "English"


class WaitingStatus(models.TextChoices):
    WAITING = "waiting", pgettext_lazy("waiting list", "Waiting")
    OFFERED = "offered", pgettext_lazy("waiting list", "Places offered")
    CLAIMED = "claimed", pgettext_lazy("waiting list", "Tickets taken")
    EXPIRED = "expired", pgettext_lazy("waiting list", "Offer expired")
    LEFT = "left", pgettext_lazy("waiting list", "Left the list")


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
