"""A visitor's whole journey in Chromium, in French and Dutch, at phone and desktop sizes: the registration
form (inline checks by htmx, then its errors), "check your mailbox", the page the mail's link opens and its
button, the tickets with the QR codes, the manage page;
axe finds no serious violation, nothing scrolls sideways at 375 px, the browser reports no error (CSP
included), and the QR code on screen is large enough to scan from a phone."""

from __future__ import annotations

import pytest

from tests.e2e.axe import assert_accessible, horizontal_overflow
from tests.e2e.conftest import browser, demo, page, page_errors, viewport  # noqa: F401 - fixtures
from tickets.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "fr": {
        "name": "Indiquez votre nom.",
        "consent": "Cochez cette case pour que nous puissions garder vos besoins d’accessibilité",
        "email": "Saisissez une adresse e-mail comme nom@exemple.be.",
        "ready": "Vos billets sont prêts.",
    },
    "nl": {
        "name": "Vul je naam in.",
        "consent": "Vink dit vakje aan zodat we je toegankelijkheidsnoden mogen bewaren",
        "email": "Vul een e-mailadres in zoals naam@voorbeeld.be.",
        "ready": "Je tickets zijn klaar.",
    },
}


def check(page, where, viewport):  # noqa: F811 - the fixtures' names
    assert_accessible(page, where)
    if viewport.mobile:
        assert horizontal_overflow(page) == 0, where


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_visitor_registers_a_family_and_manages_the_tickets(page, page_errors, demo, viewport, language):  # noqa: F811
    text = TEXT[language]
    page.goto(f"{demo}/{language}/tickets/")
    check(page, "registration form", viewport)

    page.fill("#id_email", "ana@")
    page.locator("#id_email").blur()
    page.wait_for_selector("#email-live-error")
    assert page.inner_text("#email-check") == text["email"]
    page.locator("input[name=days]").last.check()
    page.wait_for_selector("#places-check li")
    page.select_option("#id_companions", "2")
    assert page.locator("[data-companion]:visible").count() == 2

    page.fill("#id_accessibility_needs", "Wheelchair")
    page.locator("form[data-ticket-form] button[type=submit]").click()
    page.wait_for_selector("[data-error-summary]")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert text["name"] in page.inner_text("#id_name-error")
    assert page.get_attribute("#id_name", "aria-invalid") == "true"
    assert text["consent"] in page.inner_text("#id_accessibility_consent-error")
    check(page, "registration form with errors", viewport)
    before = Registration.objects.count()  # the demo's own registrations
    assert not Registration.objects.filter(name="Ana Peeters", email__startswith="ana-").exists()

    page.fill("#id_name", "Ana Peeters")
    page.fill("#id_email", f"ana-{viewport.name}@example.org")
    page.check("#id_accessibility_consent")
    page.fill("#id_companion_1", "Lou")
    page.locator("form[data-ticket-form] button[type=submit]").click()
    page.wait_for_url("**/tickets/check-your-mail/")
    check(page, "check your mailbox page", viewport)
    pending = Registration.objects.get(email=f"ana-{viewport.name}@example.org")
    page.goto(
        f"{demo}/{language}/tickets/confirm/{pending.public_id}/{pending.manage_token}/"
    )  # the mail's link
    check(page, "confirmation page", viewport)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/tickets/my/**")
    assert text["ready"] in page.inner_text(".messages")
    assert page.locator(".ticket").count() == 3
    qr = page.locator(".ticket__qr svg").first.bounding_box()
    assert qr["width"] >= 250  # a gate scanner reads it straight off the phone screen
    check(page, "tickets page", viewport)

    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("form[data-confirm] button").first.click()
    page.wait_for_load_state()
    assert page.locator(".ticket").count() == 2
    assert Registration.objects.count() == before + 1
    assert Registration.objects.get(email=f"ana-{viewport.name}@example.org").tickets.valid().count() == 2
    page_errors.assert_none()
