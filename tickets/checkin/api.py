"""Check-in API for scanner devices, mounted at /api/v1/ (config/api.py).

CONTRACTS (the scanner page /scan/ and handheld integrations rely on them; keep them stable)

Authentication: every endpoint except pairing needs `Authorization: Bearer <device token>`. A missing, wrong
or revoked token answers 401 {"code": "unauthorized", "detail": "Unauthorized"}. Every error has that shape
(core.errors.ErrorOut); an invalid body or parameter answers 422 with "errors" naming each one.
Tokens are stored only as SHA-256 hashes.

POST /api/v1/devices/pair                  {"pairing_code": "K7QM4XPD", "device_name": "Phone 3"?}
    -> 200 {"token", "device": {id, name}, "gate": {id, name, kind, admits: [ticket kinds]}, "edition_id"}
    The token is shown once. The code (from the back office, with its QR; or `manage.py
    create_scanner_device`) works once and expires after 30 minutes. Wrong/used/expired -> 400
    {"code": "pairing_invalid", "detail"}. 20 tries a minute per client address, then 429
    {"code": "rate_limited", "detail"}.

POST /api/v1/checkins                      {"code": "<QR text>", "nonce": "<uuid>", "direction": "in"|"out"}
    (or {"ticket_id": "<public id>", ...} instead of "code", for a search hit or a companion)
    "code" may also be a ticket number as typed from the ticket ("VFLY BY7T EVGY 6SLA": 12 to 20 letters
    and digits, spaces, dashes and case ignored, tickets.codes.typed_ticket_id): it is looked up like a search
    hit and answered with the same reasons; a number that matches no ticket is "not_found", never "invalid".
    -> 200 {"result": "admitted"|"already_checked_in"|"rejected",
            "reason": null|"invalid"|"not_found"|"wrong_edition"|"rehearsal_closed"|"wrong_day"|"cancelled"
                      |"wrong_gate"|"not_inside",
            "nonce", "direction",
            "ticket": {id, kind, kind_label, holder_name, day, headcount, status, registration_id,
                       registration_name, valid_today, inside, checked_in: {at, gate}|null,
                       rehearsal: true for a rehearsal ticket (never counted)} | null,
            "first_checkin": {"at", "gate"} | null,      # when already_checked_in: the entry that counts
            "companions": [ticket, ...],                  # the other tickets of the registration, same day
            "conflict": false, "replayed": false}
    Reasons are checked in this order: invalid (forged/altered code: no ticket), not_found, wrong_edition,
    cancelled, wrong_day, wrong_gate; then, for "out", not_inside. "admitted" for "out" means the exit counts.
    A school group ticket admits its headcount (ticket.headcount). The same nonce always gets the same answer
    ("replayed": true) and is counted once. Every scan is recorded, refused ones too. A ticket is counted in
    at most once per entry, enforced by the database (re-entry is possible after a recorded exit).
    At most 3 SQL queries.

POST /api/v1/checkins/{nonce}/undo         -> 200 {"nonce", "undone_at"}; only the device that scanned, within
    15 minutes: 404 {"code": "not_found"}, 409 {"code": "undo_expired"|"nothing_to_undo"|"later_scan"}.

GET  /api/v1/checkins/search?q=<text>      (at least 3 characters; name, email, ticket id or code; a few a
                                            minute per device; hits carry no code: admit by ticket_id)
    -> 200 {"query", "limit": 20, "results": [ticket + {"code": "<signed code>"}]}; too short -> 400
    {"code": "query_too_short"}. Only tickets of the device's edition.

POST /api/v1/checkins/group                {"items": [{"ticket_id", "nonce"}, ...], "direction": "in"}
    -> 200 {"results": [check-in answer per item, same order], "admitted_headcount"}
    Admits the chosen tickets (e.g. the companions shown by a scan) in one action; each item is idempotent.

GET  /api/v1/checkins/config               (poll every minute; also marks the device as seen)
    -> 200 {"edition_id", "edition_name", "first_day", "last_day", "today", "today_offset",
            "days": [{date, offset, opens_at, closes_at, audience}], "gate": {id, name, kind, admits},
            "device": {id, name}, "public_key": "<base64 raw Ed25519>", "revoked": ["<public id>", ...],
            "server_time", "undo_window_seconds", "rehearsal": {"tag", "opened_at"} | null}
    Offline verification: tickets.codes layout; bit (day offset) of the days mask; edition id must match;
    ticket id (base32 of the 10 id bytes) in "revoked" means cancelled. A code with the rehearsal flag
    (tickets.codes.REHEARSAL_FLAG) is valid on any day at every gate when its days mask equals
    "rehearsal"."tag", and refused as "rehearsal_closed" otherwise.

POST /api/v1/checkins/sync                 {"scans": [{code, nonce, direction, scanned_at, result?}, ...]}
    (at most 500 per call) -> 200 {"results": [{nonce, result, reason, conflict, duplicate}], "recorded",
    "duplicates"}. Each scan is recorded exactly once by nonce, in any order, after any number of retries;
    scanned_at is the device's time (the day is taken from it). An offline entry of a ticket already in
    through another device (or that the device showed as admitted) is kept admitted, not counted twice,
    and flagged "conflict" (shown on the dashboard).

POST /api/v1/devices/heartbeat             {"queue_length": 0, "last_sync_at": "<ISO time>"|null}
    -> 200 {"server_time", "queue_length"}. Sent after each sync and by the gate self-test: the dashboard
    lists devices that report scans not yet uploaded; the self-test compares server_time with the device's
    clock.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.security import HttpBearer

from core import ratelimit
from core.clients import client_address
from core.errors import error_responses
from tickets.enums import TicketKind
from tickets.models import Ticket

from . import services
from .models import Gate, ScannerDevice
from .schemas import (
    CheckInIn,
    CheckInOut,
    GroupCheckInIn,
    GroupCheckInOut,
    HeartbeatIn,
    HeartbeatOut,
    PairIn,
    PairOut,
    ScannerConfigOut,
    SyncIn,
    SyncOut,
    TicketSearchOut,
    UndoOut,
)


class DeviceAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ScannerDevice | None:
        device = services.authenticate_device(token=token)
        if device is not None:
            request.scanner_device = device
        return device


device_auth = DeviceAuth()
# Pairing attempts per client address (the trusted proxy's X-Forwarded-For entry, core/clients.py).
PAIRING_RATE = ratelimit.Rate(20, 60)
router = Router(tags=["check-in"], auth=device_auth)


def gate_out(gate: Gate) -> dict:
    return {"id": gate.pk, "name": gate.name, "kind": gate.kind, "admits": gate.admitted_kinds}


def ticket_out(ticket: Ticket, *, on_date) -> dict:
    presence = services.presence_of(ticket)
    registration = ticket.registration if ticket.registration_id else None
    return {
        "id": ticket.public_id,
        "kind": ticket.kind,
        # The enum's label, not get_kind_display(), which builds a dict of every choice on each call.
        "kind_label": str(TicketKind(ticket.kind).label),
        "holder_name": ticket.holder_name or (registration.name if registration else ""),
        "day": ticket.day.date if ticket.day_id else None,
        "headcount": ticket.headcount,
        "status": ticket.status,
        "registration_id": ticket.registration_id,
        "registration_name": registration.name if registration else None,
        "valid_today": ticket.is_valid and services.ticket_is_valid_on(ticket, on_date),
        "inside": presence.inside,
        "checked_in": {"at": presence.last_in_at, "gate": presence.last_in_gate} if presence.inside else None,
        "rehearsal": ticket.rehearsal_id is not None,
    }


def outcome_out(outcome: services.ScanOutcome) -> dict:
    on_date = outcome.on_date or timezone.localdate()
    first = None
    if outcome.first_checkin_at is not None:
        first = {"at": outcome.first_checkin_at, "gate": outcome.first_checkin_gate or ""}
    return {
        "result": outcome.result,
        "reason": outcome.reason or None,
        "nonce": outcome.nonce,
        "direction": outcome.direction,
        "ticket": ticket_out(outcome.ticket, on_date=on_date) if outcome.ticket is not None else None,
        "first_checkin": first,
        "companions": [ticket_out(companion, on_date=on_date) for companion in outcome.companions],
        "conflict": outcome.conflict,
        "replayed": outcome.replayed,
    }


@router.post(
    "/devices/pair",
    auth=None,
    response={200: PairOut, **error_responses(400, 422, 429)},
)
def pair(request: HttpRequest, payload: PairIn):
    ratelimit.check(("checkin:pair:address", client_address(request), PAIRING_RATE))
    device, token = services.pair_device(
        pairing_code=payload.pairing_code, device_name=payload.device_name or ""
    )
    return {
        "token": token,
        "device": {"id": device.pk, "name": device.name},
        "gate": gate_out(device.gate),
        "edition_id": device.gate.edition_id,
    }


@router.post(
    "/checkins",
    response={200: CheckInOut, **error_responses(400, 401, 409, 422)},
)
def create_checkin(request: HttpRequest, payload: CheckInIn):
    device: ScannerDevice = request.auth
    outcome = services.check_in(
        gate=device.gate,
        device=device,
        nonce=payload.nonce,
        code=payload.code,
        ticket_public_id=None if payload.code is not None else payload.ticket_id,
        direction=payload.direction,
    )
    return outcome_out(outcome)


@router.get("/checkins/config", response={200: ScannerConfigOut, **error_responses(400, 401)})
def config(request: HttpRequest):
    device: ScannerDevice = request.auth
    data = services.device_config(device=device)
    data["gate"] = gate_out(device.gate)
    data["device"] = {"id": device.pk, "name": device.name}
    return data


class TicketSearchQuery(Schema):
    q: str = ""


@router.get(
    "/checkins/search",
    response={200: TicketSearchOut, **error_responses(400, 401, 422, 429)},
)
def search(request: HttpRequest, filters: Query[TicketSearchQuery]):
    device: ScannerDevice = request.auth
    today = timezone.localdate()
    tickets = services.search_tickets_for_device(device=device, query=filters.q, on_date=today)
    results = [ticket_out(ticket, on_date=today) for ticket in tickets]
    return {"query": filters.q, "results": results, "limit": services.SEARCH_LIMIT}


@router.post(
    "/checkins/group",
    response={200: GroupCheckInOut, **error_responses(400, 401, 409, 422)},
)
def group(request: HttpRequest, payload: GroupCheckInIn):
    device: ScannerDevice = request.auth
    outcomes = services.check_in_group(
        gate=device.gate,
        device=device,
        items=[(item.ticket_id, item.nonce) for item in payload.items],
        direction=payload.direction,
    )
    admitted = sum(
        outcome.ticket.headcount for outcome in outcomes if outcome.admitted and outcome.ticket is not None
    )
    return {"results": [outcome_out(outcome) for outcome in outcomes], "admitted_headcount": admitted}


@router.post(
    "/checkins/sync",
    response={200: SyncOut, **error_responses(400, 401, 409, 422)},
)
def sync(request: HttpRequest, payload: SyncIn):
    device: ScannerDevice = request.auth
    scans = [scan.dict() for scan in payload.scans]
    outcomes = services.sync_offline_scans(device=device, scans=scans)
    results = [
        {
            "nonce": outcome.nonce,
            "result": outcome.result,
            "reason": outcome.reason or None,
            "conflict": outcome.conflict,
            "duplicate": outcome.replayed,
        }
        for outcome in outcomes
    ]
    duplicates = sum(1 for item in results if item["duplicate"])
    return {"results": results, "recorded": len(results) - duplicates, "duplicates": duplicates}


@router.post(
    "/checkins/{nonce}/undo",
    response={200: UndoOut, **error_responses(400, 401, 404, 409, 422)},
)
def undo(request: HttpRequest, nonce: uuid.UUID):
    device: ScannerDevice = request.auth
    record = services.undo_check_in(device=device, nonce=nonce)
    return {"nonce": record.nonce, "undone_at": record.undone_at}


@router.post("/devices/heartbeat", response={200: HeartbeatOut, **error_responses(400, 401, 422)})
def heartbeat(request: HttpRequest, payload: HeartbeatIn):
    device: ScannerDevice = request.auth
    return services.report_queue(
        device=device, queue_length=payload.queue_length, last_sync_at=payload.last_sync_at
    )
