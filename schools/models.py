"""Workshops for schools: the catalogue (Workshop, WorkshopSlot), the schools and their classes' bookings.

Never pupils' names: a class booking holds counts (pupils, adults), the class name and the teacher's contact.

A ClassBooking is one class's visit on one day; it holds one BookedSlot per workshop the class booked,
asked for (draw), or waits for. Places in a slot are counted in pupils: a BookedSlot counts against the
slot's capacity while it is RESERVED (and its booking confirmed, or held and the hold not yet expired)
or OFFERED (and the offer not yet expired). See `BookedSlotQuerySet.taking_places()` in querysets.py.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from events.models import Day, Edition, Space, Theme

from . import enums
from .enums import LEVEL_AGES, AllocationMode, BookingStatus, Channel, Language, Level, Network, SlotStatus
from .querysets import BookedSlotQuerySet, ClassBookingQuerySet, SchoolSettingsManager, WorkshopSlotQuerySet


def new_secret_token() -> str:
    """A secret for links sent by mail (confirm, manage): 256 random bits."""
    return secrets.token_urlsafe(32)


class SchoolSettings(models.Model):
    """How an edition gives its workshop places to schools."""

    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, related_name="school_settings", verbose_name=_("edition")
    )
    allocation_mode = models.CharField(
        _("allocation of places"), max_length=16, choices=AllocationMode, default=AllocationMode.FIRST_COME
    )
    booking_opens_at = models.DateTimeField(_("bookings open"))
    booking_deadline = models.DateTimeField(
        _("booking deadline"),
        help_text=_("After it, no new booking and no change of headcount; in draw mode, the draw runs."),
    )
    max_classes_per_school = models.PositiveSmallIntegerField(
        _("most classes per school"), default=4, help_text=_("Fairness limit for the whole edition.")
    )
    pupils_per_adult_primary = models.PositiveSmallIntegerField(
        _("pupils per accompanying adult (primary)"), default=8
    )
    pupils_per_adult_secondary = models.PositiveSmallIntegerField(
        _("pupils per accompanying adult (secondary)"), default=15
    )
    hold_minutes = models.PositiveSmallIntegerField(
        _("hold time (minutes)"),
        default=20,
        help_text=_(
            "How long places are held until the teacher confirms by mail; also how long an "
            "offer from the waiting list stays open."
        ),
    )
    # Unconfirmed bookings hold places with no more than a typed e-mail address behind them: a few at once per
    # client address and per teacher's e-mail, so one person cannot empty a level with made-up schools.
    max_pending_per_address = models.PositiveSmallIntegerField(
        _("most unconfirmed bookings per internet address"),
        default=1,
        help_text=_("Online bookings waiting for the teacher's confirmation, at once, from one address."),
    )
    max_pending_per_email = models.PositiveSmallIntegerField(
        _("most unconfirmed bookings per teacher's email"),
        default=2,
        help_text=_(
            "Online bookings waiting for the teacher's confirmation, at once, for one email address."
        ),
    )
    travel_minutes = models.PositiveSmallIntegerField(_("travel time between rooms (minutes)"), default=10)
    reminder_days_before = models.PositiveSmallIntegerField(_("reminder, days before"), default=3)
    group_access = models.TextField(
        _("access for groups"),
        blank=True,
        help_text=_("Printed on the class's PDF: which entrance, where to leave bags, who to ask."),
    )
    draw_seed = models.CharField(_("draw seed"), max_length=64, blank=True, editable=False)
    drawn_at = models.DateTimeField(_("draw run at"), null=True, blank=True, editable=False)

    objects = SchoolSettingsManager()

    class Meta:
        verbose_name = _("school settings")
        verbose_name_plural = _("school settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(allocation_mode__in=AllocationMode.values),
                name="schoolsettings_allocation_mode_valid",
            ),
            models.CheckConstraint(
                condition=Q(booking_deadline__gt=F("booking_opens_at")),
                name="schoolsettings_deadline_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(max_classes_per_school__gte=1), name="schoolsettings_cap_positive"
            ),
            models.CheckConstraint(
                condition=Q(pupils_per_adult_primary__gte=1) & Q(pupils_per_adult_secondary__gte=1),
                name="schoolsettings_ratio_positive",
            ),
            models.CheckConstraint(condition=Q(hold_minutes__gte=1), name="schoolsettings_hold_positive"),
        ]

    def __str__(self) -> str:
        return gettext("School settings of {edition}").format(edition=self.edition)

    @property
    def hold(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.hold_minutes)

    @property
    def travel(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.travel_minutes)

    def pupils_per_adult(self, level: str) -> int:
        return self.pupils_per_adult_primary if level.startswith("P") else self.pupils_per_adult_secondary

    def adults_needed(self, *, level: str, pupils: int) -> int:
        ratio = self.pupils_per_adult(level)
        return max(1, -(-pupils // ratio))

    def is_open(self, at: dt.datetime | None = None) -> bool:
        at = at or timezone.now()
        return self.booking_opens_at <= at < self.booking_deadline

    @property
    def not_open_yet(self) -> bool:
        return timezone.now() < self.booking_opens_at

    @property
    def is_draw(self) -> bool:
        return self.allocation_mode == AllocationMode.DRAW


class School(models.Model):
    name = models.CharField(_("school name"), max_length=160)
    address = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("municipality"), max_length=80, blank=True)
    network = models.CharField(_("network"), max_length=2, choices=Network)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(network__in=Network.values), name="school_network_valid"),
            models.UniqueConstraint(
                models.functions.Lower("name"), "postal_code", name="school_name_unique_in_postal_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.postal_code})"


class Workshop(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="workshops", verbose_name=_("edition")
    )
    slug = models.SlugField(_("slug"), max_length=80)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"))
    themes = models.ManyToManyField(Theme, related_name="workshops", blank=True, verbose_name=_("themes"))
    in_french = models.BooleanField(_("can be given in French"), default=True)
    in_dutch = models.BooleanField(_("can be given in Dutch"), default=False)
    in_english = models.BooleanField(_("can be given in English"), default=False)
    level_min = models.CharField(_("from level"), max_length=2, choices=Level)
    level_max = models.CharField(_("to level"), max_length=2, choices=Level)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    max_pupils = models.PositiveSmallIntegerField(_("most pupils per session"))
    leader_name = models.CharField(
        _("workshop leader"),
        max_length=120,
        help_text=_("Who gives the workshop (a person or organisation)."),
    )
    wheelchair_accessible = models.BooleanField(_("suits wheelchair users"), default=True)
    seated = models.BooleanField(_("pupils stay seated"), default=False)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    position = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["edition", "position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="workshop_slug_unique_in_edition"),
            models.CheckConstraint(condition=Q(level_min__in=Level.values), name="workshop_level_min_valid"),
            models.CheckConstraint(condition=Q(level_max__in=Level.values), name="workshop_level_max_valid"),
            models.CheckConstraint(
                condition=Q(level_max__gte=F("level_min")), name="workshop_level_range_order"
            ),
            models.CheckConstraint(condition=Q(duration_minutes__gte=1), name="workshop_duration_positive"),
            models.CheckConstraint(condition=Q(max_pupils__gte=1), name="workshop_max_pupils_positive"),
            models.CheckConstraint(
                condition=Q(in_french=True) | Q(in_dutch=True) | Q(in_english=True),
                name="workshop_has_a_language",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def suits(self, level: str) -> bool:
        return self.level_min <= level <= self.level_max

    @property
    def languages(self) -> list[str]:
        return [
            code
            for code, flag in (("fr", self.in_french), ("nl", self.in_dutch), ("en", self.in_english))
            if flag
        ]

    @property
    def language_labels(self) -> list[str]:
        return [Language(code).label for code in self.languages]

    @property
    def levels_label(self) -> str:
        """The range of levels in the active language's codes: "P3–P6", in Dutch "L3–L6"."""
        return "–".join(dict.fromkeys(enums.level_code(level) for level in (self.level_min, self.level_max)))

    @property
    def ages(self) -> tuple[int, int]:
        return LEVEL_AGES[self.level_min][0], LEVEL_AGES[self.level_max][1]


