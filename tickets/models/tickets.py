"""The tickets a registration holds, one per person and day."""

from __future__ import annotations

from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from events.models import ArrivalWindow, Day, Edition

from .. import codes
from ..enums import KIND_CODES, TicketKind, TicketStatus
from .registrations import Registration, Rehearsal, WithoutRehearsals


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
    rehearsal = models.ForeignKey(
        Rehearsal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("rehearsal"),
        help_text=_("A rehearsal ticket: valid on any day at every gate, never counted."),
    )

    objects = WithoutRehearsals.from_queryset(TicketQuerySet)()
    with_rehearsals = TicketQuerySet.as_manager()

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
                condition=Q(day__isnull=False)
                | Q(kind=TicketKind.EXHIBITOR_STAFF)
                | Q(rehearsal__isnull=False),
                name="ticket_day_required",
            ),
            models.CheckConstraint(
                condition=Q(rehearsal__isnull=True) | Q(day__isnull=True), name="ticket_rehearsal_has_no_day"
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
        """Bit i: valid on the edition's first day + i days (see tickets.codes); a rehearsal ticket carries
        its rehearsal's tag instead."""
        if self.rehearsal_id is not None:
            return self.rehearsal_id % codes.REHEARSAL_TAGS
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
                kind=KIND_CODES[self.kind] | (codes.REHEARSAL_FLAG if self.rehearsal_id is not None else 0),
                headcount=self.headcount,
            )
        )
