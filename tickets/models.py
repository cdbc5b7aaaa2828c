from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import ArrivalWindow, Day, Edition

from . import codes
from .enums import KIND_CODES, Channel, Language, TicketKind, TicketStatus


def new_secret_token() -> str:
    """A secret for links sent by mail (manage, waiting list): 256 random bits."""
    return secrets.token_urlsafe(32)


class Registration(models.Model):
    """What one person submits: their contact details and one ticket per attendee and day."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("edition")
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(
        _("email"), blank=True, help_text=_("Empty for registrations taken at the desk.")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language, default=Language.FR)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel, default=Channel.ONLINE)
    manage_token = models.CharField(
        _("manage token"), max_length=64, unique=True, default=new_secret_token, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="registration_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="registration_channel_valid"
            ),
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(channel=Channel.ONLINE), name="registration_online_needs_email"
            ),
        ]
        indexes = [models.Index(fields=["edition", "email"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.edition})"


class TicketQuerySet(models.QuerySet):
    def valid(self) -> TicketQuerySet:
        return self.filter(status=TicketStatus.VALID)

    def places_taken(self) -> int:
        """Headcount of the valid tickets in this queryset: a class of 25 takes 25 places."""
        return self.valid().aggregate(total=Sum("headcount"))["total"] or 0


class Ticket(models.Model):
    """One person (or one group, by headcount) admitted on one day; staff badges hold every day."""

    public_id = models.CharField(
        _("ticket id"), max_length=16, unique=True, default=codes.new_ticket_id, editable=False
    )
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("edition")
    )
    day = models.ForeignKey(
        Day,
        on_delete=models.PROTECT,
        related_name="tickets",
        null=True,
        blank=True,
        verbose_name=_("day"),
        help_text=_("Empty for badges valid on every day."),
    )
    arrival_window = models.ForeignKey(
        ArrivalWindow,
        on_delete=models.PROTECT,
        related_name="tickets",
        null=True,
        blank=True,
        verbose_name=_("arrival window"),
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="tickets",
        null=True,
        blank=True,
        verbose_name=_("registration"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TicketKind, default=TicketKind.VISITOR)
    headcount = models.PositiveIntegerField(_("headcount"), default=1)
    holder_name = models.CharField(_("holder's name"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=TicketStatus, default=TicketStatus.VALID)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["day", "created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=TicketKind.values), name="ticket_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=TicketStatus.values), name="ticket_status_valid"),
            models.CheckConstraint(condition=Q(headcount__gte=1), name="ticket_headcount_positive"),
            models.CheckConstraint(
                condition=Q(headcount=1) | Q(kind=TicketKind.SCHOOL_GROUP),
                name="ticket_group_only_for_schools",
            ),
            models.CheckConstraint(
                condition=Q(day__isnull=False) | Q(kind=TicketKind.EXHIBITOR_STAFF),
                name="ticket_day_required",
            ),
            models.CheckConstraint(
                condition=Q(status=TicketStatus.CANCELLED, cancelled_at__isnull=False)
                | Q(status=TicketStatus.VALID, cancelled_at__isnull=True),
                name="ticket_cancelled_at_matches_status",
            ),
        ]
        indexes = [models.Index(fields=["day", "status"]), models.Index(fields=["edition", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.public_id}"

    @property
    def is_valid(self) -> bool:
        return self.status == TicketStatus.VALID

    def days_mask(self) -> int:
        """Bit i: valid on the edition's first day + i days (see tickets.codes)."""
        if self.day_id is None:
            span = (self.edition.ends_on - self.edition.starts_on).days + 1
            return (1 << min(span, 16)) - 1
        return 1 << (self.day.date - self.edition.starts_on).days

    def signed_code(self) -> str:
        """The text of the QR code. Needs `edition` (and `day`) loaded; no query when they are."""
        return codes.encode(
            codes.TicketPayload(
                ticket_id=codes.ticket_id_from_text(self.public_id),
                edition_id=self.edition_id,
                days_mask=self.days_mask(),
                kind=KIND_CODES[self.kind],
                headcount=self.headcount,
            )
        )


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class OutgoingMail(models.Model):
    """A mail in the outbox (see tickets.mail)."""

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=250)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MailStatus, default=MailStatus.QUEUED)
    dedupe_key = models.CharField(_("deduplication key"), max_length=120, null=True, blank=True, unique=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MailStatus.values), name="outgoingmail_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


class MailAttachment(models.Model):
    mail = models.ForeignKey(OutgoingMail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(_("file name"), max_length=120)
    content = models.BinaryField(_("content"))
    mimetype = models.CharField(_("type"), max_length=80)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename
