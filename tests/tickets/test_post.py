"""Tickets by post: the desk takes a postal address, staff print a letter for a window envelope and mark
it posted; the address goes with the rest of the personal data."""

import io

import pytest
import zxingcpp
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.utils import translation

from demo import events as events_demo
from tests.pdfs import page_count, page_images, page_texts, text_box_mm
from tickets import documents, privacy, services
from tickets.envelopes import ENVELOPES, address_zone
from tickets.models import PostalAddress, Registration, Ticket

pytestmark = pytest.mark.django_db

DESK = "/fr/tickets/desk/"
ADDRESS = {
    "street": "Rue des Tanneurs",
    "number": "58",
    "box": "3",
    "postal_code": "1000",
    "commune": "Bruxelles",
    "country": "",
}


@pytest.fixture
def staff(client):
    user = User.objects.create_user("desk", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="tickets", codename__in=["add_registration", "view_registration"]
        )
    )
    client.force_login(user)
    return user


def desk_form(day, **overrides) -> dict:
    data = {
        "edition": day.edition.slug,
        "days": [str(day.pk)],
        "name": "Jeanne Dupont",
        "email": "",
        "phone": "02 123 45 67",
        "language": "nl",
        "postal_code": "",
        "companions": "2",
        "companion_1": "Lou",
        "companion_2": "",
        "channel": "post",
        "accessibility_needs": "",
    }
    data |= {f"post_{key}": value for key, value in ADDRESS.items()}
    return data | overrides


@pytest.fixture
def by_post(edition, friday, saturday):
    return services.register_by_post(
        address=ADDRESS,
        edition=edition,
        days=[friday, saturday],
        name="Jeanne Dupont",
        language="nl",
        companions=["Lou", ""],
    )


def test_desk_by_post_keeps_the_address_and_lists_the_letter_to_post(client, staff, saturday):
    response = client.post(DESK, desk_form(saturday))

    registration = Registration.objects.get()
    assert response["Location"] == f"/fr/tickets/desk/{registration.public_id}/"
    assert (registration.channel, registration.postal_code) == ("post", "1000")
    address = registration.postal_address
    with translation.override("nl"):  # the letter's language, the visitor's
        assert address.lines == ["Jeanne Dupont", "Rue des Tanneurs 58 bus 3", "1000 BRUXELLES"]
    html = client.get("/fr/tickets/desk/to-post/").content.decode()
    assert "Jeanne Dupont" in html
    assert f"/fr/tickets/desk/{registration.public_id}/letter.pdf" in html


def test_desk_by_post_without_an_address_says_what_is_missing_and_keeps_nothing(client, staff, saturday):
    data = desk_form(saturday, post_street="", post_commune="  ")

    html = client.post(DESK, data).content.decode()

    assert "Indiquez la rue à laquelle envoyer les billets." in html
    assert "Indiquez la commune, par exemple Bruxelles." in html
    assert Registration.objects.count() == 0


def test_desk_keeps_no_address_when_the_tickets_do_not_go_by_post(client, staff, saturday):
    client.post(DESK, desk_form(saturday, channel="phone"))

    assert Registration.objects.get().channel == "phone"
    assert PostalAddress.objects.count() == 0


def test_letter_puts_the_address_in_the_window_of_dl_and_c5_6_envelopes(by_post):
    tickets = list(Ticket.objects.valid_of(by_post))
    pdf = documents.post_letter_pdf(registration=by_post, address=by_post.postal_address, tickets=tickets)

    with translation.override(by_post.language):
        lines = by_post.postal_address.lines
    assert lines[1] == "Rue des Tanneurs 58 bus 3"
    for line in lines:
        left, top, right, bottom = text_box_mm(pdf, line, page=0)
        for envelope in ENVELOPES:
            w_left, w_top, w_right, w_bottom = envelope.window_on_sheet()
            assert w_left < left < right < w_right, (line, envelope.name)
            assert w_top < top < bottom < w_bottom, (line, envelope.name)
        z_left, z_top, z_right, z_bottom = address_zone()
        assert z_left - 0.5 <= left < right <= z_right  # the text starts where the block does
        assert z_top - 0.5 <= top < bottom <= z_bottom


