"""Capacity in context: each day beside its places registered, held and left; a capacity never goes below
the places already taken, neither from the console nor from the back office."""

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse
from django.utils import timezone

from console import figures
from console.admin import DayCapacityForm
from console.models import StaffAction
from tests.factories import TicketFactory
from tickets.models import WaitingListEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def taken(saturday):
    for _ in range(4):
        TicketFactory(day=saturday)
    WaitingListEntry.objects.create(
        day=saturday,
        name="Cy",
        email="cy@example.org",
        places=2,
        status="offered",
        offer_expires_at=timezone.now() + timezone.timedelta(hours=1),
    )
    return 6


def post(client, day, capacity, nonce="n1"):
    return client.post(
        reverse("console:capacity"),
        {"day": day.pk, f"day{day.pk}-capacity": capacity, f"day{day.pk}-nonce": nonce},
    )


def test_the_page_shows_capacity_registered_held_and_left(client, console_organizer, saturday, taken):
    client.force_login(console_organizer)
    row = client.get(reverse("console:capacity")).context["rows"][0]
    assert (row.capacity, row.registered, row.held, row.left) == (10, 4, 2, 4)


def test_lowering_below_the_places_taken_is_refused_with_a_clear_message(
    client, console_organizer, saturday, taken
):
    client.force_login(console_organizer)
    response = post(client, saturday, 5)
    saturday.refresh_from_db()
    assert saturday.capacity == 10
    assert response.status_code == 200
    assert "6 places sont déjà prises ce jour-là\u00a0: la capacité ne peut pas être plus basse." in (
        response.content.decode()
    )
    assert not StaffAction.objects.exists()


def test_a_capacity_down_to_the_places_taken_is_accepted_and_recorded_once(
    client, console_organizer, saturday, taken
):
    client.force_login(console_organizer)
    assert post(client, saturday, 6).status_code == 302
    post(client, saturday, 6)  # the same form again
    saturday.refresh_from_db()
    assert saturday.capacity == 6
    assert list(StaffAction.objects.values_list("kind", "details")) == [
        ("capacity", f"{saturday.date:%Y-%m-%d}: 10 → 6")
    ]


def test_raising_a_capacity_offers_the_places_to_the_waiting_list(client, console_organizer, saturday):
    for _ in range(10):
        TicketFactory(day=saturday)
    waiting = WaitingListEntry.objects.create(day=saturday, name="Di", email="di@example.org", places=2)
    client.force_login(console_organizer)
    post(client, saturday, 12)
    waiting.refresh_from_db()
    assert waiting.status == "offered"


@pytest.mark.parametrize(("perms", "status"), [((), 403), (("events.view_day",), 403)])
def test_changing_needs_the_change_permission(client, make_staff, saturday, perms, status):
    client.force_login(make_staff(*perms))
    assert post(client, saturday, 50).status_code == status
    saturday.refresh_from_db()
    assert saturday.capacity == 10


def test_the_back_office_refuses_the_same(saturday, taken):
    assert site._registry[type(saturday)].form is DayCapacityForm
    form = site._registry[type(saturday)].get_form(None, saturday, fields=["capacity"])(
        instance=saturday, data={"capacity": 5}
    )
    assert not form.is_valid()
    assert form.errors["capacity"] == [
        "6 places sont déjà prises ce jour-là\u00a0: la capacité ne peut pas être plus basse."
    ]


@pytest.mark.parametrize("days", [1, 3])
def test_query_count_does_not_grow_with_tickets(
    client, console_organizer, saturday, days, django_assert_num_queries
):
    for _ in range(days):
        TicketFactory(day=saturday)
    client.force_login(console_organizer)
    with django_assert_num_queries(12):
        client.get(reverse("console:capacity"))


def test_the_edition_page_of_the_back_office_uses_the_same_rule_for_its_days(
    client, django_user_model, saturday
):
    from console.admin import DayInline

    client.force_login(django_user_model.objects.create_superuser("boss", password="x"))
    url = reverse("admin:events_edition_change", args=[saturday.edition.pk])
    assert client.get(url).status_code == 200
    assert DayInline.form is DayCapacityForm


def test_the_days_under_way_cost_the_same_queries_for_2_or_12_days(
    client, console_organizer, days_under_way, page_queries
):
    """Each day begun shows the people inside now: read for every day at once."""
    edition, add_days = days_under_way
    client.force_login(console_organizer)
    add_days(2)
    small, _page = page_queries(reverse("console:capacity"), edition=edition.pk)
    add_days(10)
    large, page = page_queries(reverse("console:capacity"), edition=edition.pk)
    assert page.count(f'name="day{edition.days.last().pk}-capacity"') == 1
    assert [row.inside_now for row in figures.day_rows(edition)] == [1] * 12
    assert large == small
