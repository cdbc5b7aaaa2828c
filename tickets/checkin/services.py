"""Check-in: pairing scanner devices, scanning tickets in and out, undo, search, offline sync, the desk.

How a scan stays correct and cheap (at most 3 SQL queries, see tests/checkin/test_queries.py):
1. the device is authenticated by the SHA-256 of its bearer token (one indexed SELECT with gate, edition);
2. the signed code is verified with the Ed25519 public key, without a query; a forged code stops here;
3. one SELECT reads the ticket, the other tickets of its registration and, for each, its movements of
   the day (last direction and entry number, last entry's time and gate) and whether the nonce was seen;
4. one `INSERT ... ON CONFLICT DO NOTHING RETURNING id` records the scan. The partial unique constraint
   `checkin_once_per_entry` on (ticket, date, direction, entry number) makes a second admission of the same
   entry impossible, whatever the concurrency: the gate that loses the race gets no row back, re-reads and
   answers "already checked in". A retried nonce also gets no row back and is answered from its first record.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Case, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from events.models import Day, Edition
from tickets import codes
from tickets.enums import Channel, TicketKind, TicketStatus
from tickets.models import Registration, Ticket
from tickets.services import issue_ticket

from .compiled import CompiledQuery, prepared_cursor
from .exceptions import CheckInError
from .models import (
    CheckIn,
    Direction,
    Gate,
    Reason,
    Result,
    ScannerDevice,
    hash_token,
    new_device_token,
    new_pairing_code,
)

UNDO_WINDOW = dt.timedelta(minutes=15)
PAIRING_CODE_LIFETIME = dt.timedelta(minutes=30)
SEARCH_MIN_LENGTH = 2
SEARCH_LIMIT = 20
SYNC_BATCH_LIMIT = 500
LOST_RACE_RETRIES = 3


def guard_enabled() -> bool:
    """Only the concurrency test's control run switches the guard off, to show the test catches the race."""
    return settings.CONCURRENCY_GUARD_CHECKIN


# --- Devices ---------------------------------------------------------------------------------------------


def _device_queryset(*, token_hash: str) -> QuerySet[ScannerDevice]:
    return (
        # Not the gate's edition: a scan needs only its id, and its translated texts are most of the row.
        ScannerDevice.objects.active().select_related("gate").filter(token_hash=token_hash)[:1]
    )


# Compiled once per connection (compiled.py); the row is still read on every request, so a revoked token
# stops working at once.
DEVICE_LOOKUP = CompiledQuery(
    _device_queryset,
    fields={"token_hash": ScannerDevice._meta.get_field("token_hash")},
    samples=({"token_hash": "0" * 64}, {"token_hash": "1" * 64}),
)


def authenticate_device(*, token: str) -> ScannerDevice | None:
    """The active device holding `token`, with its gate (one query), or None."""
    if not token or len(token) > 200:
        return None
    digest = hash_token(token)
    found = DEVICE_LOOKUP.fetch(token_hash=digest)
    device = found[0] if found else None
    # The lookup is by an index on the hash; compare again in constant time before trusting the row.
    if device is None or not hmac.compare_digest(device.token_hash or "", digest):
        return None
    return device


@transaction.atomic
def create_device(*, gate: Gate, name: str, with_token: bool = False) -> tuple[ScannerDevice, str | None]:
    """A new device at `gate` with a fresh pairing code; `with_token` also issues its token at once
    (the command line), which is returned once and never stored."""
    device = ScannerDevice.objects.create(gate=gate, name=name.strip())
    if with_token:
        token = new_device_token()
        device.token_hash = hash_token(token)
        device.paired_at = timezone.now()
        device.save(update_fields=["token_hash", "paired_at"])
        return device, token
    new_pairing_code_for(device=device)
    return device, None


def new_pairing_code_for(*, device: ScannerDevice) -> ScannerDevice:
    """Give `device` a fresh one-time pairing code; the old code and any token issued stop working."""
    if device.is_revoked:
        raise CheckInError(CheckInError.Code.DEVICE_REVOKED)
    for _attempt in range(5):
        code = new_pairing_code()
        if not ScannerDevice.objects.filter(pairing_code=code).exists():
            break
    device.pairing_code = code
    device.pairing_expires_at = timezone.now() + PAIRING_CODE_LIFETIME
    device.token_hash = None
    device.save(update_fields=["pairing_code", "pairing_expires_at", "token_hash"])
    return device


def pair_device(*, pairing_code: str, device_name: str = "") -> tuple[ScannerDevice, str]:
    """Exchange a valid pairing code for the device's token. The code works once: the conditional UPDATE
    clears it, so two phones typing the same code cannot both get a token."""
    cleaned = "".join(pairing_code.split()).replace("-", "").upper()
    if not cleaned:
        raise CheckInError(CheckInError.Code.PAIRING_INVALID)
    token = new_device_token()
    now = timezone.now()
    changes = {
        "pairing_code": None,
        "pairing_expires_at": None,
        "token_hash": hash_token(token),
        "paired_at": now,
    }
    if device_name.strip():
        changes["name"] = device_name.strip()[:80]
    updated = ScannerDevice.objects.filter(
        pairing_code=cleaned, pairing_expires_at__gt=now, revoked_at__isnull=True
    ).update(last_seen_at=now, **changes)
    if updated != 1:
        raise CheckInError(CheckInError.Code.PAIRING_INVALID)
    return ScannerDevice.objects.select_related("gate", "gate__edition").get(
        token_hash=changes["token_hash"]
    ), token


def revoke_device(*, device: ScannerDevice) -> ScannerDevice:
    """The device's token and pairing code stop working at once."""
    now = timezone.now()
    ScannerDevice.objects.filter(pk=device.pk, revoked_at__isnull=True).update(
        revoked_at=now, pairing_code=None, pairing_expires_at=None
    )
    device.refresh_from_db()
    return device


def touch_device(*, device: ScannerDevice) -> None:
    """Record that the device was seen (called by the config poll and the sync, not on every scan)."""
    ScannerDevice.objects.filter(pk=device.pk).update(last_seen_at=timezone.now())


def device_config(*, device: ScannerDevice) -> dict:
    """What a scanner needs to verify codes offline: the key, the days, and the revoked tickets."""
    touch_device(device=device)
    edition = device.gate.edition
    now = timezone.now()
    today = timezone.localdate(now)
    days = list(edition.days.order_by("date"))
    revoked = list(
        Ticket.objects.filter(edition=edition, status=TicketStatus.CANCELLED)
        .order_by("public_id")
        .values_list("public_id", flat=True)
    )
    return {
        "edition_id": edition.pk,
        "edition_name": str(edition),
        "first_day": edition.starts_on,
        "last_day": edition.ends_on,
        "today": today,
        "today_offset": (today - edition.starts_on).days,
        "days": [
            {
                "date": day.date,
                "offset": (day.date - edition.starts_on).days,
                "opens_at": day.opens_at,
                "closes_at": day.closes_at,
                "audience": day.audience,
            }
            for day in days
        ],
        "gate": device.gate,
        "device": device,
        "public_key": codes.public_key_base64(),
        "revoked": revoked,
        "server_time": now,
        "undo_window_seconds": int(UNDO_WINDOW.total_seconds()),
    }


# --- Scanning --------------------------------------------------------------------------------------------


@dataclass
class Presence:
    """Where a ticket stands on a day, read from its counted movements."""

    last_direction: str | None
    last_seq: int | None
    last_in_id: int | None
    last_in_at: dt.datetime | None
    last_in_gate: str | None
    last_in_device_id: int | None

    @property
    def inside(self) -> bool:
        return self.last_direction == Direction.IN


def presence_of(ticket: Ticket) -> Presence:
    return Presence(
        last_direction=getattr(ticket, "last_direction", None),
        last_seq=getattr(ticket, "last_seq", None),
        last_in_id=getattr(ticket, "last_in_id", None),
        last_in_at=getattr(ticket, "last_in_at", None),
        last_in_gate=getattr(ticket, "last_in_gate", None),
        last_in_device_id=getattr(ticket, "last_in_device_id", None),
    )


