"""Scanning tickets in and out: one scan, a group, undo and the offline sync.

The verdict itself is the pure function tickets.checkin.verdict.decide; this module reads the facts it needs
(lookup.py: one SELECT) and records the scan (one INSERT), whatever the verdict.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from tickets import codes
from tickets.enums import TicketStatus
from tickets.models import Ticket

from ..enums import Direction, Reason, Result, Source
from ..exceptions import (
    BadDirection,
    Busy,
    LaterScan,
    NothingToUndo,
    NoTicket,
    ScanNotFound,
    TooMany,
    UndoExpired,
)
from ..models import CheckIn, Gate, ScannerDevice
from ..verdict import GateFacts, OfflineFacts, PresenceFacts, TicketFacts, decide
from .devices import UNDO_WINDOW, touch_device
from .lookup import (
    Presence,
    insert_unless_conflict,
    lookup,
    presence_of,
    valid_dates,
)

SYNC_BATCH_LIMIT = 500
LOST_RACE_RETRIES = 3


def guard_enabled() -> bool:
    """Only the concurrency test's control run switches the guard off, to show the test catches the race."""
    return settings.CONCURRENCY_GUARD_CHECKIN


@dataclass
class ScanOutcome:
    result: str
    reason: str | None
    nonce: uuid.UUID
    direction: str
    ticket: Ticket | None = None
    first_checkin_at: dt.datetime | None = None
    first_checkin_gate: str | None = None
    companions: list[Ticket] = field(default_factory=list)
    on_date: dt.date | None = None
    conflict: bool = False
    replayed: bool = False
    checkin_id: int | None = None

    @property
    def admitted(self) -> bool:
        return self.result == Result.ADMITTED


def _replay(checkin_id: int, *, ticket: Ticket | None, companions: list[Ticket]) -> ScanOutcome:
    record = CheckIn.with_rehearsals.select_related("first_checkin", "first_checkin__gate").get(pk=checkin_id)
    first = record.first_checkin
    return ScanOutcome(
        result=record.result,
        reason=record.reason or None,
        nonce=record.nonce,
        direction=record.direction,
        ticket=ticket if ticket is not None and ticket.pk == record.ticket_id else None,
        first_checkin_at=first.scanned_at if first else None,
        first_checkin_gate=first.gate.name if first else None,
        companions=companions if ticket is not None and ticket.pk == record.ticket_id else [],
        on_date=record.on_date,
        conflict=record.conflict,
        replayed=True,
        checkin_id=record.pk,
    )


def _replay_by_nonce(nonce: uuid.UUID) -> ScanOutcome | None:
    record = CheckIn.with_rehearsals.filter(nonce=nonce).values_list("id", "ticket_id").first()
    if record is None:
        return None
    ticket = None
    companions: list[Ticket] = []
    if record[1] is not None:
        public_id = Ticket.with_rehearsals.values_list("public_id", flat=True).get(pk=record[1])
        outcome_date = CheckIn.with_rehearsals.values_list("on_date", flat=True).get(pk=record[0])
        ticket, companions, _replay_id = lookup(public_id=public_id, on_date=outcome_date, nonce=nonce)
    return _replay(record[0], ticket=ticket, companions=companions)


def check_in(
    *,
    gate: Gate,
    nonce: uuid.UUID,
    code: str | None = None,
    ticket_public_id: str | None = None,
    direction: str = Direction.IN,
    device: ScannerDevice | None = None,
    staff_user=None,
    scanned_at: dt.datetime | None = None,
    offline: bool = False,
    shown_result: str | None = None,
    source: str | None = None,
) -> ScanOutcome:
    """Scan one ticket (by its signed `code`, or by `ticket_public_id` from a search, a group or the desk)
    in or out at `gate`, and record the scan whatever its outcome. Idempotent by `nonce`.

    Offline scans (`offline=True`, from the sync) carry the device's `scanned_at` and, optionally, the
    result the device showed. An offline entry of a ticket already counted in through another device (or
    shown as admitted) was let in: it is recorded admitted, not counted again, and flagged as a conflict.
    `source` is Source.PAPER for an entry read from the paper list, dated by `scanned_at`.
    """
    if direction not in Direction.values:
        raise BadDirection()
    now = timezone.now()
    scanned_at = scanned_at or now
    on_date = timezone.localdate(scanned_at)
    base = {
        "nonce": nonce,
        "gate": gate,
        "device": device,
        "staff_user": staff_user,
        "direction": direction,
        "on_date": on_date,
        "scanned_at": scanned_at,
        "recorded_at": now,
        "offline": offline,
        "source": source or (Source.SCANNER if device is not None else Source.DESK),
    }
    rehearsal_edition = None
    if code is not None:
        public_id, rehearsal_edition = _read_code(code)
        if public_id is None:
            return _record_forged(code, base)
    elif ticket_public_id:
        public_id = codes.typed_ticket_id(ticket_public_id) or ticket_public_id.strip().upper()
    else:
        raise NoTicket()
    offline_facts = OfflineFacts(shown_result) if offline else None
    return _scan(public_id, base, offline=offline_facts, rehearsal_edition=rehearsal_edition)


