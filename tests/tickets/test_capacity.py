import pytest
from django.db import transaction

from tests.factories import ArrivalWindowFactory, DayFactory
from tickets.exceptions import DayFull, WindowFull
from tickets.services import cancel_ticket, issue_ticket, places_left

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
