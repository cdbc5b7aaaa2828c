"""The report after the fair: the right figures on a small known edition, totals only (no name nor e-mail on
the page or in the PDF), rehearsals left out, who may open it, and a query count that does not grow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from console.report import SchoolDay, WaitingOutcomes, edition_report
from exhibitors.models import StaffMember
from tests.exhibitors.factories import ExhibitorFactory, StandFactory
from tests.factories import DayFactory, RegistrationFactory, TicketFactory
from tests.pdfs import page_texts
from tests.schools.factories import ClassBookingFactory
from tickets.checkin.enums import GateKind
from tickets.checkin.models import CheckIn, Gate
from tickets.checkin.services import create_device
from tickets.checkin.services.rehearsal import issue_rehearsal_tickets, open_rehearsal
from tickets.enums import WaitingStatus
from tickets.models import WaitingListEntry

pytestmark = pytest.mark.django_db

NAMES = ["Anne Secret", "Bart Hidden", "Chloé Private", "Teacher Quiet", "Staff Unseen", "Waiting Wendy"]


@pytest.fixture
def fair(edition_today):
    """Today (started) and tomorrow; three registrations, two arrivals, a class, a waiting list, exhibitors,
    and a rehearsal that must not count."""
    edition = edition_today
    today = DayFactory(edition=edition, date=edition.starts_on)
    tomorrow = DayFactory(edition=edition, date=edition.starts_on + dt.timedelta(days=1))
    gate = Gate.objects.create(edition=edition, name="Main entrance", kind=GateKind.MAIN)
    device = create_device(gate=gate, name="Phone 1")[0]
    anne = RegistrationFactory(edition=edition, name=NAMES[0], email="anne@example.org", postal_code="1050")
    bart = RegistrationFactory(edition=edition, name=NAMES[1], email="bart@example.org", postal_code="1030")
    bart.channel = "desk"
    bart.save()
    chloe = RegistrationFactory(
        edition=edition, name=NAMES[2], email="chloe@example.org", postal_code="9000", channel="phone"
    )
    arrived = [TicketFactory(registration=anne, day=today, position=p) for p in (0, 1)]
    TicketFactory(registration=bart, day=today, position=0)
    TicketFactory(registration=bart, day=today, position=1, status="cancelled", cancelled_at=timezone.now())
    TicketFactory(registration=chloe, day=tomorrow, position=0)
    at = today.at(dt.time(10, 5))
    for ticket in arrived:
        CheckIn.objects.create(
            ticket=ticket, gate=gate, device=device, result="admitted", on_date=today.date, seq=1,
            headcount=1, scanned_at=at,
        )  # fmt: skip
    ClassBookingFactory(
        day=today, teacher_name=NAMES[3], status="confirmed", confirmed_at=timezone.now(), pupils=20, adults=3
    )
    ClassBookingFactory(day=today, hold_expires_at=timezone.now() + dt.timedelta(hours=1), pupils=25)
    offered = {"offered_at": timezone.now(), "offer_expires_at": timezone.now()}
    outcomes = [(WaitingStatus.CLAIMED, offered), (WaitingStatus.EXPIRED, offered), ("waiting", {})]
    for status, extra in outcomes:
        WaitingListEntry.objects.create(
            day=tomorrow, name=NAMES[5], email=f"{status}@example.org", places=1, status=status, **extra
        )
    with_stand, _without = ExhibitorFactory(edition=edition), ExhibitorFactory(edition=edition)
    StandFactory(hall__edition=edition, exhibitor=with_stand)
    badge = TicketFactory(
        day=None, edition=edition, registration=None, kind="exhibitor_staff", holder_name=""
    )
    StaffMember.objects.create(exhibitor=with_stand, name=NAMES[4], email="staff@example.org", ticket=badge)
    rehearsal = open_rehearsal(edition=edition)
    issue_rehearsal_tickets(rehearsal=rehearsal, names=["Rehearsal Ron"], language="fr")
    return {"edition": edition, "today": today, "tomorrow": tomorrow, "gate": gate, "device": device}


def test_report_has_the_figures_of_the_known_edition(fair):
    report = edition_report(edition=fair["edition"])
    assert [(d.day, d.tickets, d.admitted, d.no_show_percent) for d in report.days] == [
        (fair["today"], 3, 2, 33),
        (fair["tomorrow"], 1, 0, None),
    ]
    assert report.no_show_percent == 33
    arrivals = [chart for _figures, chart in report.arrivals]
    assert [chart.total for chart in arrivals] == [2, 0]
    assert [(row["start"], row["per_gate"]) for row in arrivals[0].rows] == [
        (fair["today"].at(dt.time(10)), [2])
    ]
    assert sorted((share.label, share.count) for share in report.communes) == [
        ("1030 Schaerbeek", 1),
        ("1050 Ixelles", 1),
        ("Hors de la Région bruxelloise", 1),
    ]
    assert [(share.label, share.count) for share in report.channels] == [
        ("En ligne", 1),
        ("À l'accueil", 1),
        ("Par téléphone", 1),
    ]
    assert report.waiting == WaitingOutcomes(
        joined=3, offered=2, accepted=1, expired=1, still_waiting=1, left=0
    )
    assert report.schools == [SchoolDay(date=fair["today"].date, classes=1, pupils=20, adults=3)]
    assert (report.exhibitors.exhibitors, report.exhibitors.with_stand, report.exhibitors.staff) == (2, 1, 1)


def test_report_page_shows_totals_and_never_a_person(client, organizer, fair):
    client.force_login(organizer)
    response = client.get(reverse("console:report"), {"edition": fair["edition"].slug})
    assert response.status_code == 200
    html = response.content.decode()
    for figure in ["Main entrance", "1050 Ixelles", "33 %"]:
        assert figure in html
    for secret in [*NAMES, "Rehearsal Ron", "@example.org"]:
        assert secret not in html


def test_report_pdf_has_the_figures_and_no_person(client, organizer, fair):
    client.force_login(organizer)
    response = client.get(reverse("console:report-pdf"), {"edition": fair["edition"].slug})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="report-{fair["edition"].slug}.pdf"'
    text = " ".join(" ".join(page_texts(response.content)).split())
    for figure in ["1050 Ixelles", "Par téléphone", "Main entrance", "33 %", "10:00–10:15"]:
        assert figure in text
    for secret in [*NAMES, "Rehearsal Ron", "@example.org"]:
        assert secret not in text


@pytest.mark.parametrize(
    ("role", "status"),
    [("organizer", 200), ("desk", 403), ("gate", 403), ("schools", 403), ("programme", 403)],
)
@pytest.mark.parametrize("url_name", ["console:report", "console:report-pdf"])
def test_report_is_for_organizers_only(client, staff_in, fair, role, status, url_name):
    client.force_login(staff_in(role))
    response = client.get(reverse(url_name), {"edition": fair["edition"].slug})
    assert response.status_code == status


@pytest.mark.parametrize("url_name", ["console:report", "console:report-pdf"])
def test_anonymous_visitors_are_sent_to_sign_in(client, fair, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_console_home_links_to_the_report_for_organizers_only(client, staff_in, organizer):
    client.force_login(organizer)
    assert reverse("console:report") in client.get(reverse("console:home")).content.decode()
    client.force_login(staff_in("desk"))
    assert reverse("console:report") not in client.get(reverse("console:home")).content.decode()


@pytest.mark.parametrize("more", [0, 6])
def test_report_page_costs_the_same_queries_whatever_the_crowd(
    client, organizer, fair, more, django_assert_num_queries
):
    for index in range(more):
        registration = RegistrationFactory(edition=fair["edition"], postal_code=f"10{index}0")
        ticket = TicketFactory(registration=registration, day=fair["today"], position=0)
        CheckIn.objects.create(
            ticket=ticket, gate=fair["gate"], device=fair["device"], result="admitted",
            on_date=fair["today"].date, seq=1, headcount=1, scanned_at=fair["today"].at(dt.time(11, index)),
        )  # fmt: skip
        ClassBookingFactory(day=fair["today"], status="confirmed", confirmed_at=timezone.now())
    client.force_login(organizer)
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("console:report"), {"edition": fair["edition"].slug})
    assert response.status_code == 200


# session, user, permissions (user's, group's), editions (form + switch), the edition, days figures, waiting
# list lengths, per day gates and entries (two days), communes, channels, waiting outcomes, schools,
# exhibitors, staff
QUERIES = 18
