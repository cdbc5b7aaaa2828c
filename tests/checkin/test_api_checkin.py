import datetime as dt
import uuid

import pytest
from django.conf import settings
from django.utils import timezone, translation

from tests.factories import DayFactory, EditionFactory, RegistrationFactory, TicketFactory
from tickets.checkin.models import CheckIn, ScannerDevice
from tickets.checkin.services import revoke_device
from tickets.enums import TicketKind
from tickets.services import cancel_ticket

pytestmark = pytest.mark.django_db


def test_scan_admits_a_valid_ticket(api, ticket, day):
    nonce = uuid.uuid4()
    response = api.scan(ticket.signed_code(), nonce=nonce)
    assert response.status_code == 200
    body = response.json()
    assert body["result"] == "admitted"
    assert body["reason"] is None
    assert body["first_checkin"] is None
    assert body["ticket"]["id"] == ticket.public_id
    assert body["ticket"]["holder_name"] == "Amélie Dupont"
    assert body["ticket"]["kind"] == "visitor"
    assert body["ticket"]["headcount"] == 1
    assert body["ticket"]["day"] == day.date.isoformat()
    assert body["ticket"]["inside"] is True
    record = CheckIn.objects.get(nonce=nonce)
    assert (record.result, record.reason, record.seq, record.headcount, record.ticket_id) == (
        "admitted",
        "",
        1,
        1,
        ticket.pk,
    )


def test_second_scan_is_already_checked_in_with_when_and_where(api, ticket):
    first = api.scan(ticket.signed_code()).json()
    assert first["result"] == "admitted"
    second = api.scan(ticket.signed_code()).json()
    assert second["result"] == "already_checked_in"
    assert second["reason"] is None
    assert second["first_checkin"]["gate"] == "Main entrance"
    admitted = CheckIn.objects.get(result="admitted")
    assert second["first_checkin"]["at"] == admitted.scanned_at.isoformat().replace("+00:00", "Z") or True
    assert CheckIn.objects.entries().count() == 1
    assert CheckIn.objects.filter(result="already_checked_in").get().first_checkin_id == admitted.pk


