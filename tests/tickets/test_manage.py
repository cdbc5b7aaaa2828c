import io
import json
import re

import pytest
import zxingcpp
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from ical.calendar_stream import IcsCalendarStream
from PIL import Image

from tests.pdfs import page_count, pdf_objects
from tickets import codes, services
from tickets.models import DayRegistration, OutgoingMail, Registration, Ticket
from tickets.qr import qr_png

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration(edition, friday, saturday):
    return services.register(
        edition=edition,
        days=[friday, saturday],
        name="Ana Peeters",
        email="ana@example.org",
        language="fr",
        companions=["Lou"],
        accessibility_needs="Fauteuil",
        accessibility_consent=True,
    )


def url(registration, suffix=""):
    return f"/fr/tickets/my/{registration.public_id}/{registration.manage_token}/{suffix}"


def test_manage_page_shows_every_ticket_with_a_decodable_qr(client, registration):
    response = client.get(url(registration))
    html = response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert html.count('role="img"') == 4
    for ticket in registration.tickets.all():
        assert ticket.public_id[:4] in html
        image = Image.open(io.BytesIO(qr_png(ticket.signed_code())))
        assert [r.text for r in zxingcpp.read_barcodes(image)] == [ticket.signed_code()]
        assert codes.decode(ticket.signed_code()).ticket_id_text == ticket.public_id


def test_wrong_token_or_unknown_id_is_404(client, registration):
    assert client.get(f"/fr/tickets/my/{registration.public_id}/{'a' * 43}/").status_code == 404
    assert client.get(f"/fr/tickets/my/AAAAAAAAAAAAAAAA/{registration.manage_token}/").status_code == 404


def test_new_link_revokes_the_old_one(client, registration):
    old = url(registration)
    response = client.post(old, {"action": "new_link"})
    registration.refresh_from_db()
    assert response["Location"] == url(registration)
    assert client.get(old).status_code == 404
    assert client.get(url(registration)).status_code == 200


def test_cancel_one_ticket_frees_its_place_at_once(client, registration, saturday):
    ticket = registration.tickets.get(day=saturday, position=1)
    client.post(url(registration), {"action": "cancel_ticket", "ticket": ticket.public_id})
    ticket.refresh_from_db()
    assert ticket.status == "cancelled"
    assert services.places_left(day=saturday) == 99


def test_cancel_all_frees_every_place_and_the_email_may_register_again(
    client, registration, friday, saturday
):
    client.post(url(registration), {"action": "cancel_all"})
    assert (services.places_left(day=friday), services.places_left(day=saturday)) == (100, 100)
    assert DayRegistration.objects.count() == 0


def test_add_and_remove_companion_within_limits(client, registration, friday, saturday, settings):
    client.post(url(registration), {"action": "add_companion", "first_name": "Zoé"})
    assert list(registration.tickets.valid().filter(day=saturday).values_list("holder_name", flat=True)) == [
        "Ana Peeters",
        "Lou",
        "Zoé",
    ]
    settings.TICKETS_MAX_COMPANIONS = 2
    response = client.post(url(registration), {"action": "add_companion", "first_name": "Trop"}, follow=True)
    assert "Vous pouvez inscrire au plus 5 accompagnant·es." in response.content.decode()
    assert registration.tickets.valid().count() == 6
    client.post(url(registration), {"action": "remove_companion", "position": "1"})
    assert sorted(registration.tickets.valid().values_list("position", flat=True)) == [0, 0, 2, 2]


def test_add_companion_refused_when_day_is_full(client, registration, saturday):
    saturday.capacity = 2
    saturday.save()
    response = client.post(url(registration), {"action": "add_companion", "first_name": "Zoé"}, follow=True)
    assert "Cette journée est complète." in response.content.decode()
    assert registration.tickets.valid().count() == 4


def test_resend_queues_the_confirmation_again(client, registration, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(registration), {"action": "resend"})
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert mail.outbox[0].attachments[0][2] == "application/pdf"


def test_download_data_as_json(client, registration):
    response = client.get(url(registration, "my-data.json"))
    data = json.loads(response.content)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert (data["name"], data["email"], data["accessibility_needs"]) == (
        "Ana Peeters",
        "ana@example.org",
        "Fauteuil",
    )
    assert [t["holder_name"] for t in data["tickets"]] == ["Ana Peeters", "Lou", "Ana Peeters", "Lou"]


