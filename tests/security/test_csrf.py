"""Every form a visitor can reach refuses a POST that lacks the CSRF token (403), and the same POST with the
token is let through: so a hostile page cannot submit our forms in a visitor's name."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from events.models import Edition
from tests.factories import DayFactory, EditionFactory
from tickets import services as ticket_services
from tickets.services import public_days

from .crawl import crawl

pytestmark = pytest.mark.django_db


def secret_link_pages() -> list[str]:
    """Pages reached from links sent by mail, which no crawler finds on its own."""
    edition = Edition.objects.current()
    day = next(day for day in public_days(edition) if not day.is_past)
    registration = ticket_services.register(
        edition=edition,
        days=[day],
        name="Ana Peeters",
        email="ana@example.org",
        language="fr",
        companions=["Lou"],
    )
    with translation.override("fr"):
        pages = [
            reverse(
                "tickets:manage",
                kwargs={"public_id": registration.public_id, "token": registration.manage_token},
            )
        ]
    from exhibitors.models import Exhibitor
    from exhibitors.services import portal_url, regenerate_portal_token

    exhibitor = Exhibitor.objects.filter(edition=edition).first()
    pages.append(
        portal_url(token=regenerate_portal_token(exhibitor=exhibitor), language="fr", absolute=False)
    )
    return pages


@pytest.fixture
def reachable_forms(demo_data):
    client = Client()
    start = ["/fr/", *secret_link_pages()]
    _pages, forms = crawl(client, start)
    return forms


def test_every_public_form_refuses_a_post_without_csrf_token(reachable_forms):
    actions = {form.action for form in reachable_forms}
    with translation.override("fr"):
        expected = {reverse("tickets:register"), reverse("tickets:lost")}
    assert expected <= actions, f"the crawler should reach the main forms; found {sorted(actions)}"
    client = Client(enforce_csrf_checks=True)
    accepted = []
    for form in reachable_forms:
        response = client.post(form.action, form.fields)
        if response.status_code != 403:
            accepted.append(f"{form.label}: {response.status_code}")
    assert accepted == []


@pytest.fixture
def open_edition():
    edition = EditionFactory()
    DayFactory(edition=edition)
    return edition


def test_the_same_post_with_the_token_is_not_refused(open_edition):
    client = Client(enforce_csrf_checks=True)
    with translation.override("fr"):
        url = reverse("tickets:register")
    client.get(url)
    token = client.cookies["csrftoken"].value
    response = client.post(url, {"csrfmiddlewaretoken": token, "name": ""})
    assert response.status_code == 200  # the form again, with its errors: past the CSRF check
    assert client.post(url, {"name": ""}).status_code == 403


def test_htmx_posts_carry_the_token_in_a_header(open_edition):
    """base.html puts the token in hx-headers, so htmx requests pass the same check as forms."""
    client = Client(enforce_csrf_checks=True)
    with translation.override("fr"):
        url = reverse("tickets:register")
    page = client.get(url).content.decode()
    token = client.cookies["csrftoken"].value
    assert 'hx-headers=\'{"x-csrftoken": "' in page
    response = client.post(url, {"name": ""}, headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code == 200
