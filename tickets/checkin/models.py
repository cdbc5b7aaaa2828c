"""Gates, the scanner devices paired to them, and every scan they make.

The invariant "a ticket is counted in at most once per entry" lives in the database: a partial unique
constraint on (ticket, date, direction, seq) over the admitted, not undone rows. The first entry of a day
is seq 1; a re-entry after a recorded exit is seq 2, and so on, so two gates racing on the same ticket
cannot both insert seq 1 (see services.check_in).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Edition
from tickets.enums import TicketKind

from .enums import Direction, GateKind, Reason, Result, Source

PAIRING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on a phone
PAIRING_CODE_LENGTH = 8


def new_pairing_code() -> str:
    return "".join(secrets.choice(PAIRING_ALPHABET) for _ in range(PAIRING_CODE_LENGTH))


def new_device_token() -> str:
    """256 random bits; only its SHA-256 is stored."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Gate(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="gates", verbose_name=_("edition")
    )
    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=10, choices=GateKind, default=GateKind.MAIN)
    admits_visitor = models.BooleanField(_("admits visitors"), default=True)
    admits_school_group = models.BooleanField(_("admits school groups"), default=True)
    admits_exhibitor_staff = models.BooleanField(_("admits exhibitor staff"), default=True)
    admits_walk_in = models.BooleanField(_("admits walk-in visitors"), default=True)

    class Meta:
        verbose_name = _("gate")
        verbose_name_plural = _("gates")
        ordering = ["edition", "kind", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=GateKind.values), name="gate_kind_valid"),
            models.UniqueConstraint(fields=["edition", "name"], name="gate_name_unique_per_edition"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.edition})"

    def admits(self, kind: str) -> bool:
        return bool(getattr(self, f"admits_{kind}", False))

    @property
    def admitted_kinds(self) -> list[str]:
        return [kind for kind in TicketKind.values if self.admits(kind)]


class ScannerDeviceQuerySet(models.QuerySet):
    def active(self) -> ScannerDeviceQuerySet:
        return self.filter(revoked_at__isnull=True)


