import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from tests.factories import ArrivalWindowFactory, DayFactory
from tickets.enums import WaitingStatus
from tickets.exceptions import DayFull, WindowFull
from tickets.models import WaitingListEntry
from tickets.services import cancel_ticket, issue_ticket, places_left, places_left_of_days

pytestmark = pytest.mark.django_db


def test_issue_ticket_until_day_full():
    day = DayFactory(capacity=2)
    issue_ticket(edition=day.edition, day=day)
    issue_ticket(edition=day.edition, day=day)
    with pytest.raises(DayFull):
        issue_ticket(edition=day.edition, day=day)
    assert (places_left(day=day), day.tickets.count()) == (0, 2)


def test_cancelled_ticket_frees_its_place():
    day = DayFactory(capacity=1)
    ticket = issue_ticket(edition=day.edition, day=day)
    cancel_ticket(ticket=ticket)
    assert places_left(day=day) == 1
    issue_ticket(edition=day.edition, day=day)


def test_group_ticket_takes_its_headcount():
    day = DayFactory(capacity=30)
    issue_ticket(edition=day.edition, day=day, kind="school_group", headcount=28)
    assert places_left(day=day) == 2
    with pytest.raises(DayFull):
        issue_ticket(edition=day.edition, day=day, kind="school_group", headcount=3)


def test_arrival_window_capacity_enforced():
    window = ArrivalWindowFactory(capacity=1)
    issue_ticket(edition=window.day.edition, day=window.day, arrival_window=window)
    with pytest.raises(WindowFull):
        issue_ticket(edition=window.day.edition, day=window.day, arrival_window=window)
    assert places_left(day=window.day) == window.day.capacity - 1


def test_full_day_creates_nothing_in_a_multi_ticket_transaction():
    day = DayFactory(capacity=2)

    @transaction.atomic
    def three_tickets():
        for _ in range(3):
            issue_ticket(edition=day.edition, day=day)

    with pytest.raises(DayFull):
        three_tickets()
    assert day.tickets.count() == 0


def test_places_of_several_days_in_one_query_count_as_places_left(django_assert_num_queries):
    """The day lists' count (tickets, cancellations, group headcounts, open and expired offers) is
    places_left's, for every day at once."""
    busy, quiet, full = DayFactory(capacity=30), DayFactory(capacity=5), DayFactory(capacity=1)
    cancel_ticket(ticket=issue_ticket(edition=busy.edition, day=busy))
    issue_ticket(edition=busy.edition, day=busy, kind="school_group", headcount=20)
    issue_ticket(edition=busy.edition, day=busy)
    now = timezone.now()
    for places, status, expires in (
        (3, WaitingStatus.OFFERED, now + dt.timedelta(hours=2)),  # held: counts as taken
        (4, WaitingStatus.OFFERED, now - dt.timedelta(minutes=1)),  # expired: free again
        (2, WaitingStatus.WAITING, None),  # waiting: holds nothing
    ):
        WaitingListEntry.objects.create(
            day=busy,
            name="Waiting",
            email=f"waiting-{places}@example.org",
            places=places,
            status=status,
            offered_at=now - dt.timedelta(hours=1) if expires else None,
            offer_expires_at=expires,
        )
    issue_ticket(edition=full.edition, day=full)
    days = [busy, quiet, full]
    with django_assert_num_queries(1):
        places = places_left_of_days(days)
    assert places == {day.pk: places_left(day=day) for day in days} == {busy.pk: 6, quiet.pk: 5, full.pk: 0}
