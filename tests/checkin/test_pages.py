import csv
import io
import uuid

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import translation

from tests.factories import RegistrationFactory, TicketFactory
from tickets.checkin.models import CheckIn
from tickets.checkin.services import check_in, create_device
from tickets.enums import TicketKind
from tickets.models import Registration, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = User.objects.create_user("desk", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="checkin", codename__in=["use_desk", "view_dashboard"]
        )
    )
    client.force_login(user)
    return user


def walk_in(client, **data):
    payload = {"name": "Nadia", "people": "2", "postal_code": "1080", "language": "nl", "email": ""}
    payload |= {"nonce": str(uuid.uuid4())} | data
    return client.post(reverse("checkin:desk"), payload)


def test_desk_needs_login_and_permission(client):
    url = reverse("checkin:desk")
    assert client.get(url).status_code == 302
    client.force_login(User.objects.create_user("visitor", password="x", is_staff=True))
    assert client.get(url).status_code == 403
    assert client.get(reverse("checkin:dashboard")).status_code == 403
    assert client.get(reverse("checkin:dashboard-csv")).status_code == 403


def test_walk_in_is_registered_and_admitted_in_one_step(client, staff, day, main_gate):
    response = walk_in(client, gate=str(main_gate.pk))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.name, registration.channel, registration.postal_code, registration.language) == (
        "Nadia",
        "desk",
        "1080",
        "nl",
    )
    tickets = list(Ticket.objects.filter(registration=registration))
    assert [(t.kind, t.day_id, t.status) for t in tickets] == [("walk_in", day.pk, "valid")] * 2
    records = list(CheckIn.objects.entries())
    assert len(records) == 2
    assert {r.staff_user_id for r in records} == {staff.pk}
    page = client.get(response["Location"])
    assert "Nadia" in page.content.decode()


def test_walk_in_double_submission_admits_once(client, staff, day, main_gate):
    nonce = str(uuid.uuid4())
    walk_in(client, gate=str(main_gate.pk), nonce=nonce)
    walk_in(client, gate=str(main_gate.pk), nonce=nonce)
    assert Registration.objects.count() == 1
    assert CheckIn.objects.entries().count() == 2


def test_walk_in_refused_when_the_day_is_full(client, staff, day, main_gate):
    day.capacity = 1
    day.save()
    response = walk_in(client, gate=str(main_gate.pk))
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert (Registration.objects.count(), Ticket.objects.count(), CheckIn.objects.count()) == (0, 0, 0)


def test_walk_in_with_a_bad_postal_code_shows_the_error_next_to_the_field(client, staff, day, main_gate):
    response = walk_in(client, gate=str(main_gate.pk), postal_code="abc")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_postal_code-error"' in html
    assert 'aria-invalid="true"' in html
    assert Registration.objects.count() == 0


def test_walk_in_refused_when_there_is_no_fair_day_today(client, staff, main_gate, tomorrow):
    response = walk_in(client, gate=str(main_gate.pk))
    assert response.status_code == 200
    assert Registration.objects.count() == 0


def test_desk_search_by_name_and_admit(client, staff, day, main_gate):
    registration = RegistrationFactory(edition=day.edition, name="Famille Peeters")
    ticket = TicketFactory(day=day, registration=registration, holder_name="Anke Peeters")
    page = client.get(reverse("checkin:desk"), {"q": "peeters", "gate": main_gate.pk})
    assert ticket.public_id in page.content.decode()
    fragment = client.get(reverse("checkin:desk"), {"q": "peeters"}, headers={"HX-Request": "true"})
    assert fragment.content.decode().lstrip().startswith('<div id="search-results"')
    response = client.post(
        reverse("checkin:desk-admit"),
        {"ticket": ticket.public_id, "gate": main_gate.pk, "nonce": str(uuid.uuid4()), "q": "peeters"},
    )
    assert response.status_code == 302
    record = CheckIn.objects.get()
    assert (record.ticket_id, record.result, record.staff_user_id, record.device_id) == (
        ticket.pk,
        "admitted",
        staff.pk,
        None,
    )


def test_dashboard_shows_people_inside_and_polls(client, staff, day, main_gate, device):
    ticket = TicketFactory(day=day, kind="school_group", headcount=20)
    other = TicketFactory(day=day)
    check_in(gate=main_gate, device=device, nonce=uuid.uuid4(), ticket_public_id=ticket.public_id)
    check_in(gate=main_gate, device=device, nonce=uuid.uuid4(), ticket_public_id=other.public_id)
    check_in(
        gate=main_gate, device=device, nonce=uuid.uuid4(), ticket_public_id=other.public_id, direction="out"
    )
    response = client.get(reverse("checkin:dashboard"))
    html = response.content.decode()
    assert response.context["inside"] == 20
    assert 'hx-trigger="every 15s"' in html
    assert "<svg" in html
    assert "<table" in html
    assert response.context["day_figures"].admitted == 21
    fragment = client.get(reverse("checkin:dashboard"), headers={"HX-Request": "true"})
    assert fragment.content.decode().lstrip().startswith('<div id="dashboard-live"')


