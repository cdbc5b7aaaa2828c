"""A ticket signed before a key rotation is still admitted online; one signed with a key not listed is not."""

import json
from pathlib import Path

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

SEEDS = json.loads((Path(__file__).parent / "signing_vectors.json").read_text())["seeds"]


def test_ticket_signed_with_the_old_key_is_admitted_after_rotation(api, ticket):
    with override_settings(TICKET_SIGNING_KEY=SEEDS["old"], TICKET_SIGNING_KEY_FALLBACKS=[]):
        old_code = ticket.signed_code()
    with override_settings(TICKET_SIGNING_KEY=SEEDS["new"], TICKET_SIGNING_KEY_FALLBACKS=[SEEDS["old"]]):
        body = api.scan(old_code).json()
        assert ticket.signed_code() != old_code
    assert (body["result"], body["reason"], body["ticket"]["id"]) == ("admitted", None, ticket.public_id)


def test_ticket_signed_with_an_unlisted_key_is_refused_as_invalid(api, ticket):
    with override_settings(TICKET_SIGNING_KEY=SEEDS["stranger"], TICKET_SIGNING_KEY_FALLBACKS=[]):
        forged = ticket.signed_code()
    with override_settings(TICKET_SIGNING_KEY=SEEDS["new"], TICKET_SIGNING_KEY_FALLBACKS=[SEEDS["old"]]):
        body = api.scan(forged).json()
    assert (body["result"], body["reason"]) == ("rejected", "invalid")


def test_device_config_lists_every_key_with_its_id(api):
    with override_settings(TICKET_SIGNING_KEY=SEEDS["new"], TICKET_SIGNING_KEY_FALLBACKS=[SEEDS["old"]]):
        body = api.get("checkins/config").json()
    expected = json.loads((Path(__file__).parent / "signing_vectors.json").read_text())["config"][
        "public_keys"
    ]
    assert body["public_keys"] == expected
    assert body["public_key"] == expected[0]["key"]