def with_presence(queryset: QuerySet[Ticket], *, on_date: dt.date) -> QuerySet[Ticket]:
    """Annotate each ticket with its movements of `on_date`, all within the one SELECT."""
    counted = CheckIn.objects.counted().filter(ticket=OuterRef("pk"), on_date=on_date)
    latest = counted.order_by(F("seq").desc(nulls_last=True), "-id")
    latest_in = counted.filter(direction=Direction.IN).order_by(F("seq").desc(nulls_last=True), "-id")
    return queryset.annotate(
        last_direction=Subquery(latest.values("direction")[:1]),
        last_seq=Subquery(latest.values("seq")[:1]),
        last_in_id=Subquery(latest_in.values("id")[:1]),
        last_in_at=Subquery(latest_in.values("scanned_at")[:1]),
        last_in_gate=Subquery(latest_in.values("gate__name")[:1]),
        last_in_device_id=Subquery(latest_in.values("device_id")[:1]),
    )


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


def ticket_is_valid_on(ticket: Ticket, on_date: dt.date) -> bool:
    if ticket.day_id is not None:
        return ticket.day.date == on_date
    edition = ticket.edition
    return edition.starts_on <= on_date <= edition.ends_on


# The check-in INSERT's fields and SQL text, by database vendor: the same for every scan, so built once.
_INSERT_STATEMENTS: dict[str, tuple[list, str]] = {}


def _insert_statement(connection) -> tuple[list, str]:
    statement = _INSERT_STATEMENTS.get(connection.vendor)
    if statement is None:
        fields = [f for f in CheckIn._meta.concrete_fields if not f.primary_key]
        quote = connection.ops.quote_name
        # Identifiers come from the model's metadata, values are parameters: nothing user-typed goes in.
        sql = "INSERT INTO {table} ({columns}) VALUES ({params}) ON CONFLICT DO NOTHING RETURNING {pk}"
        sql = sql.format(
            table=quote(CheckIn._meta.db_table),
            columns=", ".join(quote(f.column) for f in fields),
            params=", ".join(["%s"] * len(fields)),
            pk=quote(CheckIn._meta.pk.column),
        )
        statement = _INSERT_STATEMENTS[connection.vendor] = (fields, sql)
    return statement


def _insert_unless_conflict(checkin: CheckIn) -> int | None:
    """INSERT the row unless it breaks a unique constraint (nonce, or one admission per entry):
    the new id, or None when the database kept an existing row. One statement, no savepoint."""
    connection = connections[CheckIn.objects.db]
    fields, sql = _insert_statement(connection)
    values = [f.get_db_prep_save(f.pre_save(checkin, add=True), connection) for f in fields]
    with prepared_cursor(connection) as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return None
    checkin.pk = row[0]
    return row[0]


# The columns a scan's answer and its checks read (tickets.checkin.api.ticket_out, _refusal, the desk's
# sentence): selecting only these keeps the edition's translated texts out of every scan.
LOOKUP_COLUMNS = (
    "public_id",
    "kind",
    "headcount",
    "holder_name",
    "status",
    "edition__starts_on",
    "edition__ends_on",
    "day__date",
    "registration__name",
)


def _lookup_queryset(*, public_id: str, on_date: dt.date, nonce: uuid.UUID) -> QuerySet[Ticket]:
    """The ticket, the other tickets of its registration and the nonce's earlier record, in one SELECT."""
    main = Ticket.objects.filter(public_id=public_id)
    return (
        with_presence(
            Ticket.objects.filter(
                Q(public_id=public_id) | Q(registration_id=Subquery(main.values("registration_id")[:1]))
            ),
            on_date=on_date,
        )
        .annotate(replay_id=Subquery(CheckIn.objects.filter(nonce=nonce).values("id")[:1]))
        .select_related("day", "edition", "registration")
        .only(*LOOKUP_COLUMNS)
        .annotate(is_other=Case(When(public_id=public_id, then=Value(0)), default=Value(1)))
        .order_by("is_other", "holder_name", "public_id")[:50]  # the scanned ticket first, whatever the size
    )


