"""Two gates scanning the same ticket at the same moment: admitted exactly once (PostgreSQL, real HTTP)."""

import json
import threading
import urllib.request
import uuid

import pytest

from tests.factories import DayFactory, EditionFactory, TicketFactory
from tickets.checkin.enums import GateKind
from tickets.checkin.models import CheckIn, Gate
from tickets.checkin.services import create_device

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

GATES = 4
TICKETS = 8


def scan_all_at_once(url: str, tokens: list[str], code: str, nonce: uuid.UUID | None = None) -> list[str]:
    barrier = threading.Barrier(len(tokens))
    results: list[str] = []

    def scan(token: str) -> None:
        body = json.dumps({"code": code, "nonce": str(nonce or uuid.uuid4()), "direction": "in"}).encode()
        request = urllib.request.Request(  # noqa: S310 - http URL of our live server
            f"{url}/api/v1/checkins",
            data=body,
            method="POST",
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        barrier.wait()
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our live server
            results.append(json.load(response)["result"])

    threads = [threading.Thread(target=scan, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def run_race(live_server) -> dict[str, int]:
    from django.utils import timezone

    today = timezone.localdate()
    edition = EditionFactory(starts_on=today, ends_on=today)
    day = DayFactory(edition=edition)
    tokens = []
    for index in range(GATES):
        gate = Gate.objects.create(edition=edition, name=f"Gate {index}", kind=GateKind.MAIN)
        tokens.append(create_device(gate=gate, name=f"Phone {index}", with_token=True)[1])
    admitted_per_ticket = {}
    for _ in range(TICKETS):
        ticket = TicketFactory(day=day)
        results = scan_all_at_once(live_server.url, tokens, ticket.signed_code())
        assert len(results) == GATES
        admitted_per_ticket[ticket.public_id] = results.count("admitted")
        assert (
            CheckIn.objects.filter(ticket=ticket, result="admitted", direction="in").count()
            == admitted_per_ticket[ticket.public_id]
        )
    return admitted_per_ticket


def test_same_ticket_at_several_gates_at_once_is_admitted_exactly_once(live_server):
    admitted = run_race(live_server)
    assert set(admitted.values()) == {1}
    assert CheckIn.objects.filter(result="already_checked_in").count() == TICKETS * (GATES - 1)


def test_control_without_the_guard_the_race_admits_twice(live_server, settings):
    settings.CONCURRENCY_GUARD_CHECKIN = False
    admitted = run_race(live_server)
    assert max(admitted.values()) > 1, "the test did not catch the race: it would not catch a broken guard"


def test_the_same_nonce_retried_at_once_is_recorded_once(live_server):
    from django.utils import timezone

    today = timezone.localdate()
    day = DayFactory(edition=EditionFactory(starts_on=today, ends_on=today))
    gate = Gate.objects.create(edition=day.edition, name="Gate", kind=GateKind.MAIN)
    token = create_device(gate=gate, name="Phone", with_token=True)[1]
    ticket = TicketFactory(day=day)
    nonce = uuid.uuid4()
    results = scan_all_at_once(live_server.url, [token] * GATES, ticket.signed_code(), nonce=nonce)
    assert results == ["admitted"] * GATES
    assert list(CheckIn.objects.values_list("nonce", "result")) == [(nonce, "admitted")]
