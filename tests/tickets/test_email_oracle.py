"""No answer tells a stranger whether an address registered: the capacity answer ("full") comes before any
answer that depends on the address, and "lost my tickets" does the same work for every address (the request
queues one mail request; the outbox sender looks the address up and makes the mail, or drops it)."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import DayFactory
from tests.tickets.conftest import form_data
from tickets import services
from tickets.enums import WaitingStatus
from tickets.exceptions import DayFull, PlacesAvailable
from tickets.mail import send_queued_mail
from tickets.models import OutgoingMail, WaitingListEntry
from tickets.services import waitlist

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_day(edition):
    day = DayFactory(edition=edition, capacity=2)
    services.register(edition=edition, days=[day], name="Ana", email="ana@example.org", companions=["Lou"])
    return day


@pytest.mark.parametrize("email", ["ana@example.org", "nobody@example.org"])
def test_a_full_day_answers_full_whatever_the_address(edition, full_day, email):
    with pytest.raises(DayFull):
        services.register(edition=edition, days=[full_day], name="Someone", email=email)


def test_the_registration_form_answers_full_the_same_for_a_known_address(client, edition, full_day):
    known = client.post("/fr/tickets/", form_data(full_day, email="ana@example.org"))
    unknown = client.post("/fr/tickets/", form_data(full_day, email="nobody@example.org"))

    assert known.context["form"].errors == unknown.context["form"].errors
    assert list(known.context["form"].errors) == ["days"]


def test_the_waiting_list_answers_places_first_whatever_the_address(edition, full_day):
    waitlist.join_waiting_list(day=full_day, name="Bo", email="bo@example.org", language="fr", places=1)
    services.cancel_tickets(registration=full_day.tickets.first().registration)  # Bo is offered a place
    assert WaitingListEntry.objects.get().status == WaitingStatus.OFFERED

    for email in ["bo@example.org", "nobody@example.org"]:
        with pytest.raises(PlacesAvailable):
            waitlist.join_waiting_list(day=full_day, name="X", email=email, language="fr", places=1)


def _lost(client, email):
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/fr/tickets/lost/", {"email": email})
    return response, [query["sql"].split(" ", 1)[0] for query in queries.captured_queries]


def test_lost_tickets_does_the_same_work_for_a_known_and_an_unknown_address(
    client, edition, full_day, settings
):
    settings.MAIL_SEND_AFTER_COMMIT = False  # production: the outbox sender makes the mail
    OutgoingMail.objects.all().delete()  # the registration's own confirmation
    known, known_queries = _lost(client, "ana@example.org")
    unknown, unknown_queries = _lost(client, "nobody@example.org")

    assert known.status_code == unknown.status_code == 200
    assert known_queries == unknown_queries
    assert sorted(OutgoingMail.objects.values_list("to", "body_text")) == [
        ("ana@example.org", ""),
        ("nobody@example.org", ""),
    ]


def test_the_outbox_sender_makes_the_lost_tickets_mail_or_drops_it(client, edition, full_day, settings):
    settings.MAIL_SEND_AFTER_COMMIT = False
    registration = full_day.tickets.first().registration
    OutgoingMail.objects.all().delete()
    client.post("/fr/tickets/lost/", {"email": "ANA@example.org"})
    client.post("/fr/tickets/lost/", {"email": "nobody@example.org"})
    mail.outbox.clear()

    assert send_queued_mail() == (2, 0)

    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert registration.manage_token in mail.outbox[0].body
    assert list(OutgoingMail.objects.values_list("to", flat=True)) == ["ana@example.org"]
