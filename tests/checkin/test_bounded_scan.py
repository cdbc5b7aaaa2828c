"""A scan reads a bounded amount of a ticket's history: the thousandth re-scan costs what the second does
(tickets/checkin/services/lookup.py, the partial index `checkin_counted_latest`)."""

import re
import uuid

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tickets.checkin.enums import Result, Source
from tickets.checkin.models import CheckIn
from tickets.checkin.services.lookup import LOOKUP

pytestmark = pytest.mark.django_db


def history(ticket, main_gate, scans: int) -> None:
    """`scans` earlier re-scans of `ticket` today, answered "already checked in"."""
    now = timezone.now()
    CheckIn.objects.bulk_create(
        CheckIn(
            ticket=ticket,
            gate=main_gate,
            result=Result.ALREADY_CHECKED_IN,
            on_date=timezone.localdate(),
            scanned_at=now,
            source=Source.DESK,  # no device: the desk's re-scans
        )
        for _ in range(scans)
    )


def rescan(api, code) -> int:
    """One more re-scan: its queries."""
    with CaptureQueriesContext(connection) as captured:
        assert api.scan(code).json()["result"] == "already_checked_in"
    return len(captured)


def checkin_rows_read(ticket) -> int:
    """The rows of the check-in table PostgreSQL reads for a scan's lookup (returned or filtered out),
    with the generic plan a prepared statement settles on after its first executions (the scan's
    statements are prepared: tickets/checkin/compiled.py)."""
    arguments = {"public_id": ticket.public_id, "on_date": timezone.localdate(), "nonce": uuid.uuid4()}
    db = connections["default"]
    compiled = LOOKUP._plans.get(db) or LOOKUP._compile(db, "default")
    params = LOOKUP._params(compiled, db, arguments)
    numbered = iter(range(1, len(params) + 1))
    sql = re.sub("%s", lambda _match: f"${next(numbered)}", compiled.sql)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {CheckIn._meta.db_table}")
        cursor.execute("SET plan_cache_mode = force_generic_plan")
        cursor.execute(f"PREPARE bounded_scan_probe AS {sql}")
        try:
            arguments_sql = ", ".join(["%s"] * len(params))
            cursor.execute(
                f"EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE bounded_scan_probe({arguments_sql})", params
            )
            plan = cursor.fetchone()[0]
        finally:
            cursor.execute("DEALLOCATE bounded_scan_probe")
            cursor.execute("RESET plan_cache_mode")
    plan = plan[0]["Plan"] if isinstance(plan, list) else plan

    def walk(node: dict) -> int:
        here = 0
        if node.get("Relation Name") == CheckIn._meta.db_table:
            loops = node.get("Actual Loops", 1)
            here = (node["Actual Rows"] + node.get("Rows Removed by Filter", 0)) * loops
        return here + sum(walk(child) for child in node.get("Plans", []))

    return walk(plan)


def test_a_scan_costs_the_same_queries_after_two_and_after_a_thousand(api, ticket, main_gate):
    code = ticket.signed_code()
    assert api.scan(code).json()["result"] == "admitted"
    history(ticket, main_gate, 1)
    early = rescan(api, code)
    history(ticket, main_gate, 1000)
    late = rescan(api, code)
    assert early == late == 3


@pytest.mark.postgres
def test_a_scan_reads_as_many_rows_after_two_as_after_a_thousand(api, ticket, main_gate):
    code = ticket.signed_code()
    assert api.scan(code).json()["result"] == "admitted"
    history(ticket, main_gate, 1)
    early = checkin_rows_read(ticket)
    history(ticket, main_gate, 1000)
    late = checkin_rows_read(ticket)
    assert late <= max(early, 12)  # a few rows per presence subquery, however long the history