def _read_code(code: str) -> tuple[str | None, int | None]:
    """The ticket id a scanned or typed `code` stands for (None: not a code we signed), and, for a rehearsal
    ticket's code, its edition (its ticket is gone once the rehearsal is closed: the scan then says so)."""
    # A number typed by a person (or read by a handheld scanner) is looked up, never called forged: its id
    # alone proves nothing, so only the server, from its records, can admit it.
    typed = codes.typed_ticket_id(code)
    if typed is not None:
        return typed, None
    try:
        payload = codes.decode(code)
    except codes.InvalidCode:
        return None, None
    return payload.ticket_id_text, payload.edition_id if payload.rehearsal else None


def _scan(
    public_id: str, base: dict, *, offline: OfflineFacts | None, rehearsal_edition: int | None = None
) -> ScanOutcome:
    """Judge and record the scan of `public_id` described by `base` (the CheckIn row's fields); a lost race
    for the same entry is read again and answered from what the database holds."""
    nonce, on_date = base["nonce"], base["on_date"]
    for _attempt in range(LOST_RACE_RETRIES):
        ticket, companions, replay_id = lookup(public_id=public_id, on_date=on_date, nonce=nonce)
        if replay_id is not None:
            return _replay(replay_id, ticket=ticket, companions=companions)
        rehearsal = ticket.rehearsal_id is not None if ticket is not None else rehearsal_edition is not None
        record = CheckIn(ticket=ticket, code_excerpt=public_id[:24], rehearsal=rehearsal, **base)
        facts = _ticket_facts(ticket, rehearsal_edition=rehearsal_edition)
        outcome = _judge(record, ticket=ticket, facts=facts, companions=companions, offline=offline)
        if insert_unless_conflict(record) is not None:
            outcome.checkin_id = record.pk
            if record.is_counted:
                _moved(ticket, record)
            return outcome
        if record.seq is None:
            break  # only a numbered admission can lose a race: this nonce was recorded before
        # Nothing inserted: this nonce was recorded meanwhile (a retry), or another gate admitted this
        # entry first. Read again and answer from what the database now holds.
    replayed = _replay_by_nonce(nonce)
    if replayed is not None:
        return replayed
    raise Busy()


def _record_forged(code: str, base: dict) -> ScanOutcome:
    """Record a code whose signature does not hold: no ticket, rejected as invalid."""
    # Printable characters only: PostgreSQL text refuses NUL and lone surrogates (found by
    # tests/api/test_openapi.py), and the excerpt is for people reading the dashboard.
    excerpt = "".join(ch for ch in code.strip() if ch.isprintable())[:24]
    record = CheckIn(result=Result.REJECTED, reason=Reason.INVALID, code_excerpt=excerpt, **base)
    nonce, direction = base["nonce"], base["direction"]
    if insert_unless_conflict(record) is None:
        return _replay_by_nonce(nonce) or ScanOutcome(Result.REJECTED, Reason.INVALID, nonce, direction)
    return ScanOutcome(
        Result.REJECTED, Reason.INVALID, nonce, direction, on_date=base["on_date"], checkin_id=record.pk
    )


def _judge(
    record: CheckIn,
    *,
    ticket: Ticket | None,
    facts: TicketFacts | None,
    companions: list[Ticket],
    offline: OfflineFacts | None,
) -> ScanOutcome:
    """Decide on the scan `record` stands for, fill the record in accordingly, and give the answer."""
    presence = presence_of(ticket) if ticket is not None else None
    verdict = decide(
        facts,
        _presence_facts(presence, device_id=record.device_id),
        GateFacts(edition=record.gate.edition_id, admits=record.gate.admitted_kinds),
        record.direction,
        offline,
        today=record.on_date,
    )
    outcome = ScanOutcome(
        verdict.result,
        verdict.reason,
        record.nonce,
        record.direction,
        ticket=ticket,
        companions=companions,
        on_date=record.on_date,
        conflict=verdict.conflict,
    )
    record.result, record.reason, record.conflict = verdict.result, verdict.reason or "", verdict.conflict
    if verdict.result == Result.ALREADY_CHECKED_IN or verdict.conflict:
        outcome.first_checkin_at = presence.last_in_at
        outcome.first_checkin_gate = presence.last_in_gate
        record.first_checkin_id = presence.last_in_id
    if verdict.result == Result.ADMITTED:
        record.headcount = ticket.headcount
    if verdict.counted and guard_enabled():
        last_seq = presence.last_seq
        record.seq = (last_seq or 0) + 1 if record.direction == Direction.IN else last_seq or 1
    return outcome


