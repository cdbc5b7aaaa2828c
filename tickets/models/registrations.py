"""Who registered: rehearsals, registrations, their held places, postal addresses and days."""

from __future__ import annotations

import hmac
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from events.models import ArrivalWindow, Day, Edition

from .. import codes
from ..enums import Channel, Language


def new_secret_token() -> str:
    """A secret for links sent by mail (manage, waiting list): 256 random bits."""
    return secrets.token_urlsafe(32)


def new_public_id() -> str:
    """The non-secret half of a link (the lookup key); the secret half is compared in constant time."""
    return codes.new_ticket_id()


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


class Rehearsal(models.Model):
    """A rehearsal of the gates for an edition, on any date: its tickets open every gate and desk on any day
    while it is open, and never count. Closing it deletes them, with their scans (services.rehearsal)."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="rehearsals", verbose_name=_("edition")
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("rehearsal")
        verbose_name_plural = _("rehearsals")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition"], condition=Q(closed_at__isnull=True), name="rehearsal_one_open_per_edition"
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_at__gte=models.F("opened_at")),
                name="rehearsal_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition} – {self.opened_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def tag(self) -> int:
        """What a rehearsal ticket's signed code carries in place of its days (tickets.codes)."""
        return self.pk % codes.REHEARSAL_TAGS


class WithoutRehearsals(models.Manager):
    """The default manager of what rehearsals create: counts, lists, exports and reports never see them.
    Code that must see them too (the scan, the desks, the rehearsal page) asks `with_rehearsals`."""

    def get_queryset(self):
        return super().get_queryset().filter(rehearsal__isnull=True)


class RegistrationQuerySet(models.QuerySet):
    def active(self) -> RegistrationQuerySet:
        return self.filter(anonymized_at__isnull=True)

    def for_email(self, email: str) -> RegistrationQuerySet:
        return self.active().filter(email=normalize_email(email)).exclude(email="")

    def by_link(self, public_id: str, token: str) -> Registration | None:
        """The registration a secret link (its public id and token) opens, or None."""
        registration = self.active().select_related("edition").filter(public_id=public_id.upper()).first()
        return registration if registration is not None and registration.check_token(token) else None

    def unconfirmed(self) -> RegistrationQuerySet:
        """Online registrations whose e-mail address is not confirmed yet: they hold places, no tickets."""
        return self.filter(confirmed_at__isnull=True)

    def pending(self, at=None) -> RegistrationQuerySet:
        """Unconfirmed, and their places still held at `at`."""
        return self.unconfirmed().filter(hold_expires_at__gt=at or timezone.now())


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
    # An online registration may wait for its e-mail confirmation (Edition.registration_confirms_email):
    # until then confirmed_at is empty, it holds places (PlaceHold) until hold_expires_at, its companions'
    # names wait in held_companions, and no ticket exists. Every other registration is confirmed when made.
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, default=timezone.now)
    hold_expires_at = models.DateTimeField(_("places held until"), null=True, blank=True)
    held_companions = models.JSONField(_("companions waiting for the confirmation"), default=list, blank=True)
    rehearsal = models.ForeignKey(
        Rehearsal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("rehearsal"),
    )

    objects = WithoutRehearsals.from_queryset(RegistrationQuerySet)()
    with_rehearsals = RegistrationQuerySet.as_manager()

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
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=False)
                | Q(hold_expires_at__isnull=False, channel=Channel.ONLINE),
                name="registration_unconfirmed_is_online_and_held",
            ),
            models.UniqueConstraint(
                fields=["edition", "email"],
                condition=Q(confirmed_at__isnull=True) & ~Q(email=""),
                name="registration_one_unconfirmed_per_email",
            ),
        ]
        indexes = [models.Index(fields=["edition", "email"])]

    def __str__(self) -> str:
        return f"{self.name or self.public_id} ({self.edition})"

    def check_token(self, token: str) -> bool:
        return hmac.compare_digest(self.manage_token.encode(), (token or "").encode())

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class PlaceHoldQuerySet(models.QuerySet):
    def holding(self, at=None) -> PlaceHoldQuerySet:
        """Holds still counting: their registration is unconfirmed and its time not run out."""
        return self.filter(
            registration__confirmed_at__isnull=True, registration__hold_expires_at__gt=at or timezone.now()
        )

    def places_held(self, at=None) -> int:
        return self.holding(at).aggregate(total=Sum("places"))["total"] or 0


class PlaceHold(models.Model):
    """The places an unconfirmed registration holds on one day: taken from the capacity until its
    registration's hold_expires_at, then free again without anything having to run."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="place_holds", verbose_name=_("registration")
    )
    day = models.ForeignKey(Day, on_delete=models.PROTECT, related_name="+", verbose_name=_("day"))
    arrival_window = models.ForeignKey(
        ArrivalWindow,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("arrival window"),
    )
    places = models.PositiveSmallIntegerField(_("places"))

    objects = PlaceHoldQuerySet.as_manager()

    class Meta:
        verbose_name = _("places held")
        verbose_name_plural = _("places held")
        constraints = [
            models.UniqueConstraint(fields=["registration", "day"], name="placehold_one_per_day"),
            models.CheckConstraint(condition=Q(places__gte=1), name="placehold_places_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} – {self.day} ({self.places})"


class PostalAddressQuerySet(models.QuerySet):
    def to_post(self) -> PostalAddressQuerySet:
        """Letters not posted yet, of registrations still holding their data, oldest first."""
        return self.filter(posted_at__isnull=True, registration__anonymized_at__isnull=True).order_by(
            "registration__created_at", "pk"
        )


class PostalAddress(models.Model):
    """Where to post a registration's tickets: kept only for registrations by post, erased with the rest of
    the personal data (tickets.privacy)."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="postal_address", verbose_name=_("registration")
    )
    street = models.CharField(_("street"), max_length=120)
    number = models.CharField(_("number"), max_length=12)
    box = models.CharField(_("box"), max_length=12, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10)
    commune = models.CharField(_("municipality"), max_length=80)
    country = models.CharField(
        _("country"), max_length=60, blank=True, help_text=_("Empty for Belgium: no country line then.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    posted_at = models.DateTimeField(_("posted on"), null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("posted by (staff)"),
    )

    objects = PostalAddressQuerySet.as_manager()

    class Meta:
        verbose_name = _("postal address")
        verbose_name_plural = _("postal addresses")
        constraints = [
            models.CheckConstraint(
                condition=~Q(street="") & ~Q(number="") & ~Q(postal_code="") & ~Q(commune=""),
                name="postaladdress_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.postal_code} {self.commune}"

    @property
    def letter_lines(self) -> list[str]:
        """The address block as the letter prints it: in the visitor's language ("bte 3", "bus 3")."""
        with translation.override(self.registration.language):
            return self.lines

    @property
    def lines(self) -> list[str]:
        """The address block as bpost wants it: name, street and number (and box), postal code and
        municipality, then the country in capitals for mail abroad only."""
        street = f"{self.street} {self.number}"
        if self.box:
            street += " " + pgettext("postal address", "box {box}").format(box=self.box)
        lines = [self.registration.name, street, f"{self.postal_code} {self.commune.upper()}"]
        if self.country:
            lines.append(self.country.upper())
        return lines


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
