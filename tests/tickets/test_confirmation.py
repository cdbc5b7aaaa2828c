"""Online registrations confirm their e-mail address before any ticket exists: the form holds the places for
a while and mails a link; the button on the link's page issues the tickets. Holds stop counting when their
time runs out, with no job, and the places they free go to the waiting list first."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArrivalWindowFactory, DayFactory, EditionFactory
from tests.tickets.conftest import confirm_registration, form_data, register_confirmed
from tickets import services
from tickets.enums import WaitingStatus
from tickets.exceptions import HoldLapsed
from tickets.mail import send_queued_mail
from tickets.models import OutgoingMail, PlaceHold, Registration, Ticket, WaitingListEntry

pytestmark = pytest.mark.django_db

URL = "/fr/tickets/"
CHECK_MAIL = "/fr/tickets/check-your-mail/"


@pytest.fixture
def day(edition):
    return DayFactory(edition=edition, date=edition.ends_on, capacity=10)


def confirm_path(registration: Registration) -> str:
    return reverse("tickets:confirm", args=[registration.public_id, registration.manage_token])


def lapse(registration: Registration) -> None:
    Registration.objects.filter(pk=registration.pk).update(
        hold_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )


def sent_mail() -> list:
    send_queued_mail()
    return list(mail.outbox)


def test_the_form_holds_the_places_and_mails_one_link_in_the_visitors_language(client, day):
    before = timezone.now()
    response = client.post("/nl/tickets/", form_data(day, language="nl", companions="1", companion_1="Lou"))

    registration = Registration.objects.get()
    assert (response.status_code, response["Location"]) == (302, "/nl/tickets/check-your-mail/")
    assert (registration.confirmed_at, registration.held_companions) == (None, ["Lou"])
    assert (
        before + dt.timedelta(minutes=30)
        <= registration.hold_expires_at
        <= timezone.now() + dt.timedelta(minutes=30)
    )
    assert list(PlaceHold.objects.values_list("day", "places")) == [(day.pk, 2)]
    assert (Ticket.objects.count(), services.places_left(day=day)) == (0, 8)
    [message] = sent_mail()
    assert message.to == ["ana@example.org"]
    assert message.subject.startswith("Bevestig je e-mailadres")
    assert f"/nl/tickets/confirm/{registration.public_id}/{registration.manage_token}/" in message.body
    assert message.attachments == []


def test_the_mailbox_page_says_until_when_and_what_to_do_without_mail(client, day):
    client.post(URL, form_data(day))
    registration = Registration.objects.get()

    page = client.get(CHECK_MAIL).content.decode()

    held_until = timezone.localtime(registration.hold_expires_at).strftime("%H:%M")
    assert f"Nous gardons vos places jusqu’à {held_until}." in page
    assert "ana@example.org" in page
    assert 'action="/fr/tickets/check-your-mail/"' in page
    assert "+32 2 282 47 70" in page
    assert registration.manage_token not in page  # the link only travels by mail


def test_the_mailbox_page_without_a_registration_leads_to_the_form(client, day):
    assert client.get(CHECK_MAIL)["Location"] == URL


def test_following_the_link_confirms_nothing_the_button_issues_the_tickets(client, day):
    client.post(URL, form_data(day, companions="1", companion_1="Lou"))
    registration = Registration.objects.get()

    page = client.get(confirm_path(registration))
    assert (page.status_code, Ticket.objects.count()) == (200, 0)
    assert "Confirmer et recevoir mes billets" in page.content.decode()
    assert page["X-Robots-Tag"] == "noindex, nofollow"

    response = client.post(confirm_path(registration))

    registration.refresh_from_db()
    assert response["Location"] == f"/fr/tickets/my/{registration.public_id}/{registration.manage_token}/"
    assert registration.confirmed_at is not None
    assert list(registration.tickets.valid().values_list("holder_name", flat=True)) == ["Ana Peeters", "Lou"]
    assert (PlaceHold.objects.count(), services.places_left(day=day)) == (0, 8)
    tickets_mail = sent_mail()[-1]
    assert tickets_mail.attachments[0][0].endswith(".pdf")
    manage = client.get(response["Location"]).content.decode()
    assert manage.count("<svg") == 2


def test_confirming_twice_issues_once_and_mails_the_tickets_once(client, day):
    client.post(URL, form_data(day))
    registration = Registration.objects.get()

    first = client.post(confirm_path(registration))
    second = client.post(confirm_path(registration))

    assert first["Location"] == second["Location"]
    assert Ticket.objects.count() == 1
    assert OutgoingMail.objects.filter(to="ana@example.org").count() == 2  # the link, then the tickets


def test_the_manage_link_of_an_unconfirmed_registration_opens_the_confirmation(client, day):
    client.post(URL, form_data(day))
    registration = Registration.objects.get()
    manage = reverse("tickets:manage", args=[registration.public_id, registration.manage_token])
    assert client.get(manage)["Location"] == confirm_path(registration)


def test_a_wrong_token_finds_nothing(client, day):
    client.post(URL, form_data(day))
    registration = Registration.objects.get()
    assert client.get(reverse("tickets:confirm", args=[registration.public_id, "x" * 43])).status_code == 404


def test_registering_again_while_pending_resends_the_same_link_and_holds_nothing_more(client, day):
    client.post(URL, form_data(day))
    response = client.post(URL, form_data(day, name="Ana again", companions="2"))

    registration = Registration.objects.get()
    assert response["Location"] == CHECK_MAIL
    assert (registration.name, services.places_left(day=day)) == ("Ana Peeters", 9)
    links = [m.body for m in sent_mail()]
    assert len(links) == 2
    assert all(confirm_path(registration) in body for body in links)


def test_someone_else_asking_with_a_waiting_address_learns_nothing_of_its_places(client, day):
    """A stranger who types an address that waits for its confirmation sends the link again to it, and sees
    none of what it holds (days, people, until when): only its own browser's page shows that."""
    client.post(URL, form_data(day, companions="1", companion_1="Lou"))
    stranger = Client()

    response = stranger.post(URL, form_data(day, name="Eve"))
    page = stranger.get(CHECK_MAIL).content.decode()

    assert response["Location"] == CHECK_MAIL
    assert "held-places" not in page
    assert "Nous gardons vos places" not in page
    assert "2 personnes" not in page
    assert "ana@example.org" in page  # what the stranger typed, and where the link went again
    own = client.get(CHECK_MAIL).content.decode()
    assert ("held-places" in own, "2 personnes" in own) == (True, True)
    client.post(URL, form_data(day))  # its own browser asking again still sees its places
    assert "held-places" in client.get(CHECK_MAIL).content.decode()