def test_dashboard_counts_registrations_by_commune_and_language(client, staff, day):
    RegistrationFactory(edition=day.edition, postal_code="1080", language="nl")
    RegistrationFactory(edition=day.edition, postal_code="1080", language="fr")
    RegistrationFactory(edition=day.edition, postal_code="4000", language="fr")
    response = client.get(reverse("checkin:dashboard"))
    communes = [(share.label, share.count) for share in response.context["communes"]]
    assert communes == [
        ("1080 Molenbeek-Saint-Jean", 2),
        ("Hors de la Région bruxelloise", 1),
    ] or communes == [
        ("1080 Molenbeek-Saint-Jean", 2),
        ("Outside the Brussels Region", 1),
    ]
    assert [(share.label, share.count) for share in response.context["languages"]] == [
        ("Français", 2),
        ("Nederlands", 1),
    ]


def test_dashboard_lists_offline_conflicts(client, staff, day, main_gate, device, other_token):
    from tickets.checkin.models import ScannerDevice

    second = ScannerDevice.objects.exclude(pk=device.pk).get()
    ticket = TicketFactory(day=day)
    for scanner in (device, second):
        check_in(gate=main_gate, device=scanner, nonce=uuid.uuid4(), code=ticket.signed_code(), offline=True)
    response = client.get(reverse("checkin:dashboard"))
    assert [c.ticket_id for c in response.context["conflicts"]] == [ticket.pk]


@pytest.mark.parametrize(
    "query", ["?edition=abc&day=garbage", "?edition=999999&day=2001-01-01", "?day=31/02/2026", "?edition="]
)
def test_dashboard_ignores_an_unknown_edition_or_day(client, staff, day, tomorrow, query):
    response = client.get(reverse("checkin:dashboard") + query)
    html = response.content.decode()
    assert response.status_code == 200
    assert (response.context["edition"], response.context["day"]) == (day.edition, day)
    assert f'<option value="{day.edition.slug}" selected>' in html
    assert f'<option value="{day.date.isoformat()}" selected>' in html
    assert '<label for="dashboard-day">' in html
    assert "aria-invalid" not in html


def test_dashboard_shows_the_day_asked_for(client, staff, day, tomorrow):
    response = client.get(reverse("checkin:dashboard"), {"edition": day.edition.slug, "day": tomorrow.date})
    assert response.context["day"] == tomorrow
    assert f'<option value="{tomorrow.date.isoformat()}" selected>' in response.content.decode()


def test_csv_export_lists_every_scan(client, staff, day, main_gate, device):
    ticket = TicketFactory(day=day, holder_name="=HYPERLINK(evil)")
    check_in(gate=main_gate, device=device, nonce=uuid.uuid4(), ticket_public_id=ticket.public_id)
    check_in(gate=main_gate, device=device, nonce=uuid.uuid4(), code="FORGED")
    response = client.get(reverse("checkin:dashboard-csv"), {"day": day.date.isoformat()})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["result"], r["reason"]) for r in rows] == [("admitted", ""), ("rejected", "invalid")]
    assert rows[0]["holder_name"] == "'=HYPERLINK(evil)"
    assert rows[0]["gate"] == "Main entrance"


@pytest.mark.parametrize("volume", [1, 4])
def test_dashboard_queries_do_not_grow_with_the_data(
    client, staff, day, tomorrow, main_gate, school_gate, device, volume, django_assert_num_queries
):
    for index in range(volume):
        registration = RegistrationFactory(edition=day.edition, postal_code=f"10{index}0")
        for ticket_day in (day, tomorrow):
            ticket = TicketFactory(day=ticket_day, registration=registration)
            if ticket_day == day:
                check_in(gate=main_gate, device=device, nonce=uuid.uuid4(), ticket_public_id=ticket.public_id)
    # session, user, permissions (2), editions, current edition, days, gates, gate activity, inside, days with
    # their tickets and arrivals, waiting list, arrivals chart (gates, scans), communes, languages, refusals,
    # conflicts, devices holding scans, and the site context processor
    with django_assert_num_queries(19):
        response = client.get(reverse("checkin:dashboard"))
    assert response.context["day_figures"].admitted == volume
    assert [f.tickets for f in response.context["days_figures"]] == [volume, volume]