def test_delete_for_good_needs_confirmation_then_erases(client, registration, saturday):
    response = client.post(url(registration), {"action": "delete"})
    assert "Cochez la case pour confirmer." in response.content.decode()
    assert Registration.objects.get().name == "Ana Peeters"
    old = url(registration)
    response = client.post(old, {"action": "delete", "confirm": "on"})
    assert "Vos données sont supprimées" in response.content.decode()
    erased = Registration.objects.get()
    assert (erased.name, erased.email, erased.accessibility_needs, erased.anonymized_at is not None) == (
        "",
        "",
        "",
        True,
    )
    assert set(Ticket.objects.values_list("holder_name", "status")) == {("", "cancelled")}
    assert OutgoingMail.objects.filter(to="ana@example.org").count() == 0
    assert services.places_left(day=saturday) == 100
    assert client.get(old).status_code == 404


def test_pdf_is_tagged_one_qr_per_ticket_in_the_visitors_language(client, registration):
    response = client.get(url(registration, "tickets.pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"
    objects = pdf_objects(response.content)
    assert b"/StructTreeRoot" in objects
    assert re.findall(rb"/Lang\s*\((\w+)\)", objects) == [b"fr"]
    assert (
        len(re.findall(rb"/Alt\s*[(<]", objects)) == 4
    )  # one QR image, with its text alternative, per ticket


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_pdf_of_the_demo_edition_has_exactly_one_page_per_ticket(language):
    from demo import events as events_demo
    from tickets.documents import tickets_pdf

    events_demo.load()  # the real venue texts and every space's accessibility facts, the longest we ship
    edition = events_demo.upcoming_edition()
    registration = services.register(
        edition=edition,
        days=[day for day in edition.days.all() if day.is_open_to_public],
        name="Ana Peeters",
        email="ana@example.org",
        language=language,
        companions=["Lou", ""],
    )
    tickets = list(registration.tickets.all())

    pdf = tickets_pdf(registration=registration, tickets=tickets)

    assert (len(tickets), page_count(pdf)) == (6, 6)


def test_calendar_file_is_valid_icalendar_with_one_event_per_day(client, registration, friday, saturday):
    response = client.get(url(registration, "visit.ics"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = IcsCalendarStream.calendar_from_ics(response.content.decode())
    starts = sorted(event.dtstart for event in calendar.events)
    assert [s.date() for s in starts] == [friday.date, saturday.date]
    assert [s.hour for s in starts] == [12, 10]  # Friday public from noon
    assert str(starts[0].tzinfo) == "Europe/Brussels"


def test_lost_tickets_same_answer_and_once_an_hour(client, registration, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/fr/tickets/lost/", {"email": "ANA@example.org"})
        unknown = client.post("/fr/tickets/lost/", {"email": "nobody@example.org"})
        again = client.post("/fr/tickets/lost/", {"email": "ana@example.org"})

    def page(response):
        html = re.sub(r'csrftoken": "\w+"', "", response.content.decode())
        return html.replace("ANA@example.org", "X").replace("nobody@example.org", "X")

    assert page(known) == page(unknown)
    assert again.status_code == 200
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert url(registration) in mail.outbox[0].body


def test_lost_form_bad_email(client):
    response = client.post("/fr/tickets/lost/", {"email": "ana"})
    assert "Saisissez une adresse e-mail comme nom@exemple.be." in response.content.decode()


def test_news_consent_withdrawn_in_one_click(client, edition, saturday):
    registration = services.register(
        edition=edition, days=[saturday], name="N", email="n@example.org", news_opt_in=True
    )
    assert "Ne plus m’envoyer de nouvelles" in client.get(url(registration)).content.decode()
    client.post(url(registration), {"action": "news_off"})
    registration.refresh_from_db()
    assert (registration.news_opt_in, registration.news_consent_at) == (False, None)


@pytest.mark.parametrize(
    ("lang", "calendar", "star"),
    [
        ("fr", "Ajouter à mon calendrier", "Ajouter à mon agenda"),
        ("nl", "Aan mijn kalender toevoegen", "Aan mijn agenda toevoegen"),
        ("en", "Add to my calendar", "Add to my agenda"),
    ],
)
def test_the_visits_ics_and_the_programme_star_have_different_words(
    client, registration, lang, calendar, star
):
    """The ticket page's .ics goes to the visitor's calendar app; the star keeps a session in "My agenda"."""
    html = client.get(url(registration).replace("/fr/", f"/{lang}/", 1)).content.decode()
    assert calendar in html
    assert star not in html
    with translation.override(lang):
        assert gettext("Add to my agenda") == star
        assert gettext("Add to my calendar (.ics)") == f"{calendar} (.ics)"
