import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone, translation

from events.enums import DayAudience
from schools.views import places_text
from tests.factories import ArrivalWindowFactory, DayFactory, EditionFactory, TicketFactory
from tests.tickets.conftest import form_data, register_confirmed
from tickets import services
from tickets.exceptions import (
    AlreadyRegistered,
    DayFull,
    DayNotAvailable,
    EmailLimitReached,
    RegistrationClosed,
    TooManyPeople,
    WindowRequired,
)
from tickets.models import DayRegistration, OutgoingMail, Registration, Ticket

pytestmark = pytest.mark.django_db
URL = "/fr/tickets/"


def test_register_two_days_with_companions_one_ticket_per_person_and_day(edition, friday, saturday):
    registration = services.register(
        edition=edition,
        days=[friday, saturday],
        name="Ana Peeters",
        email=" Ana@Example.org ",
        language="nl",
        companions=["Lou", ""],
        news_opt_in=True,
    )
    tickets = list(registration.tickets.order_by("day__date", "position"))
    assert [(t.day, t.position, t.holder_name) for t in tickets] == [
        (friday, 0, "Ana Peeters"),
        (friday, 1, "Lou"),
        (friday, 2, ""),
        (saturday, 0, "Ana Peeters"),
        (saturday, 1, "Lou"),
        (saturday, 2, ""),
    ]
    assert registration.email == "ana@example.org"
    assert registration.news_consent_at is not None
    assert (services.places_left(day=friday), services.places_left(day=saturday)) == (97, 97)
    assert sorted(DayRegistration.objects.values_list("day_id", "email")) == [
        (friday.pk, "ana@example.org"),
        (saturday.pk, "ana@example.org"),
    ]


