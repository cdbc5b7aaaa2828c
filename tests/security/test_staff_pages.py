"""Staff pages refuse visitors: an anonymous visitor is sent to the login page; a signed-in account without
the organizers' permissions gets 403 (or the login page of the staff area); neither sees any data."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    ("tickets:desk", {}),
    ("tickets:desk-print", {"public_id": "A" * 16}),
    ("tickets:desk-pdf", {"public_id": "A" * 16}),
    ("checkin:desk", {}),
    ("checkin:desk-admit", {}),
    ("checkin:dashboard", {}),
    ("checkin:dashboard-csv", {}),
    ("schools:organizer-overview", {}),
    ("schools:organizer-book", {}),
    ("schools:organizer-slot", {"slot_id": 1}),
    ("schools:bookings-csv", {}),
    ("console:exports", {}),
    ("console:export-download", {"slug": "registrations", "file_format": "csv"}),
    ("console:messages", {}),
    ("console:message-new", {}),
    ("console:message", {"pk": 1}),
    ("console:message-edit", {"pk": 1}),
    ("console:message-preview", {"pk": 1}),
    ("console:message-test", {"pk": 1}),
    ("console:message-send", {"pk": 1}),
]
ADMIN_PAGES = ["/admin/", "/admin/tickets/registration/", "/admin/checkin/scannerdevice/add/"]


def staff_urls() -> list[str]:
    with translation.override("fr"):
        return [reverse(name, kwargs=kwargs) for name, kwargs in STAFF_PAGES]


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_the_login_page(method):
    client = Client()
    answers = {}
    for url in staff_urls() + ADMIN_PAGES:
        response = getattr(client, method)(url)
        answers[url] = (response.status_code, "login" in response.get("Location", ""))
    assert answers == {url: (302, True) for url in answers}


def test_account_without_staff_permissions_is_refused():
    user = get_user_model().objects.create_user("visitor", "visitor@example.org", "a-long-password-1")
    client = Client()
    client.force_login(user)
    refused = {}
    for url in staff_urls():
        response = client.get(url)
        to_login = response.status_code == 302 and "login" in response.get("Location", "")
        refused[url] = response.status_code == 403 or to_login
    assert refused == {url: True for url in refused}
    # The admin site sends accounts that are not staff back to its login page.
    admin = client.get("/admin/")
    assert (admin.status_code, admin["Location"].startswith("/admin/login/")) == (302, True)
