"""A staff member at the gate on a desktop-sized screen (a laptop at the desk): pairs the scanner page with
a one-time code, admits a ticket by typing its code, then sees "already checked in" on the second scan.
The phone-sized journey, offline scanning and the camera are in tests/scanner/, whose helpers this reuses."""

from __future__ import annotations

import pytest

from tests.scanner.conftest import Scanner, pairing_code, ticket
from tests.scanner.conftest import gates as gates  # a fixture, re-exported for the tests below
from tickets.checkin.enums import Result
from tickets.checkin.models import CheckIn

from .conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [DESKTOP], ids=[DESKTOP.name])
@pytest.mark.parametrize("language", ["fr", "nl"])
def test_staff_pairs_a_scanner_and_admits_a_typed_code_once(page, page_errors, live_server, gates, language):
    device, code = pairing_code(gates.main, "Desk laptop")
    visitor = ticket(gates.today, "Amélie Dupont")
    scanner = Scanner(page.context, live_server.url, language)
    scanner.open()
    scanner.pair(code)

    first = scanner.scan(visitor.signed_code())
    second = scanner.scan(visitor.signed_code())

    assert (first["verdict"], first["name"]) == ("admitted", "Amélie Dupont")
    assert (second["verdict"], second["name"]) == ("already", "Amélie Dupont")
    assert second["title"] == {"fr": "DÉJÀ ENTRÉ", "nl": "AL BINNEN"}[language]
    records = list(
        CheckIn.objects.filter(ticket=visitor).order_by("scanned_at").values_list("result", "device")
    )
    assert records == [(Result.ADMITTED, device.pk), (Result.ALREADY_CHECKED_IN, device.pk)]
    assert scanner.errors == []
    page_errors.assert_none()
