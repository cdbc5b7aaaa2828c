"""Ticket numbers typed at a gate (or read by a handheld scanner): the number printed under the QR code is
looked up online and answered like a scan, with the same reasons; nothing typed from a genuine ticket is
"forged"."""

import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
from django.utils import timezone

from tests.factories import TicketFactory
from tickets import codes
from tickets.checkin.models import CheckIn
from tickets.services import cancel_ticket
from tickets.templatetags.tickets_tags import chunk_code

pytestmark = pytest.mark.django_db

TYPED = json.loads((Path(__file__).parent / "verdict_vectors.json").read_text())["typed_numbers"]


def printed(ticket) -> str:
    """The number as the ticket shows it under the QR: groups of four."""
    return chunk_code(ticket.public_id)


@pytest.mark.parametrize("case", TYPED, ids=[case["text"][:24] or "empty" for case in TYPED])
def test_typed_number_vectors(case):
    assert codes.typed_ticket_id(case["text"]) == case["expect"]


@pytest.mark.parametrize(
    "spell",
    [
        printed,
        lambda t: t.public_id.lower(),
        lambda t: "-".join(printed(t).split()),
        lambda t: f" {printed(t)}\t",
    ],
    ids=["printed", "lowercase", "dashes", "padded"],
)
def test_printed_number_is_admitted_like_a_scan(api, ticket, spell):
    nonce = uuid.uuid4()
    body = api.scan(spell(ticket), nonce=nonce).json()
    assert (body["result"], body["reason"], body["ticket"]["id"]) == ("admitted", None, ticket.public_id)
    assert body["ticket"]["holder_name"] == "Amélie Dupont"
    record = CheckIn.objects.get(nonce=nonce)
    assert (record.result, record.ticket_id, record.seq) == ("admitted", ticket.pk, 1)


def test_typed_number_of_a_ticket_already_in_says_so(api, ticket):
    assert api.scan(ticket.signed_code()).json()["result"] == "admitted"
    again = api.scan(printed(ticket)).json()
    assert (again["result"], again["first_checkin"]["gate"]) == ("already_checked_in", "Main entrance")
    assert CheckIn.objects.entries().count() == 1


def test_typed_number_for_another_day_says_another_day_never_forged(api, tomorrow):
    ticket = TicketFactory(day=tomorrow)
    body = api.scan(printed(ticket)).json()
    assert (body["result"], body["reason"]) == ("rejected", "wrong_day")
    assert body["ticket"]["day"] == tomorrow.date.isoformat()


def test_typed_number_of_a_cancelled_ticket_says_cancelled(api, ticket):
    cancel_ticket(ticket=ticket)
    body = api.scan(printed(ticket)).json()
    assert (body["result"], body["reason"]) == ("rejected", "cancelled")


@pytest.mark.parametrize("text", ["VFLY BY7T EVGY 6SLA", "VFLY BY7T EVGY", "AAAA-BBBB-CCCC-DDDD-EEEE"])
def test_unknown_number_is_unknown_not_forged(api, ticket, text):
    nonce = uuid.uuid4()
    body = api.scan(text, nonce=nonce).json()
    assert (body["result"], body["reason"], body["ticket"]) == ("rejected", "not_found", None)
    assert CheckIn.objects.get(nonce=nonce).reason == "not_found"


def test_mistyped_lookalike_digits_still_find_the_ticket(api, day):
    ticket = TicketFactory(day=day, public_id="VFLYBY7TEVGYOSIA")
    body = api.scan("vfly by7t evgy 0s1a").json()
    assert (body["result"], body["ticket"]["id"]) == ("admitted", ticket.public_id)


def test_number_queued_offline_is_checked_with_the_sync(api, ticket, tomorrow):
    other_day = TicketFactory(day=tomorrow)
    scanned_at = (timezone.now() - dt.timedelta(minutes=3)).isoformat()
    scans = [
        {"code": printed(ticket), "nonce": str(uuid.uuid4()), "direction": "in", "scanned_at": scanned_at},
        {"code": printed(other_day), "nonce": str(uuid.uuid4()), "direction": "in", "scanned_at": scanned_at},
    ]
    body = api.post("checkins/sync", {"scans": scans}).json()
    assert [(r["result"], r["reason"]) for r in body["results"]] == [
        ("admitted", None),
        ("rejected", "wrong_day"),
    ]
    assert CheckIn.objects.entries().get().ticket_id == ticket.pk


def test_the_scanner_page_says_typed_numbers_need_the_network(client):
    page = client.get("/en/scan/").content.decode()
    assert "A typed ticket number can only be checked online." in page
    assert "Queue it: check when the network is back" in page