def _ticket_facts(ticket: Ticket | None, *, rehearsal_edition: int | None = None) -> TicketFacts | None:
    if ticket is None:
        if rehearsal_edition is not None:  # a genuine rehearsal code whose rehearsal was closed
            return TicketFacts(
                edition=rehearsal_edition, kind="", cancelled=False, dates=(), rehearsal="closed"
            )
        return None
    return TicketFacts(
        edition=ticket.edition_id,
        kind=ticket.kind,
        cancelled=ticket.status == TicketStatus.CANCELLED,
        dates=valid_dates(ticket),
        rehearsal="open" if ticket.rehearsal_id is not None else None,
    )


def _presence_facts(presence: Presence | None, *, device_id: int | None) -> PresenceFacts:
    if presence is None:
        return PresenceFacts(inside=False)
    return PresenceFacts(inside=presence.inside, entered_here=presence.last_in_device_id == device_id)


def _moved(ticket: Ticket, record: CheckIn) -> None:
    """Bring the ticket's presence annotations up to date with the movement just recorded."""
    ticket.last_direction = record.direction
    ticket.last_seq = record.seq
    if record.direction == Direction.IN:
        ticket.last_in_id = record.pk
        ticket.last_in_at = record.scanned_at
        ticket.last_in_gate = record.gate.name
        ticket.last_in_device_id = record.device_id


def check_in_group(
    *,
    gate: Gate,
    items: list[tuple[str, uuid.UUID]],
    direction: str = Direction.IN,
    device: ScannerDevice | None = None,
    staff_user=None,
) -> list[ScanOutcome]:
    """Admit several tickets (usually of one registration) in one action: each (public id, nonce) is
    scanned in turn, so each is idempotent on its own and a retry of the whole group is safe."""
    if not items:
        raise NoTicket()
    if len(items) > 60:
        raise TooMany()
    return [
        check_in(
            gate=gate,
            nonce=nonce,
            ticket_public_id=public_id,
            direction=direction,
            device=device,
            staff_user=staff_user,
        )
        for public_id, nonce in items
    ]


def undo_check_in(*, device: ScannerDevice, nonce: uuid.UUID) -> CheckIn:
    """Cancel a mistaken scan made by `device` less than 15 minutes ago. Idempotent."""
    record = CheckIn.with_rehearsals.filter(nonce=nonce, device=device).first()
    if record is None:
        raise ScanNotFound()
    if record.undone_at is not None:
        return record
    now = timezone.now()
    if now - record.recorded_at > UNDO_WINDOW:
        raise UndoExpired()
    if record.result != Result.ADMITTED:
        raise NothingToUndo()
    if record.is_counted:
        later = CheckIn.with_rehearsals.counted().filter(
            ticket_id=record.ticket_id, on_date=record.on_date, pk__gt=record.pk
        )
        if later.exists():
            raise LaterScan()
    CheckIn.with_rehearsals.filter(pk=record.pk, undone_at__isnull=True).update(undone_at=now)
    record.refresh_from_db()
    return record


def sync_offline_scans(*, device: ScannerDevice, scans: list[dict]) -> list[ScanOutcome]:
    """Record a batch of scans made offline, each exactly once whatever the order and the retries.
    Each scan is {code, nonce, direction, scanned_at, result?}; the batch is applied in scan time order."""
    if len(scans) > SYNC_BATCH_LIMIT:
        raise TooMany()
    touch_device(device=device)
    now = timezone.now()
    outcomes = {}
    for scan in scans:
        if timezone.is_naive(scan["scanned_at"]):
            scan["scanned_at"] = timezone.make_aware(
                scan["scanned_at"]
            )  # a device clock without offset: local
    for scan in sorted(scans, key=lambda item: item["scanned_at"]):
        scanned_at = min(scan["scanned_at"], now)  # a device clock running ahead cannot date a scan later
        # In UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows (found by schemathesis).
        scanned_at = scanned_at.astimezone(dt.UTC)
        outcomes[scan["nonce"]] = check_in(
            gate=device.gate,
            device=device,
            nonce=scan["nonce"],
            code=scan["code"],
            direction=scan.get("direction") or Direction.IN,
            scanned_at=scanned_at,
            offline=True,
            shown_result=scan.get("result"),
        )
    return [outcomes[scan["nonce"]] for scan in scans]
