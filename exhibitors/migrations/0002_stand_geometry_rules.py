"""Stands: never two overlapping in one hall, each inside its hall, hall and exhibitor of the stand's edition.

PostgreSQL: an exclusion constraint on the stand's x and y ranges per hall (half-open numeric ranges, so
stands that share a wall do not clash; safe under concurrent writes), plus triggers for the rules that span
two tables. SQLite: triggers for all of them (SQLite serializes writers, so a trigger check is enough).
"""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE exhibitors_stand ADD CONSTRAINT stand_no_overlap EXCLUDE USING gist (
    hall_id WITH =,
    numrange(x, x + width) WITH &&,
    numrange(y, y + height) WITH &&
);

CREATE OR REPLACE FUNCTION exhibitors_stand_inside_hall() RETURNS trigger AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM events_space h
                   WHERE h.id = NEW.hall_id AND h.kind = 'hall' AND h.edition_id = NEW.edition_id
                     AND NEW.x + NEW.width <= h.plan_width AND NEW.y + NEW.height <= h.plan_height) THEN
        RAISE EXCEPTION 'stand_inside_hall: stand % lies outside its hall', NEW.code USING ERRCODE = '23514';
    END IF;
    IF NEW.exhibitor_id IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM exhibitors_exhibitor e WHERE e.id = NEW.exhibitor_id AND e.edition_id = NEW.edition_id) THEN
        RAISE EXCEPTION 'stand_exhibitor_same_edition: stand %', NEW.code USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER stand_inside_hall BEFORE INSERT OR UPDATE ON exhibitors_stand
    FOR EACH ROW EXECUTE FUNCTION exhibitors_stand_inside_hall();

CREATE OR REPLACE FUNCTION exhibitors_hall_keeps_its_stands() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM exhibitors_stand s
               WHERE s.hall_id = NEW.id
                 AND (NEW.kind <> 'hall' OR s.edition_id <> NEW.edition_id
                      OR s.x + s.width > NEW.plan_width OR s.y + s.height > NEW.plan_height)) THEN
        RAISE EXCEPTION 'stand_inside_hall: the change would leave a stand outside hall %', NEW.slug
            USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER hall_keeps_its_stands AFTER UPDATE OF plan_width, plan_height, kind, edition_id ON events_space
    FOR EACH ROW EXECUTE FUNCTION exhibitors_hall_keeps_its_stands();

CREATE OR REPLACE FUNCTION exhibitors_exhibitor_keeps_its_stand() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM exhibitors_stand s WHERE s.exhibitor_id = NEW.id AND s.edition_id <> NEW.edition_id) THEN
        RAISE EXCEPTION 'stand_exhibitor_same_edition: exhibitor %', NEW.slug USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER exhibitor_keeps_its_stand AFTER UPDATE OF edition_id ON exhibitors_exhibitor
    FOR EACH ROW EXECUTE FUNCTION exhibitors_exhibitor_keeps_its_stand();
"""
POSTGRES_BACKWARD = """
ALTER TABLE exhibitors_stand DROP CONSTRAINT IF EXISTS stand_no_overlap;
DROP TRIGGER IF EXISTS stand_inside_hall ON exhibitors_stand;
DROP FUNCTION IF EXISTS exhibitors_stand_inside_hall();
DROP TRIGGER IF EXISTS hall_keeps_its_stands ON events_space;
DROP FUNCTION IF EXISTS exhibitors_hall_keeps_its_stands();
DROP TRIGGER IF EXISTS exhibitor_keeps_its_stand ON exhibitors_exhibitor;
DROP FUNCTION IF EXISTS exhibitors_exhibitor_keeps_its_stand();
"""

SQLITE_OVERLAP = """EXISTS (SELECT 1 FROM exhibitors_stand s
    WHERE s.hall_id = NEW.hall_id AND s.id IS NOT NEW.id
      AND s.x < NEW.x + NEW.width AND NEW.x < s.x + s.width
      AND s.y < NEW.y + NEW.height AND NEW.y < s.y + s.height)"""
SQLITE_OUTSIDE = """NOT EXISTS (SELECT 1 FROM events_space h
    WHERE h.id = NEW.hall_id AND h.kind = 'hall' AND h.edition_id = NEW.edition_id
      AND NEW.x + NEW.width <= h.plan_width AND NEW.y + NEW.height <= h.plan_height)"""
SQLITE_OTHER_EDITION = """NEW.exhibitor_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM exhibitors_exhibitor e
    WHERE e.id = NEW.exhibitor_id AND e.edition_id = NEW.edition_id)"""

SQLITE_FORWARD = [
    f"""CREATE TRIGGER stand_no_overlap_{event.lower()} BEFORE {event} ON exhibitors_stand
        WHEN {SQLITE_OVERLAP} BEGIN SELECT RAISE(ABORT, 'stand_no_overlap'); END"""
    for event in ("INSERT", "UPDATE")
]
SQLITE_FORWARD += [
    f"""CREATE TRIGGER stand_inside_hall_{event.lower()} BEFORE {event} ON exhibitors_stand
        WHEN {SQLITE_OUTSIDE} BEGIN SELECT RAISE(ABORT, 'stand_inside_hall'); END"""
    for event in ("INSERT", "UPDATE")
]
SQLITE_FORWARD += [
    f"""CREATE TRIGGER stand_exhibitor_same_edition_{event.lower()} BEFORE {event} ON exhibitors_stand
        WHEN {SQLITE_OTHER_EDITION} BEGIN SELECT RAISE(ABORT, 'stand_exhibitor_same_edition'); END"""
    for event in ("INSERT", "UPDATE")
]
SQLITE_FORWARD += [
    """CREATE TRIGGER hall_keeps_its_stands BEFORE UPDATE OF plan_width, plan_height, kind, edition_id ON events_space
       WHEN EXISTS (SELECT 1 FROM exhibitors_stand s WHERE s.hall_id = NEW.id
                    AND (NEW.kind <> 'hall' OR s.edition_id <> NEW.edition_id
                         OR s.x + s.width > NEW.plan_width OR s.y + s.height > NEW.plan_height))
       BEGIN SELECT RAISE(ABORT, 'stand_inside_hall'); END""",
    """CREATE TRIGGER exhibitor_keeps_its_stand BEFORE UPDATE OF edition_id ON exhibitors_exhibitor
       WHEN EXISTS (SELECT 1 FROM exhibitors_stand s WHERE s.exhibitor_id = NEW.id AND s.edition_id <> NEW.edition_id)
       BEGIN SELECT RAISE(ABORT, 'stand_exhibitor_same_edition'); END""",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "stand_no_overlap_insert",
        "stand_no_overlap_update",
        "stand_inside_hall_insert",
        "stand_inside_hall_update",
        "stand_exhibitor_same_edition_insert",
        "stand_exhibitor_same_edition_update",
        "hall_keeps_its_stands",
        "exhibitor_keeps_its_stand",
    )
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("exhibitors", "0001_initial"), ("events", "0002_day_inside_edition_triggers")]
    operations = [migrations.RunPython(forward, backward)]
