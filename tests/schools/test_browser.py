"""A teacher's whole journey in Chromium, in French and Dutch, at phone and desktop sizes: the catalogue
filtered in place (htmx), the booking form with its errors, the confirmation and the manage page; axe finds
no serious violation, nothing scrolls sideways at 375 px, the browser reports no error (CSP included).
And the catalogue's places left change on screen, and are announced, when another class books."""

from __future__ import annotations

import pytest

from schools.models import ClassBooking, WorkshopSlot
from schools.services import ClassData, SchoolData, book_class
from tests.e2e.axe import assert_accessible, horizontal_overflow
from tests.e2e.conftest import browser, demo, page, page_errors, viewport  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ERRORS = {
    "fr": "Indiquez le nombre d’élèves : au moins 1.",
    "nl": "Vul het aantal leerlingen in: minstens 1.",
}


def check(page, where, viewport):  # noqa: F811 - the fixtures' names
    assert_accessible(page, where)
    if viewport.mobile:
        assert horizontal_overflow(page) == 0, where


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_teacher_books_confirms_and_manages(page, page_errors, demo, viewport, language):  # noqa: F811
    page.goto(f"{demo}/{language}/schools/")
    check(page, "catalogue", viewport)
    page.select_option("#f-level", "P5")
    page.wait_for_url("**level=P5**")
    assert page.locator("article.workshop").count() == 4
    page.locator("a.slot__action").first.click()
    page.wait_for_url("**/schools/book/**")
    check(page, "booking form", viewport)

    page.fill("#id_school_name", "École du Parc")
    page.fill("#id_pupils", "0")
    page.locator("form.booking-form button[type=submit]").click()
    page.wait_for_selector("[data-error-summary]")
    assert ERRORS[language] in page.locator("#id_pupils-error").inner_text()
    assert page.locator("#id_pupils").get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    check(page, "booking form with errors", viewport)
    assert ClassBooking.objects.count() == 0

    page.fill("#id_school_address", "Rue du Parc 3")
    page.fill("#id_school_postal_code", "1000")
    page.fill("#id_class_name", "5A")
    page.fill("#id_pupils", "16")
    page.fill("#id_adults", "2")
    page.fill("#id_teacher_name", "Anne Prof")
    page.fill("#id_teacher_email", "anne@example.org")
    page.fill("#id_teacher_mobile", "0470 12 34 56")
    page.locator("form.booking-form button[type=submit]").click()
    page.wait_for_url("**/schools/book/sent/")
    check(page, "check your mailbox", viewport)

    booking = ClassBooking.objects.get()
    page.goto(f"{demo}/{language}/schools/confirm/{booking.confirm_token}/")
    check(page, "confirm", viewport)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/schools/booking/{booking.manage_token}/")
    check(page, "manage", viewport)
    assert page.locator("a[href$='class.pdf']").count() == 1
    page_errors.assert_none()


def test_places_left_update_live(browser, demo, settings):  # noqa: F811
    settings.SCHOOLS_PLACES_POLL_SECONDS = 1
    tab = browser.new_page(viewport={"width": 375, "height": 812})
    slot = WorkshopSlot.objects.for_level("S5").order_by("starts_at", "pk").first()
    tab.goto(f"{demo}/fr/schools/?level=S5")
    places = tab.locator(f"[data-slot-places='{slot.pk}'] [data-label]")
    before = places.inner_text()
    book_class(
        school=SchoolData(name="Autre école", address="Rue 1", postal_code="1000", network="fr"),
        klass=ClassData(
            teacher_name="T",
            teacher_email="t@example.org",
            teacher_mobile="0470000000",
            class_name="L",
            level="S5",
            pupils=5,
            adults=1,
        ),
        slots=[slot],
        staff=True,
    )
    expected = f"{slot.capacity - 5} places restantes"
    tab.wait_for_function(
        "([id, text]) => document.querySelector(`[data-slot-places='${id}'] [data-label]`)"
        ".textContent === text",
        arg=[str(slot.pk), expected],
    )
    assert (before, places.inner_text()) == (f"{slot.capacity} places restantes", expected)
    assert expected in tab.locator("[data-places-announcer]").inner_text()
    tab.close()
