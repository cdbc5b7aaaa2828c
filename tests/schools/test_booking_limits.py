"""Each online booking mails the teacher: bookings are limited per client address and per teacher e-mail, and
a refusal is the booking form again (429) saying when to try again and whom to call."""

import pytest
from django.test import Client

from schools.models import ClassBooking
from tests.schools.test_views import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _current(edition):
    return edition


def test_confirmation_mails_limited_per_teacher_email(slot, settings):
    settings.SCHOOLS_MAILS_LIMIT = "1/86400"
    first = Client(REMOTE_ADDR="203.0.113.1").post(
        "/fr/schools/book/", form_data(slot, pupils="8", adults="1")
    )
    second = Client(REMOTE_ADDR="203.0.113.2").post(
        "/fr/schools/book/", form_data(slot, pupils="8", adults="1", class_name="5B")
    )
    html = second.content.decode()
    assert (first.status_code, second.status_code) == (302, 429)
    assert int(second["Retry-After"]) > 0  # like every public form limited through core.ratelimit
    assert "Trop de tentatives" in html
    assert "+32 2 282 47 70" in html
    assert 'value="anne@example.org"' in html  # the form again, as the teacher filled it
    assert ClassBooking.objects.count() == 1


def test_bookings_limited_per_client_address(slot, settings):
    settings.SCHOOLS_BOOKING_RATE_LIMIT = "1/3600"
    client = Client(REMOTE_ADDR="203.0.113.3")
    statuses = [
        client.post(
            "/fr/schools/book/", form_data(slot, pupils="8", adults="1", teacher_email=f"t{n}@example.org")
        ).status_code
        for n in range(2)
    ]
    assert statuses == [302, 429]
