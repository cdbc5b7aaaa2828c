"""The scanner keeps working when the hall Wi-Fi drops (issue 10).

Two devices at two gates are paired and receive the edition's public key and revocation list. Online, a
first ticket is admitted; then both go offline (Playwright's offline mode), scan codes that the device
verifies itself (admitted, forged, cancelled, another day, twice on this device), the page is reloaded
offline (served by the service worker, queue intact), the same ticket is admitted at both gates, and once
back online every scan reaches the server exactly once and the double admission is reported as a conflict.
"""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from tickets.checkin.enums import Reason, Result
from tickets.checkin.models import CheckIn
from tickets.services import cancel_ticket

from .conftest import pairing_code, ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_offline_scans_are_verified_on_the_device_and_uploaded_once(gates, open_scanner):
    phone_main, code_main = pairing_code(gates.main, "Phone main")
    phone_side, code_side = pairing_code(gates.side, "Phone canal")
    online_first = ticket(gates.today, "Amélie Dupont")
    offline_one = ticket(gates.today, "Bram Janssens")
    offline_two = ticket(gates.today, "Chloé Martin")
    both_gates = ticket(gates.today, "Dirk Peeters")
    tomorrow = ticket(gates.tomorrow, "Eva Lambert")
    cancelled = ticket(gates.today, "Fatima Benali")
    cancel_ticket(ticket=cancelled)  # before pairing: the revocation list reaches the devices
    genuine = offline_one.signed_code()
    forged = genuine[:-8] + ("A" * 8 if not genuine.endswith("A" * 8) else "B" * 8)

    main = open_scanner("fr")
    main.pair(code_main)
    main.wait_for_service_worker()
    side = open_scanner("fr")
    side.pair(code_side)
    side.wait_for_service_worker()
    assert main.scan(online_first.signed_code())["verdict"] == "admitted"
    assert main.scan(online_first.signed_code())["verdict"] == "already"

    main.context.set_offline(True)
    side.context.set_offline(True)
    main.page.wait_for_selector("[data-status][data-online=false]")
    assert main.status_text().startswith("⚠ HORS LIGNE Dernière synchro ")

    shown = {
        "one": main.scan(offline_one.signed_code()),
        "two": main.scan(offline_two.signed_code()),
        "forged": main.scan(forged),
        "cancelled": main.scan(cancelled.signed_code()),
        "tomorrow": main.scan(tomorrow.signed_code()),
        "one again": main.scan(offline_one.signed_code()),
        "both at main": main.scan(both_gates.signed_code()),
    }
    assert {key: value["verdict"] for key, value in shown.items()} == {
        "one": "admitted",
        "two": "admitted",
        "forged": "rejected",
        "cancelled": "rejected",
        "tomorrow": "rejected",
        "one again": "already",
        "both at main": "admitted",
    }
    assert (
        shown["forged"]["reason"]
        == "Ce n’est pas un billet valable\u00a0: le code est falsifié, modifié ou illisible."
    )
    assert shown["cancelled"]["reason"] == "Ce billet a été annulé."
    with translation.override("fr"):
        tomorrow_words = date_format(gates.tomorrow.date, "l j F")
    assert shown["tomorrow"]["reason"] == f"Ce billet est pour un autre jour. Valable le {tomorrow_words}."
    assert shown["one again"]["reason"].endswith(" sur cet appareil")
    assert shown["one"]["detail"] == "1 personne · Vérifié sur cet appareil (hors ligne)"
    assert main.waiting() == 7
    assert "7 scans en attente d’envoi" in main.status_text()
    assert CheckIn.objects.filter(offline=True).count() == 0

    # The page opens again with no network: the service worker serves it, the queue is still there.
    main.page.reload()
    main.page.wait_for_selector("body[data-ready=true]")
    main.page.wait_for_selector("body[data-screen=scanning]")
    assert main.waiting() == 7
    assert main.page.get_attribute("[data-status]", "data-online") == "false"
    assert main.scan(offline_two.signed_code())["verdict"] == "already"  # still known after the reload

    assert side.scan(both_gates.signed_code())["verdict"] == "admitted"
    assert side.waiting() == 1

    main.context.set_offline(False)
    main.page.wait_for_selector("[data-status][data-waiting='0'][data-online=true]", timeout=30_000)
    side.context.set_offline(False)
    side.page.wait_for_selector("[data-status][data-waiting='0'][data-online=true]", timeout=30_000)
    assert main.page.get_attribute("[data-status]", "data-online") == "true"
    assert "Aucun scan en attente" in main.status_text()

    # Every scan reached the server once, with its original time and device.
    assert CheckIn.objects.filter(offline=True, device=phone_main).count() == 8
    assert CheckIn.objects.filter(offline=True, device=phone_side).count() == 1
    admitted_in = CheckIn.objects.filter(result=Result.ADMITTED, direction="in", conflict=False)
    assert sorted(admitted_in.values_list("ticket__holder_name", flat=True)) == [
        "Amélie Dupont",
        "Bram Janssens",
        "Chloé Martin",
        "Dirk Peeters",
    ]
    assert sorted(CheckIn.objects.filter(result=Result.REJECTED).values_list("reason", flat=True)) == sorted(
        [Reason.INVALID, Reason.CANCELLED, Reason.WRONG_DAY]
    )
    assert CheckIn.objects.filter(ticket=offline_one, result=Result.ALREADY_CHECKED_IN).count() == 1
    # Dirk was let in at both gates while offline: both admissions stand, the second is the conflict.
    dirk = list(
        CheckIn.objects.filter(ticket=both_gates).order_by("scanned_at").values_list("device", "conflict")
    )
    assert dirk == [(phone_main.pk, False), (phone_side.pk, True)]
    assert main.errors == []
    assert side.errors == []

    # A second sync changes nothing: the nonces were recorded once.
    main.page.evaluate("window.dispatchEvent(new Event('online'))")
    main.page.wait_for_timeout(1000)
    assert CheckIn.objects.count() == 11


