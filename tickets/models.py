from __future__ import annotations

import hmac
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import ArrivalWindow, Day, Edition

from . import codes
from .enums import KIND_CODES, Channel, Language, MailStatus, TicketKind, TicketStatus, WaitingStatus


def new_secret_token() -> str:
    """A secret for links sent by mail (manage, waiting list): 256 random bits."""
    return secrets.token_urlsafe(32)


def new_public_id() -> str:
    """The non-secret half of a link (the lookup key); the secret half is compared in constant time."""
    return codes.new_ticket_id()


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


class RegistrationQuerySet(models.QuerySet):
    def active(self) -> RegistrationQuerySet:
        return self.filter(anonymized_at__isnull=True)

    def for_email(self, email: str) -> RegistrationQuerySet:
        return self.active().filter(email=normalize_email(email)).exclude(email="")


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
    public_id = models.CharField(
        _("public id"), max_length=16, unique=True, default=new_public_id, editable=False
    )
    phone = models.CharField(
        _("phone"), max_length=30, blank=True, help_text=_("Only for registrations taken by phone or post.")
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    accessibility_consent_at = models.DateTimeField(
        _("consent to keep accessibility needs"), null=True, blank=True
    )
    news_opt_in = models.BooleanField(_("wants news from the organizers"), default=False)
    news_consent_at = models.DateTimeField(_("consent to news given at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by (staff)"),
    )
    anonymized_at = models.DateTimeField(_("anonymized at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

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
                condition=~Q(email="") | ~Q(channel=Channel.ONLINE) | Q(anonymized_at__isnull=False),
                name="registration_online_needs_email",
            ),
            models.CheckConstraint(
                condition=Q(accessibility_needs="") | Q(accessibility_consent_at__isnull=False),
                name="registration_accessibility_needs_consent",
            ),
            models.CheckConstraint(
                condition=Q(news_opt_in=False) | Q(news_consent_at__isnull=False),
                name="registration_news_opt_in_has_consent_time",
            ),
        ]
        indexes = [models.Index(fields=["edition", "email"])]

    def __str__(self) -> str:
        return f"{self.name or self.public_id} ({self.edition})"

    def check_token(self, token: str) -> bool:
        return hmac.compare_digest(self.manage_token.encode(), (token or "").encode())


class DayRegistration(models.Model):
    """One email address holds at most one registration per day: the database says so."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="day_claims", verbose_name=_("registration")
    )
    day = models.ForeignKey(Day, on_delete=models.PROTECT, related_name="+", verbose_name=_("day"))
    email = models.CharField(_("email (normalized)"), max_length=254)

    class Meta:
        verbose_name = _("registered email per day")
        verbose_name_plural = _("registered emails per day")
        constraints = [
            models.UniqueConstraint(fields=["day", "email"], name="dayregistration_one_per_email_per_day"),
            models.CheckConstraint(condition=~Q(email=""), name="dayregistration_email_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.day}"


class TicketQuerySet(models.QuerySet):
    def valid(self) -> TicketQuerySet:
        return self.filter(status=TicketStatus.VALID)

    def places_taken(self) -> int:
        """Headcount of the valid tickets in this queryset: a class of 25 takes 25 places."""
        return self.valid().aggregate(total=Sum("headcount"))["total"] or 0

    def of_registration(self, registration: Registration) -> TicketQuerySet:
        return self.filter(registration=registration).select_related("day", "edition", "arrival_window")

    def valid_of(self, registration: Registration) -> TicketQuerySet:
        """A registration's valid tickets by day, then person (registrant first): as its PDF, its mails and
        its manage page list them."""
        return self.of_registration(registration).valid().order_by("day__date", "position", "pk")


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
    position = models.PositiveSmallIntegerField(
        _("person in the registration"),
        null=True,
        blank=True,
        help_text=_("0: the person who registered; 1 to 5: their companions."),
    )

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
            models.UniqueConstraint(
                fields=["registration", "day", "position"],
                condition=Q(status="valid", registration__isnull=False, position__isnull=False),
                name="ticket_one_per_person_per_day",
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


class WaitingListQuerySet(models.QuerySet):
    def active(self) -> WaitingListQuerySet:
        return self.filter(status__in=[WaitingStatus.WAITING, WaitingStatus.OFFERED])

    def holding(self, at=None) -> WaitingListQuerySet:
        """Offers still open: their places are held for the person offered."""
        return self.filter(status=WaitingStatus.OFFERED, offer_expires_at__gt=at or timezone.now())

    def places_held(self, at=None) -> int:
        return self.holding(at).aggregate(total=Sum("places"))["total"] or 0

    def in_line(self) -> WaitingListQuerySet:
        return self.filter(status=WaitingStatus.WAITING).order_by("created_at", "pk")


class WaitingListEntry(models.Model):
    """Someone waiting for `places` places on a full day; offered freed places in order."""

    public_id = models.CharField(
        _("public id"), max_length=16, unique=True, default=new_public_id, editable=False
    )
    token = models.CharField(_("secret"), max_length=64, default=new_secret_token, editable=False)
    day = models.ForeignKey(Day, on_delete=models.PROTECT, related_name="waiting_list", verbose_name=_("day"))
    arrival_window = models.ForeignKey(
        ArrivalWindow,
        on_delete=models.PROTECT,
        related_name="waiting_list",
        null=True,
        blank=True,
        verbose_name=_("arrival window"),
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=2, choices=Language, default=Language.FR)
    places = models.PositiveSmallIntegerField(_("places"))
    status = models.CharField(
        _("status"), max_length=10, choices=WaitingStatus, default=WaitingStatus.WAITING
    )
    created_at = models.DateTimeField(_("joined at"), default=timezone.now)
    offered_at = models.DateTimeField(_("offered at"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    registration = models.ForeignKey(
        Registration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registration made from the offer"),
    )

    objects = WaitingListQuerySet.as_manager()

    class Meta:
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list")
        ordering = ["day", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=WaitingStatus.values), name="waitinglistentry_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="waitinglistentry_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(places__gte=1, places__lte=6), name="waitinglistentry_places_between_1_and_6"
            ),
            models.CheckConstraint(
                condition=~Q(status=WaitingStatus.OFFERED) | Q(offer_expires_at__isnull=False),
                name="waitinglistentry_offer_has_expiry",
            ),
            models.UniqueConstraint(
                fields=["day", "email"],
                condition=Q(status__in=["waiting", "offered"]) & ~Q(email=""),
                name="waitinglistentry_one_active_per_email_per_day",
            ),
        ]
        indexes = [models.Index(fields=["day", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name or self.public_id} – {self.day} ({self.places})"

    def check_token(self, token: str) -> bool:
        return hmac.compare_digest(self.token.encode(), (token or "").encode())

    @property
    def offer_is_open(self) -> bool:
        return (
            self.status == WaitingStatus.OFFERED
            and self.offer_expires_at is not None
            and self.offer_expires_at > timezone.now()
        )


class OutgoingMail(models.Model):
    """A mail in the outbox (see tickets.mail)."""

    to = models.EmailField(_("to"))
    from_email = models.CharField(
        _("from"), max_length=250, blank=True, help_text=_("Empty: the site's default sender.")
    )
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
    compose_key = models.CharField(
        _("composed by"),
        max_length=120,
        blank=True,
        help_text=_("Subject and text made when the mail is sent, by this function, then kept."),
    )

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
    content = models.BinaryField(_("content"), blank=True)
    mimetype = models.CharField(_("type"), max_length=80)
    render_key = models.CharField(
        _("rendered by"),
        max_length=120,
        blank=True,
        help_text=_("Made when the mail is sent, by this function and argument, then kept."),
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename
