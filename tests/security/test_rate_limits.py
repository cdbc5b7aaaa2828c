"""Rate limits answer 429 (with a page or body that says so) once a client address passes its allowance."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import DayFactory, EditionFactory

pytestmark = pytest.mark.django_db


def test_scanner_pairing_is_throttled_per_address():
    client = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [
        client.post(
            "/api/v1/devices/pair", {"pairing_code": f"WRONG{n:03d}"}, content_type="application/json"
        ).status_code
        for n in range(21)
    ]
    assert statuses == [400] * 20 + [429]
    other = Client(REMOTE_ADDR="203.0.113.8")
    response = other.post(
        "/api/v1/devices/pair", {"pairing_code": "WRONG999"}, content_type="application/json"
    )
    assert response.status_code == 400


@pytest.mark.parametrize("url_name", ["tickets:register", "tickets:lost"])
def test_public_forms_are_throttled_per_address(settings, url_name):
    settings.TICKETS_RATE_LIMIT = (3, 3600)
    DayFactory(edition=EditionFactory())
    client = Client(REMOTE_ADDR="203.0.113.7")
    with translation.override("fr"):
        url = reverse(url_name)
    statuses = [client.post(url, {"email": "not-an-address"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.post(url, {"email": "not-an-address"})
    assert limited.status_code == 429
    assert limited["Content-Type"].startswith("text/html")
    assert Client(REMOTE_ADDR="203.0.113.8").post(url, {"email": "x"}).status_code == 200


def test_back_office_login_locks_out_with_429():
    """Slowing down after 3, locking after 10 and Retry-After: see tests/config/test_login_throttle.py."""
    client = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [
        client.post("/admin/login/", {"username": "organizer", "password": f"wrong-{n}"}).status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]


def test_scanner_pairing_throttle_sees_the_proxys_client_address(settings):
    """Behind the trusted proxy, a client writing a new X-Forwarded-For entry each time is one address."""
    settings.TRUSTED_PROXY_HOPS = 1
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    statuses = [
        proxy.post(
            "/api/v1/devices/pair",
            {"pairing_code": f"WRONG{n:03d}"},
            content_type="application/json",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7",
        ).status_code
        for n in range(21)
    ]
    assert statuses == [400] * 20 + [429]
    refused = proxy.post(
        "/api/v1/devices/pair",
        {"pairing_code": "WRONG999"},
        content_type="application/json",
        HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7",
    )
    assert refused.json()["code"] == "rate_limited"
    assert "+32 2 282 47 70" in refused.json()["detail"]
    assert 0 < int(refused["Retry-After"]) <= 60
