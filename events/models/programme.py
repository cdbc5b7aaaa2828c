"""The programme: speakers, sessions and their change log, and the visitors' agendas."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..enums import AccessibilityTag, ChangeKind, SessionAudience, SessionKind, SessionStatus, SpokenLanguage
from .editions import Day, Edition, Space, Theme, local_tz

PUBLIC_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_public_id() -> str:
    """A random public id for URLs and the API: never a guessable sequence."""
    return get_random_string(10, PUBLIC_ID_ALPHABET)


def new_agenda_token() -> str:
    return get_random_string(20, PUBLIC_ID_ALPHABET)


class Speaker(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    bio = models.TextField(_("short biography"), blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to="speakers/",
        blank=True,
        help_text=_("JPEG, PNG or WebP, at most 8 MB; resized to 600 pixels."),
    )

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


ACCESSIBILITY_FIELDS = [tag.value for tag in AccessibilityTag]


class SessionQuerySet(models.QuerySet):
    def published(self) -> SessionQuerySet:
        return self.filter(is_published=True)

    def of_edition(self, edition: Edition) -> SessionQuerySet:
        return self.filter(day__edition=edition)

    def scheduled(self) -> SessionQuerySet:
        return self.filter(status=SessionStatus.SCHEDULED)

    def for_listing(self) -> SessionQuerySet:
        """Everything a list of sessions shows, in a fixed number of queries."""
        return (
            self.select_related("space", "day", "day__edition")
            .prefetch_related("themes", "speakers")
            .order_by("starts_at", "space__position", "space__slug", "pk")
        )

    def overlapping(self, *, space_id: int, starts_at: dt.datetime, ends_at: dt.datetime) -> SessionQuerySet:
        return self.filter(
            space_id=space_id,
            status=SessionStatus.SCHEDULED,
            starts_at__lt=ends_at,
            ends_at__gt=starts_at,
        )


class Session(models.Model):
    public_id = models.CharField(
        _("public id"), max_length=10, unique=True, default=new_public_id, editable=False
    )
    uid = models.UUIDField(
        _("calendar UID"),
        unique=True,
        default=uuid.uuid4,
        editable=False,
        help_text=_("Never changes: calendars recognise the session by it."),
    )
    day = models.ForeignKey(Day, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("day"))
    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("space")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language spoken"), max_length=8, choices=SpokenLanguage, default=SpokenLanguage.FR
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    themes = models.ManyToManyField(Theme, related_name="sessions", blank=True, verbose_name=_("themes"))
    speakers = models.ManyToManyField(
        Speaker, related_name="sessions", blank=True, verbose_name=_("speakers")
    )
    audience = models.CharField(
        _("audience"), max_length=16, choices=SessionAudience, default=SessionAudience.EVERYONE
    )
    step_free = models.BooleanField(_("step-free access"), default=True)
    interpretation = models.BooleanField(_("interpretation"), default=False)
    subtitles = models.BooleanField(_("subtitles"), default=False)
    sign_language = models.BooleanField(_("sign language"), default=False)
    quiet_space = models.BooleanField(_("quiet space"), default=False)
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty when there is no seat limit.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=SessionStatus, default=SessionStatus.SCHEDULED
    )
    is_published = models.BooleanField(_("published"), default=False)
    sequence = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_("Rises each time the time, place, title or status changes (iCalendar SEQUENCE)."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_modified = models.DateTimeField(_("last change"), default=timezone.now, editable=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "space"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
            models.CheckConstraint(condition=Q(kind__in=SessionKind.values), name="session_kind_valid"),
            models.CheckConstraint(
                condition=Q(audience__in=SessionAudience.values), name="session_audience_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=SpokenLanguage.values), name="session_language_valid"
            ),
            models.CheckConstraint(condition=Q(status__in=SessionStatus.values), name="session_status_valid"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0), name="session_capacity_positive"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="session_title_not_empty"),
        ]
        indexes = [
            models.Index(fields=["day", "starts_at"]),
            models.Index(fields=["space", "starts_at"]),
            models.Index(fields=["last_modified"]),
        ]
        # Two sessions never overlap in one space, and a session lies within its day's opening hours:
        # migration 0004 enforces both in the database (an exclusion constraint with btree_gist and a
        # trigger on PostgreSQL, triggers on SQLite).

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @property
    def accessibility_tags(self) -> list[AccessibilityTag]:
        return [AccessibilityTag(name) for name in ACCESSIBILITY_FIELDS if getattr(self, name)]

    @property
    def duration(self) -> dt.timedelta:
        return self.ends_at - self.starts_at

    @property
    def ical_uid(self) -> str:
        return f"{self.uid}@printemps-numerique.brussels"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        day = getattr(self, "day", None) if self.day_id else None
        space = getattr(self, "space", None) if self.space_id else None
        if not (day and self.starts_at and self.ends_at):
            return
        if self.ends_at <= self.starts_at:
            errors.setdefault("ends_at", []).append(gettext("The session must end after it starts."))
        starts = timezone.localtime(self.starts_at, local_tz())
        ends = timezone.localtime(self.ends_at, local_tz())
        if starts < day.starts or ends > day.ends:
            errors.setdefault("starts_at", []).append(
                gettext(
                    "The session must lie within the day's opening hours: {date}, {opens}–{closes}."
                ).format(date=day.date, opens=f"{day.opens_at:%H:%M}", closes=f"{day.closes_at:%H:%M}")
            )
        if space and space.edition_id != day.edition_id:
            errors.setdefault("space", []).append(
                gettext("The space belongs to another edition than the day.")
            )
        if space and self.status == SessionStatus.SCHEDULED:
            clash = (
                Session.objects.overlapping(space_id=space.pk, starts_at=self.starts_at, ends_at=self.ends_at)
                .exclude(pk=self.pk)
                .order_by("starts_at")
                .first()
            )
            if clash:
                errors.setdefault("starts_at", []).append(
                    gettext(
                        "{space} is already taken by “{title}” from {start} to {end}. "
                        "Choose another time or another space."
                    ).format(
                        space=space.name,
                        title=clash.title,
                        start=f"{timezone.localtime(clash.starts_at, local_tz()):%H:%M}",
                        end=f"{timezone.localtime(clash.ends_at, local_tz()):%H:%M}",
                    )
                )
        if errors:
            raise ValidationError(errors)


class SessionChange(models.Model):
    """One line of the public "what changed" log: a published session got a new time, place or status."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="changes", verbose_name=_("session")
    )
    kind = models.CharField(_("kind of change"), max_length=12, choices=ChangeKind)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    old_starts_at = models.DateTimeField(_("previous start"), null=True, blank=True)
    old_ends_at = models.DateTimeField(_("previous end"), null=True, blank=True)
    new_starts_at = models.DateTimeField(_("new start"), null=True, blank=True)
    new_ends_at = models.DateTimeField(_("new end"), null=True, blank=True)
    old_space = models.ForeignKey(
        Space,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous space"),
    )
    new_space = models.ForeignKey(
        Space, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("new space")
    )

    class Meta:
        verbose_name = _("programme change")
        verbose_name_plural = _("programme changes")
        ordering = ["-changed_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ChangeKind.values), name="sessionchange_kind_valid"),
        ]
        indexes = [models.Index(fields=["-changed_at"])]

    def __str__(self) -> str:
        return f"{self.session} – {self.get_kind_display()}"


class Agenda(models.Model):
    """A visitor's starred sessions, saved when they ask for a calendar feed (no account needed).

    The feed URL carries the random token plus a short signature; regenerating the token revokes it.
    """

    token = models.CharField(_("token"), max_length=20, unique=True, default=new_agenda_token, editable=False)
    sessions = models.ManyToManyField(Session, related_name="agendas", blank=True, verbose_name=_("sessions"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("personal agenda")
        verbose_name_plural = _("personal agendas")

    def __str__(self) -> str:
        return gettext("Agenda created {date}").format(date=f"{self.created_at:%Y-%m-%d}")
