"""The staff pages used at the venue (registration desk, check-in desk and dashboard, school bookings and
their attendance sheets), signed in as an organizer: axe finds no serious or critical violation, in FR and
NL, at phone and desktop sizes, and at phone size nothing scrolls sideways (wide tables scroll inside
their own frame)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from schools.models import WorkshopSlot

from .axe import assert_accessible, horizontal_overflow
from .test_accessibility import localized

# Read-only: the demo is loaded once for the module (see `demo_site`), hence plain django_db.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LANGUAGES = ["fr", "nl"]


def first_slot() -> dict:
    return {"slot_id": WorkshopSlot.objects.order_by("day__date", "starts_at", "pk")[0].pk}


STAFF_PAGES = {
    "ticket-desk": ("tickets:desk", {}),
    "checkin-desk": ("checkin:desk", {}),
    "dashboard": ("checkin:dashboard", {}),
    "school-bookings": ("schools:organizer-overview", {}),
    "school-booking-by-staff": ("schools:organizer-book", {}),
    "slot": ("schools:organizer-slot", first_slot),
    "slot-attendance": ("schools:attendance-slot", first_slot),
}


@pytest.fixture(scope="module")
def organizer_cookie(demo_site, django_db_blocker) -> dict:
    """A signed-in organizer's session, made outside the tests' transactions so the live server sees it."""
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_superuser("staff-pages", "staff@example.org", "unused-pw-1")
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": demo_site}


@pytest.mark.parametrize("name", list(STAFF_PAGES))
def test_staff_page_is_accessible_and_fits_a_phone(
    page, page_errors, demo_site, organizer_cookie, viewport, name
):
    url_name, kwargs = STAFF_PAGES[name]
    kwargs = kwargs() if callable(kwargs) else kwargs
    page.context.add_cookies([organizer_cookie])
    for language in LANGUAGES:
        response = page.goto(demo_site + localized(url_name, language, **kwargs))
        assert (response.status, page.locator("html").get_attribute("lang")) == (200, language)
        assert_accessible(page, f"{name} ({language}, {viewport.name})")
        if viewport.mobile:
            assert horizontal_overflow(page) == 0, f"{name} ({language}) scrolls sideways"
    page_errors.assert_none()
