import uuid

import pytest
from django.utils import translation

from tests.factories import RegistrationFactory, TicketFactory
from tickets.checkin.compiled import CompilationMismatch, CompiledQuery
from tickets.checkin.models import Gate
from tickets.checkin.services import devices, lookup, revoke_device

pytestmark = pytest.mark.django_db

PRESENCE = ("last_direction", "last_seq", "last_in_id", "last_in_at", "last_in_gate", "last_in_device_id")


def _seen(ticket):
    """What a scan reads of a looked-up ticket (tickets.checkin.api.ticket_out, _refusal)."""
    return (
        ticket.pk,
        ticket.public_id,
        ticket.kind,
        ticket.headcount,
        ticket.holder_name,
        ticket.status,
        ticket.edition_id,
        (ticket.edition.starts_on, ticket.edition.ends_on),
        ticket.day_id,
        ticket.day.date if ticket.day_id else None,
        ticket.registration_id,
        ticket.registration.name if ticket.registration_id else None,
        ticket.replay_id,
        *(getattr(ticket, name) for name in PRESENCE),
    )


@pytest.mark.parametrize("replayed", [False, True])
def test_compiled_lookup_reads_what_the_queryset_reads(api, day, replayed, django_assert_num_queries):
    registration = RegistrationFactory(edition=day.edition, name="Famille Peeters")
    ticket = TicketFactory(day=day, registration=registration, holder_name="Zoé")
    TicketFactory(day=day, registration=registration, holder_name="")
    TicketFactory(
        edition=day.edition, day=None, kind="exhibitor_staff", registration=registration, holder_name="Abel"
    )
    TicketFactory(day=day, holder_name="Someone else")
    nonce = uuid.uuid4()
    api.scan(ticket.signed_code(), nonce=nonce)
    api.scan(ticket.signed_code(), direction="out")
    api.scan(ticket.signed_code())
    arguments = {
        "public_id": ticket.public_id,
        "on_date": day.date,
        "nonce": nonce if replayed else uuid.uuid4(),
    }

    expected = [_seen(row) for row in lookup.lookup_queryset(**arguments)]
    rows = lookup.LOOKUP.fetch(**arguments)
    with django_assert_num_queries(0):  # every column read is loaded
        seen = [_seen(row) for row in rows]

    assert seen == expected
    assert seen[0][1] == ticket.public_id
    assert len(seen) == 3
    assert seen[0][-6:-4] == ("in", 2)  # in, out, in again: the second entry


def test_compiled_sql_is_the_same_in_every_language():
    texts = set()
    for language in ("fr", "nl", "en"):
        with translation.override(language):
            texts.add(CompiledQuery(lookup.LOOKUP.build, **_spec(lookup.LOOKUP)).sql())
            texts.add(CompiledQuery(devices.DEVICE_LOOKUP.build, **_spec(devices.DEVICE_LOOKUP)).sql())
    assert len(texts) == 2


def _spec(query):
    return {"fields": query.fields, "samples": query.samples}


def test_compiled_query_refuses_sql_that_depends_on_its_arguments():
    query = CompiledQuery(
        lambda *, name: Gate.objects.filter(name=name) if name else Gate.objects.all(),
        fields={"name": Gate._meta.get_field("name")},
        samples=({"name": "Main"}, {"name": ""}),
    )
    with pytest.raises(CompilationMismatch):
        query.fetch(name="Main")


def test_compiled_query_refuses_a_parameter_it_cannot_place():
    query = CompiledQuery(
        lambda *, name: Gate.objects.filter(name=f"{name} entrance"),
        fields={"name": Gate._meta.get_field("name")},
        samples=({"name": "Main"}, {"name": "School"}),
    )
    with pytest.raises(CompilationMismatch):
        query.fetch(name="Main")


def test_revoked_token_is_refused_at_the_next_scan(api, device, ticket):
    assert api.scan(ticket.signed_code()).status_code == 200

    revoke_device(device=device)

    assert api.scan(ticket.signed_code()).json() == {"code": "unauthorized", "detail": "Unauthorized"}


@pytest.mark.postgres
def test_postgresql_keeps_the_plans_of_the_scan_statements(api, ticket):
    """Planning the lookup cost PostgreSQL more than running it: after a few scans on a connection the
    device lookup, the ticket lookup and the insert are prepared statements; other queries never are."""
    from django.db import connection

    for _scan in range(7):
        assert api.scan(ticket.signed_code()).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE name LIKE '_pg3_%%'")
        prepared = [row[0] for row in cursor.fetchall()]

    assert len(prepared) == 3
    assert any('FROM "checkin_scannerdevice"' in text for text in prepared)
    assert any('FROM "tickets_ticket"' in text and "replay_id" in text for text in prepared)
    assert any(text.startswith('INSERT INTO "checkin_checkin"') for text in prepared)


@pytest.mark.postgres
def test_prepared_statements_can_be_switched_off_for_a_pooler(api, ticket):
    """DB_PREPARED_STATEMENTS=0 sets psycopg's threshold to None: the scan still works, nothing is kept."""
    from django.db import connection

    connection.ensure_connection()
    connection.connection.prepare_threshold = None
    try:
        for _scan in range(7):
            assert api.scan(ticket.signed_code()).status_code == 200
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements")
            assert cursor.fetchone()[0] == 0
    finally:
        connection.connection.prepare_threshold = 5