def test_the_link_is_sent_again_a_few_times_a_day_at_most(client, day, settings):
    settings.TICKETS_CONFIRM_LINK_LIMIT = "2/86400"
    client.post(URL, form_data(day))
    statuses = [client.post(CHECK_MAIL).status_code for _ in range(3)]

    assert statuses == [302, 302, 429]
    assert OutgoingMail.objects.count() == 3
    refused = client.post(CHECK_MAIL)
    assert "Trop de tentatives" in refused.content.decode()


def test_a_hold_stops_counting_when_its_time_runs_out_without_any_job(client, day):
    client.post(URL, form_data(day, companions="3"))
    assert services.places_left(day=day) == 6
    assert services.places_left_of_days([day]) == {day.pk: 6}

    lapse(Registration.objects.get())

    assert services.places_left(day=day) == 10
    assert services.places_left_of_days([day]) == {day.pk: 10}


def test_a_hold_counts_against_its_arrival_window(client, day):
    window = ArrivalWindowFactory(day=day, capacity=3)
    client.post(URL, form_data(day, companions="1", **{f"window_{day.pk}": str(window.pk)}))
    assert services.places_left(day=day, arrival_window=window) == 1


def test_a_lapsed_hold_is_still_confirmed_while_places_are_left(client, day):
    client.post(URL, form_data(day))
    registration = Registration.objects.get()
    lapse(registration)

    page = client.get(confirm_path(registration)).content.decode()
    response = client.post(confirm_path(registration))

    assert "Vous pouvez encore confirmer" in page
    assert response.status_code == 302
    assert Ticket.objects.filter(registration=registration).count() == 1