# A browser without Ed25519 in WebCrypto (older Safari, Firefox before 129): importKey refuses the algorithm.
WITHOUT_WEBCRYPTO_ED25519 = """
const importKey = crypto.subtle.importKey.bind(crypto.subtle);
crypto.subtle.importKey = (format, key, algorithm, ...rest) =>
  (algorithm && (algorithm === "Ed25519" || algorithm.name === "Ed25519"))
    ? Promise.reject(new DOMException("Unrecognized name.", "NotSupportedError"))
    : importKey(format, key, algorithm, ...rest);
"""


def test_offline_verification_falls_back_to_noble_and_undo_drops_the_queued_scan(gates, open_scanner):
    if not (settings.BASE_DIR / "static" / "vendor" / "noble-ed25519.js").exists():
        pytest.skip("static/vendor/noble-ed25519.js missing: run `make install` (npm ci)")
    _device, code = pairing_code(gates.main, "Phone 1")
    bram = ticket(gates.today, "Bram Janssens").signed_code()
    chloe = ticket(gates.today, "Chloé Martin").signed_code()
    forged = bram[:-8] + ("A" * 8 if not bram.endswith("A" * 8) else "B" * 8)
    scanner = open_scanner("en", init_script=WITHOUT_WEBCRYPTO_ED25519)
    scanner.pair(code)
    scanner.context.set_offline(True)
    scanner.page.wait_for_selector("[data-status][data-online=false]")

    assert scanner.scan(bram)["verdict"] == "admitted"
    assert scanner.scan(forged)["reason"] == "Not a valid ticket: the code is forged, altered or unreadable."
    page = scanner.page
    page.fill("[data-code-input]", chloe)
    page.press("[data-code-input]", "Enter")
    page.wait_for_selector("[data-result][data-verdict=admitted]")
    assert scanner.waiting() == 3
    scanner.close_result()
    page.click("[data-undo]")  # the undo button under the code field
    page.wait_for_selector("[data-undo-message]:has-text('Last scan undone')")
    assert scanner.waiting() == 2
    assert scanner.scan(chloe)["verdict"] == "admitted"  # undone, so she can be let in again

    scanner.context.set_offline(False)
    page.wait_for_selector("[data-status][data-waiting='0'][data-online=true]", timeout=30_000)
    assert sorted(CheckIn.objects.values_list("result", "offline")) == [
        (Result.ADMITTED, True),
        (Result.ADMITTED, True),
        (Result.REJECTED, True),
    ]
    assert scanner.errors == []
