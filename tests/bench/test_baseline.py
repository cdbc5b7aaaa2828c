"""The benchmarks' baseline view is served by bench's own URLs only, never by the site's."""

import pytest
from django.test import override_settings

from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


def test_baseline_reads_one_ticket_under_bench_urls(client):
    ticket = TicketFactory()

    with override_settings(ROOT_URLCONF="bench.urls"):
        found = client.get(f"/bench/baseline/{ticket.public_id}")
        missing = client.get("/bench/baseline/NOSUCHCODE")

    assert (found.status_code, found.json()) == (
        200,
        {"public_id": ticket.public_id, "status": ticket.status},
    )
    assert missing.status_code == 404


def test_site_urls_have_no_baseline(client):
    assert client.get("/bench/baseline/ANY").status_code == 404


def test_bench_settings_use_bench_urls():
    from bench import settings as bench_settings

    assert bench_settings.ROOT_URLCONF == "bench.urls"