def test_a_lapsed_hold_on_a_day_now_full_says_so_and_offers_the_waiting_list(client, edition):
    day = DayFactory(edition=edition, date=edition.ends_on, capacity=2)
    client.post(URL, form_data(day, companions="1"))
    registration = Registration.objects.get()
    lapse(registration)
    services.register(edition=edition, days=[day], name="Bob", email="bob@example.org")

    response = client.post(confirm_path(registration))

    html = response.content.decode()
    assert response.status_code == 409
    assert "la journée est maintenant complète" in html
    assert f"/fr/tickets/waiting-list/?day={day.pk}&amp;places=2" in html
    assert Ticket.objects.filter(registration=registration).count() == 0


def test_a_confirmation_begun_before_the_hold_lapsed_takes_no_place_given_away_meanwhile(client, edition):
    """The button pressed a moment before the hold's end, and its request served after it (waiting for the
    day's lock while someone took the freed places): the time that counts is when the places are taken."""
    day = DayFactory(edition=edition, date=edition.ends_on, capacity=2)
    client.post(URL, form_data(day, companions="1"))
    lapse(Registration.objects.get())
    registration = Registration.objects.get()
    pressed = registration.hold_expires_at - dt.timedelta(seconds=1)
    services.register(edition=edition, days=[day], name="Bob", email="bob@example.org", companions=["Cy"])

    with pytest.raises(HoldLapsed):
        services.confirm_registration(registration=registration, now=pressed)

    assert (Ticket.objects.valid().filter(day=day).count(), services.places_left_unclamped(day=day)) == (2, 0)


def test_a_lapsed_hold_sent_to_the_waiting_list_can_claim_the_offer_it_gets(client, edition):
    """Too late to confirm, the day full: the page sends the visitor to the waiting list. Offered places
    later, they get them: the lapsed registration's claim on the day does not make them 'already
    registered'."""
    day = DayFactory(edition=edition, date=edition.ends_on, capacity=2)
    client.post(URL, form_data(day, companions="1", companion_1="Lou"))
    lapsed = Registration.objects.get()
    lapse(lapsed)
    bob = services.register(
        edition=edition, days=[day], name="Bob", email="bob@example.org", companions=["Cy"]
    )
    with pytest.raises(HoldLapsed):
        services.confirm_registration(registration=lapsed)
    entry = services.join_waiting_list(day=day, name="Ana", email="ana@example.org", language="fr", places=2)
    services.cancel_tickets(registration=bob)
    entry.refresh_from_db()
    assert entry.status == WaitingStatus.OFFERED

    registration = services.claim_offer(entry=entry, companions=["Lou"])

    assert list(registration.tickets.valid().values_list("holder_name", flat=True)) == ["Ana", "Lou"]
    assert not Registration.objects.filter(pk=lapsed.pk).exists()


def test_registering_again_after_the_hold_lapsed_replaces_it(client, day):
    client.post(URL, form_data(day))
    old = Registration.objects.get()
    lapse(old)

    client.post(URL, form_data(day, companions="1"))

    new = Registration.objects.get()
    assert new.pk != old.pk
    assert services.places_left(day=day) == 8
    assert client.get(confirm_path(old)).status_code == 404


def test_places_freed_by_a_lapsed_hold_go_to_the_waiting_list_when_someone_next_looks(client, edition):
    day = DayFactory(edition=edition, date=edition.ends_on, capacity=2)
    client.post(URL, form_data(day, companions="1"))
    registration = Registration.objects.get()
    entry = services.join_waiting_list(day=day, name="Wai", email="wai@example.org", language="fr", places=2)
    lapse(registration)
    assert WaitingListEntry.objects.get(pk=entry.pk).status == WaitingStatus.WAITING

    client.get(URL)

    assert WaitingListEntry.objects.get(pk=entry.pk).status == WaitingStatus.OFFERED
    with pytest.raises(HoldLapsed):
        services.confirm_registration(registration=registration)


def test_the_next_registration_offers_lapsed_places_to_the_waiting_list_before_taking_any(client, edition):
    day = DayFactory(edition=edition, date=edition.ends_on, capacity=2)
    client.post(URL, form_data(day, companions="1"))
    entry = services.join_waiting_list(day=day, name="Wai", email="wai@example.org", language="fr", places=2)
    lapse(Registration.objects.get())

    response = client.post(URL, form_data(day, email="late@example.org"))

    assert "est complet" in response.content.decode()
    assert WaitingListEntry.objects.get(pk=entry.pk).status == WaitingStatus.OFFERED