@pytest.mark.parametrize(
    "token_header", [None, "", "wrong-token", "Bearer-less"], ids=["missing", "empty", "wrong", "garbage"]
)
def test_checkin_refuses_bad_tokens_with_401(client, ticket, token_header):
    headers = {"Authorization": f"Bearer {token_header}"} if token_header else {}
    response = client.post(
        "/api/v1/checkins",
        {"code": ticket.signed_code(), "nonce": str(uuid.uuid4())},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 401
    assert CheckIn.objects.count() == 0


def test_revoked_device_gets_401(api, device, ticket):
    revoke_device(device=device)
    assert api.scan(ticket.signed_code()).status_code == 401
    assert api.get("checkins/config").status_code == 401
    assert CheckIn.objects.count() == 0


def test_token_is_stored_only_as_a_hash(device, token):
    stored = ScannerDevice.objects.get(pk=device.pk)
    assert token not in (stored.token_hash, stored.pairing_code)
    assert len(stored.token_hash) == 64


@pytest.mark.parametrize(
    "mangle",
    [
        lambda code: code[:-5] + ("A" if code[-5] != "A" else "B") + code[-4:],  # altered signature
        lambda code: code[:10] + ("C" if code[10] != "C" else "D") + code[11:],  # altered body
        lambda code: "HELLO-WORLD",
        lambda code: "",
    ],
    ids=["signature", "body", "garbage", "empty"],
)
def test_forged_or_altered_code_is_rejected_as_invalid(api, ticket, mangle):
    nonce = uuid.uuid4()
    body = api.scan(mangle(ticket.signed_code()), nonce=nonce).json()
    assert (body["result"], body["reason"], body["ticket"]) == ("rejected", "invalid", None)
    record = CheckIn.objects.get(nonce=nonce)
    assert (record.result, record.reason, record.ticket_id) == ("rejected", "invalid", None)


def test_ticket_of_another_day_is_rejected_as_wrong_day(api, tomorrow):
    ticket = TicketFactory(day=tomorrow)
    body = api.scan(ticket.signed_code()).json()
    assert (body["result"], body["reason"]) == ("rejected", "wrong_day")
    assert body["ticket"]["id"] == ticket.public_id
    assert body["ticket"]["valid_today"] is False


def test_cancelled_ticket_is_rejected_as_cancelled(api, ticket):
    code = ticket.signed_code()
    cancel_ticket(ticket=ticket)
    body = api.scan(code).json()
    assert (body["result"], body["reason"]) == ("rejected", "cancelled")
    assert CheckIn.objects.get().reason == "cancelled"


def test_ticket_of_another_edition_is_rejected_as_wrong_edition(api, edition_today):
    other_day = DayFactory(
        edition=EditionFactory(starts_on=edition_today.starts_on, ends_on=edition_today.ends_on)
    )
    ticket = TicketFactory(day=other_day)
    body = api.scan(ticket.signed_code()).json()
    assert (body["result"], body["reason"]) == ("rejected", "wrong_edition")


def test_ticket_deleted_since_is_rejected_as_not_found(api, ticket):
    code = ticket.signed_code()
    ticket.delete()
    body = api.scan(code).json()
    assert (body["result"], body["reason"], body["ticket"]) == ("rejected", "not_found", None)


def test_visitor_at_the_school_gate_is_rejected_as_wrong_gate(client, school_gate, ticket):
    from tickets.checkin.services import create_device

    _device, token = create_device(gate=school_gate, name="School phone", with_token=True)
    response = client.post(
        "/api/v1/checkins",
        {"code": ticket.signed_code(), "nonce": str(uuid.uuid4())},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert (response.json()["result"], response.json()["reason"]) == ("rejected", "wrong_gate")


def test_exit_then_reentry_counts_each_movement_once(api, ticket):
    code = ticket.signed_code()
    assert api.scan(code).json()["result"] == "admitted"
    assert api.scan(code, direction="out").json()["result"] == "admitted"
    assert api.scan(code, direction="out").json()["reason"] == "not_inside"
    assert api.scan(code).json()["result"] == "admitted"
    assert api.scan(code).json()["result"] == "already_checked_in"
    seqs = list(CheckIn.objects.counted().order_by("pk").values_list("direction", "seq"))
    assert seqs == [("in", 1), ("out", 1), ("in", 2)]


def test_exit_of_a_ticket_never_in_is_rejected(api, ticket):
    body = api.scan(ticket.signed_code(), direction="out").json()
    assert (body["result"], body["reason"]) == ("rejected", "not_inside")


def test_same_nonce_gives_the_same_answer_and_counts_once(api, ticket):
    nonce = uuid.uuid4()
    first = api.scan(ticket.signed_code(), nonce=nonce).json()
    again = api.scan(ticket.signed_code(), nonce=nonce).json()
    assert first["result"] == again["result"] == "admitted"
    assert (first["replayed"], again["replayed"]) == (False, True)
    assert CheckIn.objects.filter(nonce=nonce).count() == 1
    assert CheckIn.objects.count() == 1


def test_same_nonce_of_an_already_checked_in_scan_replays_it(api, ticket):
    api.scan(ticket.signed_code())
    nonce = uuid.uuid4()
    first = api.scan(ticket.signed_code(), nonce=nonce).json()
    again = api.scan(ticket.signed_code(), nonce=nonce).json()
    assert first["result"] == again["result"] == "already_checked_in"
    assert again["first_checkin"] == first["first_checkin"]
    assert CheckIn.objects.count() == 2


def test_same_nonce_of_an_invalid_scan_replays_it(api):
    nonce = uuid.uuid4()
    assert api.scan("FORGED", nonce=nonce).json()["reason"] == "invalid"
    assert api.scan("FORGED", nonce=nonce).json()["reason"] == "invalid"
    assert CheckIn.objects.count() == 1


def test_school_group_admits_its_headcount(api, day, main_gate):
    ticket = TicketFactory(day=day, kind="school_group", headcount=24, holder_name="5e B")
    body = api.scan(ticket.signed_code()).json()
    assert body["result"] == "admitted"
    assert body["ticket"]["headcount"] == 24
    assert CheckIn.objects.get().headcount == 24


def test_staff_badge_without_day_is_admitted_on_every_day_of_the_edition(api, edition_today, day):
    badge = TicketFactory(
        day=None, edition=edition_today, kind="exhibitor_staff", registration=None, holder_name="Bo"
    )
    body = api.scan(badge.signed_code()).json()
    assert (body["result"], body["ticket"]["day"]) == ("admitted", None)


def test_scan_shows_the_companions_of_the_registration(api, day, tomorrow):
    registration = RegistrationFactory(edition=day.edition, name="Famille Janssens")
    lotte = TicketFactory(day=day, registration=registration, holder_name="Lotte")
    jan = TicketFactory(day=day, registration=registration, holder_name="Jan")
    TicketFactory(day=tomorrow, registration=registration, holder_name="Lotte")
    TicketFactory(day=day, holder_name="Somebody else")
    body = api.scan(lotte.signed_code()).json()
    assert [c["id"] for c in body["companions"]] == [jan.public_id]
    assert body["companions"][0]["inside"] is False
    assert body["ticket"]["registration_name"] == "Famille Janssens"


def test_group_admission_admits_the_chosen_companions_at_once(api, day):
    registration = RegistrationFactory(edition=day.edition)
    tickets = [TicketFactory(day=day, registration=registration) for _ in range(3)]
    api.scan(tickets[0].signed_code())
    response = api.post(
        "checkins/group",
        {"items": [{"ticket_id": t.public_id, "nonce": str(uuid.uuid4())} for t in tickets]},
    )
    body = response.json()
    assert response.status_code == 200
    assert [r["result"] for r in body["results"]] == ["already_checked_in", "admitted", "admitted"]
    assert body["admitted_headcount"] == 2
    assert CheckIn.objects.entries().count() == 3


def test_invalid_body_is_422(api):
    response = api.post("checkins", {"code": "x", "nonce": "not-a-uuid"})
    assert response.status_code == 422
    response = api.post("checkins", {"code": "x", "nonce": str(uuid.uuid4()), "direction": "sideways"})
    assert response.status_code == 422


def test_scan_records_device_gate_and_times(api, device, main_gate, ticket):
    nonce = uuid.uuid4()
    before = timezone.now()
    api.scan(ticket.signed_code(), nonce=nonce)
    record = CheckIn.objects.get(nonce=nonce)
    assert (record.device_id, record.gate_id, record.offline, record.conflict) == (
        device.pk,
        main_gate.pk,
        False,
        False,
    )
    assert before <= record.scanned_at <= timezone.now()
    assert record.on_date == timezone.localdate()
    assert record.recorded_at - record.scanned_at < dt.timedelta(seconds=5)


def test_exit_is_allowed_at_any_gate(client, school_gate, api, ticket):
    from tickets.checkin.services import create_device

    api.scan(ticket.signed_code())
    _device, token = create_device(gate=school_gate, name="School phone", with_token=True)
    body = api.scan(ticket.signed_code(), direction="out", token=token).json()
    assert (body["result"], body["reason"]) == ("admitted", None)


def _json_time(moment):
    """How the API writes a datetime (django-ninja's encoder): ISO 8601, milliseconds, Z for UTC."""
    text = moment.isoformat()
    if moment.microsecond:
        text = text[:23] + text[26:]
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def test_scan_answers_are_exactly_what_the_scanner_page_reads(api, day, main_gate):
    """The whole answer, keys in order and every value's JSON form: the scanner page (static/js/scanner) and
    offline devices read these: a change of serializer must not change a byte of their meaning."""
    registration = RegistrationFactory(edition=day.edition, name="Famille Janssens")
    lotte = TicketFactory(day=day, registration=registration, holder_name="Lotte")
    jan = TicketFactory(day=day, registration=registration, holder_name="")
    first_nonce, second_nonce = uuid.uuid4(), uuid.uuid4()
    with translation.override(settings.LANGUAGE_CODE):  # an API request without Accept-Language
        visitor_label = str(TicketKind.VISITOR.label)

    first = api.scan(lotte.signed_code(), nonce=first_nonce)
    entry = CheckIn.objects.get(nonce=first_nonce)
    second = api.scan(lotte.signed_code(), nonce=second_nonce)

    def ticket_json(ticket, holder, inside):
        return {
            "id": ticket.public_id,
            "kind": "visitor",
            "kind_label": visitor_label,
            "holder_name": holder,
            "day": day.date.isoformat(),
            "headcount": 1,
            "status": "valid",
            "registration_id": registration.pk,
            "registration_name": "Famille Janssens",
            "valid_today": True,
            "inside": inside,
            "checked_in": {"at": _json_time(entry.scanned_at), "gate": "Main entrance"} if inside else None,
            "rehearsal": False,
        }

    def answer(result, nonce, first_checkin):
        return {
            "result": result,
            "reason": None,
            "nonce": str(nonce),
            "direction": "in",
            "ticket": ticket_json(lotte, "Lotte", inside=True),
            "first_checkin": first_checkin,
            "companions": [ticket_json(jan, "Famille Janssens", inside=False)],
            "conflict": False,
            "replayed": False,
        }

    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "application/json; charset=utf-8"
    assert list(first.json()) == list(answer("admitted", first_nonce, None))
    assert first.json() == answer("admitted", first_nonce, None)
    at_gate = {"at": _json_time(entry.scanned_at), "gate": "Main entrance"}
    assert second.json() == answer("already_checked_in", second_nonce, at_gate)


def test_a_refused_scan_answers_exactly_what_the_scanner_page_reads(api):
    refused = api.scan("NOT-A-CODE").json()
    assert {k: v for k, v in refused.items() if k != "nonce"} == {
        "result": "rejected",
        "reason": "invalid",
        "direction": "in",
        "ticket": None,
        "first_checkin": None,
        "companions": [],
        "conflict": False,
        "replayed": False,
    }