def test_register_sends_confirmation_in_visitors_language_with_pdf_and_manage_link(
    edition, saturday, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(
            edition=edition, days=[saturday], name="Jan", email="jan@example.org", language="nl"
        )
    [message] = mail.outbox
    assert message.to == ["jan@example.org"]
    assert message.subject == f"Je tickets voor {edition.name}"
    assert f"/nl/tickets/my/{registration.public_id}/{registration.manage_token}/" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert (filename.endswith(".pdf"), content[:5], mimetype) == (True, b"%PDF-", "application/pdf")


def test_accessibility_needs_kept_only_with_consent(edition, saturday):
    without = services.register(
        edition=edition, days=[saturday], name="A", email="a@example.org", accessibility_needs="Wheelchair"
    )
    with_consent = services.register(
        edition=edition,
        days=[saturday],
        name="B",
        email="b@example.org",
        accessibility_needs="Wheelchair",
        accessibility_consent=True,
    )
    assert (without.accessibility_needs, without.accessibility_consent_at) == ("", None)
    assert with_consent.accessibility_needs == "Wheelchair"
    assert with_consent.accessibility_consent_at is not None


def test_same_email_cannot_register_twice_for_a_day(edition, friday, saturday):
    services.register(edition=edition, days=[saturday], name="Ana", email="ana@example.org")
    with pytest.raises(AlreadyRegistered):
        services.register(edition=edition, days=[friday, saturday], name="Ana", email="ANA@example.org")
    assert Ticket.objects.filter(day=friday).count() == 0


def test_same_email_same_day_rejected_by_database(edition, saturday):
    registration = services.register(edition=edition, days=[saturday], name="Ana", email="ana@example.org")
    with pytest.raises(IntegrityError):
        DayRegistration.objects.create(registration=registration, day=saturday, email="ana@example.org")


def test_cancelled_day_can_be_registered_again(edition, saturday):
    registration = services.register(edition=edition, days=[saturday], name="Ana", email="ana@example.org")
    services.cancel_tickets(registration=registration)
    again = services.register(edition=edition, days=[saturday], name="Ana", email="ana@example.org")
    assert again.tickets.valid().count() == 1


def test_one_valid_ticket_per_person_per_day_rejected_by_database(edition, saturday):
    registration = services.register(edition=edition, days=[saturday], name="Ana", email="ana@example.org")
    with pytest.raises(IntegrityError):
        Ticket.objects.create(edition=edition, day=saturday, registration=registration, position=0)


def test_too_many_companions_rejected(edition, saturday):
    with pytest.raises(TooManyPeople):
        services.register(
            edition=edition, days=[saturday], name="A", email="a@example.org", companions=[""] * 6
        )
    assert Registration.objects.count() == 0


def test_full_day_creates_nothing(edition, friday, saturday):
    saturday.capacity = 2
    saturday.save()
    with pytest.raises(DayFull) as error:
        services.register(
            edition=edition, days=[friday, saturday], name="A", email="a@example.org", companions=["B", "C"]
        )
    assert error.value.details == {"day": saturday.pk}
    assert (Registration.objects.count(), Ticket.objects.count(), OutgoingMail.objects.count()) == (0, 0, 0)


def test_registration_window_enforced(edition, saturday):
    edition.registration_opens_at = timezone.now() + dt.timedelta(days=1)
    edition.save()
    with pytest.raises(RegistrationClosed):
        services.register(edition=edition, days=[saturday], name="A", email="a@example.org")


def test_past_day_and_school_day_refused():
    today = timezone.localdate()
    edition = EditionFactory(starts_on=today - dt.timedelta(days=1), ends_on=today + dt.timedelta(days=1))
    past = DayFactory(edition=edition, date=edition.starts_on)
    schools = DayFactory(edition=edition, date=edition.ends_on, audience=DayAudience.SCHOOLS)
    for day in (past, schools):
        with pytest.raises(DayNotAvailable):
            services.register(edition=edition, days=[day], name="A", email="a@example.org")


def test_desk_registration_needs_no_email_and_may_be_outside_online_window(edition, saturday):
    edition.registration_closes_at = timezone.now() - dt.timedelta(minutes=1)
    edition.registration_opens_at = timezone.now() - dt.timedelta(days=2)
    edition.save()
    registration = services.register(edition=edition, days=[saturday], name="Jeanne", channel="phone")
    assert (registration.email, registration.channel, registration.tickets.count()) == ("", "phone", 1)
    assert mail.outbox == []


def test_arrival_window_required_when_the_day_has_them(edition, saturday):
    window = ArrivalWindowFactory(day=saturday, capacity=1)
    with pytest.raises(WindowRequired):
        services.register(edition=edition, days=[saturday], name="A", email="a@example.org")
    registration = services.register(
        edition=edition,
        days=[saturday],
        name="A",
        email="a@example.org",
        arrival_windows={saturday.pk: window},
    )
    assert registration.tickets.get().arrival_window == window


def test_limit_of_registrations_per_email(edition, friday, saturday, settings):
    settings.TICKETS_MAX_REGISTRATIONS_PER_EMAIL = 1
    services.register(edition=edition, days=[friday], name="A", email="a@example.org")
    with pytest.raises(EmailLimitReached):
        services.register(edition=edition, days=[saturday], name="A", email="a@example.org")


def test_cancelled_registrations_never_use_up_the_owners_limit(edition, saturday, settings):
    """Someone who registers with another person's address and cancels, again and again, must not leave
    the real owner unable to register."""
    settings.TICKETS_MAX_REGISTRATIONS_PER_EMAIL = 2
    for _ in range(3):
        registration = services.register(edition=edition, days=[saturday], name="A", email="a@example.org")
        services.cancel_tickets(registration=registration)
    registration = services.register(edition=edition, days=[saturday], name="Owner", email="A@example.org")
    assert [t.status for t in registration.tickets.all()] == ["valid"]


# ---------------------------------------------------------------- the form, over HTTP


def test_form_shows_public_days_with_places_left(client, friday, saturday):
    TicketFactory(day=saturday)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('name="days"') == 2
    assert "99 places restantes" in html
    assert "100 places restantes" in html


def test_form_post_registers_and_redirects_to_the_tickets(client, friday, saturday):
    response = register_confirmed(client, form_data(saturday, companions="2", companion_1="Lou"))
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/fr/tickets/my/{registration.public_id}/{registration.manage_token}/"
    assert list(registration.tickets.values_list("holder_name", flat=True)) == ["Ana Peeters", "Lou", ""]
    assert registration.postal_code == "1000"
    page = client.get(response["Location"])
    assert page.content.decode().count("<svg") == 3


@pytest.mark.parametrize(
    ("overrides", "field_id", "message"),
    [
        ({"email": "ana@"}, "id_email", "Saisissez une adresse e-mail comme nom@exemple.be."),
        ({"name": ""}, "id_name", "Indiquez votre nom."),
        ({"companions": "9"}, "id_companions", "Vous pouvez venir avec 5 personnes au maximum."),
        ({"days": []}, "days-legend", "Choisissez au moins un jour."),
        ({"days": ["999999"]}, "days-legend", "Choisissez un des jours proposés."),
        (
            {"edition": "another"},
            "id_edition",
            "Ce formulaire n’est plus à jour. Rechargez la page et réessayez.",
        ),
        (
            {"accessibility_needs": "Fauteuil roulant"},
            "id_accessibility_consent",
            "Cochez cette case pour que nous puissions garder vos besoins d’accessibilité",
        ),
    ],
)
def test_bad_input_message_next_to_field_and_nothing_created(client, saturday, overrides, field_id, message):
    response = client.post(URL, form_data(saturday, **overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html
    assert f'href="#{field_id}"' in html
    assert message in html
    assert (Registration.objects.count(), Ticket.objects.count()) == (0, 0)


def test_honeypot_filled_creates_nothing(client, saturday):
    response = client.post(URL, form_data(saturday, website="http://spam.example"))
    assert response.status_code == 200
    assert Registration.objects.count() == 0


def test_full_day_offers_the_waiting_list(client, saturday):
    saturday.capacity = 1
    saturday.save()
    response = client.post(URL, form_data(saturday, companions="1"))
    html = response.content.decode()
    assert "n’y a plus assez de places" in html or "complet" in html
    assert f"/fr/tickets/waiting-list/?day={saturday.pk}&amp;places=2" in html
    assert Registration.objects.count() == 0


def test_full_day_is_shown_as_full_with_waiting_list_link(client, saturday):
    saturday.capacity = 1
    saturday.save()
    TicketFactory(day=saturday)
    html = client.get(URL).content.decode()
    assert 'name="days"' not in html
    assert f"/fr/tickets/waiting-list/?day={saturday.pk}" in html


def test_second_registration_same_email_offers_resend(client, saturday):
    register_confirmed(client, form_data(saturday))
    response = client.post(URL, form_data(saturday, name="Ana again"))
    html = response.content.decode()
    assert Registration.objects.count() == 1
    assert 'action="/fr/tickets/lost/"' in html
    assert 'value="ana@example.org"' in html


def test_rate_limit_per_client_address_answers_429_in_users_language(client, saturday, settings):
    settings.TICKETS_RATE_LIMIT = (2, 3600)
    for n in range(2):
        client.post(URL, form_data(saturday, email=f"p{n}@example.org"))
    response = client.post("/nl/tickets/", form_data(saturday, email="p3@example.org"))
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    assert Registration.objects.count() == 2


def test_closed_registration_shows_when_it_opens(client, edition, saturday):
    edition.registration_opens_at = timezone.now() + dt.timedelta(days=3)
    edition.save()
    response = client.get(URL)
    assert 'name="days"' not in response.content.decode()
    assert client.post(URL, form_data(saturday)).status_code == 200
    assert Registration.objects.count() == 0


def test_email_check_htmx_fragment(client, saturday):
    bad = client.post("/fr/tickets/check-email/", {"email": "ana@"}, HTTP_HX_REQUEST="true")
    good = client.post("/fr/tickets/check-email/", {"email": "ana@example.org"}, HTTP_HX_REQUEST="true")
    assert "<html" not in bad.content.decode()
    assert "Saisissez une adresse e-mail" in bad.content.decode()
    assert good.content.decode().strip() == ""


def test_a_likely_typo_in_the_email_domain_is_pointed_out_without_blocking(client, saturday):
    hint = client.post("/nl/tickets/check-email/", {"email": "ana@gmial.com"}, HTTP_HX_REQUEST="true")
    assert "Bedoel je ana@gmail.com?" in hint.content.decode()
    refused = client.post(URL, form_data(saturday, email="ana@gmial.com", name=""))
    assert (
        "Vouliez-vous dire ana@gmail.com ?" in refused.content.decode()
    )  # shown again with the other errors
    registered = client.post(URL, form_data(saturday, email="ana@gmial.com"))
    assert (registered.status_code, Registration.objects.get().email) == (302, "ana@gmial.com")


def test_places_htmx_fragment_says_when_the_group_does_not_fit(client, saturday):
    saturday.capacity = 3
    saturday.save()
    response = client.get(
        "/fr/tickets/places/", {"days": [saturday.pk], "companions": 3}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "pas assez pour votre groupe" in html


def test_register_url_named_for_the_nav(client, saturday):
    assert reverse("tickets:register") == "/fr/tickets/"
    assert 'href="/fr/tickets/"' in client.get("/fr/").content.decode()


def test_arrival_windows_offered_with_their_places_left(client, saturday):
    ArrivalWindowFactory(day=saturday, starts_at=dt.time(10), ends_at=dt.time(12), capacity=5)
    full = ArrivalWindowFactory(day=saturday, starts_at=dt.time(12), ends_at=dt.time(14), capacity=1)
    TicketFactory(day=saturday, arrival_window=full)
    html = client.get(URL).content.decode()
    assert "10:00 – 12:00 (5 places restantes)" in html
    assert "12:00 – 14:00 (complet)" in html
    response = client.post(URL, form_data(saturday, **{f"window_{saturday.pk}": str(full.pk)}))
    assert "arrivée est complet. Veuillez en choisir un autre." in response.content.decode()
    assert Registration.objects.count() == 1  # only the factory's


@pytest.mark.parametrize(
    ("lang", "number", "expected"),
    [
        ("fr", "3\u00a0994", "3\u00a0994 places restantes"),
        ("nl", "3.994", "nog 3.994 plaatsen"),
        ("en", "3,994", "3,994 places left"),
    ],
)
def test_places_left_grouped_by_thousands_in_the_pages_language(client, saturday, lang, number, expected):
    saturday.capacity = 3994
    saturday.save()
    assert expected in client.get(f"/{lang}/tickets/").content.decode()
    places = client.get(f"/{lang}/tickets/places/", {"days": [saturday.pk], "companions": 0}).content
    assert f" {number} " in places.decode()


def test_places_label_helpers_group_thousands():
    with translation.override("fr"):
        assert places_text(12500) == "12\u00a0500 places restantes"
    with translation.override("nl"):
        assert places_text(12500) == "nog 12.500 plaatsen"
