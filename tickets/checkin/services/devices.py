"""Scanner devices: pairing, bearer tokens, revocation, and the offline kit a device downloads.

A device is authenticated by the SHA-256 of its bearer token: one indexed SELECT (with its gate) per request,
compiled once per connection (compiled.py), so a revoked token stops working at once. A token also stops
working once its gate's edition has ended (the day after its last day): a lost phone from a past fair opens
nothing.
"""

from __future__ import annotations

import datetime as dt
import hmac

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from tickets import codes
from tickets.enums import TicketStatus
from tickets.models import Rehearsal, Ticket

from ..compiled import CompiledQuery
from ..exceptions import DeviceRevoked, PairingInvalid
from ..models import Gate, ScannerDevice, hash_token, new_device_token, new_pairing_code

UNDO_WINDOW = dt.timedelta(minutes=15)
PAIRING_CODE_LIFETIME = dt.timedelta(minutes=30)


def _device_queryset(*, token_hash: str) -> QuerySet[ScannerDevice]:
    return (
        # Not the gate's edition: a scan needs only its id, and its translated texts are most of the row.
        ScannerDevice.objects.active()
        .select_related("gate")
        .annotate(edition_ends_on=F("gate__edition__ends_on"))
        .filter(token_hash=token_hash)[:1]
    )


# Compiled once per connection (compiled.py); the row is still read on every request, so a revoked token
# stops working at once.
DEVICE_LOOKUP = CompiledQuery(
    _device_queryset,
    fields={"token_hash": ScannerDevice._meta.get_field("token_hash")},
    samples=({"token_hash": "0" * 64}, {"token_hash": "1" * 64}),
)


def authenticate_device(*, token: str) -> ScannerDevice | None:
    """The active device holding `token`, with its gate (one query), or None; None too once the gate's
    edition has ended."""
    if not token or len(token) > 200:
        return None
    digest = hash_token(token)
    found = DEVICE_LOOKUP.fetch(token_hash=digest)
    device = found[0] if found else None
    # The lookup is by an index on the hash; compare again in constant time before trusting the row.
    if device is None or not hmac.compare_digest(device.token_hash or "", digest):
        return None
    if device.edition_ends_on < timezone.localdate():
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
        raise DeviceRevoked()
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
        raise PairingInvalid()
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
        raise PairingInvalid()
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


MAX_REPORTED_QUEUE = 1_000_000


def report_queue(*, device: ScannerDevice, queue_length: int, last_sync_at: dt.datetime | None) -> dict:
    """The device's own report (each heartbeat): scans still waiting on it and its last complete sync, so
    that the dashboard can list devices holding scans not yet uploaded. Answers the server's time, which
    the gate self-test compares with the device's clock."""
    now = timezone.now()
    if last_sync_at is not None:
        if timezone.is_naive(last_sync_at):
            last_sync_at = timezone.make_aware(last_sync_at)  # a device clock without offset: local
        # In UTC (PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows), and never in the future.
        last_sync_at = min(last_sync_at, now).astimezone(dt.UTC)
    ScannerDevice.objects.filter(pk=device.pk).update(
        last_seen_at=now,
        queue_length=min(max(queue_length, 0), MAX_REPORTED_QUEUE),
        last_sync_at=last_sync_at,
    )
    return {"server_time": now, "queue_length": queue_length}


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
        "public_keys": codes.public_keys(),
        "revoked": revoked,
        "server_time": now,
        "undo_window_seconds": int(UNDO_WINDOW.total_seconds()),
        "rehearsal": _open_rehearsal(edition),
    }


def _open_rehearsal(edition) -> dict | None:
    rehearsal = Rehearsal.objects.filter(edition=edition, closed_at__isnull=True).first()
    return {"tag": rehearsal.tag, "opened_at": rehearsal.opened_at} if rehearsal is not None else None
