"""Whole journeys across the apps, in Chromium at phone size (375 × 812, in French) and desktop size (in
Dutch): a visitor finds a session, stars it and registers with two companions using the keyboard alone,
confirms the address on the page the mail's link opens, sees the QR codes and cancels one ticket from the
manage page; a teacher books a workshop and confirms it with the keyboard alone; a visitor switches between
FR, NL and EN without losing their place; an exhibitor edits its profile from its portal link.

Covered elsewhere, and not repeated here: the registration with the mouse and inline checks
(tests/tickets/test_browser.py), a teacher's booking with the mouse and its error messages
(tests/schools/test_browser.py), a staff member pairing
a scanner and admitting a typed code, then "already checked in" (tests/scanner/test_online_scanning.py at
phone size, test_staff_journey.py here at desktop size)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from events.enums import SessionStatus
from events.models import Edition, Session
from exhibitors.models import Exhibitor
from exhibitors.services import portal_url, regenerate_portal_token
from schools.models import ClassBooking
from tickets.models import Registration

from .axe import assert_accessible

# The demo is loaded once for the module (see `demo_site`); each journey uses its own email addresses.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LANGUAGE = {"phone": "fr", "desktop": "nl"}
TEXT = {
    "fr": {"starred": "Retirer de mon agenda", "ready": "Vos billets sont prêts."},
    "nl": {"starred": "Uit mijn agenda halen", "ready": "Je tickets zijn klaar."},
}


def tab_to(page, selector: str, *, limit: int = 200) -> None:
    """Press Tab until the element matching `selector` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} never received the focus with Tab")


def a_public_session() -> Session:
    edition = Edition.objects.current()
    return (
        Session.objects.published()
        .filter(day__edition=edition)
        .exclude(status=SessionStatus.CANCELLED)
        .exclude(title="")
        .order_by("starts_at", "pk")[0]
    )


def search_word(title: str) -> str:
    return max(re.findall(r"\w+", title), key=len)


def confirm_by_keyboard(page, site: str, email: str, where: str) -> None:
    """From "check your mailbox", open the link the mail carries and press its button with the keyboard."""
    page.wait_for_url("**/tickets/check-your-mail/")
    assert_accessible(page, f"check your mailbox ({where})")
    pending = Registration.objects.get(email=email)
    page.goto(f"{site}/tickets/confirm/{pending.public_id}/{pending.manage_token}/")
    assert_accessible(page, f"confirmation page ({where})")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tickets/my/**")


def test_visitor_finds_stars_registers_by_keyboard_and_cancels_one_ticket(
    page, page_errors, demo_site, viewport
):
    language = LANGUAGE[viewport.name]
    text = TEXT[language]
    session = a_public_session()
    title = getattr(session, f"title_{language}") or session.title_fr

    # Find the session by searching the programme, open it and star it.
    page.goto(f"{demo_site}/{language}/programme/")
    page.fill("#id_q", search_word(title))
    page.keyboard.press("Enter")
    link = page.get_by_role("link", name=title, exact=True).first
    link.wait_for()
    link.click()
    page.wait_for_url(f"**/programme/sessions/{session.public_id}/")
    page.locator(".star-button").first.click()
    page.wait_for_selector(".star-button--on")
    assert text["starred"] in page.inner_text(".star-button--on")
    page.goto(f"{demo_site}/{language}/programme/agenda/")
    assert page.get_by_role("link", name=title, exact=True).count() >= 1

    # Register with two companions, with the keyboard alone.
    page.goto(f"{demo_site}/{language}/tickets/")
    email = f"keyboard-{viewport.name}@example.org"
    tab_to(page, "#id_name")
    page.keyboard.type("Ana Peeters")
    tab_to(page, "#id_email")
    page.keyboard.type(email)
    tab_to(page, "input[name=days]:not([disabled])")
    page.keyboard.press("Space")
    tab_to(page, "#id_companions")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.input_value("#id_companions") == "2"
    tab_to(page, "#id_companion_1")
    page.keyboard.type("Lou")
    tab_to(page, "#id_companion_2")
    page.keyboard.type("Sam")
    tab_to(page, "form[data-ticket-form] button[type=submit]")
    page.keyboard.press("Enter")
    confirm_by_keyboard(page, f"{demo_site}/{language}", email, f"{language}, {viewport.name}")
    assert text["ready"] in page.inner_text(".messages")
    assert page.locator(".ticket").count() == 3
    assert page.locator(".ticket__qr svg").count() == 3
    assert_accessible(page, f"manage page ({language}, {viewport.name})")

    # Cancel one ticket from the manage page, still with the keyboard.
    page.on("dialog", lambda dialog: dialog.accept())
    tab_to(page, "form[data-confirm] button")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    # Waited for from Playwright's side: a string predicate polled in the page is evaluated as code there,
    # which the page's CSP (no 'unsafe-eval') refuses, and that refusal was reported as a page error.
    expect(page.locator(".ticket")).to_have_count(2)
    registration = Registration.objects.get(email=email)
    assert registration.tickets.valid().count() == 2
    page_errors.assert_none()


def test_switching_language_keeps_the_visitors_place(page, page_errors, demo_site, viewport):
    session = a_public_session()
    page.goto(f"{demo_site}/fr/programme/?q={search_word(session.title)}")
    for language in ["nl", "en", "fr"]:
        page.locator(f".lang-switch a[hreflang={language}]").click()
        page.wait_for_url(f"**/{language}/programme/?q=*")
        assert page.locator("html").get_attribute("lang") == language
        assert page.input_value("#id_q") == search_word(session.title)
    page.goto(f"{demo_site}/fr/programme/sessions/{session.public_id}/")
    titles = {}
    for language in ["nl", "en"]:
        page.locator(f".lang-switch a[hreflang={language}]").click()
        page.wait_for_url(f"**/{language}/programme/sessions/{session.public_id}/")
        titles[language] = page.inner_text("h1")
    assert titles == {
        "nl": session.title_nl or session.title_fr,
        "en": session.title_en or session.title_fr,
    }
    page_errors.assert_none()


@pytest.fixture(scope="module")
def portal_link(demo_site, django_db_blocker) -> tuple[Exhibitor, str]:
    """Made outside the tests' transactions, so that the live server sees it on PostgreSQL too."""
    with django_db_blocker.unblock():
        exhibitor = (
            Exhibitor.objects.published().filter(edition=Edition.objects.current()).order_by("slug")[0]
        )
        return exhibitor, regenerate_portal_token(exhibitor=exhibitor)


def test_exhibitor_edits_its_profile_from_its_portal_link(
    page, page_errors, demo_site, portal_link, viewport
):
    exhibitor, token = portal_link
    page.goto(demo_site + portal_url(token=token, language="fr", absolute=False))
    assert_accessible(page, f"exhibitor portal ({viewport.name})")
    description = f"Nouvelle description écrite depuis le portail ({viewport.name})."
    page.fill("#id_profile-description_fr", description)
    page.fill("#id_profile-website", "https://example.org/stand")
    page.locator("form[action$='/profile/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".messages").count() == 1
    exhibitor.refresh_from_db()
    assert (exhibitor.description_fr, exhibitor.website) == (description, "https://example.org/stand")
    page.goto(f"{demo_site}/fr/exhibitors/{exhibitor.slug}/")
    assert description in page.inner_text("main")
    page_errors.assert_none()


def test_teacher_books_a_workshop_with_the_keyboard_alone(page, page_errors, demo_site, viewport):
    language = LANGUAGE[viewport.name]
    page.goto(f"{demo_site}/{language}/schools/?level=P5")
    tab_to(page, "a.slot__action")
    page.keyboard.press("Enter")
    page.wait_for_url("**/schools/book/**")
    email = f"teacher-{viewport.name}@example.org"
    for selector, value in [
        ("#id_school_name", f"École du Parc ({viewport.name})"),
        ("#id_school_address", "Rue du Parc 3"),
        ("#id_school_postal_code", "1000"),
        ("#id_class_name", "5A"),
        ("#id_pupils", "8"),  # both sizes book the same slot: it must hold both
        ("#id_adults", "1"),
        ("#id_teacher_name", "Anne Prof"),
        ("#id_teacher_email", email),
        ("#id_teacher_mobile", "0470 12 34 56"),
    ]:
        tab_to(page, selector)
        page.keyboard.press("Control+A")
        page.keyboard.type(value)
    tab_to(page, "form.booking-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/schools/book/sent/")
    booking = ClassBooking.objects.get(teacher_email=email)
    page.goto(f"{demo_site}/{language}/schools/confirm/{booking.confirm_token}/")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/schools/booking/{booking.manage_token}/")
    booking.refresh_from_db()
    assert booking.status == "confirmed"
    page_errors.assert_none()
