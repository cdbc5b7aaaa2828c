"""An organizer in the console, as they would work: writes to Saturday's visitors (each gets it in their
language, through the outbox), then downloads the registrations as XLSX and opens them in a spreadsheet."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from console.roles import grant_role_permissions
from events.models import Edition
from tests.factories import RegistrationFactory, TicketFactory
from tickets.models import OutgoingMail, Registration

from .axe import assert_accessible
from .conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def saturday_visitors():
    edition = Edition.objects.current()
    saturday = next(day for day in edition.days.order_by("date") if day.date.weekday() == 5)
    for name, language in (("Amélie Dupont", "fr"), ("Bram Peeters", "nl")):
        registration = RegistrationFactory(
            edition=edition, name=name, email=f"{name.split()[0].lower()}@example.org", language=language
        )
        TicketFactory(registration=registration, day=saturday, position=0)
    return edition, saturday


def sign_in(page, base: str) -> None:
    user = get_user_model().objects.create_user(
        "orga@example.org", email="orga@example.org", password="a long spring password", is_staff=True
    )
    user.groups.add(grant_role_permissions()["organizer"])
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.fill("#id_username", "orga@example.org")
    page.fill("#id_password", "a long spring password")
    page.click("input[type=submit]")
    # From the back office's home to the event's home, then in French through the language switch.
    page.locator(".console-entry a").click()
    page.wait_for_url("**/staff/")
    page.locator(".lang-switch a[hreflang=fr]").click()
    page.wait_for_url("**/fr/staff/")


@pytest.mark.parametrize("viewport", [DESKTOP], ids=[DESKTOP.name])
def test_a_message_to_saturday_then_the_registrations_as_xlsx(page, page_errors, demo):
    edition, saturday = saturday_visitors()
    failed = []
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
    sign_in(page, demo)
    page_errors.messages.clear()  # the back office's login page has no icon: Chromium's /favicon.ico is a 404

    page.get_by_role("link", name="Écrire aux inscrits").click()
    assert_accessible(page, "messages")
    page.get_by_role("link", name="Écrire un message").click()
    page.get_by_label("Visiteurs d’un jour").check()
    page.get_by_label("Jour", exact=True).select_option(str(saturday.pk))
    page.get_by_label("Informations pratiques (à tout le public choisi)").check()
    page.locator("#id_subject_fr").fill("Samedi : entrée par le quai")
    page.locator("#id_body_fr").fill("Bonjour,\nSamedi, l'entrée se fait par le quai.")
    page.locator("#id_subject_nl").fill("Zaterdag: ingang aan de kaai")
    page.locator("#id_body_nl").fill("Hallo,\nZaterdag is de ingang aan de kaai.")
    page.get_by_role("button", name="Enregistrer et prévisualiser").click()
    assert_accessible(page, "message preview")
    page.get_by_label("Oui, l’envoyer maintenant").check()  # a mass mail asks for a tick first
    page.get_by_role("button", name="Envoyer à").click()
    assert "dans la boîte d’envoi" in page.locator(".messages").inner_text()

    mails = {
        m.to: m.subject
        for m in OutgoingMail.objects.filter(to__in=["amélie@example.org", "bram@example.org"])
    }
    assert mails == {
        "amélie@example.org": "Samedi : entrée par le quai",
        "bram@example.org": "Zaterdag: ingang aan de kaai",
    }

    page.goto(f"{demo}/fr/staff/exports/")
    assert_accessible(page, "exports")
    with page.expect_download() as download:
        page.get_by_role("link", name=f"XLSX – Inscriptions, {edition.name}").click()
    assert download.value.suggested_filename == f"registrations-{edition.slug}.xlsx"
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    names = {row[2] for row in rows[1:]}
    expected = set(Registration.objects.active().filter(edition=edition).values_list("name", flat=True))
    assert names == expected
    assert {"Amélie Dupont", "Bram Peeters"} <= names
    assert failed == []
    page_errors.assert_none()


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_exports_and_messages_pages_pass_axe_without_scrolling_sideways(
    page, page_errors, demo, viewport, language
):
    from console.models import Broadcast
    from console.services.staff import create_staff_user, set_password_link

    edition = Edition.objects.current()
    broadcast = Broadcast.objects.create(
        edition=edition, audience="exhibitors", kind="practical", subject_fr="Montage", body_fr="Dès 8 h."
    )
    newcomer = create_staff_user(name="Nadia Peeters", email="nadia@example.org", role="desk")
    welcome = set_password_link(newcomer, language=language).split("/", 3)[-1]
    page.goto(f"{demo}/{welcome}")
    assert_accessible(page, "set password")
    sign_in(page, demo)
    page_errors.messages.clear()  # the back office's login page has no icon: Chromium's /favicon.ico is a 404
    paths = ["staff/exports/", "staff/messages/", "staff/messages/new/", f"staff/messages/{broadcast.pk}/"]
    for path in paths:
        page.goto(f"{demo}/{language}/{path}")
        assert_accessible(page, f"{language}/{path} at {viewport.width} px")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport.width, path
    page.goto(f"{demo}/{language}/staff/messages/new/")
    page.locator("form.console-message-form button[type=submit]").click()
    assert_accessible(page, "the form with its errors")
    page_errors.assert_none()
