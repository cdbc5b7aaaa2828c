"""The waiting list of full days."""

from __future__ import annotations

import hmac

from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import ArrivalWindow, Day

from ..enums import Language, WaitingStatus
from .registrations import Registration, new_public_id, new_secret_token


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
