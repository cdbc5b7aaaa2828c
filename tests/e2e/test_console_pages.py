"""The organizers' console, signed in as an organizer: axe finds no serious or critical violation, in FR and
NL, at phone and desktop sizes, and at phone size nothing scrolls sideways (wide tables scroll inside
their own frame); searching as you type swaps the results in without a page load."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from tickets.models import Registration

from .axe import assert_accessible, horizontal_overflow
from .test_accessibility import localized

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


LANGUAGES = ["fr", "nl"]


@pytest.fixture(scope="module")
def organizer_cookie(demo_site, django_db_blocker) -> dict:
    """A signed-in organizer's session, made outside the tests' transactions so the live server sees it."""
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_superuser(
            "console-pages", "console@example.org", "unused-pw-1"
        )
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": demo_site}


def first_registration() -> dict:
    return {"public_id": Registration.objects.order_by("created_at", "pk")[0].public_id}


CONSOLE_PAGES = {
    "home": ("console:home", {}),
    "registrations": ("console:registrations", {}),
    "registration": ("console:registration", first_registration),
    "capacity": ("console:capacity", {}),
}


@pytest.mark.parametrize("name", list(CONSOLE_PAGES))
def test_console_page_is_accessible_and_fits_a_phone(
    page,
    page_errors,
    demo_site,
    organizer_cookie,
    viewport,
    name,
):
    url_name, kwargs = CONSOLE_PAGES[name]
    kwargs = kwargs() if callable(kwargs) else kwargs
    page.context.add_cookies([organizer_cookie])
    for language in LANGUAGES:
        response = page.goto(demo_site + localized(url_name, language, **kwargs))
        assert (response.status, page.locator("html").get_attribute("lang")) == (200, language)
        assert_accessible(page, f"{name} ({language}, {viewport.name})")
        if viewport.mobile:
            assert horizontal_overflow(page) == 0, f"{name} ({language}) scrolls sideways"
    page_errors.assert_none()


def test_search_as_you_type(page, page_errors, demo_site, organizer_cookie):
    page.context.add_cookies([organizer_cookie])
    page.goto(demo_site + localized("console:registrations", "en"))
    name = Registration.objects.order_by("created_at", "pk")[0].name
    page.fill("#id_q", name)
    expect(page.locator("#results tbody tr")).to_have_count(1)
    assert page.locator("#results tbody tr a").inner_text() == name
    assert "q=" in page.url
    page_errors.assert_none()


def press_tab_until(page, text: str = "", *, selector: str = "", limit: int = 80) -> None:
    """Tab forward, as a keyboard user would, until the focused element holds `text` or matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if selector:
            if page.evaluate("(sel) => document.activeElement.matches(sel)", selector):
                return
        elif text in page.evaluate("document.activeElement.innerText || document.activeElement.value || ''"):
            return
    raise AssertionError(f"{text or selector!r} never got the keyboard focus")


@pytest.fixture(scope="module")
def keyboard_user(demo_site, django_db_blocker) -> str:
    """An organizer who signs in by typing, made outside the tests' transactions so the live server sees it
    (on PostgreSQL the server's connection does not see a test's uncommitted rows)."""
    with django_db_blocker.unblock():
        get_user_model().objects.create_superuser("keyboard", "keyboard@example.org", "keyboard-pw-1")
    return "keyboard"


def test_keyboard_only_find_a_registration_by_its_printed_number_resend_and_export_the_day(
    page, page_errors, demo_site, django_db_blocker, keyboard_user
):
    from tickets.models import OutgoingMail, Ticket
    from tickets.templatetags.tickets_tags import chunk_code

    with django_db_blocker.unblock():
        ticket = Ticket.objects.filter(registration__email__gt="", status="valid").select_related(
            "registration"
        )[0]
        mails_before = OutgoingMail.objects.filter(to=ticket.registration.email).count()
    # Django's sign-in page names no icon: the browser asks for /favicon.ico, which the site does not serve.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(demo_site + "/admin/login/?next=" + localized("console:home", "en"))
    page.keyboard.type("keyboard")  # the sign-in form puts the focus on the user name
    page.keyboard.press("Tab")
    page.keyboard.type("keyboard-pw-1")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^[^?]*/en/staff/$"))
    press_tab_until(page, selector="a.console-tool__title[href$='/staff/registrations/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^[^?]*/en/staff/registrations/$"))
    press_tab_until(page, selector="#id_q")
    page.keyboard.type(chunk_code(ticket.public_id))
    page.keyboard.press("Enter")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    press_tab_until(page, selector="#results tbody a")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/en/staff/registrations/{ticket.registration.public_id}/")
    press_tab_until(page, selector="button[value=resend]")
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("The tickets will be mailed again")
    with django_db_blocker.unblock():
        assert OutgoingMail.objects.filter(to=ticket.registration.email).count() == mails_before + 1
    # Then the day's registrations as a spreadsheet, still by keyboard: the staff menu's console, its tool,
    # the first day's CSV.
    press_tab_until(page, selector="nav a[href$='/en/staff/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^[^?]*/en/staff/$"))
    press_tab_until(page, selector="a.console-tool__title[href$='/staff/exports/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^[^?]*/en/staff/exports/$"))
    press_tab_until(page, selector="a[href*='/staff/exports/registrations.csv'][href*='day=']")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    rows = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) > 1  # the header and the day's registrations
    assert download.value.suggested_filename.startswith("registrations-")
    page_errors.assert_none()
