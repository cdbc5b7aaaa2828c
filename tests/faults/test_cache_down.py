"""With the shared cache (Redis) down, the site answers as usual: the rate limits and throttles count per
process, the page cache is bypassed, each failure is logged once a minute, and /healthz says so with 200."""

import logging

import pytest
from django.contrib.auth.models import User
from django.test import Client

from core import cache_guard
from tests.factories import DayFactory
from tests.tickets.conftest import confirm_registration, form_data
from tickets.checkin.models import Gate, GateKind
from tickets.checkin.services import create_device
from tickets.models import OutgoingMail, Registration

pytestmark = [pytest.mark.django_db, pytest.mark.faults, pytest.mark.usefixtures("dead_cache")]


def test_healthz_says_cache_down_with_200(client):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "database": "up", "cache": "down"},
    )


def test_registration_works(client, edition):
    day = DayFactory(edition=edition, capacity=50)
    response = client.post("/fr/tickets/", form_data(day))
    pending = client.get(response["Location"])
    confirmed = confirm_registration(client)
    registration = Registration.objects.get()
    assert (response.status_code, pending.status_code, confirmed.status_code) == (302, 200, 302)
    assert registration.tickets.valid().count() == 1


def test_the_confirmation_link_can_be_sent_again(client, edition):
    day = DayFactory(edition=edition, capacity=50)
    client.post("/fr/tickets/", form_data(day))
    response = client.post("/fr/tickets/check-your-mail/")
    assert (response.status_code, OutgoingMail.objects.filter(to="ana@example.org").count()) == (302, 2)


def test_registration_rate_limit_still_counts_per_process(edition, settings):
    settings.TICKETS_RATE_LIMIT = (2, 3600)
    DayFactory(edition=edition)
    client = Client(REMOTE_ADDR="203.0.113.40")
    statuses = [client.post("/fr/tickets/", {"email": "x"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_admin_login_with_the_right_password(client):
    User.objects.create_user("organizer", password="right-password-123", is_staff=True)
    response = client.post(
        "/admin/login/", {"username": "organizer", "password": "right-password-123", "next": "/admin/"}
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.get("/admin/").status_code == 200


def test_lost_tickets(client):
    response = client.post("/fr/tickets/lost/", {"email": "ana@example.org"})
    assert response.status_code == 200


def test_scanner_pairing(client, edition_today):
    gate = Gate.objects.create(edition=edition_today, name="Main entrance", kind=GateKind.MAIN)
    device, _token = create_device(gate=gate, name="Tablet")
    response = client.post(
        "/api/v1/devices/pair", {"pairing_code": device.pairing_code}, content_type="application/json"
    )
    assert (response.status_code, response.json()["gate"]["name"]) == (200, "Main entrance")


@pytest.mark.parametrize("url", ["/fr/programme/", "/fr/exhibitors/", "/programme.ics"])
def test_public_pages_render_without_the_page_cache(client, edition, url):
    response = client.get(url)
    assert (response.status_code, response.get("X-Page-Cache")) == (200, None)


def test_each_failure_is_logged_once_a_minute_per_kind(client, edition, caplog, monkeypatch):
    monkeypatch.setattr(cache_guard, "PAUSE_SECONDS", 0.0)  # every request tries the dead cache again
    DayFactory(edition=edition)
    with caplog.at_level(logging.WARNING, logger="printemps.cache"):
        for _ in range(5):
            client.get("/fr/programme/")
            client.post("/fr/tickets/", {"email": "x"})
    kinds = sorted(r.getMessage().split("(")[1].split(")")[0] for r in caplog.records)
    assert kinds == ["page cache", "rate limits"]
