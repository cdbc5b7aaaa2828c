import uuid

import pytest

from tests.factories import RegistrationFactory, TicketFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("companions", [0, 1, 5])
def test_admission_costs_at_most_three_queries(api, day, companions, django_assert_num_queries):
    registration = RegistrationFactory(edition=day.edition)
    ticket = TicketFactory(day=day, registration=registration)
    for _ in range(companions):
        TicketFactory(day=day, registration=registration)
    code = ticket.signed_code()
    with django_assert_num_queries(3):  # device, ticket with companions and presence, insert
        body = api.scan(code).json()
    assert body["result"] == "admitted"
    assert len(body["companions"]) == companions


def test_already_checked_in_costs_three_queries(api, ticket, django_assert_num_queries):
    code = ticket.signed_code()
    api.scan(code)
    with django_assert_num_queries(3):
        assert api.scan(code).json()["result"] == "already_checked_in"


def test_replayed_nonce_costs_three_queries(api, ticket, django_assert_num_queries):
    code = ticket.signed_code()
    nonce = uuid.uuid4()
    api.scan(code, nonce=nonce)
    with django_assert_num_queries(3):  # device, ticket (sees the nonce), the first record
        assert api.scan(code, nonce=nonce).json()["replayed"] is True


@pytest.mark.parametrize("code", ["FORGED", None])
def test_rejections_cost_at_most_three_queries(api, ticket, code, django_assert_num_queries):
    from tickets.services import cancel_ticket

    if code is None:
        code = ticket.signed_code()
        cancel_ticket(ticket=ticket)
    with django_assert_num_queries(2 if code == "FORGED" else 3):
        assert api.scan(code).json()["result"] == "rejected"
