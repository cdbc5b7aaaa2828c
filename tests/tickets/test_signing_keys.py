"""Ticket signing keys: a rotated key's codes stay valid online and offline; production needs its own key.

tests/checkin/signing_vectors.json holds codes signed with an old key, the current key and a stranger's key;
`node --test tests/js/` runs the scanner's offline verifier on the same file, so both sides agree.
"""

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from tickets import codes

VECTORS_PATH = Path(__file__).parent.parent / "checkin" / "signing_vectors.json"
VECTORS = json.loads(VECTORS_PATH.read_text())
OLD, NEW, STRANGER = (VECTORS["seeds"][name] for name in ("old", "new", "stranger"))
ROTATED = {"TICKET_SIGNING_KEY": NEW, "TICKET_SIGNING_KEY_FALLBACKS": [OLD]}


def _payload(ticket_id_text: str) -> codes.TicketPayload:
    return codes.TicketPayload(codes.ticket_id_from_text(ticket_id_text), 1, 0b1, 1, 1)


def _signed_with(seed: str, ticket_id_text: str) -> str:
    with override_settings(TICKET_SIGNING_KEY=seed, TICKET_SIGNING_KEY_FALLBACKS=[]):
        return codes.encode(_payload(ticket_id_text))


def test_vectors_are_what_the_server_signs():
    for case in VECTORS["cases"]:
        assert _signed_with(VECTORS["seeds"][case["signed_by"]], case["ticket_id"]) == case["code"], case[
            "name"
        ]
    with override_settings(**ROTATED):
        assert VECTORS["config"]["public_keys"] == codes.public_keys()


@override_settings(**ROTATED)
def test_rotated_key_verifies_old_and_new_codes_and_refuses_forged():
    verdicts = {}
    for case in VECTORS["cases"]:
        try:
            verdicts[case["name"]] = codes.decode(case["code"]).ticket_id_text == case["ticket_id"]
        except codes.InvalidCode:
            verdicts[case["name"]] = False
    assert verdicts == {case["name"]: case["genuine"] for case in VECTORS["cases"]}


def test_without_the_fallback_an_old_code_is_refused():
    old_code = _signed_with(OLD, "AAAAAAAAAAAAAAAA")
    with (
        override_settings(TICKET_SIGNING_KEY=NEW, TICKET_SIGNING_KEY_FALLBACKS=[]),
        pytest.raises(codes.InvalidCode, match="signature"),
    ):
        codes.decode(old_code)


@override_settings(**ROTATED)
def test_new_codes_are_signed_with_the_current_key():
    key_ids = [key["id"] for key in codes.public_keys()]
    assert len(key_ids) == 2
    assert codes.public_key_base64() == codes.public_keys()[0]["key"]
    with override_settings(TICKET_SIGNING_KEY_FALLBACKS=[]):
        assert codes.decode(codes.encode(_payload("BBBBBBBBBBBBBBBB"))).ticket_id_text == "BBBBBBBBBBBBBBBB"


PRODUCTION = {
    "PATH": "/usr/bin:/bin",
    "DEBUG": "0",
    "SECRET_KEY": "a-production-like-secret-key-that-is-long-and-random-0123456789-abcdef",
    "ALLOWED_HOSTS": "printemps.example.org",
    "DJANGO_SETTINGS_MODULE": "config.settings",
}


def _manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], env=env, capture_output=True, text=True, check=False
    )


def test_production_refuses_to_start_without_a_ticket_signing_key():
    result = _manage("check", env=PRODUCTION)
    assert result.returncode != 0
    assert "ImproperlyConfigured: TICKET_SIGNING_KEY must be set when DEBUG is off" in result.stderr


def test_check_deploy_names_a_missing_or_malformed_key():
    development = PRODUCTION | {"DEBUG": "1"}
    missing = _manage("check", "--deploy", env=development)
    assert "tickets.E001" in missing.stderr
    malformed = _manage("check", env=development | {"TICKET_SIGNING_KEY": "too-short"})
    assert (malformed.returncode, "tickets.E002" in malformed.stderr) == (1, True)
    good = base64.b64encode(bytes(range(32))).decode()
    fallback = _manage(
        "check", env=development | {"TICKET_SIGNING_KEY": good, "TICKET_SIGNING_KEY_FALLBACKS": "x,"}
    )
    assert (fallback.returncode, "tickets.E003" in fallback.stderr) == (1, True)
