"""A day lies inside its edition: the rule spans two tables, so triggers enforce it in the database."""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION events_day_inside_edition() RETURNS trigger AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM events_edition e
                   WHERE e.id = NEW.edition_id AND NEW.date BETWEEN e.starts_on AND e.ends_on) THEN
        RAISE EXCEPTION 'day_inside_edition: % lies outside its edition', NEW.date USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER day_inside_edition BEFORE INSERT OR UPDATE ON events_day
    FOR EACH ROW EXECUTE FUNCTION events_day_inside_edition();

CREATE OR REPLACE FUNCTION events_edition_keeps_its_days() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM events_day d
               WHERE d.edition_id = NEW.id AND (d.date < NEW.starts_on OR d.date > NEW.ends_on)) THEN
        RAISE EXCEPTION 'day_inside_edition: the edition''s dates would leave a day outside'
            USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER edition_keeps_its_days AFTER UPDATE OF starts_on, ends_on ON events_edition
    FOR EACH ROW EXECUTE FUNCTION events_edition_keeps_its_days();
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS day_inside_edition ON events_day;
DROP FUNCTION IF EXISTS events_day_inside_edition();
DROP TRIGGER IF EXISTS edition_keeps_its_days ON events_edition;
DROP FUNCTION IF EXISTS events_edition_keeps_its_days();
"""
SQLITE_FORWARD = [
    """CREATE TRIGGER day_inside_edition_insert BEFORE INSERT ON events_day
       WHEN NOT EXISTS (SELECT 1 FROM events_edition e
                        WHERE e.id = NEW.edition_id AND NEW.date BETWEEN e.starts_on AND e.ends_on)
       BEGIN SELECT RAISE(ABORT, 'day_inside_edition'); END""",
    """CREATE TRIGGER day_inside_edition_update BEFORE UPDATE ON events_day
       WHEN NOT EXISTS (SELECT 1 FROM events_edition e
                        WHERE e.id = NEW.edition_id AND NEW.date BETWEEN e.starts_on AND e.ends_on)
       BEGIN SELECT RAISE(ABORT, 'day_inside_edition'); END""",
    """CREATE TRIGGER edition_keeps_its_days BEFORE UPDATE OF starts_on, ends_on ON events_edition
       WHEN EXISTS (SELECT 1 FROM events_day d
                    WHERE d.edition_id = NEW.id AND (d.date < NEW.starts_on OR d.date > NEW.ends_on))
       BEGIN SELECT RAISE(ABORT, 'day_inside_edition'); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS day_inside_edition_insert",
    "DROP TRIGGER IF EXISTS day_inside_edition_update",
    "DROP TRIGGER IF EXISTS edition_keeps_its_days",
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
    dependencies = [("events", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
