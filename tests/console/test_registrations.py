"""The registrations list: search by what a caller may say (name, e-mail, phone, postal code, the number
printed on their ticket), filters, pages, and the same few queries whatever the page holds."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from tests.factories import RegistrationFactory, TicketFactory
from tickets.models import WaitingListEntry
from tickets.templatetags.tickets_tags import chunk_code

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [registration.name for registration, _counts in response.context["rows"]]


@pytest.fixture
def people(saturday, sunday):
    ann = RegistrationFactory(
        edition=saturday.edition, name="Ann Peeters", phone="+32 470 12 34 56", postal_code="1000"
    )
    TicketFactory(day=saturday, registration=ann)
    TicketFactory(day=saturday, registration=ann, holder_name="Bo", position=1)
    bob = RegistrationFactory(
        edition=saturday.edition,
        name="Bob Janssens",
        channel="phone",
        postal_code="1080",
        accessibility_needs="wheelchair",
        accessibility_consent_at=timezone.now(),
    )
    ticket = TicketFactory(day=sunday, registration=bob)
    cancelled = RegistrationFactory(edition=saturday.edition, name="Cy Cancelled")
    TicketFactory(day=saturday, registration=cancelled, status="cancelled", cancelled_at=timezone.now())
    return {"ann": ann, "bob": bob, "cy": cancelled, "bob_ticket": ticket}


@pytest.fixture
def desk(client, make_staff):
    client.force_login(make_staff("tickets.view_registration"))
    return client


def listing(client, **params):
    with override("en"):
        return client.get(reverse("console:registrations"), params)


def test_the_list_shows_headcount_per_day_channel_and_status(desk, people):
    response = listing(desk)
    rows = {registration.name: counts for registration, counts in response.context["rows"]}
    assert rows == {"Cy Cancelled": [0, 0], "Bob Janssens": [0, 1], "Ann Peeters": [2, 0]}
    page = response.content.decode()
    assert "By phone" in page
    assert "All tickets cancelled" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("peeters", ["Ann Peeters"]),
        ("visitor", None),
        ("0470123456", ["Ann Peeters"]),
        ("1080", ["Bob Janssens"]),
    ],
)
def test_search_by_name_email_phone_and_postal_code(desk, people, query, expected):
    if expected is None:  # e-mail addresses are visitorN@example.org
        expected = ["Cy Cancelled", "Bob Janssens", "Ann Peeters"]
    assert names(listing(desk, q=query)) == expected


def test_search_by_the_ticket_number_as_printed(desk, people):
    printed = chunk_code(people["bob_ticket"].public_id).lower()
    assert names(listing(desk, q=printed)) == ["Bob Janssens"]


def test_search_by_the_scanned_qr_code(desk, people):
    assert names(listing(desk, q=people["bob_ticket"].signed_code())) == ["Bob Janssens"]


def test_filters(desk, people, saturday):
    assert names(listing(desk, day=saturday.pk)) == ["Ann Peeters"]
    assert names(listing(desk, channel="phone")) == ["Bob Janssens"]
    assert names(listing(desk, status="cancelled")) == ["Cy Cancelled"]
    assert names(listing(desk, status="active")) == ["Bob Janssens", "Ann Peeters"]
    assert names(listing(desk, needs="on")) == ["Bob Janssens"]
    WaitingListEntry.objects.create(
        day=saturday,
        name="Ann",
        email="a@example.org",
        places=1,
        status="claimed",
        registration=people["ann"],
    )
    assert names(listing(desk, waiting="on")) == ["Ann Peeters"]


def test_htmx_search_answers_only_the_results(desk, people):
    response = desk.get(reverse("console:registrations"), {"q": "bob"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="results"')
    assert "Bob Janssens" in page
    assert "<html" not in page


def test_pages_of_fifty(desk, saturday):
    for _ in range(51):
        TicketFactory(day=saturday)
    first = listing(desk)
    assert len(first.context["rows"]) == 50
    assert "page=2" in first.content.decode()
    assert len(listing(desk, page=2).context["rows"]) == 1


@pytest.mark.parametrize("count", [1, 8])
def test_list_query_count_does_not_grow(desk, saturday, sunday, count, django_assert_num_queries):
    for _ in range(count):
        ticket = TicketFactory(day=saturday)
        TicketFactory(day=sunday, registration=ticket.registration)
    with django_assert_num_queries(10):
        listing(desk, q="visitor")


def test_a_registration_page_shows_its_tickets_check_ins_and_history(desk, people):
    with override("en"):
        response = desk.get(reverse("console:registration", args=[people["ann"].public_id]))
    page = response.content.decode()
    assert [t.holder_name for t in response.context["tickets"]] == ["Ann Peeters", "Bo"]
    assert chunk_code(people["ann"].tickets.first().public_id) in page
    assert "No staff action on this registration yet." in page
    assert "Cancel this ticket" not in page  # view permission only


@pytest.mark.parametrize("count", [1, 5])
def test_registration_page_query_count_does_not_grow(desk, saturday, count, django_assert_num_queries):
    registration = RegistrationFactory(edition=saturday.edition)
    for position in range(count):
        TicketFactory(day=saturday, registration=registration, position=position)
    with django_assert_num_queries(9):
        desk.get(reverse("console:registration", args=[registration.public_id]))


def test_a_history_restore_gets_the_whole_page(desk, people):
    response = desk.get(
        reverse("console:registrations"), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]
