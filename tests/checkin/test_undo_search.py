import datetime as dt
import uuid

import pytest
from django.utils import timezone

from tests.factories import RegistrationFactory, TicketFactory
from tickets.checkin import services
from tickets.checkin.models import CheckIn

pytestmark = pytest.mark.django_db


def test_undo_within_15_minutes_frees_the_entry(api, ticket):
    nonce = uuid.uuid4()
    api.scan(ticket.signed_code(), nonce=nonce)
    response = api.post(f"checkins/{nonce}/undo", {})
    assert response.status_code == 200
    assert response.json()["nonce"] == str(nonce)
    assert CheckIn.objects.get(nonce=nonce).undone_at is not None
    assert CheckIn.objects.entries().count() == 0
    assert api.scan(ticket.signed_code()).json()["result"] == "admitted"


def test_undo_is_idempotent(api, ticket):
    nonce = uuid.uuid4()
    api.scan(ticket.signed_code(), nonce=nonce)
    first = api.post(f"checkins/{nonce}/undo", {}).json()
    again = api.post(f"checkins/{nonce}/undo", {})
    assert again.status_code == 200
    assert again.json()["undone_at"] == first["undone_at"]


def test_undo_after_15_minutes_is_refused(api, ticket):
    nonce = uuid.uuid4()
    api.scan(ticket.signed_code(), nonce=nonce)
    CheckIn.objects.filter(nonce=nonce).update(
        recorded_at=timezone.now() - dt.timedelta(minutes=15, seconds=1)
    )
    response = api.post(f"checkins/{nonce}/undo", {})
    assert (response.status_code, response.json()["code"]) == (409, "undo_expired")
    assert CheckIn.objects.get(nonce=nonce).undone_at is None


def test_undo_by_another_device_is_not_found(api, ticket, other_token):
    nonce = uuid.uuid4()
    api.scan(ticket.signed_code(), nonce=nonce)
    response = api.post(f"checkins/{nonce}/undo", {}, token=other_token)
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert CheckIn.objects.get(nonce=nonce).undone_at is None


def test_undo_of_a_refusal_has_nothing_to_undo(api):
    nonce = uuid.uuid4()
    api.scan("FORGED", nonce=nonce)
    response = api.post(f"checkins/{nonce}/undo", {})
    assert (response.status_code, response.json()["code"]) == (409, "nothing_to_undo")


def test_undo_of_an_entry_followed_by_an_exit_is_refused(api, ticket):
    nonce = uuid.uuid4()
    api.scan(ticket.signed_code(), nonce=nonce)
    api.scan(ticket.signed_code(), direction="out")
    response = api.post(f"checkins/{nonce}/undo", {})
    assert (response.status_code, response.json()["code"]) == (409, "later_scan")


def test_undo_needs_a_token(client, ticket):
    assert client.post(f"/api/v1/checkins/{uuid.uuid4()}/undo").status_code == 401


def test_search_finds_by_name_email_id_and_code(api, day):
    registration = RegistrationFactory(
        edition=day.edition, name="Famille Peeters", email="peeters@example.be"
    )
    ticket = TicketFactory(day=day, registration=registration, holder_name="Anke Peeters")
    TicketFactory(day=day, holder_name="Someone Else")
    for query in [
        "peeters",
        "ANKE",
        "peeters@example.be",
        ticket.public_id[:8].lower(),
        ticket.signed_code(),
    ]:
        body = api.get("checkins/search", q=query).json()
        assert [hit["id"] for hit in body["results"]] == [ticket.public_id], query
    hit = api.get("checkins/search", q="anke").json()["results"][0]
    assert "code" not in hit
    assert ticket.signed_code() not in str(api.get("checkins/search", q="anke").content)
    assert hit["registration_name"] == "Famille Peeters"
    assert hit["valid_today"] is True


def test_search_shows_who_is_inside(api, ticket):
    api.scan(ticket.signed_code())
    hit = api.get("checkins/search", q="Amélie").json()["results"][0]
    assert hit["inside"] is True
    assert hit["checked_in"]["gate"] == "Main entrance"


def test_search_needs_three_characters(api, ticket):
    for query in [" a ", "am", " a  "]:
        response = api.get("checkins/search", q=query)
        assert (response.status_code, response.json()) == (
            400,
            {"code": "query_too_short", "detail": "Tapez au moins 3 caractères."},
        ), query
    assert api.get("checkins/search", q="amé").status_code == 200


def test_search_is_rate_limited_per_device(api, other_token, ticket):
    for _ in range(services.DEVICE_SEARCHES_PER_MINUTE):
        assert api.get("checkins/search", q="Amélie").status_code == 200
    refused = api.get("checkins/search", q="Amélie")
    assert (refused.status_code, refused.json()["code"]) == (429, "search_rate_limited")
    assert "attendez une minute" in refused.json()["detail"]
    assert api.get("checkins/search", q="Amélie", token=other_token).status_code == 200


def test_a_search_hit_is_admitted_by_its_ticket_id(api, ticket):
    hit = api.get("checkins/search", q="Amélie").json()["results"][0]
    body = api.post(
        "checkins", {"ticket_id": hit["id"], "nonce": str(uuid.uuid4()), "direction": "in"}
    ).json()
    assert (body["result"], body["ticket"]["id"]) == ("admitted", ticket.public_id)


def test_search_is_limited_to_20_results_of_the_edition(api, day):
    for index in range(25):
        TicketFactory(day=day, holder_name=f"Martin {index:02d}")
    other = TicketFactory(holder_name="Martin Other Edition")
    body = api.get("checkins/search", q="martin").json()
    assert len(body["results"]) == 20
    assert other.public_id not in [hit["id"] for hit in body["results"]]


def test_search_needs_a_token(client):
    assert client.get("/api/v1/checkins/search", {"q": "martin"}).status_code == 401
