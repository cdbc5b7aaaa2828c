"""The scanner's screens pass axe (no serious or critical violation) and fit 375 px without scrolling
sideways: pairing, scanning, and each verdict (admitted, already in, rejected) in French and Dutch."""

import pytest

from tests.e2e.axe import assert_accessible, horizontal_overflow

from .conftest import pairing_code, ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_every_screen_is_accessible_at_375_px(gates, open_scanner, language):
    _device, code = pairing_code(gates.main, "Phone 1")
    tomorrow = ticket(gates.tomorrow, "Bram Janssens").signed_code()
    amelie = ticket(gates.today, "Amélie Dupont").signed_code()
    scanner = open_scanner(language)
    page = scanner.page
    assert_accessible(page, "pairing")
    assert horizontal_overflow(page) == 0

    scanner.pair(code)
    assert_accessible(page, "scanning")
    assert horizontal_overflow(page) == 0
    for code_text, verdict in ((amelie, "admitted"), (amelie, "already"), (tomorrow, "rejected")):
        page.fill("[data-code-input]", code_text)
        page.press("[data-code-input]", "Enter")
        page.wait_for_selector(f"[data-result][data-verdict={verdict}]")
        assert_accessible(page, verdict)
        assert horizontal_overflow(page) == 0
        scanner.close_result()