def test_letter_is_in_the_visitors_language_and_each_qr_decodes(by_post):
    tickets = list(Ticket.objects.valid_of(by_post))
    pdf = documents.post_letter_pdf(registration=by_post, address=by_post.postal_address, tickets=tickets)

    texts = page_texts(pdf)
    assert "Hallo Jeanne Dupont," in texts[0]
    assert page_count(pdf) == 1 + 1  # the letter, then 4 tickets in two panels of one page
    decoded = []
    for image in page_images(pdf, dpi=200)[1:]:
        decoded += [result.text for result in zxingcpp.read_barcodes(image)]
    assert sorted(decoded) == sorted(ticket.signed_code() for ticket in tickets)
    for ticket in tickets:
        number = " ".join(ticket.public_id[i : i + 4] for i in range(0, 16, 4))
        assert number in "".join(texts[1:])


def test_no_qr_crosses_a_fold(by_post, edition, friday, saturday):
    more = services.register_by_post(
        address=ADDRESS,
        edition=edition,
        days=[friday, saturday],
        name="Big Family",
        companions=["A", "B", "C"],
    )
    tickets = list(Ticket.objects.valid_of(more))
    pdf = documents.post_letter_pdf(registration=more, address=more.postal_address, tickets=tickets)

    assert page_count(pdf) == 1 + 2  # 8 tickets: 6 on the first page of tickets, 2 on the next
    for page in range(1, 3):
        for ticket in tickets[:1]:
            number = " ".join(ticket.public_id[i : i + 4] for i in range(0, 16, 4))
            if number in page_texts(pdf)[page]:
                _left, top, _right, bottom = text_box_mm(pdf, number, page=page)
                assert int(top // 99) == int(bottom // 99)


def test_marking_posted_is_idempotent_and_leaves_the_list(client, staff, by_post):
    url = f"/fr/tickets/desk/{by_post.public_id}/posted/"

    client.post(url)
    first = PostalAddress.objects.get().posted_at
    client.post(url)

    assert PostalAddress.objects.get().posted_at == first is not None
    assert PostalAddress.objects.get().posted_by == staff
    html = client.get("/fr/tickets/desk/to-post/").content.decode()
    assert "Rien à envoyer" in html
    assert "envoyée le" in html


def test_marking_posted_a_registration_not_by_post_is_refused(client, staff, edition, saturday):
    registration = services.register(edition=edition, days=[saturday], name="Ana", channel="desk")

    response = client.post(f"/fr/tickets/desk/{registration.public_id}/posted/", follow=True)

    assert "Cette inscription n’a pas d’adresse postale" in response.content.decode()


def test_address_is_erased_with_the_personal_data(by_post, edition):
    assert privacy.export_data(registration=by_post)["postal_address"]["street"] == "Rue des Tanneurs"

    privacy.erase_registration(registration=by_post)

    assert PostalAddress.objects.count() == 0
    assert services.to_post(edition=edition) == []


def test_address_is_erased_when_the_edition_is_anonymized(by_post, edition):
    counts = privacy.anonymize_edition(edition=edition)

    assert counts["postal_addresses"] == 1
    assert PostalAddress.objects.count() == 0


def test_letter_and_lists_are_for_staff_only(client, by_post):
    client.force_login(User.objects.create_user("visitor", password="x", is_staff=True))
    assert client.get(f"/fr/tickets/desk/{by_post.public_id}/letter.pdf").status_code == 403
    assert client.get("/fr/tickets/desk/to-post/").status_code == 403
    assert client.post(f"/fr/tickets/desk/{by_post.public_id}/posted/").status_code == 403


def test_back_office_shows_the_address_to_put_a_typo_right(admin_client, by_post):
    html = admin_client.get(f"/admin/tickets/registration/{by_post.pk}/change/").content.decode()

    assert 'value="Rue des Tanneurs"' in html


def test_demo_has_a_letter_waiting_to_be_posted():
    call_command("load_demo", "--no-account", stdout=io.StringIO())
    call_command("load_demo", "--no-account", stdout=io.StringIO())  # twice: still one

    (address,) = services.to_post(edition=events_demo.upcoming_edition())
    assert address.registration.channel == "post"
    assert address.letter_lines == ["Josée Lambert", "Chaussée de Neerstalle 12 bte 4", "1190 FOREST"]


def test_the_letters_to_post_cost_the_same_queries_for_2_or_12(
    client, staff, edition, saturday, page_queries
):
    def letters(count: int) -> None:
        for index in range(count):
            registration = services.register_by_post(
                address=ADDRESS, edition=edition, days=[saturday], name=f"Jeanne {index}", language="nl"
            )
            if index % 2:
                services.mark_posted(registration=registration, staff_user=staff)

    letters(2)
    small, _page = page_queries("/fr/tickets/desk/to-post/")
    letters(10)
    large, page = page_queries("/fr/tickets/desk/to-post/")
    assert "6 lettres à envoyer" in page
    assert page.count("envoyée le") == 6
    assert large == small
