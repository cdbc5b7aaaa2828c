"""An index in the order a scan reads a ticket's movements of a day (tickets/checkin/services/lookup.py,
`with_presence`: latest first by entry number, then id), so that reading the latest costs one or two index
entries however often the ticket was scanned again (tests/checkin/test_bounded_scan.py).

The existing indexes did not bound it: the partial unique index `checkin_once_per_entry` serves the lookup
only when its condition is a constant, and the scan's statements are prepared (tickets/checkin/compiled.py):
after a few executions PostgreSQL runs a generic plan, which read every check-in of the ticket that day,
re-scans included. Written as SQL because the order needs NULLS LAST (entries without a number last), which
PostgreSQL spells out and SQLite gives by default for DESC; Django's Index would emit NULLS LAST on SQLite,
which refuses it in an index.
"""

from django.db import migrations

NAME = "checkin_latest_movement"
COLUMNS = {
    "postgresql": "ticket_id, on_date, seq DESC NULLS LAST, id DESC",
    "sqlite": "ticket_id, on_date, seq DESC, id DESC",
}


def create(apps, schema_editor):
    columns = COLUMNS.get(schema_editor.connection.vendor)
    if columns is not None:
        schema_editor.execute(f"CREATE INDEX {NAME} ON checkin_checkin ({columns})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("checkin", "0002_desk_and_dashboard_permissions")]

    operations = [migrations.RunPython(create, drop)]
