import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tests.factories import EditionFactory
from tickets.checkin.models import Gate, GateKind, ScannerDevice, hash_token
from tickets.checkin.services import authenticate_device, create_device, new_pairing_code_for, revoke_device

pytestmark = pytest.mark.django_db


def pair(client, code, name=None):
    return client.post(
        "/api/v1/devices/pair", {"pairing_code": code, "device_name": name}, content_type="application/json"
    )


def test_pairing_code_gives_a_token_once(client, main_gate, ticket):
    device, token = create_device(gate=main_gate, name="Tablet")
    assert token is None
    assert len(device.pairing_code) == 8
    response = pair(client, device.pairing_code.lower(), "Tablet at door 2")
    assert response.status_code == 200
    body = response.json()
    assert body["device"] == {"id": device.pk, "name": "Tablet at door 2"}
    assert body["gate"]["name"] == "Main entrance"
    assert body["edition_id"] == main_gate.edition_id
    device.refresh_from_db()
    assert device.token_hash == hash_token(body["token"])
    assert device.pairing_code is None
    again = pair(client, device.pairing_code or body["token"][:8])
    assert again.status_code == 400
    config = client.get("/api/v1/checkins/config", headers={"Authorization": f"Bearer {body['token']}"})
    assert config.status_code == 200


def test_pairing_code_works_only_once(client, main_gate):
    device, _token = create_device(gate=main_gate, name="Tablet")
    code = device.pairing_code
    assert pair(client, code).status_code == 200
    response = pair(client, code)
    assert response.status_code == 400
    assert response.json()["code"] == "pairing_invalid"


def test_expired_pairing_code_is_refused(client, main_gate):
    device, _token = create_device(gate=main_gate, name="Tablet")
    ScannerDevice.objects.filter(pk=device.pk).update(
        pairing_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert pair(client, device.pairing_code).json()["code"] == "pairing_invalid"


def test_revoked_device_cannot_pair(client, main_gate):
    device, _token = create_device(gate=main_gate, name="Tablet")
    code = device.pairing_code
    revoke_device(device=device)
    assert pair(client, code).status_code == 400


def test_new_pairing_code_cancels_the_old_token(client, device, token):
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/checkins/config", headers=headers).status_code == 200
    new_pairing_code_for(device=device)
    assert client.get("/api/v1/checkins/config", headers=headers).status_code == 401


def test_create_scanner_device_command_prints_a_working_token(client, main_gate, edition_today):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "create_scanner_device",
        "Handheld 7",
        gate="main entrance",
        edition=edition_today.slug,
        stdout=out,
        stderr=err,
    )
    token = out.getvalue().strip()
    device = ScannerDevice.objects.get(name="Handheld 7")
    assert device.gate == main_gate
    assert device.token_hash == hash_token(token)
    assert "Handheld 7" in err.getvalue()
    response = client.get("/api/v1/checkins/config", headers={"Authorization": f"Bearer {token}"})
    assert response.json()["gate"]["name"] == "Main entrance"


def test_create_scanner_device_command_names_the_gates_when_unknown(main_gate, edition_today):
    with pytest.raises(CommandError, match="Gates: Main entrance"):
        call_command(
            "create_scanner_device", "X", gate="Back door", edition=edition_today.slug, stdout=io.StringIO()
        )


def test_create_scanner_device_command_accepts_one_part_of_a_bilingual_name(edition_today):
    from demo.checkin import load_gates

    load_gates(edition_today)
    out = io.StringIO()
    call_command(
        "create_scanner_device",
        "Phone",
        gate="hoofdingang",
        edition=edition_today.slug,
        stdout=out,
        stderr=io.StringIO(),
    )
    assert ScannerDevice.objects.get().gate.name == "Entrée principale – Hoofdingang"
    with pytest.raises(CommandError):
        call_command(
            "create_scanner_device", "Phone", gate="entrée", edition=edition_today.slug, stdout=io.StringIO()
        )


def test_token_stops_working_the_day_after_its_edition_ends(client):
    today = timezone.localdate()
    ended = EditionFactory(
        starts_on=today - dt.timedelta(days=3),
        ends_on=today - dt.timedelta(days=1),
        registration_opens_at=timezone.now() - dt.timedelta(days=30),
    )
    last_day = EditionFactory(starts_on=today - dt.timedelta(days=2), ends_on=today)
    _device, old_token = create_device(
        gate=Gate.objects.create(edition=ended, name="Old gate", kind=GateKind.MAIN),
        name="2024 phone",
        with_token=True,
    )
    _device, token = create_device(
        gate=Gate.objects.create(edition=last_day, name="Gate", kind=GateKind.MAIN),
        name="Phone",
        with_token=True,
    )
    assert authenticate_device(token=old_token) is None
    assert (
        client.get("/api/v1/checkins/config", headers={"Authorization": f"Bearer {old_token}"}).status_code
        == 401
    )
    assert authenticate_device(token=token).name == "Phone"
    assert (
        client.get("/api/v1/checkins/config", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    )
