"""The health check answers from the database's state, for load balancers."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_healthz_ok_when_database_answers(client):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "database": "up", "cache": "ok"})


def test_healthz_503_when_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (
        503,
        {"status": "unavailable", "database": "down", "cache": "ok"},
    )
