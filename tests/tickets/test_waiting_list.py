import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.factories import DayFactory
from tests.tickets.conftest import form_data
from tickets import services
from tickets.enums import WaitingStatus
from tickets.exceptions import AlreadyWaiting, DayFull, OfferNotOpen, PlacesAvailable
from tickets.models import Registration, Ticket, WaitingListEntry
from tickets.services import waitlist

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_day(edition):
    day = DayFactory(edition=edition, capacity=4)
    services.register(
        edition=edition, days=[day], name="Holder", email="holder@example.org", companions=["", "", ""]
    )
    return day


def join(day, email, places=1):
    return waitlist.join_waiting_list(
        day=day, name=email.split("@")[0], email=email, language="fr", places=places
    )


def test_join_only_when_the_day_is_full(edition):
    day = DayFactory(edition=edition, capacity=4)
    with pytest.raises(PlacesAvailable):
        join(day, "a@example.org")


def test_join_once_per_email_and_day(full_day):
    join(full_day, "a@example.org", places=2)
    with pytest.raises(AlreadyWaiting):
        join(full_day, "A@example.org")
    assert WaitingListEntry.objects.get().places == 2


def test_freed_places_offered_in_order_and_held(full_day, edition):
    first = join(full_day, "first@example.org", places=2)
    second = join(full_day, "second@example.org", places=1)
    holder = Registration.objects.get(email="holder@example.org")
    tickets = list(Ticket.objects.valid_of(holder))
    services.cancel_tickets(registration=holder, tickets=tickets[:2])  # frees 2: the first in line gets them
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (WaitingStatus.OFFERED, WaitingStatus.WAITING)
    assert services.places_left(day=full_day) == 0  # held for the person offered: no one jumps the queue
    with pytest.raises(DayFull):
        services.register(edition=edition, days=[full_day], name="Jumper", email="jumper@example.org")


def test_strict_order_the_next_waits_for_enough_places(full_day):
    family = join(full_day, "family@example.org", places=3)
    single = join(full_day, "single@example.org", places=1)
    holder = Registration.objects.get(email="holder@example.org")
    services.cancel_tickets(registration=holder, tickets=list(Ticket.objects.valid_of(holder))[:1])
    family.refresh_from_db()
    single.refresh_from_db()
    assert (family.status, single.status) == (WaitingStatus.WAITING, WaitingStatus.WAITING)


def test_offer_mail_has_claim_link_and_claim_gives_tickets(full_day, django_capture_on_commit_callbacks):
    entry = join(full_day, "wait@example.org", places=2)
    holder = Registration.objects.get(email="holder@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_tickets(registration=holder)
    offer = next(m for m in mail.outbox if "libérées" in m.subject)
    assert f"/fr/tickets/waiting-list/{entry.public_id}/{entry.token}/" in offer.body
    registration = waitlist.claim_offer(entry=entry)
    assert registration.tickets.valid().count() == 2
    entry.refresh_from_db()
    assert (entry.status, entry.registration) == (WaitingStatus.CLAIMED, registration)
    assert services.places_left(day=full_day) == 2
    with pytest.raises(OfferNotOpen):
        waitlist.claim_offer(entry=entry)


def test_expired_offer_passes_to_the_next(full_day, settings):
    settings.TICKETS_WAITING_LIST_OFFER_HOURS = 24
    first = join(full_day, "first@example.org", places=1)
    second = join(full_day, "second@example.org", places=1)
    holder = Registration.objects.get(email="holder@example.org")
    services.cancel_tickets(registration=holder, tickets=list(Ticket.objects.valid_of(holder))[:1])
    later = timezone.now() + dt.timedelta(hours=25)
    assert waitlist.process_waiting_list(now=later) == (1, 1)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (WaitingStatus.EXPIRED, WaitingStatus.OFFERED)
    with pytest.raises(OfferNotOpen):
        waitlist.claim_offer(entry=first)


def test_process_waiting_list_twice_makes_no_second_offer(full_day):
    join(full_day, "first@example.org", places=1)
    join(full_day, "second@example.org", places=1)
    holder = Registration.objects.get(email="holder@example.org")
    for ticket in list(Ticket.objects.valid_of(holder))[:1]:
        services.cancel_ticket(ticket=ticket)  # freed without triggering offers: the command does it
    out = StringIO()
    call_command("process_waiting_list", stdout=out)
    call_command("process_waiting_list", stdout=out)
    assert out.getvalue().splitlines() == [
        "offers expired 0, offers made 1",
        "offers expired 0, offers made 0",
    ]
    assert WaitingListEntry.objects.filter(status=WaitingStatus.OFFERED).count() == 1


def test_leaving_an_offer_passes_it_on(full_day):
    first = join(full_day, "first@example.org")
    second = join(full_day, "second@example.org")
    holder = Registration.objects.get(email="holder@example.org")
    services.cancel_tickets(registration=holder, tickets=list(Ticket.objects.valid_of(holder))[:1])
    waitlist.leave_waiting_list(entry=WaitingListEntry.objects.get(pk=first.pk))
    second.refresh_from_db()
    assert second.status == WaitingStatus.OFFERED


def test_waiting_list_pages(client, full_day):
    response = client.post(
        "/fr/tickets/waiting-list/",
        {"day": full_day.pk, "places": 3, "name": "Lina", "email": "lina@example.org", "language": "nl"},
    )
    entry = WaitingListEntry.objects.get()
    assert response["Location"] == f"/fr/tickets/waiting-list/{entry.public_id}/{entry.token}/"
    page = client.get(response["Location"]).content.decode()
    assert "numéro 1 dans la file" in page
    assert client.get(f"/fr/tickets/waiting-list/{entry.public_id}/{'x' * 43}/").status_code == 404
    client.post(response["Location"], {"action": "leave"})
    entry.refresh_from_db()
    assert entry.status == WaitingStatus.LEFT


def test_waiting_list_form_bad_input(client, full_day):
    response = client.post(
        "/fr/tickets/waiting-list/",
        {"day": full_day.pk, "places": 9, "name": "", "email": "x", "language": "fr"},
    )
    html = response.content.decode()
    assert "Vous pouvez demander de 1 à 6 places." in html
    assert "Indiquez votre nom." in html
    assert WaitingListEntry.objects.count() == 0


def test_claim_through_the_page(client, full_day):
    entry = join(full_day, "wait@example.org", places=1)
    holder = Registration.objects.get(email="holder@example.org")
    services.cancel_tickets(registration=holder, tickets=list(Ticket.objects.valid_of(holder))[:1])
    url = f"/fr/tickets/waiting-list/{entry.public_id}/{entry.token}/"
    assert "Prendre mon billet" in client.get(url).content.decode()
    response = client.post(url, {"action": "claim"})
    registration = Registration.objects.get(email="wait@example.org")
    assert response["Location"] == f"/fr/tickets/my/{registration.public_id}/{registration.manage_token}/"


def test_registration_form_full_day_links_the_waiting_list(client, full_day):
    response = client.post("/fr/tickets/", form_data(full_day))
    assert "S’inscrire sur la liste d’attente" in response.content.decode()