# Compiled once per connection: building this queryset cost more CPU than the rest of a scan (compiled.py).
LOOKUP = CompiledQuery(
    _lookup_queryset,
    fields={
        "public_id": Ticket._meta.get_field("public_id"),
        "on_date": CheckIn._meta.get_field("on_date"),
        "nonce": CheckIn._meta.get_field("nonce"),
    },
    samples=(
        {"public_id": "A" * 16, "on_date": dt.date(2000, 1, 1), "nonce": uuid.UUID(int=1)},
        {"public_id": "B" * 16, "on_date": dt.date(2000, 1, 2), "nonce": uuid.UUID(int=2)},
    ),
)


def _lookup(
    *, public_id: str, on_date: dt.date, nonce: uuid.UUID
) -> tuple[Ticket | None, list[Ticket], int | None]:
    """The ticket, the other tickets of its registration and the nonce's earlier record: one query."""
    rows = LOOKUP.fetch(public_id=public_id, on_date=on_date, nonce=nonce)
    ticket = next((row for row in rows if row.public_id == public_id), None)
    replay_id = rows[0].replay_id if rows else None
    companions = [
        row
        for row in rows
        if ticket is not None
        and row.pk != ticket.pk
        and (ticket.day_id is None or row.day_id == ticket.day_id)
    ]
    return ticket, companions, replay_id


def _replay(checkin_id: int, *, ticket: Ticket | None, companions: list[Ticket]) -> ScanOutcome:
    record = CheckIn.objects.select_related("first_checkin", "first_checkin__gate").get(pk=checkin_id)
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
    record = CheckIn.objects.filter(nonce=nonce).values_list("id", "ticket_id").first()
    if record is None:
        return None
    ticket = None
    companions: list[Ticket] = []
    if record[1] is not None:
        public_id = Ticket.objects.values_list("public_id", flat=True).get(pk=record[1])
        outcome_date = CheckIn.objects.values_list("on_date", flat=True).get(pk=record[0])
        ticket, companions, _replay_id = _lookup(public_id=public_id, on_date=outcome_date, nonce=nonce)
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
) -> ScanOutcome:
    """Scan one ticket (by its signed `code`, or by `ticket_public_id` from a search, a group or the desk)
    in or out at `gate`, and record the scan whatever its outcome. Idempotent by `nonce`.

    Offline scans (`offline=True`, from the sync) carry the device's `scanned_at` and, optionally, the
    result the device showed. An offline entry of a ticket already counted in through another device (or
    shown as admitted) was let in: it is recorded admitted, not counted again, and flagged as a conflict.
    """
    if direction not in Direction.values:
        raise CheckInError(CheckInError.Code.BAD_DIRECTION)
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
    }

    if code is not None:
        try:
            payload = codes.decode(code)
        except codes.InvalidCode:
            # Printable characters only: PostgreSQL text refuses NUL and lone surrogates (found by
            # tests/api/test_openapi.py), and the excerpt is for people reading the dashboard.
            excerpt = "".join(ch for ch in code.strip() if ch.isprintable())[:24]
            record = CheckIn(result=Result.REJECTED, reason=Reason.INVALID, code_excerpt=excerpt, **base)
            if _insert_unless_conflict(record) is None:
                return _replay_by_nonce(nonce) or ScanOutcome(
                    Result.REJECTED, Reason.INVALID, nonce, direction
                )
            return ScanOutcome(
                Result.REJECTED, Reason.INVALID, nonce, direction, on_date=on_date, checkin_id=record.pk
            )
        public_id = payload.ticket_id_text
    elif ticket_public_id:
        public_id = ticket_public_id.strip().upper()
    else:
        raise CheckInError(CheckInError.Code.NO_TICKET)

    for _attempt in range(LOST_RACE_RETRIES):
        ticket, companions, replay_id = _lookup(public_id=public_id, on_date=on_date, nonce=nonce)
        if replay_id is not None:
            return _replay(replay_id, ticket=ticket, companions=companions)
        outcome = ScanOutcome(
            Result.REJECTED, None, nonce, direction, ticket=ticket, companions=companions, on_date=on_date
        )
        record = CheckIn(ticket=ticket, code_excerpt=public_id[:24], **base)
        presence = presence_of(ticket) if ticket is not None else None
        reason = _refusal(ticket=ticket, gate=gate, on_date=on_date, direction=direction)
        if reason is None and direction == Direction.OUT and not presence.inside:
            reason = Reason.NOT_INSIDE
        if reason is not None:
            record.result, record.reason = Result.REJECTED, reason
            outcome.reason = reason
        elif direction == Direction.IN and presence.inside:
            outcome.first_checkin_at = presence.last_in_at
            outcome.first_checkin_gate = presence.last_in_gate
            record.first_checkin_id = presence.last_in_id
            let_in_elsewhere = offline and (
                shown_result == Result.ADMITTED
                or (shown_result is None and presence.last_in_device_id != (device.pk if device else None))
            )
            if let_in_elsewhere:
                record.result, record.conflict, record.headcount = Result.ADMITTED, True, ticket.headcount
                outcome.result, outcome.conflict = Result.ADMITTED, True
            else:
                record.result = outcome.result = Result.ALREADY_CHECKED_IN
        else:
            record.result = outcome.result = Result.ADMITTED
            record.headcount = ticket.headcount
            if guard_enabled():
                if direction == Direction.IN:
                    record.seq = (presence.last_seq or 0) + 1
                else:
                    record.seq = presence.last_seq or 1
        if _insert_unless_conflict(record) is not None:
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
    raise CheckInError(CheckInError.Code.BUSY)


