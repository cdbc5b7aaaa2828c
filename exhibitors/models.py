from __future__ import annotations

import hashlib
import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Prefetch, Q
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.enums import SpaceKind
from events.models import Edition, Space

from .enums import MarkerKind, PowerSupply, StaffLanguage

ZERO = Decimal(0)
# An exhibitor's links, in the order the portal, the back office and the directory show them.
LINK_FIELDS = ("website", "linkedin_url", "instagram_url", "facebook_url", "youtube_url", "mastodon_url")
# What an exhibitor edits in the portal: the texts and links, never its name, stand or contact.
PROFILE_FIELDS = ("description_fr", "description_nl", "description_en", *LINK_FIELDS)


def metres(value: Decimal | int) -> str:
    """82, 82.5 (82,5 in French): no trailing zeros, in the page's number format."""
    value = Decimal(value)
    return number_format(value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize())


def hash_portal_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_portal_token_hash() -> str:
    """A fresh hash of a token nobody knows: the exhibitor's link works only after the organizers send one."""
    return hash_portal_token(secrets.token_urlsafe(32))


class Category(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name


class ExhibitorQuerySet(models.QuerySet):
    def published(self) -> ExhibitorQuerySet:
        return self.filter(is_published=True)

    def for_directory(self) -> ExhibitorQuerySet:
        """What a directory card or the API list shows, in a fixed number of queries."""
        return self.select_related("stand__hall").prefetch_related(
            Prefetch("categories", queryset=Category.objects.order_by("position", "slug"))
        )

    def search(self, text: str) -> ExhibitorQuerySet:
        """Name or description, in any of the three languages."""
        text = text.strip()
        if not text:
            return self
        condition = Q(name__icontains=text)
        for language in ("fr", "nl", "en"):
            condition |= Q(**{f"description_{language}__icontains": text})
        return self.filter(condition)

    def in_category(self, slug: str) -> ExhibitorQuerySet:
        return self.filter(categories__slug=slug) if slug else self

    def in_hall(self, slug: str) -> ExhibitorQuerySet:
        return self.filter(stand__hall__slug=slug) if slug else self


class Exhibitor(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="exhibitors", verbose_name=_("edition")
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80)
    categories = models.ManyToManyField(
        Category, related_name="exhibitors", blank=True, verbose_name=_("categories")
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    # For the organizers only: never shown on a public page nor in the API.
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_language = models.CharField(
        _("contact language"), max_length=2, choices=StaffLanguage, default=StaffLanguage.FR
    )
    staff_limit = models.PositiveSmallIntegerField(
        _("staff badges allowed"), default=8, help_text=_("How many staff badges the exhibitor may request.")
    )
    is_published = models.BooleanField(_("shown in the directory"), default=True)
    logo_digest = models.CharField(_("logo version"), max_length=16, blank=True, editable=False)
    portal_token_hash = models.CharField(
        _("portal link (hash)"), max_length=64, unique=True, default=new_portal_token_hash, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ExhibitorQuerySet.as_manager()

    class Meta:
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="exhibitor_slug_unique_in_edition"),
            models.CheckConstraint(
                condition=Q(contact_language__in=StaffLanguage.values),
                name="exhibitor_contact_language_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def social_links(self) -> list[tuple[str, str]]:
        pairs = [
            ("LinkedIn", self.linkedin_url),
            ("Instagram", self.instagram_url),
            ("Facebook", self.facebook_url),
            ("YouTube", self.youtube_url),
            ("Mastodon", self.mastodon_url),
        ]
        return [(label, url) for label, url in pairs if url]


class ExhibitorLogo(models.Model):
    """The re-encoded logo, kept in the database so app servers hold nothing on their disk."""

    exhibitor = models.OneToOneField(
        Exhibitor,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="logo",
        verbose_name=_("exhibitor"),
    )
    image = models.BinaryField(_("image"))
    content_type = models.CharField(_("type"), max_length=40)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    digest = models.CharField(_("version"), max_length=16)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("logo")
        verbose_name_plural = _("logos")

    def __str__(self) -> str:
        return f"{self.exhibitor} ({self.width}×{self.height})"


class Stand(models.Model):
    """A rectangle on its hall's plan, in metres from the hall's top-left corner."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="stands", verbose_name=_("edition")
    )
    hall = models.ForeignKey(
        Space,
        on_delete=models.PROTECT,
        related_name="stands",
        limit_choices_to={"kind": SpaceKind.HALL},
        verbose_name=_("hall"),
    )
    code = models.CharField(_("code"), max_length=10, help_text=_("As printed on the floor, e.g. B12."))
    x = models.DecimalField(
        _("x in the hall (m)"), max_digits=5, decimal_places=1, validators=[MinValueValidator(ZERO)]
    )
    y = models.DecimalField(
        _("y in the hall (m)"), max_digits=5, decimal_places=1, validators=[MinValueValidator(ZERO)]
    )
    width = models.DecimalField(_("width (m)"), max_digits=5, decimal_places=1)
    height = models.DecimalField(_("depth (m)"), max_digits=5, decimal_places=1)
    power = models.CharField(_("power"), max_length=8, choices=PowerSupply, default=PowerSupply.STANDARD)
    step_free = models.BooleanField(_("step-free (no raised floor)"), default=True)
    turning_space = models.BooleanField(
        _("wheelchair turning space"), default=True, help_text=_("A free circle of 1.5 m on the stand.")
    )
    low_counter = models.BooleanField(_("low counter (max. 80 cm)"), default=False)
    accessibility_notes = models.CharField(_("accessibility notes"), max_length=250, blank=True)
    exhibitor = models.OneToOneField(
        Exhibitor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stand",
        verbose_name=_("exhibitor"),
    )

    class Meta:
        verbose_name = _("stand")
        verbose_name_plural = _("stands")
        ordering = ["hall__position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="stand_code_unique_in_edition"),
            models.CheckConstraint(condition=~Q(code=""), name="stand_code_not_empty"),
            models.CheckConstraint(condition=Q(x__gte=0, y__gte=0), name="stand_position_not_negative"),
            models.CheckConstraint(condition=Q(width__gt=0, height__gt=0), name="stand_size_positive"),
            models.CheckConstraint(condition=Q(power__in=PowerSupply.values), name="stand_power_valid"),
        ]
        # Two stands never overlap in a hall (an exclusion constraint on PostgreSQL, a trigger on SQLite),
        # and a stand lies inside its hall, in the hall's edition (triggers): migration 0002.

    def __str__(self) -> str:
        return self.code

    @property
    def area(self) -> Decimal:
        return self.width * self.height

    @property
    def right(self) -> Decimal:
        return self.x + self.width

    @property
    def bottom(self) -> Decimal:
        return self.y + self.height

    def overlaps(self, other: Stand) -> bool:
        return (
            self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom
        )

    def clean(self) -> None:
        hall = getattr(self, "hall", None) if self.hall_id else None
        if hall is None or None in (self.x, self.y, self.width, self.height):
            return
        errors: dict[str, str] = {}
        if hall.kind != SpaceKind.HALL:
            errors["hall"] = gettext("{space} is not an exhibition hall.").format(space=hall)
        elif self.edition_id and hall.edition_id != self.edition_id:
            errors["hall"] = gettext("{hall} belongs to another edition.").format(hall=hall)
        if self.exhibitor_id and self.edition_id and self.exhibitor.edition_id != self.edition_id:
            errors["exhibitor"] = gettext("{exhibitor} exhibits at another edition.").format(
                exhibitor=self.exhibitor
            )
        if self.right > hall.plan_width or self.bottom > hall.plan_height:
            errors["x"] = gettext(
                "Stand {code} would stick out of {hall}: the hall measures {width} × {height} m, "
                "the stand reaches {right} × {bottom} m."
            ).format(
                code=self.code,
                hall=hall,
                width=metres(hall.plan_width),
                height=metres(hall.plan_height),
                right=metres(self.right),
                bottom=metres(self.bottom),
            )
        clashes = [
            other
            for other in Stand.objects.filter(hall=hall).exclude(pk=self.pk).select_related("exhibitor")
            if self.overlaps(other)
        ]
        if clashes:
            errors.setdefault("x", "")
            errors["x"] = (errors["x"] + " " + overlap_message(self, clashes, hall)).strip()
        if errors:
            raise ValidationError(errors)


def overlap_message(stand: Stand, clashes: list[Stand], hall: Space) -> str:
    names = ", ".join(
        gettext("{code} ({exhibitor})").format(code=other.code, exhibitor=other.exhibitor)
        if other.exhibitor_id
        else other.code
        for other in clashes
    )
    return gettext("Stand {code} would overlap stand {others} in {hall}.").format(
        code=stand.code or "?", others=names, hall=hall
    )


class Activity(models.Model):
    """A demo or an activity an exhibitor offers; linked to the programme session where it is scheduled."""

    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="activities", verbose_name=_("exhibitor")
    )
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    session = models.ForeignKey(
        "events.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exhibitor_activities",
        verbose_name=_("programme session"),
        help_text=_("Where this activity is scheduled in the programme, if it is."),
    )
    position = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.session_id and self.exhibitor_id and self.session.day.edition_id != self.exhibitor.edition_id:
            raise ValidationError(
                {"session": gettext("This session belongs to another edition than the exhibitor's.")}
            )


class StaffMember(models.Model):
    """A person working on a stand: holds a staff badge valid on every day, set-up hours included."""

    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.CASCADE, related_name="staff", verbose_name=_("exhibitor")
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"), blank=True, help_text=_("Optional: to send the badge by mail."))
    language = models.CharField(_("language"), max_length=2, choices=StaffLanguage, default=StaffLanguage.FR)
    ticket = models.OneToOneField(
        "tickets.Ticket", on_delete=models.PROTECT, related_name="staff_member", verbose_name=_("badge")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=StaffLanguage.values), name="staffmember_language_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.exhibitor})"


class SetupPeriod(models.Model):
    """When exhibitors' staff may come in to set up or dismantle, through the staff entrance."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="setup_periods", verbose_name=_("edition")
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    label = models.CharField(_("label"), max_length=120, blank=True, help_text=_("E.g. Set-up, Dismantling."))

    class Meta:
        verbose_name = _("set-up period")
        verbose_name_plural = _("set-up periods")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="setupperiod_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label or gettext('Set-up')} {self.starts_at:%Y-%m-%d %H:%M}"


class PlanMarker(models.Model):
    """An entrance or a facility drawn on the floor plan, at a point in metres on the site plan."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="plan_markers", verbose_name=_("edition")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MarkerKind)
    label = models.CharField(_("label"), max_length=120, blank=True)
    x = models.DecimalField(_("x on the site plan (m)"), max_digits=5, decimal_places=1)
    y = models.DecimalField(_("y on the site plan (m)"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("plan marker")
        verbose_name_plural = _("plan markers")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=MarkerKind.values), name="planmarker_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.label or self.get_kind_display()

    @property
    def text(self) -> str:
        return self.label or str(self.get_kind_display())
