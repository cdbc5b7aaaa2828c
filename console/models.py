"""The console's records: messages the organizers write to an audience (Broadcast) and who each was sent
to (BroadcastRecipient); and every action staff did on a registration (StaffAction).

A broadcast is written once in FR, NL and EN (translated fields, falling back like the programme's), and
each recipient gets it in their own language through the outbox. It leaves the draft state once, by a
conditional update, so a double click never queues it twice; the unique (broadcast, email) pair and the
outbox's unique dedupe key say the same in the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models import Day, Edition
from tickets.enums import Language
from tickets.models import OutgoingMail, Registration

from .enums import DAY_AUDIENCES, Audience, BroadcastStatus, MessageKind


class Broadcast(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="+", verbose_name=_("edition")
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience)
    day = models.ForeignKey(
        Day, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("day")
    )
    kind = models.CharField(_("kind of message"), max_length=10, choices=MessageKind)
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=10, choices=BroadcastStatus, default=BroadcastStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("written by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("sent by"),
    )  # fmt: skip
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message to registrants")
        verbose_name_plural = _("messages to registrants")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("export_personal_data", _("Can export registrants' personal data")),
            ("send_message", _("Can write and send messages to registrants")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values), name="broadcast_audience_valid"
            ),
            models.CheckConstraint(condition=Q(kind__in=MessageKind.values), name="broadcast_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=BroadcastStatus.values), name="broadcast_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(audience__in=DAY_AUDIENCES, day__isnull=False)
                | (~Q(audience__in=DAY_AUDIENCES) & Q(day__isnull=True)),
                name="broadcast_day_matches_audience",
            ),
            models.CheckConstraint(
                condition=Q(kind=MessageKind.PRACTICAL)
                | Q(audience__in=[Audience.VISITORS_DAY, Audience.VISITORS_EDITION]),
                name="broadcast_news_only_to_visitors",
            ),
            models.CheckConstraint(
                condition=Q(status=BroadcastStatus.DRAFT, sent_at__isnull=True)
                | Q(status=BroadcastStatus.QUEUED, sent_at__isnull=False),
                name="broadcast_sent_at_matches_status",
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class BroadcastRecipient(models.Model):
    broadcast = models.ForeignKey(
        Broadcast, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("message")
    )
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=2, choices=Language)
    mail = models.ForeignKey(
        OutgoingMail, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("mail in the outbox"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.UniqueConstraint(
                fields=["broadcast", "email"], name="broadcastrecipient_once_per_message"
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="broadcastrecipient_language_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.email


class ActionKind(models.TextChoices):
    RESEND = "resend", _("Tickets mailed again")
    CANCEL_TICKET = "cancel_ticket", _("Ticket cancelled")
    CANCEL_ALL = "cancel_all", _("All tickets cancelled")
    ADD_COMPANION = "add_companion", _("Companion added")
    MOVE_DAY = "move_day", _("Moved to another day")
    NEW_LINK = "new_link", _("New link given")
    RETRY_MAIL = "retry_mail", _("Failed mails retried")
    CAPACITY = "capacity", _("Capacity changed")
    CONFIRM_LINK = "confirm_link", _("Confirmation link mailed again")
    CONFIRMED_BY_STAFF = "staff_confirmed", _("Confirmed by staff, tickets issued")


class StaffAction(models.Model):
    """One thing a staff member did. `nonce` comes from the form that asked for it: a form sent twice (a
    double click, a reload) finds its action already recorded and does nothing more."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    user_name = models.CharField(_("staff member's name"), max_length=150)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    kind = models.CharField(_("action"), max_length=16, choices=ActionKind)
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="staff_actions",
        verbose_name=_("registration"),
    )
    details = models.CharField(_("details"), max_length=300, blank=True)
    nonce = models.CharField(_("form nonce"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("staff action")
        verbose_name_plural = _("staff actions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ActionKind.values), name="staffaction_kind_valid"),
            models.UniqueConstraint(
                fields=["nonce"], condition=~Q(nonce=""), name="staffaction_nonce_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.user_name} – {self.created_at:%Y-%m-%d %H:%M}"
