"""Two sessions never overlap in one space; a session lies within its day's opening hours, in a space of
the same edition. Both rules span rows or tables, so the database enforces them here:

- PostgreSQL: an exclusion constraint (btree_gist) on (space, time range) for scheduled sessions, and a
  trigger comparing the session with its day's opening hours in the venue's time zone.
- SQLite: triggers. SQLite stores datetimes in UTC and knows no time zones, so the triggers convert to
  Brussels time with the EU summer-time rule (last Sunday of March to last Sunday of October, 01:00 UTC).
"""

from django.conf import settings
from django.db import migrations


def postgres_forward() -> str:
    tz = settings.TIME_ZONE.replace("'", "")
    return f"""
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE events_session ADD CONSTRAINT session_no_overlap_in_space
    EXCLUDE USING gist (space_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
    WHERE (status = 'scheduled');

CREATE OR REPLACE FUNCTION events_session_within_day() RETURNS trigger AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM events_day d JOIN events_space s ON s.id = NEW.space_id AND s.edition_id = d.edition_id
        WHERE d.id = NEW.day_id
          AND NEW.starts_at >= ((d.date + d.opens_at) AT TIME ZONE '{tz}')
          AND NEW.ends_at <= ((d.date + d.closes_at) AT TIME ZONE '{tz}')
    ) THEN
        RAISE EXCEPTION 'session_within_day: session % lies outside its day''s opening hours or edition',
            NEW.title USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER session_within_day BEFORE INSERT OR UPDATE ON events_session
    FOR EACH ROW EXECUTE FUNCTION events_session_within_day();

CREATE OR REPLACE FUNCTION events_day_keeps_its_sessions() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM events_session s WHERE s.day_id = NEW.id
          AND (s.starts_at < ((NEW.date + NEW.opens_at) AT TIME ZONE '{tz}')
               OR s.ends_at > ((NEW.date + NEW.closes_at) AT TIME ZONE '{tz}'))
    ) THEN
        RAISE EXCEPTION 'session_within_day: the new opening hours would leave a session outside'
            USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER day_keeps_its_sessions AFTER UPDATE OF date, opens_at, closes_at ON events_day
    FOR EACH ROW EXECUTE FUNCTION events_day_keeps_its_sessions();
"""


POSTGRES_BACKWARD = """
ALTER TABLE events_session DROP CONSTRAINT IF EXISTS session_no_overlap_in_space;
DROP TRIGGER IF EXISTS session_within_day ON events_session;
DROP FUNCTION IF EXISTS events_session_within_day();
DROP TRIGGER IF EXISTS day_keeps_its_sessions ON events_day;
DROP FUNCTION IF EXISTS events_day_keeps_its_sessions();
"""


def sqlite_local(column: str) -> str:
    """Brussels wall-clock time of a UTC datetime column, as 'YYYY-MM-DD HH:MM:SS'."""
    year = f"strftime('%Y', {column})"
    summer_starts = f"datetime(date({year} || '-03-25', 'weekday 0'), '+1 hours')"
    summer_ends = f"datetime(date({year} || '-10-25', 'weekday 0'), '+1 hours')"
    offset = (
        f"CASE WHEN {column} >= {summer_starts} AND {column} < {summer_ends} "
        f"THEN '+2 hours' ELSE '+1 hours' END"
    )
    return f"datetime({column}, {offset})"


def sqlite_forward() -> list[str]:
    outside_day = f"""NOT EXISTS (
        SELECT 1 FROM events_day d JOIN events_space s ON s.id = NEW.space_id AND s.edition_id = d.edition_id
        WHERE d.id = NEW.day_id
          AND {sqlite_local("NEW.starts_at")} >= d.date || ' ' || d.opens_at
          AND {sqlite_local("NEW.ends_at")} <= d.date || ' ' || d.closes_at)"""
    overlap = """NEW.status = 'scheduled' AND EXISTS (
        SELECT 1 FROM events_session o
        WHERE o.space_id = NEW.space_id AND o.id IS NOT NEW.id AND o.status = 'scheduled'
          AND o.starts_at < NEW.ends_at AND NEW.starts_at < o.ends_at)"""
    day_leaves_session = f"""EXISTS (
        SELECT 1 FROM events_session s WHERE s.day_id = NEW.id
          AND ({sqlite_local("s.starts_at")} < NEW.date || ' ' || NEW.opens_at
               OR {sqlite_local("s.ends_at")} > NEW.date || ' ' || NEW.closes_at))"""
    statements = []
    for when in ("INSERT", "UPDATE"):
        statements += [
            f"""CREATE TRIGGER session_within_day_{when.lower()} BEFORE {when} ON events_session
                WHEN {outside_day}
                BEGIN SELECT RAISE(ABORT, 'session_within_day'); END""",
            f"""CREATE TRIGGER session_no_overlap_in_space_{when.lower()} BEFORE {when} ON events_session
                WHEN {overlap}
                BEGIN SELECT RAISE(ABORT, 'session_no_overlap_in_space'); END""",
        ]
    statements.append(
        f"""CREATE TRIGGER day_keeps_its_sessions BEFORE UPDATE OF date, opens_at, closes_at ON events_day
            WHEN {day_leaves_session}
            BEGIN SELECT RAISE(ABORT, 'session_within_day'); END"""
    )
    return statements


SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS session_within_day_insert",
    "DROP TRIGGER IF EXISTS session_within_day_update",
    "DROP TRIGGER IF EXISTS session_no_overlap_in_space_insert",
    "DROP TRIGGER IF EXISTS session_no_overlap_in_space_update",
    "DROP TRIGGER IF EXISTS day_keeps_its_sessions",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(postgres_forward(), params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in sqlite_forward():
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("events", "0003_registration_details_waiting_list")]
    operations = [migrations.RunPython(forward, backward)]
