"""The event's home: each day's figures from the apps' own read functions, the outbox with a retry, in a
number of queries that does not grow with the registrations."""

import pytest
from django.urls import reverse
from django.utils import timezone

from console.models import StaffAction
from tests.factories import RegistrationFactory, TicketFactory
from tickets.models import OutgoingMail, WaitingListEntry
from tickets.services import register

pytestmark = pytest.mark.django_db


def test_home_shows_each_day_capacity_registered_left_held_and_waiting(client, console_organizer, saturday):
    register(
        edition=saturday.edition, days=[saturday], name="Ann", email="ann@example.org", companions=["Bo"]
    )
    WaitingListEntry.objects.create(
        day=saturday,
        name="Cy",
        email="cy@example.org",
        places=3,
        status="offered",
        offer_expires_at=timezone.now() + timezone.timedelta(hours=1),
    )
    WaitingListEntry.objects.create(day=saturday, name="Di", email="di@example.org", places=2)
    client.force_login(console_organizer)
    response = client.get(reverse("console:home"))
    row = response.context["days"][0]
    assert (row.capacity, row.registered, row.left, row.held) == (10, 2, 5, 3)
    assert (row.waiting_people, row.waiting_places, row.open_offers) == (1, 2, 1)
    assert (row.inside_now, row.checked_in) == (0, 0)


def test_another_edition_can_be_chosen(client, console_organizer, saturday):
    from tests.factories import EditionFactory

    other = EditionFactory(name="Edition 2024", name_fr="Edition 2024")
    client.force_login(console_organizer)
    response = client.get(reverse("console:home"), {"edition": other.slug})
    assert response.context["edition"] == other
    assert response.context["days"] == []


def test_failed_mail_is_counted_and_retried_once_for_a_double_post(client, console_organizer):
    later = timezone.now() + timezone.timedelta(hours=1)
    OutgoingMail.objects.create(
        to="a@example.org", subject="s", body_text="t", last_error="SMTP", next_attempt_at=later
    )
    OutgoingMail.objects.create(to="b@example.org", subject="s", body_text="t")
    client.force_login(console_organizer)
    assert client.get(reverse("console:home")).context["outbox"] == {"queued": 2, "failed": 1}
    for _ in range(2):
        client.post(reverse("console:retry-mail"), {"nonce": "n-1"})
    assert OutgoingMail.objects.get(to="a@example.org").next_attempt_at <= timezone.now()
    assert list(StaffAction.objects.values_list("kind", "details")) == [("retry_mail", "1")]


def test_retry_needs_the_outbox_permission(client, make_staff):
    client.force_login(make_staff())
    assert client.post(reverse("console:retry-mail")).status_code == 403


@pytest.mark.parametrize("registrations", [1, 6])
def test_home_query_count_does_not_grow(
    client, console_organizer, saturday, sunday, registrations, django_assert_num_queries
):
    for _ in range(registrations):
        registration = RegistrationFactory(edition=saturday.edition)
        TicketFactory(day=saturday, registration=registration)
        TicketFactory(day=sunday, registration=registration)
    client.force_login(console_organizer)
    with django_assert_num_queries(18):
        client.get(reverse("console:home"))


def test_the_days_under_way_cost_the_same_queries_on_the_home_for_2_or_12_days(
    client, console_organizer, days_under_way, page_queries
):
    edition, add_days = days_under_way
    client.force_login(console_organizer)
    add_days(2)
    small, _page = page_queries(reverse("console:home"), edition=edition.slug)
    add_days(10)
    large, _page = page_queries(reverse("console:home"), edition=edition.slug)
    rows = client.get(reverse("console:home"), {"edition": edition.slug}).context["days"]
    assert [(row.registered, row.inside_now) for row in rows] == [(1, 1)] * 12
    assert large == small
