"""The paper fallback: a printed list of everyone expected, and the entries recorded from it afterwards."""

import csv
import datetime as dt
import io
import uuid

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import ImageChops

from demo import events as events_demo
from tests.factories import DayFactory, RegistrationFactory, TicketFactory
from tests.pdfs import page_count, page_images, page_texts
from tickets.checkin.documents import paper_list_pdf
from tickets.checkin.enums import GateKind, Source
from tickets.checkin.exceptions import PaperTimeInFuture
from tickets.checkin.models import CheckIn, Gate
from tickets.checkin.services import admit_from_paper_list, check_in, paper_list
from tickets.checkin.services.paper import normalize_number
from tickets.checkin.stats import people_inside
from tickets.enums import TicketKind
from tickets.models import Ticket
from tickets.services import cancel_tickets

pytestmark = pytest.mark.django_db


def squashed(text: str) -> str:
    return "".join(text.split())


def printed(ticket: Ticket) -> str:
    code = ticket.public_id
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


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


@pytest.fixture
def demo_day():
    """A public day of the demo edition, with its demo registrations, gates and 85 more visitors."""
    call_command("load_demo", "--no-account", stdout=io.StringIO())
    edition = events_demo.upcoming_edition()
    day = edition.days.order_by("-date").first()
    for n in range(85):
        TicketFactory(day=day, holder_name=f"Zoë Visitor {n:03d}", registration__edition=edition)
    return day


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_paper_list_of_a_demo_day_holds_every_valid_ticket_sorted_40_a_page(demo_day, language):
    cancelled = TicketFactory(day=demo_day, holder_name="Cancelled Person")
    cancel_tickets(registration=cancelled.registration)
    paper = paper_list(day=demo_day)
    expected = Ticket.objects.valid().filter(edition=demo_day.edition).filter(day=demo_day)
    badges = Ticket.objects.valid().filter(edition=demo_day.edition, day__isnull=True)

    pdf = paper_list_pdf(paper, language=language)

    texts = page_texts(pdf)
    everything = squashed("".join(texts))
    holders = [*expected, *badges]
    assert len(paper.rows) == len(holders) > 85
    for ticket in holders:
        assert squashed(printed(ticket)) in everything, ticket
        name = ticket.holder_name or ticket.registration.name
        assert squashed(name) in everything, name
    assert squashed(cancelled.public_id) not in everything
    assert page_count(pdf) == len(texts) == -(-len(holders) // 40)
    per_page = [sum(squashed(printed(t)) in squashed(text) for t in holders) for text in texts]
    assert max(per_page) == 40
    assert sum(per_page) == len(holders)
    names = [row.name or row.companion_of for row in paper.rows]
    assert names == sorted(names, key=lambda n: n.casefold().replace("ë", "e"))
    assert str(sum(t.headcount for t in holders)) in texts[0]
    # Readable on a black-and-white printer: no colour at all, and the text black, not pale grey.
    image = page_images(pdf, dpi=72)[0].convert("RGB")
    assert ImageChops.difference(image, image.convert("L").convert("RGB")).getbbox() is None
    assert image.convert("L").getextrema()[0] < 40


def test_paper_list_per_gate_holds_only_what_the_gate_admits(edition_today):
    day = DayFactory(edition=edition_today, date=edition_today.starts_on)
    school_gate = Gate.objects.create(
        edition=edition_today,
        name="Schools",
        kind=GateKind.SCHOOL,
        admits_visitor=False,
        admits_walk_in=False,
        admits_exhibitor_staff=False,
    )
    staff_gate = Gate.objects.create(
        edition=edition_today,
        name="Staff",
        kind=GateKind.STAFF,
        admits_visitor=False,
        admits_walk_in=False,
        admits_school_group=False,
    )
    visitor = TicketFactory(day=day, holder_name="Ana")
    group = TicketFactory(day=day, kind=TicketKind.SCHOOL_GROUP, headcount=25, holder_name="École 5B")
    badge = TicketFactory(
        day=None, edition=edition_today, kind=TicketKind.EXHIBITOR_STAFF, holder_name="Exhibitor Bo"
    )

    schools = paper_list(day=day, gate=school_gate)
    staff = paper_list(day=day, gate=staff_gate)
    everyone = paper_list(day=day)

    assert [(r.ticket, r.headcount) for r in schools.rows] == [(group, 25)]
    assert [r.ticket for r in staff.rows] == [badge]
    assert [r.ticket for r in everyone.rows] == [visitor, group, badge]  # É sorts as E
    assert everyone.headcount == 27
    pdf = paper_list_pdf(schools, language="nl")
    assert "École 5B" in page_texts(pdf)[0]
    assert "Ana" not in page_texts(pdf)[0]


def test_paper_entry_counts_once_even_after_a_scan(edition_today, staff):
    day = DayFactory(edition=edition_today, date=edition_today.starts_on)
    gate = Gate.objects.create(edition=edition_today, name="Main", kind=GateKind.MAIN)
    scanned = TicketFactory(day=day, holder_name="Scanned first")
    paper_only = TicketFactory(day=day, holder_name="Paper only")
    check_in(gate=gate, nonce=uuid.uuid4(), ticket_public_id=scanned.public_id, staff_user=staff)
    early = (timezone.localtime() - dt.timedelta(minutes=1)).time()
    nonce = uuid.uuid4()

    done = admit_from_paper_list(
        gate=gate,
        day=day,
        at=early,
        numbers=[printed(scanned), printed(paper_only).lower(), paper_only.public_id],
        staff_user=staff,
        nonce=nonce,
    )
    again = admit_from_paper_list(
        gate=gate, day=day, at=early, numbers=[printed(paper_only)], staff_user=staff, nonce=nonce
    )

    assert [(number, outcome.result) for number, outcome in done] == [
        (scanned.public_id, "already_checked_in"),
        (paper_only.public_id, "admitted"),
    ]
    assert again[0][1].replayed
    record = CheckIn.objects.counted().get(ticket=paper_only)
    assert (record.source, timezone.localtime(record.scanned_at).time().replace(microsecond=0)) == (
        Source.PAPER,
        early.replace(microsecond=0),
    )
    assert CheckIn.objects.counted().filter(ticket__in=[scanned, paper_only]).count() == 2
    assert people_inside(edition=edition_today, on_date=day.date) == 2


def test_paper_entry_time_later_than_now_is_refused(edition_today, staff):
    day = DayFactory(edition=edition_today, date=edition_today.ends_on)  # tomorrow
    gate = Gate.objects.create(edition=edition_today, name="Main", kind=GateKind.MAIN)
    ticket = TicketFactory(day=day)
    with pytest.raises(PaperTimeInFuture):
        admit_from_paper_list(
            gate=gate,
            day=day,
            at=dt.time(9, 20),
            numbers=[ticket.public_id],
            staff_user=staff,
            nonce=uuid.uuid4(),
        )
    assert CheckIn.objects.count() == 0


def test_typed_numbers_ignore_spaces_dashes_case_and_look_alike_digits():
    assert normalize_number(" vfly-by7t evgy 6sla ") == "VFLYBY7TEVGY6SLA"
    assert normalize_number("AB0C 1D8E") == "ABOCIDBE"


def test_desk_records_entries_from_the_paper_list(client, staff, edition_today):
    day = DayFactory(edition=edition_today, date=edition_today.starts_on)
    gate = Gate.objects.create(edition=edition_today, name="Main", kind=GateKind.MAIN)
    ticket = TicketFactory(day=day, holder_name="Ana Peeters")
    at = (timezone.localtime() - dt.timedelta(minutes=5)).strftime("%H:%M")
    data = {"day": day.pk, "gate": gate.pk, "at": at, "numbers": printed(ticket), "nonce": str(uuid.uuid4())}

    response = client.post(reverse("checkin:paper"), data)
    html = response.content.decode()

    assert "Entré·e : Ana Peeters (1 personne)." in html
    assert CheckIn.objects.counted().get().source == Source.PAPER
    assert client.post(reverse("checkin:paper"), data).status_code == 200
    assert CheckIn.objects.count() == 1  # the same form sent twice records nothing new
    csv_url = reverse("checkin:dashboard-csv") + f"?edition={edition_today.slug}&day={day.date}"
    rows = list(csv.DictReader(io.StringIO(b"".join(client.get(csv_url).streaming_content).decode())))
    assert [(row["ticket"], row["source"], row["staff"]) for row in rows] == [
        (ticket.public_id, "paper", "desk")
    ]


def test_desk_paper_form_says_what_is_wrong_and_records_nothing(client, staff, edition_today):
    day = DayFactory(edition=edition_today, date=edition_today.starts_on)
    gate = Gate.objects.create(edition=edition_today, name="Main", kind=GateKind.MAIN)
    data = {"day": day.pk, "gate": gate.pk, "at": "9h", "numbers": "ABC", "nonce": str(uuid.uuid4())}

    html = client.post(reverse("checkin:paper"), data).content.decode()

    assert "Indiquez l’heure à laquelle les personnes sont entrées, par exemple 09:20." in html
    assert "Un numéro de billet a 16 lettres et chiffres\u00a0; vérifiez\u00a0: ABC." in html
    assert CheckIn.objects.count() == 0


def test_paper_pdf_needs_staff_and_is_a_pdf(client, staff, edition_today):
    day = DayFactory(edition=edition_today, date=edition_today.starts_on)
    TicketFactory(day=day, holder_name="Ana Peeters", registration=RegistrationFactory(edition=edition_today))
    url = reverse("checkin:paper-pdf", args=[edition_today.slug, day.date.isoformat()])

    response = client.get(url)

    assert response["Content-Type"] == "application/pdf"
    assert "Ana Peeters" in page_texts(response.content)[0]
    client.logout()
    client.force_login(User.objects.create_user("nobody", password="x", is_staff=True))
    assert client.get(url).status_code == 403
    assert client.get(reverse("checkin:paper")).status_code == 403


def race_paper_against_scans(edition, *, rounds: int = 6, scanners: int = 3) -> list[int]:
    """Each round: a ticket typed from the paper list while `scanners` gates scan it, all at once.
    Returns how many times each ticket was counted in."""
    import threading

    from django.db import connection

    from tickets.checkin.services import create_device

    day = DayFactory(edition=edition, date=edition.starts_on)
    gates = [Gate.objects.create(edition=edition, name=f"Gate {n}") for n in range(scanners + 1)]
    devices = [create_device(gate=gate, name=f"Phone {n}")[0] for n, gate in enumerate(gates[1:])]
    staff = User.objects.create_user("desk", password="x")
    at = (timezone.localtime() - dt.timedelta(minutes=2)).time()
    counted = []
    for _round in range(rounds):
        ticket = TicketFactory(day=day)
        barrier = threading.Barrier(scanners + 1)

        def by_paper(ticket=ticket, barrier=barrier):
            barrier.wait()
            admit_from_paper_list(
                gate=gates[0],
                day=day,
                at=at,
                numbers=[ticket.public_id],
                staff_user=staff,
                nonce=uuid.uuid4(),
            )
            connection.close()

        def by_scanner(device, ticket=ticket, barrier=barrier):
            barrier.wait()
            check_in(gate=device.gate, device=device, nonce=uuid.uuid4(), code=ticket.signed_code())
            connection.close()

        threads = [threading.Thread(target=by_paper)]
        threads += [threading.Thread(target=by_scanner, args=(device,)) for device in devices]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        counted.append(CheckIn.objects.counted().filter(ticket=ticket, direction="in").count())
    return counted


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_paper_entry_racing_scans_counts_the_ticket_once(edition_today):
    counted = race_paper_against_scans(edition_today)

    assert set(counted) == {1}
    assert people_inside(edition=edition_today, on_date=edition_today.starts_on) == len(counted)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_control_without_the_guard_paper_and_scans_count_twice(edition_today, settings):
    settings.CONCURRENCY_GUARD_CHECKIN = False

    counted = race_paper_against_scans(edition_today)

    assert max(counted) > 1, "the test did not catch the race: it would not catch a broken guard"
