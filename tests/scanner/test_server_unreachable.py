"""The hall Wi-Fi is up but the server does not answer (the browser still says "online"): the first scan
falls back to the device's own verdict, the next ones answer at once without waiting for the network, and
the queue goes up by itself once the server answers again."""

import pytest

from tickets.checkin.enums import Result
from tickets.checkin.models import CheckIn

from .conftest import pairing_code, ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_scans_go_on_when_the_server_does_not_answer(gates, open_scanner):
    _device, code = pairing_code(gates.main, "Phone 1")
    people = [ticket(gates.today, name) for name in ("Amélie Dupont", "Bram Janssens", "Chloé Martin")]
    scanner = open_scanner("en")
    scanner.pair(code)
    scanner.context.route("**/api/v1/**", lambda route: route.abort("connectionrefused"))

    verdicts = [scanner.scan(person.signed_code()) for person in people]

    assert [verdict["verdict"] for verdict in verdicts] == ["admitted", "admitted", "admitted"]
    assert {verdict["detail"] for verdict in verdicts} == {"1 person · Checked on this device (offline)"}
    assert scanner.page.get_attribute("[data-status]", "data-online") == "false"
    assert scanner.waiting() == 3
    assert CheckIn.objects.count() == 0

    scanner.context.unroute("**/api/v1/**")
    scanner.page.wait_for_selector("[data-status][data-waiting='0'][data-online=true]", timeout=40_000)
    assert scanner.page.get_attribute("[data-status]", "data-online") == "true"
    assert sorted(CheckIn.objects.values_list("ticket__holder_name", "result", "offline")) == [
        ("Amélie Dupont", Result.ADMITTED, True),
        ("Bram Janssens", Result.ADMITTED, True),
        ("Chloé Martin", Result.ADMITTED, True),
    ]
