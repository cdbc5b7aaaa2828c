"""schemathesis against /api/v1/openapi.json, in-process through the WSGI app: for every operation, generated
requests (valid and invalid) never get a 5xx, every status they get is one the operation documents, and every
response matches the published schema. The check-in operations run with a valid device token, so they reach
the services, not only the 401. tests/api/test_error_statuses.py checks the document itself (without
requests): each error status documented with the one error schema, 422 wherever there is input, 401 wherever
there is authentication."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from ninja.responses import NinjaJSONEncoder

from config.api import api
from config.wsgi import application
from tests.factories import DayFactory, EditionFactory, TicketFactory
from tickets.checkin.models import Gate
from tickets.checkin.services import create_device

MAX_EXAMPLES = 25


def load_schema():
    """The schema the API publishes at /api/v1/openapi.json (the same object, without an HTTP round trip at
    import time); requests then go through the WSGI app in-process."""
    loaded = schemathesis.openapi.from_dict(
        json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))
    )
    loaded.app = application
    return loaded


schema = load_schema()


@pytest.fixture(autouse=True)
def _in_process_wsgi(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    # Django's test client keeps the test's transaction open across requests by not closing the connection
    # when a request starts or finishes; do the same for the WSGI calls schemathesis makes.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_published_schema_is_the_one_tested(client):
    assert client.get("/api/v1/openapi.json").json() == schema.raw_schema


@pytest.fixture
def device_token(db) -> str:
    """A paired scanner at the main gate of an edition running today, with a ticket to find."""
    edition = EditionFactory()
    day = DayFactory(edition=edition)
    TicketFactory(day=day, holder_name="Amélie Dupont")
    gate = Gate.objects.create(edition=edition, name="Main entrance")
    return create_device(gate=gate, name="Phone", with_token=True)[1]


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_without_server_errors_and_as_documented(case, device_token):
    cache.clear()  # rate limits would answer 429 to a fuzzer, which is right but hides the rest
    case.call_and_validate(
        headers={"Authorization": f"Bearer {device_token}"},
        checks=[
            schemathesis.checks.not_a_server_error,
            schemathesis.checks.status_code_conformance,
            schemathesis.checks.response_schema_conformance,
            schemathesis.checks.content_type_conformance,
        ],
    )
