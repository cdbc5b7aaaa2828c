import base64
import datetime as dt
import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.utils import timezone

from tests.factories import TicketFactory
from tickets import codes
from tickets.checkin.models import CheckIn
from tickets.services import cancel_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _noon_in_brussels(monkeypatch):
    """A fixed clock at noon today, Brussels time: scans made "5 to 10 minutes ago" then fall on the same day
    as the fixtures' edition (run between 00:00 and 00:10 they fell on the day before, and failed)."""
    noon = dt.datetime.combine(timezone.localdate(), dt.time(12), tzinfo=timezone.get_current_timezone())
    monkeypatch.setattr(timezone, "now", lambda: noon)
    return noon


def offline_scan(code, *, minutes_ago=5, direction="in", nonce=None, result=None):
    scan = {
        "code": code,
        "nonce": str(nonce or uuid.uuid4()),
        "direction": direction,
        "scanned_at": (timezone.now() - dt.timedelta(minutes=minutes_ago)).isoformat(),
    }
    if result:
        scan["result"] = result
    return scan


def test_config_gives_what_offline_verification_needs(api, edition_today, day, tomorrow, device, ticket):
    cancelled = TicketFactory(day=day)
    cancel_ticket(ticket=cancelled)
    body = api.get("checkins/config").json()
    assert body["edition_id"] == edition_today.pk
    assert body["first_day"] == edition_today.starts_on.isoformat()
    assert body["today_offset"] == 0
    assert [d["offset"] for d in body["days"]] == [0, 1]
    assert body["gate"] == {
        "id": device.gate_id,
        "name": "Main entrance",
        "kind": "main",
        "admits": ["visitor", "school_group", "exhibitor_staff", "walk_in"],
    }
    assert body["revoked"] == [cancelled.public_id]
    assert body["public_key"] == codes.public_key_base64()
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(body["public_key"]))
    raw = base64.b32decode(ticket.signed_code() + "=" * (-len(ticket.signed_code()) % 8))
    key.verify(raw[18:], raw[:18])  # raises if the key does not verify our codes
    device.refresh_from_db()
    assert device.last_seen_at is not None


def test_sync_records_each_scan_once_after_retries_in_any_order(api, day):
    tickets = [TicketFactory(day=day) for _ in range(3)]
    scans = [offline_scan(t.signed_code(), minutes_ago=10 - i) for i, t in enumerate(tickets)]
    scans.append(offline_scan("FORGED-CODE", minutes_ago=2))
    first = api.post("checkins/sync", {"scans": scans}).json()
    assert [r["result"] for r in first["results"]] == ["admitted", "admitted", "admitted", "rejected"]
    assert (first["recorded"], first["duplicates"]) == (4, 0)
    retry = api.post("checkins/sync", {"scans": list(reversed(scans))}).json()
    assert [r["result"] for r in retry["results"]] == ["rejected", "admitted", "admitted", "admitted"]
    assert (retry["recorded"], retry["duplicates"]) == (0, 4)
    assert CheckIn.objects.count() == 4
    assert CheckIn.objects.entries().count() == 3
    assert set(CheckIn.objects.values_list("offline", flat=True)) == {True}


def test_sync_keeps_the_scan_time_of_the_device(api, ticket):
    scan = offline_scan(ticket.signed_code(), minutes_ago=42)
    api.post("checkins/sync", {"scans": [scan]})
    record = CheckIn.objects.get()
    assert record.scanned_at == dt.datetime.fromisoformat(scan["scanned_at"])
    assert record.recorded_at > record.scanned_at


def test_ticket_admitted_offline_at_two_gates_is_kept_and_flagged(api, ticket, other_token):
    code = ticket.signed_code()
    at_first_gate = api.post("checkins/sync", {"scans": [offline_scan(code, minutes_ago=7)]}).json()
    at_second_gate = api.post(
        "checkins/sync", {"scans": [offline_scan(code, minutes_ago=6)]}, token=other_token
    )
    assert at_first_gate["results"][0]["result"] == "admitted"
    assert at_second_gate.json()["results"][0] == {
        "nonce": at_second_gate.json()["results"][0]["nonce"],
        "result": "admitted",
        "reason": None,
        "conflict": True,
        "duplicate": False,
    }
    assert CheckIn.objects.entries().count() == 1  # the person is counted once
    conflict = CheckIn.objects.get(conflict=True)
    assert conflict.first_checkin == CheckIn.objects.entries().get()


def test_conflict_is_found_whatever_the_upload_order(api, ticket, other_token):
    code = ticket.signed_code()
    api.post("checkins/sync", {"scans": [offline_scan(code, minutes_ago=6)]}, token=other_token)
    api.post("checkins/sync", {"scans": [offline_scan(code, minutes_ago=7)]})
    assert CheckIn.objects.filter(result="admitted").count() == 2
    assert CheckIn.objects.entries().count() == 1
    assert CheckIn.objects.filter(conflict=True).count() == 1


def test_second_offline_scan_on_the_same_device_is_already_checked_in(api, ticket):
    code = ticket.signed_code()
    body = api.post(
        "checkins/sync", {"scans": [offline_scan(code, minutes_ago=7), offline_scan(code, minutes_ago=6)]}
    ).json()
    assert [r["result"] for r in body["results"]] == ["admitted", "already_checked_in"]
    assert CheckIn.objects.filter(conflict=True).count() == 0


def test_offline_scan_shown_admitted_after_an_online_entry_is_a_conflict(api, ticket):
    code = ticket.signed_code()
    api.scan(code)
    body = api.post("checkins/sync", {"scans": [offline_scan(code, minutes_ago=1, result="admitted")]}).json()
    assert (body["results"][0]["result"], body["results"][0]["conflict"]) == ("admitted", True)


def test_cancelled_ticket_scanned_offline_is_recorded_rejected(api, ticket):
    code = ticket.signed_code()
    cancel_ticket(ticket=ticket)
    body = api.post("checkins/sync", {"scans": [offline_scan(code)]}).json()
    assert (body["results"][0]["result"], body["results"][0]["reason"]) == ("rejected", "cancelled")


def test_sync_needs_a_token(client):
    assert (
        client.post("/api/v1/checkins/sync", {"scans": []}, content_type="application/json").status_code
        == 401
    )


def test_sync_reads_a_scan_time_without_offset_as_brussels_time(api, ticket):
    local = timezone.localtime() - dt.timedelta(minutes=3)
    scan = offline_scan(ticket.signed_code()) | {"scanned_at": local.replace(tzinfo=None).isoformat()}
    body = api.post("checkins/sync", {"scans": [scan]}).json()
    assert body["results"][0]["result"] == "admitted"
    assert CheckIn.objects.get().scanned_at == local.replace(microsecond=local.microsecond)