def _moved(ticket: Ticket, record: CheckIn) -> None:
    """Bring the ticket's presence annotations up to date with the movement just recorded."""
    ticket.last_direction = record.direction
    ticket.last_seq = record.seq
    if record.direction == Direction.IN:
        ticket.last_in_id = record.pk
        ticket.last_in_at = record.scanned_at
        ticket.last_in_gate = record.gate.name
        ticket.last_in_device_id = record.device_id


def _refusal(
    *, ticket: Ticket | None, gate: Gate, on_date: dt.date, direction: str = Direction.IN
) -> str | None:
    if ticket is None:
        return Reason.NOT_FOUND
    if ticket.edition_id != gate.edition_id:
        return Reason.WRONG_EDITION
    if ticket.status == TicketStatus.CANCELLED:
        return Reason.CANCELLED
    if not ticket_is_valid_on(ticket, on_date):
        return Reason.WRONG_DAY
    if direction == Direction.IN and not gate.admits(ticket.kind):
        return Reason.WRONG_GATE  # anyone may leave through any gate
    return None


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
        raise CheckInError(CheckInError.Code.NO_TICKET)
    if len(items) > 60:
        raise CheckInError(CheckInError.Code.TOO_MANY)
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
    record = CheckIn.objects.filter(nonce=nonce, device=device).first()
    if record is None:
        raise CheckInError(CheckInError.Code.NOT_FOUND)
    if record.undone_at is not None:
        return record
    now = timezone.now()
    if now - record.recorded_at > UNDO_WINDOW:
        raise CheckInError(CheckInError.Code.UNDO_EXPIRED)
    if record.result != Result.ADMITTED:
        raise CheckInError(CheckInError.Code.NOTHING_TO_UNDO)
    if record.is_counted:
        later = CheckIn.objects.counted().filter(
            ticket_id=record.ticket_id, on_date=record.on_date, pk__gt=record.pk
        )
        if later.exists():
            raise CheckInError(CheckInError.Code.LATER_SCAN)
    CheckIn.objects.filter(pk=record.pk, undone_at__isnull=True).update(undone_at=now)
    record.refresh_from_db()
    return record