class WorkshopSlot(models.Model):
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="slots", verbose_name=_("workshop")
    )
    day = models.ForeignKey(
        Day, on_delete=models.PROTECT, related_name="workshop_slots", verbose_name=_("day")
    )
    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="workshop_slots", verbose_name=_("room")
    )
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("places (pupils)"))
    language = models.CharField(_("language"), max_length=2, choices=Language)
    leader_name = models.CharField(
        _("workshop leader"), max_length=120, blank=True, help_text=_("Empty: the workshop's leader.")
    )
    is_open = models.BooleanField(_("open for booking"), default=True)

    objects = WorkshopSlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("workshop slot")
        verbose_name_plural = _("workshop slots")
        ordering = ["day", "starts_at", "space__position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="workshopslot_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="workshopslot_capacity_positive"),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="workshopslot_language_valid"
            ),
            models.UniqueConstraint(
                fields=["space", "day", "starts_at"], name="workshopslot_room_start_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workshop} – {self.day.date:%Y-%m-%d} {self.starts_at:%H:%M}"

    def clean(self) -> None:
        errors = {}
        workshop = getattr(self, "workshop", None)
        if workshop and self.capacity and self.capacity > workshop.max_pupils:
            errors["capacity"] = gettext("At most {n} pupils: the workshop's limit per session.").format(
                n=workshop.max_pupils
            )
        if workshop and self.language and self.language not in workshop.languages:
            errors["language"] = gettext("The workshop cannot be given in this language.")
        day = getattr(self, "day", None)
        if workshop and day and day.edition_id != workshop.edition_id:
            errors["day"] = gettext("The day must belong to the workshop's edition.")
        space = getattr(self, "space", None)
        if space and day and self.starts_at and self.ends_at:
            clash = WorkshopSlot.objects.filter(
                space=space, day=day, starts_at__lt=self.ends_at, ends_at__gt=self.starts_at
            ).exclude(pk=self.pk)
            if clash.exists():
                errors["starts_at"] = gettext("Another workshop uses this room at this time.")
        if errors:
            raise ValidationError(errors)

    @property
    def leader(self) -> str:
        return self.leader_name or self.workshop.leader_name

    @property
    def starts(self) -> dt.datetime:
        return self.day.at(self.starts_at)

    @property
    def ends(self) -> dt.datetime:
        return self.day.at(self.ends_at)

    def overlaps(self, other: WorkshopSlot, *, travel: dt.timedelta) -> bool:
        """Two slots overlap when a class could not attend both, travel time between rooms included."""
        if self.day_id != other.day_id:
            return False
        gap = dt.timedelta(0) if self.space_id == other.space_id else travel
        return self.starts < other.ends + gap and other.starts < self.ends + gap

    def get_language_display_short(self) -> str:
        return self.language.upper()


class ClassBooking(models.Model):
    """One class's visit on one school day: who they are, how many, and their workshops (BookedSlot)."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="class_bookings", verbose_name=_("edition")
    )
    day = models.ForeignKey(
        Day, on_delete=models.PROTECT, related_name="class_bookings", verbose_name=_("day")
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("school")
    )
    teacher_name = models.CharField(_("teacher's name"), max_length=120)
    teacher_email = models.EmailField(_("teacher's email"))
    teacher_mobile = models.CharField(_("teacher's mobile phone"), max_length=32)
    language = models.CharField(_("language for mail"), max_length=2, choices=Language, default=Language.FR)
    class_name = models.CharField(_("class name"), max_length=60)
    level = models.CharField(_("level"), max_length=2, choices=Level)
    pupils = models.PositiveSmallIntegerField(_("pupils"))
    adults = models.PositiveSmallIntegerField(_("accompanying adults"))
    special_needs = models.TextField(_("special needs"), blank=True)
    channel = models.CharField(_("booked"), max_length=10, choices=Channel, default=Channel.ONLINE)
    status = models.CharField(_("status"), max_length=10, choices=BookingStatus, default=BookingStatus.HELD)
    confirm_token = models.CharField(
        _("confirmation token"), max_length=64, unique=True, default=new_secret_token, editable=False
    )
    manage_token = models.CharField(
        _("manage token"), max_length=64, unique=True, default=new_secret_token, editable=False
    )
    hold_expires_at = models.DateTimeField(_("places held until"), null=True, blank=True)
    # Kept only while the booking waits for its confirmation (emptied on confirmation and anonymisation).
    client_address = models.CharField(_("booked from address"), max_length=64, blank=True, editable=False)
    ticket = models.OneToOneField(
        "tickets.Ticket",
        on_delete=models.PROTECT,
        related_name="class_booking",
        null=True,
        blank=True,
        verbose_name=_("group ticket"),
    )
    sequence = models.PositiveIntegerField(
        _("revision"), default=0, help_text=_("Bumped on every change (iCal).")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    anonymized_at = models.DateTimeField(_("anonymized at"), null=True, blank=True, editable=False)

    objects = ClassBookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("class booking")
        verbose_name_plural = _("class bookings")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(level__in=Level.values), name="classbooking_level_valid"),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="classbooking_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="classbooking_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=BookingStatus.values), name="classbooking_status_valid"
            ),
            models.CheckConstraint(condition=Q(pupils__gte=1), name="classbooking_pupils_positive"),
            models.CheckConstraint(condition=Q(adults__gte=1), name="classbooking_adults_positive"),
            models.CheckConstraint(
                condition=~Q(status=BookingStatus.HELD) | Q(hold_expires_at__isnull=False),
                name="classbooking_held_has_expiry",
            ),
            models.CheckConstraint(
                condition=~Q(status=BookingStatus.CONFIRMED) | Q(confirmed_at__isnull=False),
                name="classbooking_confirmed_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=BookingStatus.CANCELLED) | Q(cancelled_at__isnull=False),
                name="classbooking_cancelled_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["edition", "school", "status"]),
            models.Index(fields=["status", "hold_expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.school.name} – {self.class_name}"

    @property
    def headcount(self) -> int:
        return self.pupils + self.adults

    @property
    def level_code(self) -> str:
        return enums.level_code(self.level)

    @property
    def group_label(self) -> str:
        """ "22 pupils and 1 accompanying adult", in the active language."""
        pupils = ngettext("{n} pupil", "{n} pupils", self.pupils).format(n=self.pupils)
        adults = ngettext("{n} accompanying adult", "{n} accompanying adults", self.adults).format(
            n=self.adults
        )
        return gettext("{pupils} and {adults}").format(pupils=pupils, adults=adults)

    @property
    def is_active(self) -> bool:
        return self.status in (BookingStatus.HELD, BookingStatus.CONFIRMED)

    @property
    def is_confirmed(self) -> bool:
        return self.status == BookingStatus.CONFIRMED

    @property
    def level_ages(self) -> tuple[int, int]:
        return LEVEL_AGES[self.level]


class BookedSlot(models.Model):
    """A class's place (reserved, requested, waited for or offered) in one workshop slot."""

    booking = models.ForeignKey(
        ClassBooking, on_delete=models.CASCADE, related_name="booked_slots", verbose_name=_("class booking")
    )
    slot = models.ForeignKey(
        WorkshopSlot, on_delete=models.PROTECT, related_name="booked_slots", verbose_name=_("workshop slot")
    )
    status = models.CharField(_("status"), max_length=10, choices=SlotStatus)
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    draw_rank = models.PositiveIntegerField(_("rank in the draw"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = BookedSlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("booked workshop")
        verbose_name_plural = _("booked workshops")
        ordering = ["slot__day", "slot__starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=SlotStatus.values), name="bookedslot_status_valid"),
            models.UniqueConstraint(
                fields=["booking", "slot"],
                condition=~Q(status=SlotStatus.CANCELLED),
                name="bookedslot_once_per_class",
            ),
            models.CheckConstraint(
                condition=~Q(status=SlotStatus.WAITING) | Q(waiting_since__isnull=False),
                name="bookedslot_waiting_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=SlotStatus.OFFERED) | Q(offer_expires_at__isnull=False),
                name="bookedslot_offer_has_expiry",
            ),
        ]
        indexes = [models.Index(fields=["slot", "status"])]

    def __str__(self) -> str:
        return f"{self.booking} → {self.slot}"

    @property
    def counts(self) -> bool:
        return self.status in (SlotStatus.RESERVED, SlotStatus.OFFERED)
