"""Every staff page an organizer opens (the console, both desks, the paper lists, letters to post, rehearsals,
the dashboard, the schools' and the talks' staff pages), on the demo data: axe finds no serious or critical
violation, in FR and NL, at phone and desktop sizes, and on a phone nothing scrolls sideways."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from .axe import assert_accessible, horizontal_overflow
from .test_accessibility import localized

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LANGUAGES = ["fr", "nl"]


def _registration() -> dict:
    from tickets.models import Registration

    return {"public_id": Registration.objects.exclude(email="").order_by("created_at", "pk")[0].public_id}


def _proposal() -> dict:
    from talks.models import Proposal

    return {"public_id": Proposal.objects.order_by("pk")[0].public_id}


STAFF_PAGES = {
    "console:home": {},
    "console:registrations": {},
    "console:registration": _registration,
    "console:capacity": {},
    "console:exports": {},
    "console:messages": {},
    "console:message-new": {},
    "console:report": {},
    "tickets:desk": {},
    "tickets:desk-print": _registration,
    "tickets:to-post": {},
    "checkin:desk": {},
    "checkin:paper": {},
    "checkin:dashboard": {},
    "checkin:rehearsal": {},
    "schools:organizer-overview": {},
    "schools:organizer-book": {},
    "talks:review-list": {},
    "talks:review": _proposal,
    "talks:organize": {},
    "talks:schedule": {},
    "talks:slides-missing": {},
    "talks:stage-list": {},
}


@pytest.fixture(scope="module")
def organizer_cookie(demo_site, django_db_blocker) -> dict:
    """A signed-in superuser's session, made outside the tests' transactions so the live server sees it."""
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_superuser("every-page", "every@example.org", "unused-pw-1")
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": demo_site}


@pytest.mark.parametrize("url_name", list(STAFF_PAGES))
def test_staff_page_is_accessible_and_fits_a_phone(
    page, page_errors, demo_site, organizer_cookie, viewport, url_name, django_db_blocker
):
    kwargs = STAFF_PAGES[url_name]
    if callable(kwargs):
        with django_db_blocker.unblock():
            kwargs = kwargs()
    page.context.add_cookies([organizer_cookie])
    for language in LANGUAGES:
        response = page.goto(demo_site + localized(url_name, language, **kwargs))
        assert (response.status, page.locator("html").get_attribute("lang")) == (200, language)
        assert_accessible(page, f"{url_name} ({language}, {viewport.name})")
        if viewport.mobile:
            assert horizontal_overflow(page) == 0, f"{url_name} ({language}) scrolls sideways"
    page_errors.assert_none()
