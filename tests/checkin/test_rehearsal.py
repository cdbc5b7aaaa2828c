"""Rehearsals: tickets that open every gate and both desks on any day, through every real path (online,
offline with the signed code, sync, undo, companions, groups), never counted anywhere, and gone (refused) once
the rehearsal is closed."""

import datetime as dt
import threading
import uuid

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from tests.checkin.test_concurrency import scan_all_at_once
from tests.factories import DayFactory, TicketFactory
from tickets import codes
from tickets.checkin import stats
from tickets.checkin.enums import GateKind
from tickets.checkin.exceptions import RehearsalAlreadyOpen, RehearsalClosed
from tickets.checkin.models import CheckIn, Gate
from tickets.checkin.services import check_in, create_device, search_tickets
from tickets.checkin.services.rehearsal import close_rehearsal, issue_rehearsal_tickets, open_rehearsal
from tickets.documents import ticket_context
from tickets.models import Registration, Ticket
from tickets.services import places_left

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair_day(edition):
    """The edition is weeks ahead: a rehearsal happens before the fair."""
    return DayFactory(edition=edition, date=edition.starts_on, capacity=50)


@pytest.fixture
def school_gate(edition):
    """A gate that admits no visitor: a rehearsal ticket opens it anyway."""
    return Gate.objects.create(
        edition=edition,
        name="School entrance",
        kind=GateKind.SCHOOL,
        admits_visitor=False,
        admits_walk_in=False,
    )


@pytest.fixture
def gate_token(school_gate):
    return create_device(gate=school_gate, name="Phone R", with_token=True)[1]


@pytest.fixture
def rehearsal(edition):
    return open_rehearsal(edition=edition)


@pytest.fixture
def family(rehearsal):
    registration = issue_rehearsal_tickets(
        rehearsal=rehearsal, names=["Anna Test", "Bert Test", "Cleo Test"], language="nl"
    )
    return list(Ticket.with_rehearsals.filter(registration=registration).order_by("position"))


def scan(client, token, text, *, nonce=None, direction="in"):
    body = {"code": text, "nonce": str(nonce or uuid.uuid4()), "direction": direction}
    headers = {"Authorization": f"Bearer {token}"}
    return client.post("/api/v1/checkins", body, content_type="application/json", headers=headers).json()


def figures(edition, day):
    """Every number the dashboard and the exports show, for one edition and day."""
    return {
        "inside": stats.people_inside(edition=edition, on_date=timezone.localdate()),
        "days": [(f.day.pk, f.tickets, f.admitted) for f in stats.days_figures(edition=edition)],
        "languages": [(s.label, s.count) for s in stats.registrations_by_language(edition=edition)],
        "communes": [(s.label, s.count) for s in stats.registrations_by_commune(edition=edition)],
        "refusals": stats.refusals_by_reason(edition=edition, on_date=timezone.localdate()),
        "activity": stats.gate_activity(edition=edition, on_date=timezone.localdate()),
        "places_left": places_left(day=day),
        "tickets": Ticket.objects.count(),
        "registrations": Registration.objects.count(),
        "scans": CheckIn.objects.count(),
    }


def test_rehearsal_ticket_is_admitted_on_any_day_at_any_gate(client, gate_token, family):
    anna = family[0]
    assert anna.edition.starts_on > timezone.localdate()  # weeks before the fair
    body = scan(client, gate_token, anna.signed_code())
    assert (body["result"], body["reason"], body["ticket"]["rehearsal"]) == ("admitted", None, True)
    assert [c["id"] for c in body["companions"]] == [family[1].public_id, family[2].public_id]
    assert scan(client, gate_token, anna.signed_code())["result"] == "already_checked_in"
    assert (
        scan(client, gate_token, codes.typed_ticket_id(anna.public_id), direction="out")["result"]
        == "admitted"
    )
    assert CheckIn.with_rehearsals.filter(rehearsal=True).count() == 3


def test_rehearsal_companions_group_and_undo(client, gate_token, family):
    headers = {"Authorization": f"Bearer {gate_token}"}
    items = [{"ticket_id": t.public_id, "nonce": str(uuid.uuid4())} for t in family[1:]]
    group = client.post(
        "/api/v1/checkins/group", {"items": items}, content_type="application/json", headers=headers
    ).json()
    assert [r["result"] for r in group["results"]] == ["admitted", "admitted"]
    assert group["admitted_headcount"] == 2
    undone = client.post(
        f"/api/v1/checkins/{items[0]['nonce']}/undo", {}, content_type="application/json", headers=headers
    )
    assert undone.status_code == 200
    assert scan(client, gate_token, family[1].signed_code())["result"] == "admitted"


