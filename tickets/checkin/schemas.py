from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from ninja import Field, Schema
from pydantic import BaseModel, field_validator

from core.api_types import LocalTime

DirectionLiteral = Literal["in", "out"]
ResultLiteral = Literal["admitted", "already_checked_in", "rejected"]


class CheckInIn(Schema):
    code: str | None = Field(None, max_length=400, description="The QR text (signed code).")
    ticket_id: str | None = Field(
        None, max_length=16, description="Instead of a code: a ticket id from a search or a companion."
    )
    nonce: uuid.UUID
    direction: DirectionLiteral = "in"


# A scan's answer is built as a dict (api.outcome_out), so its schemas are plain pydantic models:
# django-ninja's Schema would wrap every level in its ORM attribute getter, a twentieth of a scan's CPU.


class FirstCheckInOut(BaseModel):
    at: dt.datetime
    gate: str


class ScanTicketOut(BaseModel):
    id: str = Field(description="The ticket's public id.")
    kind: str
    kind_label: str
    holder_name: str
    day: dt.date | None
    headcount: int
    status: str
    registration_id: int | None
    registration_name: str | None
    valid_today: bool
    inside: bool = Field(description="Counted in and not out again on the scan's day.")
    checked_in: FirstCheckInOut | None = Field(description="The current entry of the day, if inside.")
    rehearsal: bool = Field(False, description="A rehearsal ticket: admitted on any day, never counted.")


class CheckInOut(BaseModel):
    result: ResultLiteral
    reason: str | None
    nonce: uuid.UUID
    direction: DirectionLiteral
    ticket: ScanTicketOut | None
    first_checkin: FirstCheckInOut | None
    companions: list[ScanTicketOut]
    conflict: bool = False
    replayed: bool = Field(False, description="True when this nonce had been recorded before.")


class GroupItemIn(Schema):
    ticket_id: str = Field(max_length=16)
    nonce: uuid.UUID


class GroupCheckInIn(Schema):
    items: list[GroupItemIn] = Field(min_length=1, max_length=60)
    direction: DirectionLiteral = "in"


class GroupCheckInOut(Schema):
    results: list[CheckInOut]
    admitted_headcount: int


class UndoOut(Schema):
    nonce: uuid.UUID
    undone_at: dt.datetime


class TicketSearchOut(Schema):
    query: str
    results: list[ScanTicketOut] = Field(
        description="No signed code: admit a hit by posting its id as ticket_id to /checkins."
    )
    limit: int


class ScanGateOut(Schema):
    id: int
    name: str
    kind: str
    admits: list[str]


class ScanDeviceOut(Schema):
    id: int
    name: str


class ScanDayOut(Schema):
    date: dt.date
    offset: int
    opens_at: LocalTime
    closes_at: LocalTime
    audience: str


class ScanKeyOut(Schema):
    id: str = Field(description="A short name for the key (first 8 hex digits of its SHA-256).")
    key: str = Field(description="Raw 32-byte Ed25519 public key, base64.")


class ScanRehearsalOut(Schema):
    tag: int = Field(description="The days mask a code of this rehearsal's tickets carries.")
    opened_at: dt.datetime


class ScannerConfigOut(Schema):
    edition_id: int
    edition_name: str
    first_day: dt.date
    last_day: dt.date
    today: dt.date
    today_offset: int
    days: list[ScanDayOut]
    gate: ScanGateOut
    device: ScanDeviceOut
    public_key: str = Field(
        description="Raw 32-byte Ed25519 public key, base64: the key new codes are signed with."
    )
    public_keys: list[ScanKeyOut] = Field(
        description="Every key a valid code may be signed with, current first (then older ones still valid)."
    )
    revoked: list[str] = Field(description="Public ids of the edition's cancelled tickets.")
    server_time: dt.datetime
    undo_window_seconds: int
    rehearsal: ScanRehearsalOut | None = Field(
        None, description="The edition's open rehearsal: its tickets are valid on any day at every gate."
    )


class OfflineScanIn(Schema):
    code: str = Field(max_length=400)
    nonce: uuid.UUID
    direction: DirectionLiteral = "in"
    scanned_at: dt.datetime
    result: ResultLiteral | None = Field(None, description="What the device showed offline, if it knows.")

    @field_validator("scanned_at")
    @classmethod
    def _a_real_scan_time(cls, value: dt.datetime) -> dt.datetime:
        # A device clock gone wild (year 1, 9999) is refused with 422, never turned into UTC past its range.
        if not 2000 <= value.year <= 2999:
            raise ValueError("scanned_at must be a date between the years 2000 and 2999")
        return value


class SyncIn(Schema):
    scans: list[OfflineScanIn] = Field(max_length=500)


class SyncItemOut(Schema):
    nonce: uuid.UUID
    result: ResultLiteral
    reason: str | None
    conflict: bool
    duplicate: bool = Field(description="Already recorded by an earlier upload.")


class SyncOut(Schema):
    results: list[SyncItemOut]
    recorded: int
    duplicates: int


class PairIn(Schema):
    pairing_code: str = Field(max_length=20)
    device_name: str | None = Field(None, max_length=80)


class PairOut(Schema):
    token: str = Field(
        description="Shown once: keep it on the device. Send it as Authorization: Bearer <token>."
    )
    device: ScanDeviceOut
    gate: ScanGateOut
    edition_id: int


class HeartbeatIn(Schema):
    queue_length: int = Field(ge=0, le=1_000_000, description="Scans waiting on the device to be uploaded.")
    last_sync_at: dt.datetime | None = Field(None, description="The device's last complete sync, its clock.")


class HeartbeatOut(Schema):
    server_time: dt.datetime = Field(description="Compare with the device's clock (the gate self-test).")
    queue_length: int
