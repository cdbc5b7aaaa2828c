import logging

import pytest

from core.logging import RedactPersonalData, redact

pytestmark = pytest.mark.django_db


def test_redact_masks_emails_and_tokens():
    text = "IntegrityError: Key (email)=(ana.peeters@example.org) token 9hG7fK2pQ0x_Lm3nZa8vBcD"
    assert redact(text) == "IntegrityError: Key (email)=([email]) token [redacted]"


def test_access_line_names_the_route_not_the_path(client, caplog):
    caplog.set_level(logging.INFO, logger="printemps.access")
    response = client.get("/fr/help/?email=ana@example.org")
    assert len(response["X-Request-ID"]) == 32
    [record] = [r for r in caplog.records if r.name == "printemps.access"]
    RedactPersonalData().filter(record)
    assert record.getMessage().startswith("GET /fr/help/ 200 ")
    assert "ana" not in record.getMessage()


def test_request_id_from_proxy_is_kept(client):
    response = client.get("/healthz", headers={"x-request-id": "abc-123-def-456"})
    assert response["X-Request-ID"] == "abc-123-def-456"


def test_traceback_is_redacted():
    try:
        raise ValueError("no ticket for bob@example.org")
    except ValueError:
        record = logging.LogRecord(
            "x",
            logging.ERROR,
            __file__,
            1,
            "failed for %s",
            ("bob@example.org",),
            exc_info=__import__("sys").exc_info(),
        )
    RedactPersonalData().filter(record)
    assert record.getMessage() == "failed for [email]"
    assert "bob@" not in record.exc_text


def test_redact_keeps_exception_and_constraint_names():
    text = (
        "ObjectDoesNotExist; IntegrityError: duplicate key value violates unique constraint"
        ' "ticket_code_unique" on schools_classbooking_pkey; SMTPServerDisconnected'
    )
    assert redact(text) == text


def test_redact_masks_codes_ids_and_hex_tokens():
    signed_code = (
        "AEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2Q"
    )
    text = (
        f"code {signed_code} ticket PQRSTUVWXYZABCDE request 0f3a9b2c4d5e6f708192a3b4c5d6e7f8"
        " tok a_b-C9d_e-F8g_h-I7"
    )
    assert redact(text) == "code [redacted] ticket [redacted] request [redacted] tok [redacted]"