def test_rehearsal_school_group_admits_its_headcount(client, gate_token, rehearsal):
    registration = issue_rehearsal_tickets(
        rehearsal=rehearsal, names=["5e B"], kind="school_group", headcount=24, language="fr"
    )
    ticket = Ticket.with_rehearsals.get(registration=registration)
    body = scan(client, gate_token, ticket.signed_code())
    assert (body["result"], body["ticket"]["headcount"]) == ("admitted", 24)


def test_offline_kit_names_the_open_rehearsal_and_the_code_carries_it(client, gate_token, rehearsal, family):
    headers = {"Authorization": f"Bearer {gate_token}"}
    config = client.get("/api/v1/checkins/config", headers=headers).json()
    assert config["rehearsal"]["tag"] == rehearsal.pk
    payload = codes.decode(family[0].signed_code())
    assert (payload.rehearsal, payload.days_mask, payload.kind & 0x7F) == (True, rehearsal.pk, 1)
    scans = [
        {
            "code": family[0].signed_code(),
            "nonce": str(uuid.uuid4()),
            "scanned_at": (timezone.now() - dt.timedelta(minutes=2)).isoformat(),
            "result": "admitted",
        }
    ]
    synced = client.post(
        "/api/v1/checkins/sync", {"scans": scans}, content_type="application/json", headers=headers
    ).json()
    assert synced["results"][0]["result"] == "admitted"
    assert CheckIn.with_rehearsals.get(nonce=scans[0]["nonce"]).rehearsal is True


def test_rehearsal_tickets_never_count(client, gate_token, edition, fair_day, school_gate, rehearsal):
    TicketFactory(day=fair_day)
    real = TicketFactory(day=fair_day)
    check_in(gate=school_gate, nonce=uuid.uuid4(), ticket_public_id=real.public_id)
    before = figures(edition, fair_day)
    registration = issue_rehearsal_tickets(rehearsal=rehearsal, names=["A Test", "B Test"], language="fr")
    tickets = list(Ticket.with_rehearsals.filter(registration=registration))
    for ticket in tickets:
        assert scan(client, gate_token, ticket.signed_code())["result"] == "admitted"
    scan(client, gate_token, tickets[0].signed_code())  # already in: a refusal-like row
    assert figures(edition, fair_day) == before
    staff = User.objects.create_user("boss", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_dashboard"))
    client.force_login(staff)
    csv = b"".join(client.get(reverse("checkin:dashboard-csv"), {"day": fair_day.date}).streaming_content)
    assert tickets[0].public_id.encode() not in csv
    assert "A Test" not in client.get(reverse("checkin:dashboard")).content.decode()


def test_closing_removes_them_and_their_codes_are_refused(client, gate_token, rehearsal, family):
    assert scan(client, gate_token, family[0].signed_code())["result"] == "admitted"
    assert close_rehearsal(rehearsal=rehearsal) == 3
    assert not Ticket.with_rehearsals.filter(rehearsal=rehearsal).exists()
    assert not Registration.with_rehearsals.filter(rehearsal=rehearsal).exists()
    assert not CheckIn.with_rehearsals.filter(rehearsal=True).exists()
    body = scan(client, gate_token, family[0].signed_code())
    assert (body["result"], body["reason"]) == ("rejected", "rehearsal_closed")
    typed = scan(client, gate_token, family[1].public_id)
    assert (typed["result"], typed["reason"]) == ("rejected", "not_found")
    headers = {"Authorization": f"Bearer {gate_token}"}
    assert client.get("/api/v1/checkins/config", headers=headers).json()["rehearsal"] is None
    assert close_rehearsal(rehearsal=rehearsal) == 0
    with pytest.raises(RehearsalClosed):
        issue_rehearsal_tickets(rehearsal=rehearsal, names=["Late"], language="fr")


def test_one_open_rehearsal_per_edition(edition, rehearsal):
    with pytest.raises(RehearsalAlreadyOpen):
        open_rehearsal(edition=edition)
    close_rehearsal(rehearsal=rehearsal)
    assert open_rehearsal(edition=edition).is_open


def test_the_desk_finds_and_admits_a_rehearsal_ticket(school_gate, family):
    found = search_tickets(edition=school_gate.edition, query="Bert Test")
    assert [(t.public_id, t.valid_today) for t in found] == [(family[1].public_id, True)]
    outcome = check_in(gate=school_gate, nonce=uuid.uuid4(), ticket_public_id=family[1].public_id)
    assert outcome.result == "admitted"


def test_the_printed_ticket_says_rehearsal_in_three_languages(family):
    with_tickets = ticket_context(registration=family[0].registration, tickets=family)
    html = render_to_string("tickets/pdf/tickets.html", with_tickets)
    assert html.count("REHEARSAL · REPETITIE · RÉPÉTITION") == 3


@pytest.fixture
def organizer(client):
    user = User.objects.create_user("organizer", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="run_rehearsal"))
    client.force_login(user)
    return user


