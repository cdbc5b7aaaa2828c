"""Every action that sends a mail is limited per registration, per e-mail address and per client address, so
no one can flood someone else's mailbox through the organizers' sender; a refusal is the page again, with
when to try again and the organizers' phone number."""

import pytest
from django.test import Client

from tickets import services
from tickets.models import OutgoingMail

pytestmark = pytest.mark.django_db

PHONE = "+32 2 282 47 70"


@pytest.fixture
def registration(edition, saturday):
    return services.register(
        edition=edition, days=[saturday], name="Victim", email="victim@example.org", language="fr"
    )


def url(registration):
    return f"/fr/tickets/my/{registration.public_id}/{registration.manage_token}/"


def mails_to(address: str) -> int:
    return OutgoingMail.objects.filter(to=address).count()


def test_thirty_resends_queue_at_most_the_limit(client, registration, settings):
    settings.TICKETS_RATE_LIMIT = (1000, 3600)  # the per-registration limit is the one under test
    before = mails_to("victim@example.org")
    statuses = [client.post(url(registration), {"action": "resend"}).status_code for _ in range(30)]
    assert mails_to("victim@example.org") - before == 3
    assert statuses == [302] * 3 + [429] * 27


def test_refused_resend_shows_the_page_with_when_and_whom_to_call(client, registration, settings):
    settings.TICKETS_RESEND_LIMIT = "1/86400"
    client.post(url(registration), {"action": "resend"})
    response = client.post(url(registration), {"action": "resend"})
    html = response.content.decode()
    assert (response.status_code, response["Retry-After"].isdigit()) == (429, True)
    assert "Trop de tentatives. Veuillez réessayer dans" in html
    assert PHONE in html
    assert registration.public_id[:4] in html  # the manage page itself, with the tickets


def test_victims_address_cannot_be_flooded_through_several_registrations(
    client, edition, friday, saturday, settings
):
    """An attacker registers the victim's address twice and resends from both, from many addresses."""
    settings.TICKETS_MAILS_PER_EMAIL_LIMIT = "6/86400"
    registrations = [
        services.register(edition=edition, days=[day], name="X", email="victim@example.org")
        for day in (friday, saturday)
    ]
    before = mails_to("victim@example.org")
    for n in range(20):
        attacker = Client(REMOTE_ADDR=f"198.51.100.{n}")
        for registration in registrations:
            attacker.post(url(registration), {"action": "resend"})
            attacker.post(url(registration), {"action": "new_link"})
            registration.refresh_from_db()
    assert mails_to("victim@example.org") - before == 6


def test_new_link_is_limited_per_registration(client, registration, settings):
    settings.TICKETS_NEW_LINK_LIMIT = "2/3600"
    statuses = []
    for _ in range(4):
        statuses.append(client.post(url(registration), {"action": "new_link"}).status_code)
        registration.refresh_from_db()
    assert statuses == [302, 302, 429, 429]
    assert client.get(url(registration)).status_code == 200  # the last link given still works


def test_mail_actions_are_limited_per_client_address(registration, edition, friday, settings):
    settings.TICKETS_RATE_LIMIT = (2, 3600)
    other = services.register(edition=edition, days=[friday], name="Y", email="y@example.org")
    client = Client(REMOTE_ADDR="203.0.113.5")
    statuses = [client.post(url(r), {"action": "resend"}).status_code for r in (registration, other, other)]
    assert statuses == [302, 302, 429]


def test_lost_tickets_limited_per_client_address_per_day(settings):
    settings.TICKETS_LOST_LIMIT = "3/86400"
    client = Client(REMOTE_ADDR="203.0.113.6")
    statuses = [
        client.post("/fr/tickets/lost/", {"email": f"p{n}@example.org"}).status_code for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    refused = client.post("/fr/tickets/lost/", {"email": "p9@example.org"}).content.decode()
    assert "Trop de tentatives" in refused
    assert PHONE in refused
    assert 'name="email"' in refused  # the lost-tickets form again


def test_registration_refusal_is_the_form_again_with_the_visitors_input(saturday, settings):
    settings.TICKETS_RATE_LIMIT = (1, 3600)
    client = Client(REMOTE_ADDR="203.0.113.7")
    client.post("/fr/tickets/", {"email": "not-an-address"})
    response = client.post("/fr/tickets/", {"name": "Jeanne", "email": "jeanne@example.org"})
    html = response.content.decode()
    assert (response.status_code, response["Retry-After"].isdigit()) == (429, True)
    assert 'value="jeanne@example.org"' in html
    assert PHONE in html


def test_ipv6_addresses_of_one_64_count_as_one(saturday, settings):
    settings.TICKETS_RATE_LIMIT = (2, 3600)
    statuses = [
        Client(REMOTE_ADDR=f"2001:db8:1:2::{n:x}").post("/fr/tickets/", {"email": "x"}).status_code
        for n in range(1, 4)
    ]
    assert statuses == [200, 200, 429]
    assert Client(REMOTE_ADDR="2001:db8:1:3::1").post("/fr/tickets/", {"email": "x"}).status_code == 200


def test_rotating_forwarded_for_does_not_bypass_the_limit_behind_a_proxy(saturday, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.TICKETS_RATE_LIMIT = (2, 3600)
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    statuses = [
        proxy.post(
            "/fr/tickets/", {"email": "x"}, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9"
        ).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]