class ScannerDevice(models.Model):
    """A phone, tablet or handheld scanner allowed to check people in at one gate."""

    gate = models.ForeignKey(Gate, on_delete=models.PROTECT, related_name="devices", verbose_name=_("gate"))
    name = models.CharField(_("name"), max_length=80)
    pairing_code = models.CharField(
        _("pairing code"), max_length=PAIRING_CODE_LENGTH, null=True, blank=True, unique=True, editable=False
    )
    pairing_expires_at = models.DateTimeField(
        _("pairing code expires at"), null=True, blank=True, editable=False
    )
    token_hash = models.CharField(
        _("token hash"), max_length=64, null=True, blank=True, unique=True, editable=False
    )
    paired_at = models.DateTimeField(_("paired at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True, editable=False)
    queue_length = models.PositiveIntegerField(
        _("scans not yet uploaded"), default=0, editable=False, help_text=_("As the device last reported.")
    )
    last_sync_at = models.DateTimeField(
        _("last complete sync"), null=True, blank=True, editable=False, help_text=_("The device's own clock.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScannerDeviceQuerySet.as_manager()

    class Meta:
        verbose_name = _("scanner device")
        verbose_name_plural = _("scanner devices")
        ordering = ["gate", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pairing_code__isnull=True) | Q(pairing_expires_at__isnull=False),
                name="scannerdevice_pairing_code_expires",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.gate.name}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_paired(self) -> bool:
        return self.token_hash is not None

    def pairing_code_is_valid(self) -> bool:
        return bool(
            self.pairing_code
            and self.pairing_expires_at
            and self.pairing_expires_at > timezone.now()
            and not self.is_revoked
        )


class CheckInQuerySet(models.QuerySet):
    def counted(self) -> CheckInQuerySet:
        """Movements that count: admitted and not undone; an offline conflict duplicate is not counted."""
        return self.filter(result=Result.ADMITTED, undone_at__isnull=True, conflict=False)

    def entries(self) -> CheckInQuerySet:
        return self.counted().filter(direction=Direction.IN)

    def exits(self) -> CheckInQuerySet:
        return self.counted().filter(direction=Direction.OUT)


class WithoutRehearsalScans(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(rehearsal=False)


class CheckIn(models.Model):
    """One scan at a gate, whatever its outcome (refused scans are recorded too)."""

    nonce = models.UUIDField(_("nonce"), unique=True, default=uuid.uuid4, editable=False)
    ticket = models.ForeignKey(
        "tickets.Ticket",
        on_delete=models.PROTECT,
        related_name="checkins",
        null=True,
        blank=True,
        verbose_name=_("ticket"),
    )
    gate = models.ForeignKey(Gate, on_delete=models.PROTECT, related_name="checkins", verbose_name=_("gate"))
    device = models.ForeignKey(
        ScannerDevice,
        on_delete=models.PROTECT,
        related_name="checkins",
        null=True,
        blank=True,
        verbose_name=_("device"),
    )
    staff_user = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("staff member"),
        help_text=_("Who admitted the person at the desk."),
    )
    direction = models.CharField(_("direction"), max_length=3, choices=Direction, default=Direction.IN)
    result = models.CharField(_("result"), max_length=20, choices=Result)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason, blank=True)
    on_date = models.DateField(_("date"))
    seq = models.PositiveSmallIntegerField(
        _("entry number"),
        null=True,
        blank=True,
        help_text=_("1 for the first entry of the day, 2 after an exit…"),
    )
    headcount = models.PositiveIntegerField(_("headcount"), default=0)
    first_checkin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("first check-in"),
    )
    scanned_at = models.DateTimeField(_("scanned at"), help_text=_("The device's clock."))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    offline = models.BooleanField(_("scanned offline"), default=False)
    conflict = models.BooleanField(
        _("offline conflict"), default=False, help_text=_("Admitted offline at another gate as well.")
    )
    code_excerpt = models.CharField(_("code (start)"), max_length=24, blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    rehearsal = models.BooleanField(
        _("rehearsal"), default=False, help_text=_("A scan of a rehearsal ticket: never counted.")
    )
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=Source,
        default=Source.SCANNER,
        help_text=_("A paper-list entry carries the time the staff member read from the list."),
    )

    # Counts, dashboards and exports read `objects`, which never sees a rehearsal's scans; the scan itself
    # (presence, replays, undo) reads `with_rehearsals`.
    objects = WithoutRehearsalScans.from_queryset(CheckInQuerySet)()
    with_rehearsals = CheckInQuerySet.as_manager()

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-scanned_at"]
        permissions = [
            ("use_desk", _("Can register and admit visitors at the desk")),
            ("view_dashboard", _("Can view the check-in dashboard")),
            ("run_rehearsal", _("Can open and close rehearsals and issue rehearsal tickets")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(direction__in=Direction.values), name="checkin_direction_valid"
            ),
            models.CheckConstraint(condition=Q(result__in=Result.values), name="checkin_result_valid"),
            models.CheckConstraint(
                condition=Q(reason="") | Q(reason__in=Reason.values), name="checkin_reason_valid"
            ),
            models.CheckConstraint(
                condition=Q(result=Result.REJECTED, reason__gt="")
                | (~Q(result=Result.REJECTED) & Q(reason="")),
                name="checkin_reason_iff_rejected",
            ),
            models.CheckConstraint(
                condition=Q(seq__isnull=True) | Q(result=Result.ADMITTED, ticket__isnull=False, seq__gte=1),
                name="checkin_seq_only_for_admitted",
            ),
            models.CheckConstraint(
                condition=Q(offline=False) | Q(device__isnull=False), name="checkin_offline_needs_device"
            ),
            models.CheckConstraint(
                condition=Q(conflict=False) | Q(result=Result.ADMITTED, seq__isnull=True),
                name="checkin_conflict_is_uncounted_admission",
            ),
            models.CheckConstraint(condition=Q(source__in=Source.values), name="checkin_source_valid"),
            models.CheckConstraint(
                condition=Q(source=Source.SCANNER, device__isnull=False)
                | (~Q(source=Source.SCANNER) & Q(device__isnull=True, offline=False)),
                name="checkin_source_matches_device",
            ),
            models.UniqueConstraint(
                fields=["ticket", "on_date", "direction", "seq"],
                condition=Q(result=Result.ADMITTED, undone_at__isnull=True),
                name="checkin_once_per_entry",
            ),
        ]
        indexes = [
            models.Index(fields=["ticket", "on_date"]),
            models.Index(fields=["on_date", "gate"]),
            models.Index(fields=["scanned_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_result_display()} {self.ticket_id or '-'} @ {self.gate_id}"

    @property
    def is_counted(self) -> bool:
        return self.result == Result.ADMITTED and self.undone_at is None and not self.conflict