@pytest.fixture
def current_edition(edition):
    edition.is_published = True
    edition.save()
    return edition


@translation.override("en")
def test_an_organizer_opens_issues_prints_and_closes_in_a_few_clicks(client, organizer, current_edition):
    page = reverse("checkin:rehearsal")
    assert "Open a rehearsal" in client.get(page).content.decode()
    client.post(reverse("checkin:rehearsal-open"))
    response = client.post(page, {"names": "Anna Test\nBert Test", "kind": "visitor", "headcount": "1"})
    assert response.status_code == 302
    registration = Registration.with_rehearsals.get(name="Anna Test")
    assert Ticket.with_rehearsals.filter(registration=registration).count() == 2
    anna = Ticket.with_rehearsals.filter(registration=registration).first()
    gate = Gate.objects.create(edition=current_edition, name="Canal entrance", kind=GateKind.MAIN)
    check_in(gate=gate, nonce=uuid.uuid4(), ticket_public_id=anna.public_id)
    assert [(r["gate__name"], r["admitted"]) for r in client.get(page).context["activity"]] == [
        ("Canal entrance", 1)
    ]
    pdf = client.get(reverse("checkin:rehearsal-pdf", args=[registration.public_id]))
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:5]) == (200, "application/pdf", b"%PDF-")
    closed = client.post(reverse("checkin:rehearsal-close"), follow=True).content.decode()
    assert "2 rehearsal tickets and their scans deleted" in closed
    assert client.get(reverse("checkin:rehearsal-pdf", args=[registration.public_id])).status_code == 404


def test_a_bad_list_of_names_is_told_and_nothing_issued(client, organizer, current_edition):
    client.post(reverse("checkin:rehearsal-open"))
    response = client.post(
        reverse("checkin:rehearsal"), {"names": " \n ", "kind": "visitor", "headcount": "1"}
    )
    assert (response.status_code, 'aria-invalid="true"' in response.content.decode()) == (200, True)
    assert not Ticket.with_rehearsals.exists()


def test_the_rehearsal_page_needs_the_permission(client, current_edition):
    client.force_login(User.objects.create_user("volunteer", password="x", is_staff=True))
    assert client.get(reverse("checkin:rehearsal")).status_code == 403
    assert client.post(reverse("checkin:rehearsal-open")).status_code == 403


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_openings_leave_one_open_rehearsal(edition):
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def attempt() -> None:
        try:
            barrier.wait()
            open_rehearsal(edition=edition)
            outcomes.append("opened")
        except RehearsalAlreadyOpen:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["opened", "refused", "refused", "refused"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_rehearsal_ticket_at_four_gates_at_once_is_admitted_once(live_server, edition):
    gates = [Gate.objects.create(edition=edition, name=f"Gate {n}", kind=GateKind.MAIN) for n in range(4)]
    tokens = [create_device(gate=gate, name=f"Phone {gate.pk}", with_token=True)[1] for gate in gates]
    registration = issue_rehearsal_tickets(
        rehearsal=open_rehearsal(edition=edition), names=["A"], language="fr"
    )
    code = Ticket.with_rehearsals.get(registration=registration).signed_code()
    results = scan_all_at_once(live_server.url, tokens, code)
    assert sorted(results) == ["admitted", "already_checked_in", "already_checked_in", "already_checked_in"]
    assert CheckIn.with_rehearsals.entries().count() == 1
    assert CheckIn.objects.count() == 0


def test_the_rehearsal_page_costs_the_same_queries_for_2_or_12_registrations(
    client, organizer, current_edition, page_queries
):
    rehearsal = open_rehearsal(edition=current_edition)

    def registrations(count: int) -> None:
        for _ in range(count):
            issued = issue_rehearsal_tickets(
                rehearsal=rehearsal, names=["Anna Test", "Bert Test"], language="nl"
            )
            gate = Gate.objects.create(edition=current_edition, name=f"Gate {issued.pk}", kind=GateKind.MAIN)
            ticket = Ticket.with_rehearsals.filter(registration=issued).first()
            check_in(gate=gate, nonce=uuid.uuid4(), ticket_public_id=ticket.public_id)

    registrations(2)
    small, _page = page_queries(reverse("checkin:rehearsal"))
    registrations(10)
    large, page = page_queries(reverse("checkin:rehearsal"))
    assert page.count('class="rehearsal-list__item"') == 12
    assert page.count('<tr><th scope="row">Gate ') == 12  # the scans, gate by gate
    assert large == small
