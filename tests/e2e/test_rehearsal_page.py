"""The rehearsal page, signed in as an organizer, with a rehearsal open and tickets issued: axe finds no
serious or critical violation, in FR and NL, at phone and desktop sizes, and nothing scrolls sideways on a
phone. The rehearsal is closed afterwards, so the module's demo data stays as it was."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from events.models import Edition
from tickets.checkin.services.rehearsal import close_rehearsal, issue_rehearsal_tickets, open_rehearsal

from .axe import assert_accessible, horizontal_overflow
from .test_accessibility import localized

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def organizer_with_rehearsal(demo_site, django_db_blocker):
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_superuser("rehearsal-page", "r@example.org", "unused-pw-1")
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        rehearsal = open_rehearsal(edition=Edition.objects.current(), user=user)
        issue_rehearsal_tickets(rehearsal=rehearsal, names=["Anna Oefen", "Bram Oefen"], language="nl")
    yield {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": demo_site}
    with django_db_blocker.unblock():
        close_rehearsal(rehearsal=rehearsal)


def test_rehearsal_page_is_accessible_and_fits_a_phone(
    page, page_errors, demo_site, organizer_with_rehearsal, viewport, tmp_path
):
    page.context.add_cookies([organizer_with_rehearsal])
    for language in ("fr", "nl"):
        response = page.goto(demo_site + localized("checkin:rehearsal", language))
        assert (response.status, page.locator("html").get_attribute("lang")) == (200, language)
        assert page.locator(".rehearsal-list__item").count() == 1
        page.screenshot(path=str(tmp_path / f"rehearsal-page-{language}-{viewport.name}.png"), full_page=True)
        assert_accessible(page, f"rehearsal page ({language}, {viewport.name})")
        if viewport.mobile:
            assert horizontal_overflow(page) == 0, f"the rehearsal page ({language}) scrolls sideways"
    page_errors.assert_none()
