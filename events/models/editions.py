"""The edition's frame: the edition, its days and arrival windows, its spaces and themes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..enums import DayAudience, SpaceKind
from ..registration_settings import OnlineRegistrationSettings


def local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


class EditionQuerySet(models.QuerySet):
    def published(self) -> EditionQuerySet:
        return self.filter(is_published=True)

    def past(self) -> EditionQuerySet:
        return self.published().filter(ends_on__lt=timezone.localdate()).order_by("-starts_on")

    def current(self) -> Edition | None:
        """The edition visitors should see: the next or ongoing one, else the latest past one."""
        today = timezone.localdate()
        upcoming = self.published().filter(ends_on__gte=today).order_by("starts_on").first()
        return upcoming or self.published().order_by("-starts_on").first()


class Edition(OnlineRegistrationSettings, models.Model):
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    venue_name = models.CharField(_("venue"), max_length=120)
    venue_address = models.CharField(_("venue address"), max_length=200)
    getting_there = models.TextField(_("how to get there"), blank=True)
    registration_opens_at = models.DateTimeField(_("registration opens"))
    registration_closes_at = models.DateTimeField(_("registration closes"))
    is_published = models.BooleanField(_("published"), default=False)
    # Set by tickets.privacy.anonymize_edition: found due once even with no registration, never again.
    personal_data_erased_at = models.DateTimeField(
        _("personal data erased"), null=True, blank=True, editable=False
    )
    themes = models.ManyToManyField(
        "events.Theme", related_name="editions", blank=True, verbose_name=_("themes")
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="edition_ends_after_start"),
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=F("registration_opens_at")),
                name="edition_registration_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_past(self) -> bool:
        return self.ends_on < timezone.localdate()

    def registration_is_open(self, at: dt.datetime | None = None) -> bool:
        at = at or timezone.now()
        return not self.is_past and self.registration_opens_at <= at < self.registration_closes_at


class Day(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="days", verbose_name=_("edition")
    )
    date = models.DateField(_("date"))
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    audience = models.CharField(_("audience"), max_length=24, choices=DayAudience, default=DayAudience.PUBLIC)
    public_from = models.TimeField(
        _("public from"),
        null=True,
        blank=True,
        help_text=_("When schools come first: the time the public may enter."),
    )
    capacity = models.PositiveIntegerField(
        _("visitor capacity"), help_text=_("The venue's safety limit for the day.")
    )

    class Meta:
        verbose_name = _("day")
        verbose_name_plural = _("days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "date"], name="day_date_unique_in_edition"),
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="day_closes_after_opening"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="day_capacity_positive"),
            models.CheckConstraint(condition=Q(audience__in=DayAudience.values), name="day_audience_valid"),
            models.CheckConstraint(
                condition=Q(public_from__isnull=True)
                | (Q(public_from__gt=F("opens_at")) & Q(public_from__lt=F("closes_at"))),
                name="day_public_from_within_opening_hours",
            ),
        ]
        # "A day lies inside its edition" spans two tables: triggers in migration 0002 enforce it.

    def __str__(self) -> str:
        return f"{self.edition} – {self.date:%Y-%m-%d}"

    def clean(self) -> None:
        edition = getattr(self, "edition", None)
        if edition and self.date and not (edition.starts_on <= self.date <= edition.ends_on):
            raise ValidationError(
                {
                    "date": gettext(
                        "The day must fall between the edition's first and last day ({start} – {end})."
                    ).format(start=edition.starts_on, end=edition.ends_on)
                }
            )

    @property
    def is_open_to_public(self) -> bool:
        return self.audience != DayAudience.SCHOOLS

    @property
    def is_for_schools(self) -> bool:
        return self.audience != DayAudience.PUBLIC

    @property
    def public_opens_at(self) -> dt.time:
        return self.public_from or self.opens_at

    def at(self, time: dt.time) -> dt.datetime:
        """An aware datetime for a time of this day, in the venue's time zone."""
        return dt.datetime.combine(self.date, time, tzinfo=local_tz())

    @property
    def starts(self) -> dt.datetime:
        return self.at(self.opens_at)

    @property
    def ends(self) -> dt.datetime:
        return self.at(self.closes_at)

    @property
    def is_past(self) -> bool:
        return self.date < timezone.localdate()


class ArrivalWindow(models.Model):
    """An optional slice of a day with its own capacity, to spread the crowd at the gates."""

    day = models.ForeignKey(
        Day, on_delete=models.CASCADE, related_name="arrival_windows", verbose_name=_("day")
    )
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    capacity = models.PositiveIntegerField(_("capacity"))

    class Meta:
        verbose_name = _("arrival window")
        verbose_name_plural = _("arrival windows")
        ordering = ["day", "starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["day", "starts_at"], name="arrivalwindow_start_unique_in_day"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="arrivalwindow_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="arrivalwindow_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.day.date:%Y-%m-%d} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class Space(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="spaces", verbose_name=_("edition")
    )
    slug = models.SlugField(_("slug"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=SpaceKind)
    capacity = models.PositiveIntegerField(_("capacity"))
    step_free = models.BooleanField(_("step-free access"), default=True)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    quiet_room = models.BooleanField(_("quiet room nearby"), default=False)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    # Geometry on the site plan, in metres from the plan's top-left corner.
    plan_x = models.PositiveIntegerField(_("plan x (m)"), default=0)
    plan_y = models.PositiveIntegerField(_("plan y (m)"), default=0)
    plan_width = models.PositiveIntegerField(_("plan width (m)"), default=0)
    plan_height = models.PositiveIntegerField(_("plan height (m)"), default=0)
    position = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["edition", "position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="space_slug_unique_in_edition"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="space_capacity_positive"),
            models.CheckConstraint(condition=Q(kind__in=SpaceKind.values), name="space_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name
