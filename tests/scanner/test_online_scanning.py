"""The scanner page online: pair a device, admit by typed code (a handheld scanner types and sends Enter),
then the same code again is "already checked in", with when and where; refusals say why in words."""

import pytest
from django.utils import translation
from django.utils.formats import date_format

from tickets.checkin.enums import Reason, Result
from tickets.checkin.models import CheckIn
from tickets.services import cancel_ticket

from .conftest import pairing_code, ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pair_then_admit_then_already_checked_in(gates, open_scanner):
    device, code = pairing_code(gates.main, "Phone 1")
    amelie = ticket(gates.today, "Amélie Dupont")
    scanner = open_scanner("fr")
    assert scanner.page.is_visible("#pairing-code")

    scanner.pair(code)

    assert scanner.page.inner_text("[data-device-details]") == "Phone 1 · Main entrance"
    assert "En ligne" in scanner.status_text()
    first = scanner.scan(amelie.signed_code())
    assert first == {
        "verdict": "admitted",
        "title": "ADMIS",
        "name": "Amélie Dupont",
        "detail": "1 personne",
        "reason": "",
    }
    second = scanner.scan(amelie.signed_code(), end_key="Tab")  # scanners set to end with Tab
    assert second["verdict"] == "already"
    assert second["title"] == "DÉJÀ ENTRÉ"
    assert second["name"] == "Amélie Dupont"
    assert second["reason"].startswith("Première entrée à ")
    assert second["reason"].endswith(" par Main entrance")
    records = list(
        CheckIn.objects.filter(ticket=amelie).order_by("scanned_at").values_list("result", "device")
    )
    assert records == [(Result.ADMITTED, device.pk), (Result.ALREADY_CHECKED_IN, device.pk)]
    assert scanner.errors == []


def test_refusals_are_told_in_words_in_dutch(gates, open_scanner):
    _device, code = pairing_code(gates.main, "Phone 1")
    tomorrow = ticket(gates.tomorrow, "Bram Janssens")
    cancelled = ticket(gates.today, "Chloé Martin")
    cancel_ticket(ticket=cancelled)
    genuine = ticket(gates.today, "Dirk Peeters").signed_code()
    forged = genuine[:-8] + ("A" * 8 if not genuine.endswith("A" * 8) else "B" * 8)
    scanner = open_scanner("nl")
    scanner.pair(code)

    with translation.override("nl"):
        day_words = date_format(gates.tomorrow.date, "l j F")
    assert (
        scanner.scan(tomorrow.signed_code())["reason"]
        == f"Dit ticket is voor een andere dag. Geldig op {day_words}."
    )
    assert scanner.scan(cancelled.signed_code())["reason"] == "Dit ticket is geannuleerd."
    forged_verdict = scanner.scan(forged)
    assert forged_verdict["verdict"] == "rejected"
    assert forged_verdict["title"] == "GEWEIGERD"
    assert forged_verdict["reason"] == "Geen geldig ticket: de code is vervalst, gewijzigd of onleesbaar."
    assert list(CheckIn.objects.order_by("scanned_at").values_list("reason", flat=True)) == [
        Reason.WRONG_DAY,
        Reason.CANCELLED,
        Reason.INVALID,
    ]


def test_undo_last_scan_and_admit_group_together(gates, open_scanner):
    _device, code = pairing_code(gates.main, "Phone 1")
    jan = ticket(gates.today, "Jan Peeters")
    els = ticket(gates.today, "Els Peeters", registration=jan.registration)
    lotte = ticket(gates.today, "Lotte Peeters", registration=jan.registration)
    scanner = open_scanner("en")
    scanner.pair(code)
    page = scanner.page

    page.fill("[data-code-input]", jan.signed_code())
    page.press("[data-code-input]", "Enter")
    page.wait_for_selector("[data-companions]:not([hidden])")
    assert page.inner_text("[data-companions-submit]") == "Admit the 2 selected together"
    page.uncheck(f"#companion-{lotte.public_id}")
    page.click("[data-companions-submit]")
    page.wait_for_selector("[data-companions-message]:has-text('1 admitted together')")
    scanner.close_result()
    admitted = set(
        CheckIn.objects.filter(result=Result.ADMITTED).values_list("ticket__holder_name", flat=True)
    )
    assert admitted == {"Jan Peeters", "Els Peeters"}

    page.fill("[data-code-input]", lotte.signed_code())
    page.press("[data-code-input]", "Enter")
    page.wait_for_selector("[data-result][data-verdict=admitted]")
    scanner.close_result()
    page.click("[data-undo]")  # the undo button under the code field
    page.wait_for_selector("[data-undo-message]:has-text('Last scan undone')")
    lotte_scan = CheckIn.objects.get(ticket=lotte)
    assert lotte_scan.undone_at is not None
    assert CheckIn.objects.get(ticket=els).undone_at is None


def test_search_by_name_admits_then_exit_is_recorded(gates, open_scanner):
    _device, code = pairing_code(gates.main, "Phone 1")
    ticket(gates.today, "Bram Janssens")
    wouter = ticket(gates.today, "Wouter Vermeulen")
    scanner = open_scanner("nl")
    scanner.pair(code)
    page = scanner.page

    page.fill("[data-search-input]", "vermeul")
    page.press("[data-search-input]", "Enter")
    page.wait_for_selector("[data-search-message]:has-text('1 ticket gevonden')")
    assert page.inner_text(".scan-results__name") == "Wouter Vermeulen"
    page.click("[data-search-results] button")
    page.wait_for_selector("[data-result][data-verdict=admitted]")
    assert page.inner_text("[data-result-title]") == "TOEGELATEN"
    scanner.close_result()

    page.check("[data-direction][value=out]", force=True)
    exit_verdict = scanner.scan(wouter.signed_code())
    assert exit_verdict["verdict"] == "admitted"
    assert exit_verdict["title"] == "VERTREK GEREGISTREERD"
    assert list(CheckIn.objects.order_by("scanned_at").values_list("direction", "result")) == [
        ("in", Result.ADMITTED),
        ("out", Result.ADMITTED),
    ]


def test_pairing_link_pairs_without_typing(gates, scanner_browser, live_server):
    _device, code = pairing_code(gates.main, "Phone 1")
    context = scanner_browser.new_context(viewport={"width": 375, "height": 812}, locale="fr-BE")
    page = context.new_page()

    page.goto(f"{live_server.url}/fr/scan/#pair={code}")

    page.wait_for_selector("body[data-config=ready]")
    assert page.inner_text("[data-device-details]") == "Phone 1 · Main entrance"
    assert page.evaluate("location.hash") == ""  # the one-time code does not stay in the address bar
    context.close()
