"""The morning before the fair, at phone size, in French and in Dutch: a volunteer pairs a device, runs the
gate self-test, scans a rehearsal ticket (admitted, marked as rehearsal in words and a colour of its own),
types the printed number of a ticket for another day ("another day", never "forged"), and the dashboard's
figures do not move. Screenshots of each step are left in the test's tmp_path, to look at."""

import pytest
from django.utils import timezone

from tests.e2e.axe import assert_accessible, horizontal_overflow
from tickets.checkin import stats
from tickets.checkin.models import CheckIn
from tickets.checkin.services.rehearsal import issue_rehearsal_tickets, open_rehearsal
from tickets.models import Registration, Ticket
from tickets.templatetags.tickets_tags import chunk_code

from .conftest import pairing_code, ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "fr": {
        "rehearsal": "Billet de répétition\u00a0: non compté",
        "another_day": "Ce billet est pour un autre jour.",
        "all_good": "Toutes les vérifications sont réussies\u00a0: cette entrée est prête.",
    },
    "nl": {
        "rehearsal": "Repetitieticket: telt niet mee",
        "another_day": "Dit ticket is voor een andere dag.",
        "all_good": "Alle controles geslaagd: deze ingang is klaar.",
    },
}
FORGED = {"fr": "falsifié", "nl": "vervalst"}


def headline_figures(edition):
    today = timezone.localdate()
    return {
        "inside": stats.people_inside(edition=edition, on_date=today),
        "days": [(f.day.pk, f.tickets, f.admitted) for f in stats.days_figures(edition=edition)],
        "languages": [(s.label, s.count) for s in stats.registrations_by_language(edition=edition)],
        "activity": stats.gate_activity(edition=edition, on_date=today),
        "tickets": Ticket.objects.count(),
        "registrations": Registration.objects.count(),
    }


def read_verdict(page) -> dict:
    page.wait_for_selector("[data-result]:not([hidden])")
    return {
        "verdict": page.get_attribute("[data-result]", "data-verdict"),
        "rehearsal": page.get_attribute("[data-result]", "data-rehearsal"),
        "band": page.inner_text("[data-result-rehearsal]")
        if page.is_visible("[data-result-rehearsal]")
        else "",
        "title": page.inner_text("[data-result-title]"),
        "reason": page.inner_text("[data-result-reason]"),
    }


def type_and_send(scanner, text: str) -> dict:
    field = scanner.page.locator("[data-code-input]")
    field.fill(text)
    field.press("Enter")
    return read_verdict(scanner.page)


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_volunteer_rehearses_a_gate_before_doors_open(gates, open_scanner, language, tmp_path):
    rehearsal = open_rehearsal(edition=gates.edition)
    registration = issue_rehearsal_tickets(rehearsal=rehearsal, names=["Anna Oefen"], language=language)
    rehearsal_ticket = Ticket.with_rehearsals.get(registration=registration)
    tomorrow = ticket(gates.tomorrow, "Bram Janssens")
    ticket(gates.today, "Chloé Martin")
    _device, code = pairing_code(gates.main, "Phone 1")
    before = headline_figures(gates.edition)

    scanner = open_scanner(language)
    scanner.pair(code)
    scanner.wait_for_service_worker()
    page = scanner.page
    assert page.is_visible("[data-status-rehearsal]")  # the device knows a rehearsal is open, and says so
    page.click("[data-selftest-run]")
    page.wait_for_selector("[data-selftest][data-outcome]")
    checks = {
        item.get_attribute("data-check"): item.get_attribute("data-status")
        for item in page.locator("[data-selftest-results] li").all()
    }
    page.screenshot(path=str(tmp_path / f"selftest-{language}.png"), full_page=True)
    assert_accessible(page, f"the self-test's results ({language})")
    assert horizontal_overflow(page) == 0
    # Headless Chromium has no camera: the check says what to do instead (a handheld scanner, typing).
    assert checks.pop("camera") in {"ok", "warn"}
    assert checks == {"network": "ok", "clock": "ok", "keys": "ok", "offline": "ok", "queue": "ok"}

    verdict = type_and_send(scanner, rehearsal_ticket.signed_code())
    page.screenshot(path=str(tmp_path / f"rehearsal-{language}.png"))
    assert_accessible(page, f"a rehearsal ticket's verdict ({language})")
    assert (verdict["verdict"], verdict["rehearsal"]) == ("admitted", "true")
    assert verdict["band"].strip().endswith(WORDS[language]["rehearsal"].upper())  # shown in capitals
    scanner.close_result()

    typed = type_and_send(scanner, chunk_code(tomorrow.public_id).lower())
    page.screenshot(path=str(tmp_path / f"typed-{language}.png"))
    assert typed["verdict"] == "rejected"
    assert typed["reason"].startswith(WORDS[language]["another_day"])
    assert FORGED[language] not in typed["reason"]
    scanner.close_result()

    assert headline_figures(gates.edition) == before
    assert scanner.errors == []


def test_a_number_typed_offline_needs_the_network_and_can_be_queued(gates, open_scanner):
    """Offline, a typed number is not judged by the device (it carries no signature): the screen says so
    plainly, and once queued it is checked by the server with the rest of the queue."""
    amelie = ticket(gates.today, "Amélie Dupont")
    rehearsal = open_rehearsal(edition=gates.edition)
    registration = issue_rehearsal_tickets(rehearsal=rehearsal, names=["Anna Oefen"], language="fr")
    rehearsal_ticket = Ticket.with_rehearsals.get(registration=registration)
    _device, code = pairing_code(gates.main, "Phone 1")
    scanner = open_scanner("en")
    scanner.pair(code)
    scanner.wait_for_service_worker()
    scanner.context.set_offline(True)
    scanner.page.wait_for_selector("[data-status][data-online=false]")

    offline_rehearsal = type_and_send(scanner, rehearsal_ticket.signed_code())
    assert (offline_rehearsal["verdict"], offline_rehearsal["rehearsal"]) == ("admitted", "true")
    scanner.close_result()
    typed = type_and_send(scanner, chunk_code(amelie.public_id))
    assert typed["verdict"] == "pending"
    assert typed["title"] == "NETWORK NEEDED"
    assert typed["reason"].startswith("A typed ticket number can only be checked online.")
    scanner.page.click("[data-result-queue]")
    scanner.page.wait_for_selector("[data-result-queue-message]:has-text('Number queued')")
    scanner.close_result()
    assert scanner.waiting() == 2

    scanner.context.set_offline(False)
    scanner.page.wait_for_selector("[data-status][data-waiting='0']", timeout=30_000)
    entries = CheckIn.with_rehearsals.filter(result="admitted").order_by("scanned_at")
    assert [(e.ticket_id, e.offline, e.rehearsal) for e in entries] == [
        (rehearsal_ticket.pk, True, True),
        (amelie.pk, True, False),
    ]
    assert scanner.errors == []
