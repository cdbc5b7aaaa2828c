import datetime as dt

import pytest
from django.core.cache import cache
from django.core.servers.basehttp import ThreadedWSGIServer
from django.urls import reverse

from events.enums import DayAudience
from tests.factories import DayFactory
from tickets.models import Registration, normalize_email

# The live test server listens with a backlog of 5: fifty visitors arriving at once would be turned away
# at the TCP level before Django sees them. A real server (gunicorn: 2048) queues them.
ThreadedWSGIServer.request_queue_size = 128


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and "once an hour" live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def friday(edition):
    return DayFactory(
        edition=edition,
        date=edition.starts_on,
        opens_at=dt.time(9),
        closes_at=dt.time(18),
        audience=DayAudience.SCHOOLS_THEN_PUBLIC,
        public_from=dt.time(12),
        capacity=100,
    )


@pytest.fixture
def saturday(edition):
    return DayFactory(edition=edition, date=edition.ends_on, capacity=100)


def form_data(*days, **overrides) -> dict:
    """A valid registration form submission."""
    data = {
        "edition": days[0].edition.slug,
        "days": [str(day.pk) for day in days],
        "name": "Ana Peeters",
        "email": "ana@example.org",
        "language": "fr",
        "postal_code": "1000",
        "companions": "0",
        "accessibility_needs": "",
        "website": "",
    }
    data.update(overrides)
    return data


def confirm_registration(client, email: str = "ana@example.org"):
    """Press the button of the page the confirmation mail's link opens, as the visitor does."""
    registration = Registration.objects.unconfirmed().get(email=normalize_email(email))
    return client.post(reverse("tickets:confirm", args=[registration.public_id, registration.manage_token]))


def register_confirmed(client, data: dict, url: str = "/fr/tickets/"):
    """Post the public form, then confirm the address: the response is the confirmation's (a redirect to
    the tickets), or the form's when it refused."""
    response = client.post(url, data)
    if response.status_code != 302 or not response["Location"].endswith("/tickets/check-your-mail/"):
        return response
    return confirm_registration(client, data["email"])