def test_an_unconfirmed_registration_never_uses_the_addresss_allowance(client, edition, settings):
    settings.TICKETS_MAX_REGISTRATIONS_PER_EMAIL = 1
    friday = DayFactory(edition=edition, date=edition.starts_on)
    saturday = DayFactory(edition=edition, date=edition.ends_on)
    client.post(URL, form_data(friday))
    lapse(Registration.objects.get())

    response = register_confirmed(client, form_data(saturday))

    assert response.status_code == 302
    assert list(Ticket.objects.values_list("day", flat=True)) == [saturday.pk]


def test_a_cancelled_registration_never_uses_the_addresss_allowance(client, day, settings):
    settings.TICKETS_MAX_REGISTRATIONS_PER_EMAIL = 1
    register_confirmed(client, form_data(day))
    services.cancel_tickets(registration=Registration.objects.get())

    response = register_confirmed(client, form_data(day))

    assert (response.status_code, Ticket.objects.valid().count()) == (302, 1)


def test_an_edition_without_the_check_issues_the_tickets_at_once(client):
    edition = EditionFactory(registration_confirms_email=False)
    day = DayFactory(edition=edition, date=edition.ends_on)

    response = client.post(URL, form_data(day))

    registration = Registration.objects.get()
    assert response["Location"] == f"/fr/tickets/my/{registration.public_id}/{registration.manage_token}/"
    assert (registration.is_confirmed, registration.tickets.count()) == (True, 1)


def test_the_desk_needs_no_confirmation(admin_client, day):
    data = form_data(day, email="", channel="phone", phone="02 123 45 67")
    response = admin_client.post("/fr/tickets/desk/", data)

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert (registration.is_confirmed, registration.tickets.count()) == (True, 1)


def test_the_hold_lasts_as_long_as_the_edition_says(client):
    edition = EditionFactory(registration_hold_minutes=10)
    day = DayFactory(edition=edition, date=edition.ends_on)
    client.post(URL, form_data(day))
    left = Registration.objects.get().hold_expires_at - timezone.now()
    assert dt.timedelta(minutes=9) < left <= dt.timedelta(minutes=10)


def test_the_confirmation_mail_is_dropped_once_nothing_waits(client, day):
    client.post(URL, form_data(day))
    confirm_registration(client)
    assert [m.subject[:11] for m in sent_mail()] == ["Vos billets"]  # the link's mail had nothing to say


def test_a_flood_of_guessed_links_is_refused_changes_nothing_and_is_then_rate_limited(client, day, settings):
    settings.TICKETS_RATE_LIMIT = (20, 3600)
    client.post("/nl/tickets/", form_data(day, language="nl"))
    registration = Registration.objects.get()
    before = list(Registration.objects.values_list("confirmed_at", "manage_token", "hold_expires_at"))
    mails = OutgoingMail.objects.count()
    guesses = [
        reverse("tickets:confirm", args=[registration.public_id, f"{n:043d}"])
        if n % 2
        else reverse("tickets:confirm", args=[f"X{n:07d}", registration.manage_token])
        for n in range(50)
    ]

    responses = [client.post(path.replace("/fr/", "/nl/", 1)) for path in guesses]

    statuses = [response.status_code for response in responses]
    assert statuses == [404] * 20 + [429] * 30
    assert "Pagina niet gevonden" in responses[0].content.decode()
    refused = responses[-1]
    assert "Te veel pogingen" in refused.content.decode()
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert refused["X-Robots-Tag"] == "noindex, nofollow"
    assert list(Registration.objects.values_list("confirmed_at", "manage_token", "hold_expires_at")) == before
    assert (Ticket.objects.count(), PlaceHold.objects.get().places, OutgoingMail.objects.count()) == (
        0,
        1,
        mails,
    )
    # The address that flooded waits too, even with the right link; another address confirms as usual.
    assert client.post(confirm_path(registration)).status_code == 429
    assert client.post(confirm_path(registration), REMOTE_ADDR="192.0.2.7").status_code == 302
    assert Ticket.objects.count() == 1


def test_following_the_link_is_never_rate_limited(client, day, settings):
    settings.TICKETS_RATE_LIMIT = (1, 3600)
    client.post(URL, form_data(day))
    registration = Registration.objects.get()
    assert [client.get(confirm_path(registration)).status_code for _ in range(5)] == [200] * 5
