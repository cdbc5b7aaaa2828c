"""The report on an edition, signed in as an organizer, with arrivals at two gates so its charts are drawn:
axe finds no serious or critical violation in FR and NL at phone and desktop sizes, and nothing scrolls
sideways on a phone (the charts and wide tables scroll inside their own frame)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from events.models import Edition
from tickets.checkin.models import CheckIn, Gate
from tickets.checkin.services import create_device
from tickets.models import Registration, Ticket

from .axe import assert_accessible, horizontal_overflow
from .test_accessibility import localized

# Read-only tests on the module's demo copy (see `demo_site`), hence plain django_db.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def add_arrivals(edition: Edition) -> None:
    """Six visitors on the first day, let in at two gates a quarter of an hour apart."""
    day = edition.days.order_by("date").first()
    gates = list(Gate.objects.filter(edition=edition).order_by("kind", "name")[:2])
    devices = [create_device(gate=gate, name=f"Report {gate.pk}")[0] for gate in gates]
    for index in range(6):
        registration = Registration.objects.create(
            edition=edition, name=f"Report visitor {index}", email=f"report{index}@example.org"
        )
        ticket = Ticket.objects.create(edition=edition, day=day, registration=registration, position=0)
        CheckIn.objects.create(
            ticket=ticket, gate=gates[index % 2], device=devices[index % 2], result="admitted",
            on_date=day.date, seq=1, headcount=1, scanned_at=day.starts + dt.timedelta(minutes=15 * index),
        )  # fmt: skip


@pytest.fixture(scope="module")
def organizer_cookie(demo_site, django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        add_arrivals(Edition.objects.current() or Edition.objects.order_by("-starts_on").first())
        user = get_user_model().objects.create_superuser("report-pages", "report@example.org", "unused-pw-1")
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": demo_site}


def test_report_is_accessible_and_fits_a_phone(page, page_errors, demo_site, organizer_cookie, viewport):
    page.context.add_cookies([organizer_cookie])
    for language in ["fr", "nl"]:
        response = page.goto(demo_site + localized("console:report", language))
        assert (response.status, page.locator("html").get_attribute("lang")) == (200, language)
        assert page.locator("svg.chart__svg title").count() >= 1
        assert_accessible(page, f"report ({language}, {viewport.name})")
        if viewport.mobile:
            assert horizontal_overflow(page) == 0, f"report ({language}) scrolls sideways"
    page_errors.assert_none()
