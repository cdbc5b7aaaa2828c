import uuid

import pytest

from tests.factories import DayFactory, TicketFactory
from tickets.checkin.enums import GateKind
from tickets.checkin.models import Gate
from tickets.checkin.services import create_device


@pytest.fixture
def day(edition_today):
    return DayFactory(edition=edition_today, date=edition_today.starts_on, capacity=100)


@pytest.fixture
def tomorrow(edition_today):
    return DayFactory(edition=edition_today, date=edition_today.ends_on, capacity=100)


@pytest.fixture
def main_gate(edition_today):
    return Gate.objects.create(edition=edition_today, name="Main entrance", kind=GateKind.MAIN)


@pytest.fixture
def school_gate(edition_today):
    return Gate.objects.create(
        edition=edition_today,
        name="School entrance",
        kind=GateKind.SCHOOL,
        admits_visitor=False,
        admits_walk_in=False,
        admits_exhibitor_staff=False,
    )


@pytest.fixture
def device_and_token(main_gate):
    return create_device(gate=main_gate, name="Phone 1", with_token=True)


@pytest.fixture
def device(device_and_token):
    return device_and_token[0]


@pytest.fixture
def token(device_and_token):
    return device_and_token[1]


@pytest.fixture
def other_token(main_gate):
    return create_device(gate=main_gate, name="Phone 2", with_token=True)[1]


@pytest.fixture
def ticket(day):
    return TicketFactory(day=day, holder_name="Amélie Dupont")


class Api:
    def __init__(self, client, token):
        self.client = client
        self.token = token

    def headers(self, token=None):
        token = self.token if token is None else token
        return {"Authorization": f"Bearer {token}"} if token else {}

    def post(self, path, data, token=None):
        return self.client.post(
            f"/api/v1/{path}", data, content_type="application/json", headers=self.headers(token)
        )

    def get(self, path, token=None, **params):
        return self.client.get(f"/api/v1/{path}", params, headers=self.headers(token))

    def scan(self, code, *, nonce=None, direction="in", token=None):
        return self.post(
            "checkins",
            {"code": code, "nonce": str(nonce or uuid.uuid4()), "direction": direction},
            token=token,
        )


@pytest.fixture
def api(client, token):
    return Api(client, token)