def sync_offline_scans(*, device: ScannerDevice, scans: list[dict]) -> list[ScanOutcome]:
    """Record a batch of scans made offline, each exactly once whatever the order and the retries.
    Each scan is {code, nonce, direction, scanned_at, result?}; the batch is applied in scan time order."""
    if len(scans) > SYNC_BATCH_LIMIT:
        raise CheckInError(CheckInError.Code.TOO_MANY)
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


# --- Search ----------------------------------------------------------------------------------------------


def search_tickets(*, edition: Edition, query: str, on_date: dt.date | None = None) -> list[Ticket]:
    """Tickets of `edition` by holder's or registrant's name, email, ticket id or full code."""
    text = " ".join(query.split())
    if len(text) < SEARCH_MIN_LENGTH:
        raise CheckInError(CheckInError.Code.QUERY_TOO_SHORT)
    on_date = on_date or timezone.localdate()
    compact = text.replace(" ", "").upper()
    condition = Q(holder_name__icontains=text) | Q(registration__name__icontains=text)
    if "@" in text:
        condition |= Q(registration__email__iexact=text)
    if len(compact) == codes.CODE_LENGTH:
        with contextlib.suppress(codes.InvalidCode):
            condition |= Q(public_id=codes.decode(compact).ticket_id_text)
    if len(compact) >= 6:
        condition |= Q(public_id__startswith=compact)
    queryset = (
        Ticket.objects.filter(edition=edition)
        .filter(condition)
        .select_related("day", "edition", "registration")
        .order_by(F("day__date").asc(nulls_first=True), "holder_name", "public_id")
    )
    tickets = list(with_presence(queryset, on_date=on_date)[:SEARCH_LIMIT])
    for ticket in tickets:
        ticket.valid_today = ticket.is_valid and ticket_is_valid_on(ticket, on_date)
    return tickets


# --- The desk --------------------------------------------------------------------------------------------


def day_today(*, edition: Edition) -> Day | None:
    return edition.days.filter(date=timezone.localdate()).first()


@transaction.atomic
def admit_walk_ins(
    *,
    edition: Edition,
    day: Day,
    gate: Gate,
    staff_user,
    name: str,
    people: int = 1,
    email: str = "",
    postal_code: str = "",
    language: str = "fr",
    nonce: uuid.UUID | None = None,
) -> tuple[Registration, list[ScanOutcome]]:
    """Register visitors who came without a ticket and let them in, in one step: the places are taken
    under the day's lock (tickets.services.issue_ticket), so a full day refuses them and nothing is kept.
    `nonce` (from the form) makes a double submission harmless: the second raises ALREADY_DONE."""
    if day.edition_id != edition.pk or gate.edition_id != edition.pk:
        raise CheckInError(CheckInError.Code.WRONG_EDITION)
    if day.date != timezone.localdate():
        raise CheckInError(CheckInError.Code.NOT_TODAY)
    if not 1 <= people <= 10:
        raise CheckInError(CheckInError.Code.TOO_MANY)
    nonce = nonce or uuid.uuid4()
    Day.objects.select_for_update().filter(pk=day.pk).values_list("pk", flat=True).get()
    if CheckIn.objects.filter(nonce=nonce).exists():
        raise CheckInError(CheckInError.Code.ALREADY_DONE)
    registration = Registration.objects.create(
        edition=edition,
        name=name.strip(),
        email=email.strip(),
        postal_code=postal_code.strip(),
        language=language,
        channel=Channel.DESK,
    )
    tickets = [
        issue_ticket(
            edition=edition,
            kind=TicketKind.WALK_IN,
            day=day,
            holder_name=name.strip() if index == 0 else "",
            registration=registration,
        )
        for index in range(people)
    ]
    outcomes = [
        check_in(
            gate=gate,
            nonce=nonce if index == 0 else uuid.uuid4(),
            ticket_public_id=ticket.public_id,
            staff_user=staff_user,
        )
        for index, ticket in enumerate(tickets)
    ]
    return registration, outcomes
