"""The exhibitor portal: secret link, texts, logo (refusals), activities, staff badges, new link."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from exhibitors.models import Activity, Exhibitor, ExhibitorLogo, StaffMember
from exhibitors.services import exhibitor_for_token, regenerate_portal_token
from tests.factories import DayFactory
from tests.pdfs import page_count, pdf_objects
from tickets.models import OutgoingMail, Ticket

pytestmark = pytest.mark.django_db


def url(name: str, token: str, **kwargs) -> str:
    return reverse(f"exhibitors:{name}", kwargs={"token": token, **kwargs})


def image_file(fmt="PNG", size=(300, 200), name="logo.png", mode="RGB") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 30, 90)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def test_portal_opens_with_the_secret_link_only(client, exhibitor, token):
    assert client.get(url("portal", token)).status_code == 200

    wrong = client.get(url("portal", token[:-1] + ("A" if token[-1] != "A" else "B")))
    assert wrong.status_code == 404
    assert "This link does not work" in wrong.content.decode() or wrong.status_code == 404


def test_portal_is_private(client, exhibitor, token):
    response = client.get(url("portal", token))

    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"  # the link never leaves the site in a Referer


def test_only_the_hash_of_the_token_is_stored(exhibitor, token):
    exhibitor.refresh_from_db()

    assert token not in exhibitor.portal_token_hash
    assert exhibitor_for_token(token) == exhibitor
    assert exhibitor_for_token("") is None
    assert exhibitor_for_token("x" * 500) is None


def test_regenerating_the_link_stops_the_old_one(client, exhibitor, token):
    new = regenerate_portal_token(exhibitor=exhibitor)

    assert client.get(url("portal", token)).status_code == 404
    assert client.get(url("portal", new)).status_code == 200


def test_new_link_button_mails_the_contact(
    client, exhibitor, token, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("portal-new-link", token))

    assert response.status_code == 200
    assert client.get(url("portal", token)).status_code == 404
    assert [m.to for m in mailoutbox] == [["secret.person@robotix.example"]]
    assert "/exhibitors/portal/" in mailoutbox[0].body


def test_exhibitor_edits_texts_in_three_languages(client, exhibitor, token):
    response = client.post(
        url("portal-profile", token),
        {
            "profile-description_fr": "Des robots.",
            "profile-description_nl": "Robots.",
            "profile-description_en": "Robots.",
            "profile-website": "robotix.example",
        },
    )

    assert response.status_code == 302
    exhibitor.refresh_from_db()
    assert (exhibitor.description_fr, exhibitor.description_nl, exhibitor.description_en) == (
        "Des robots.",
        "Robots.",
        "Robots.",
    )
    assert exhibitor.website == "https://robotix.example"
    assert exhibitor.name == "Robotix"


def test_bad_website_is_explained_and_nothing_changes(client, exhibitor, token):
    response = client.post(
        url("portal-profile", token), {"profile-description_fr": "Changed", "profile-website": "not a url"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html
    assert 'aria-invalid="true"' in html
    exhibitor.refresh_from_db()
    assert exhibitor.description_fr != "Changed"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Enter the full address for “Instagram”, like https://www.example.be"),
        ("fr", "Indiquez l’adresse complète pour « Instagram », par exemple https://www.example.be"),
        ("nl", "Vul het volledige adres in voor ‘Instagram’, bijvoorbeeld https://www.example.be"),
    ],
)
def test_a_wrong_link_names_its_field(client, exhibitor, token, language, message):
    with translation.override(language):
        response = client.post(url("portal-profile", token), {"profile-instagram_url": "http://a b"})
    assert response.content.decode().count(message) == 2  # in the summary and next to the field


def test_logo_is_re_encoded_and_resized(client, exhibitor, token):
    response = client.post(url("portal-logo", token), {"logo-logo": image_file(size=(2000, 1000))})

    assert response.status_code == 302
    logo = ExhibitorLogo.objects.get(exhibitor=exhibitor)
    assert (logo.width, logo.height, logo.content_type) == (512, 256, "image/webp")
    assert Image.open(io.BytesIO(bytes(logo.image))).format == "WEBP"
    exhibitor.refresh_from_db()
    assert exhibitor.logo_digest == logo.digest
    served = client.get(reverse("exhibitors:logo", kwargs={"slug": "robotix", "digest": logo.digest}))
    assert served["Content-Type"] == "image/webp"
    assert "immutable" in served["Cache-Control"]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("evil.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>"),
            "This file is not an image we can use. Upload a PNG, JPEG, WebP or GIF file.",
        ),
        (
            SimpleUploadedFile("doc.pdf", b"%PDF-1.4 not an image"),
            "This file is not an image we can use. Upload a PNG, JPEG, WebP or GIF file.",
        ),
        (
            SimpleUploadedFile("truncated.png", image_file().read()[:100]),
            "This file is not an image we can use. Upload a PNG, JPEG, WebP or GIF file.",
        ),
        (
            image_file(size=(40, 40)),
            "The image is too small (40 × 40 pixels). Upload one at least 64 pixels wide and high.",
        ),
        (
            image_file(fmt="BMP", name="logo.bmp"),
            "This file is not an image we can use. Upload a PNG, JPEG, WebP or GIF file.",
        ),
    ],
)
def test_anything_but_a_usable_image_is_refused_with_a_clear_message(
    client, exhibitor, token, upload, message
):
    response = client.post(url("portal-logo", token), {"logo-logo": upload}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ExhibitorLogo.objects.exists()


def test_too_large_file_is_refused(client, exhibitor, token, settings):
    settings.EXHIBITORS_LOGO_MAX_BYTES = 1000

    response = client.post(url("portal-logo", token), {"logo-logo": image_file(fmt="BMP", size=(400, 400))})

    assert "The file is too large" in response.content.decode()
    assert not ExhibitorLogo.objects.exists()


def test_huge_pixel_count_is_refused_before_decoding(client, exhibitor, token):
    buffer = io.BytesIO()
    Image.new("1", (6000, 6000)).save(buffer, format="PNG")  # tiny file, 36 megapixels

    response = client.post(
        url("portal-logo", token), {"logo-logo": SimpleUploadedFile("bomb.png", buffer.getvalue())}
    )

    assert "The image is too large (6000 × 6000 pixels)" in response.content.decode()


def test_activities_are_added_edited_and_removed(client, exhibitor, token):
    client.post(url("portal-activity-add", token), {"activity-title_fr": "Démo", "activity-title_nl": "Demo"})
    activity = Activity.objects.get(exhibitor=exhibitor)
    assert (activity.title_fr, activity.title_nl) == ("Démo", "Demo")

    client.post(
        url("portal-activity-edit", token, activity_id=activity.pk),
        {"activity-title_fr": "Démo robot", "activity-title_nl": "Robotdemo"},
    )
    activity.refresh_from_db()
    assert activity.title_fr == "Démo robot"

    client.post(url("portal-activity-delete", token, activity_id=activity.pk))
    assert not Activity.objects.exists()


def test_activity_without_any_title_is_refused(client, exhibitor, token):
    response = client.post(url("portal-activity-add", token), {"activity-description_fr": "Sans titre"})

    assert "Give the activity a title" in response.content.decode()
    assert not Activity.objects.exists()


def test_another_exhibitors_activity_is_out_of_reach(client, exhibitor, token):
    other = Exhibitor.objects.create(edition=exhibitor.edition, name="Other", slug="other")
    foreign = Activity.objects.create(exhibitor=other, title_fr="Pas à toi")

    response = client.post(url("portal-activity-delete", token, activity_id=foreign.pk))

    assert response.status_code == 404
    assert Activity.objects.filter(pk=foreign.pk).exists()


def test_staff_badge_is_valid_every_day_and_mailed_with_its_pdf(
    client, exhibitor, token, mailoutbox, django_capture_on_commit_callbacks
):
    from tickets import codes

    edition = exhibitor.edition
    DayFactory(edition=edition, date=edition.starts_on)
    DayFactory(edition=edition, date=edition.ends_on)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("portal-staff-add", token),
            {"staff-name": "Sam Stand", "staff-email": "sam@robotix.example", "staff-language": "nl"},
        )

    assert response.status_code == 302
    staff = StaffMember.objects.get()
    ticket = staff.ticket
    assert (ticket.kind, ticket.day, ticket.holder_name, ticket.edition) == (
        "exhibitor_staff",
        None,
        "Sam Stand",
        edition,
    )
    payload = codes.decode(ticket.signed_code())
    assert payload.days_mask == 0b11  # both days of the edition
    assert payload.kind == 3
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["sam@robotix.example"]
    assert "standpersoneel" in mail.subject.lower() or "badge" in mail.subject.lower()
    (name, content, mimetype) = mail.attachments[0]
    assert (name, mimetype) == (f"badge-{ticket.public_id}.pdf", "application/pdf")
    assert content[:5] == b"%PDF-"


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_badge_of_the_demo_edition_fits_one_page_with_a_long_name(language):
    from demo import events as events_demo
    from demo import exhibitors as exhibitors_demo
    from exhibitors.documents import badge_pdf
    from exhibitors.services import register_staff

    events_demo.load()
    exhibitors_demo.load()  # every day and set-up period of the demo edition, on the badge
    exhibitor = Exhibitor.objects.filter(edition=events_demo.upcoming_edition()).order_by("slug")[0]
    staff = register_staff(
        exhibitor=exhibitor, name="Marie-Claire Vandenbroucke-Dupont", language=language, send_mail=False
    )

    assert page_count(badge_pdf(staff=staff)) == 1


def test_badge_pdf_is_downloaded_from_the_portal(client, exhibitor, token):
    client.post(url("portal-staff-add", token), {"staff-name": "Kim", "staff-language": "fr"})
    staff = StaffMember.objects.get()

    response = client.get(url("portal-badge", token, ticket_id=staff.ticket.public_id))

    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"
    assert not OutgoingMail.objects.exists()  # no email given, no mail


@pytest.mark.parametrize(("page_language", "badge_language"), [("fr", "nl"), ("nl", "en"), ("en", "fr")])
def test_the_downloaded_badge_is_in_the_language_chosen_for_the_person(
    client, exhibitor, token, page_language, badge_language
):
    with translation.override(page_language):
        client.post(url("portal-staff-add", token), {"staff-name": "Kim", "staff-language": badge_language})
        staff = StaffMember.objects.get()
        response = client.get(url("portal-badge", token, ticket_id=staff.ticket.public_id))

    assert re.findall(rb"/Lang\s*\((\w+)\)", pdf_objects(response.content)) == [badge_language.encode()]


def test_staff_limit_is_enforced(client, exhibitor, token):
    Exhibitor.objects.filter(pk=exhibitor.pk).update(staff_limit=1)
    client.post(url("portal-staff-add", token), {"staff-name": "One", "staff-language": "fr"})

    response = client.post(url("portal-staff-add", token), {"staff-name": "Two", "staff-language": "fr"})

    assert StaffMember.objects.count() == 1
    assert Ticket.objects.count() == 1
    assert response.status_code == 200


def test_removing_staff_cancels_the_badge(client, exhibitor, token):
    client.post(url("portal-staff-add", token), {"staff-name": "Kim", "staff-language": "fr"})
    ticket = StaffMember.objects.get().ticket

    client.post(url("portal-staff-remove", token, ticket_id=ticket.public_id))

    ticket.refresh_from_db()
    assert ticket.status == "cancelled"
    assert not StaffMember.objects.exists()


def test_portal_never_shows_another_exhibitors_badge(client, exhibitor, token):
    other = Exhibitor.objects.create(edition=exhibitor.edition, name="Other", slug="other")
    other_token = regenerate_portal_token(exhibitor=other)
    client.post(url("portal-staff-add", other_token), {"staff-name": "Theirs", "staff-language": "fr"})
    theirs = StaffMember.objects.get()

    response = client.get(url("portal-badge", token, ticket_id=theirs.ticket.public_id))

    assert response.status_code == 404