def test_arrivals_are_counted_per_quarter_hour_and_gate(day, main_gate, school_gate, device):
    import datetime as dt

    from tickets.checkin import stats

    school_device = create_device(gate=school_gate, name="School phone", with_token=True)[0]
    opening = day.starts
    group = TicketFactory(day=day, kind="school_group", headcount=25)
    check_in(
        gate=school_gate,
        device=school_device,
        nonce=uuid.uuid4(),
        ticket_public_id=group.public_id,
        scanned_at=opening + dt.timedelta(minutes=5),
    )
    for minutes in (1, 14, 16):
        ticket = TicketFactory(day=day)
        check_in(
            gate=main_gate,
            device=device,
            nonce=uuid.uuid4(),
            ticket_public_id=ticket.public_id,
            scanned_at=opening + dt.timedelta(minutes=minutes),
        )
    early = TicketFactory(day=day)
    check_in(
        gate=main_gate,
        device=device,
        nonce=uuid.uuid4(),
        ticket_public_id=early.public_id,
        scanned_at=opening - dt.timedelta(minutes=50),
    )
    chart = stats.arrivals_chart(edition=day.edition, day=day)
    rows = [(row["start"], row["per_gate"], row["total"]) for row in chart.rows]
    assert rows == [
        (opening - dt.timedelta(minutes=60), [1, 0], 1),
        (opening, [2, 25], 27),
        (opening + dt.timedelta(minutes=15), [1, 0], 1),
    ]
    assert chart.total == 29


def test_dashboard_counts_are_grouped_by_thousands(client, staff, day):
    TicketFactory(day=day, headcount=1200, kind=TicketKind.SCHOOL_GROUP)
    with translation.override("fr"):
        page = client.get(reverse("checkin:dashboard")).content.decode()
    assert "sur 1\u00a0200 personnes avec un billet" in page


def test_the_desk_search_costs_the_same_queries_for_2_or_12_tickets(
    client, staff, day, tomorrow, main_gate, device, page_queries
):
    def tickets(count: int) -> None:
        for _ in range(count):
            registration = RegistrationFactory(edition=day.edition, name="Famille Peeters")
            ticket = TicketFactory(day=day, registration=registration, holder_name="Anke Peeters")
            TicketFactory(day=tomorrow, registration=registration, holder_name="Anke Peeters")
            check_in(gate=main_gate, device=device, nonce=uuid.uuid4(), ticket_public_id=ticket.public_id)

    tickets(1)
    small, _page = page_queries(reverse("checkin:desk"), q="peeters", gate=main_gate.pk)
    tickets(5)
    large, page = page_queries(reverse("checkin:desk"), q="peeters", gate=main_gate.pk)
    assert page.count('class="checkin-hit"') == 12
    assert large == small


def test_the_paper_lists_page_costs_the_same_queries_for_2_or_12_gates(
    client, staff, day, tomorrow, main_gate, page_queries
):
    from tickets.checkin.models import Gate

    def gates(count: int) -> None:
        for _ in range(count):
            Gate.objects.create(edition=day.edition, name=f"Gate {Gate.objects.count()}", kind="main")

    gates(1)
    small, _page = page_queries(reverse("checkin:paper"))
    gates(10)
    large, page = page_queries(reverse("checkin:paper"))
    assert page.count("?gate=") == 2 * 12  # each gate's list, on each of the two days
    assert large == small


def test_the_dashboard_lists_cost_the_same_queries_for_2_or_12_gates_devices_and_conflicts(
    client, staff, day, page_queries
):
    """The gates' activity, the devices holding scans and the offline conflicts, each listed in full."""
    from tickets.checkin.models import Gate, ScannerDevice

    def gates(count: int) -> None:
        for _ in range(count):
            gate = Gate.objects.create(edition=day.edition, name=f"Gate {Gate.objects.count()}", kind="main")
            first, _token = create_device(gate=gate, name=f"Phone {gate.pk}", with_token=True)
            second, _token = create_device(gate=gate, name=f"Tablet {gate.pk}", with_token=True)
            ScannerDevice.objects.filter(pk=second.pk).update(queue_length=3)
            ticket = TicketFactory(day=day)
            for scanner in (first, second):
                code = ticket.signed_code()
                check_in(gate=gate, device=scanner, nonce=uuid.uuid4(), code=code, offline=True)

    gates(2)
    small, _page = page_queries(reverse("checkin:dashboard"))
    gates(10)
    large, page = page_queries(reverse("checkin:dashboard"))
    assert page.count("data-holding-device") == 12
    conflicts = CheckIn.objects.filter(conflict=True).select_related("ticket")
    assert len(conflicts) == 12
    assert all(f'<span class="checkin-code">{c.ticket.public_id}</span>' in page for c in conflicts)
    assert large == small
