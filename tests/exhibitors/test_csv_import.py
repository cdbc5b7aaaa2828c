"""CSV import: refused rows are reported with their line and reason, and a file is saved whole or not at
all (one refused row and nothing is saved)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from exhibitors.csv_import import import_exhibitors
from exhibitors.models import Exhibitor, Stand

from .factories import CategoryFactory, ExhibitorFactory, StandFactory

pytestmark = pytest.mark.django_db

CSV = """name;slug;categories;description_fr;description_nl;website;contact_email;contact_language;stand
Voxel Studio;voxel;virtual-reality;Casques VR;VR-brillen;voxel.example;hello@voxel.example;nl;A1
;nameless;;;;;;;
Bad Mail;bad-mail;;;;;not-an-email;;
Unknown Cat;unknown-cat;astrology;;;;;;
No Stand;no-stand;;;;;;;Z9
Taken;taken;;;;;;;A2
"""
GOOD = """name;slug;categories;description_fr;description_nl;website;contact_email;contact_language;stand
Voxel Studio;voxel;virtual-reality;Casques VR;VR-brillen;voxel.example;hello@voxel.example;nl;A1
"""


@pytest.fixture
def setup(hall):
    CategoryFactory(slug="virtual-reality", name_fr="Réalité virtuelle")
    StandFactory(hall=hall, code="A1", x=0)
    occupant = ExhibitorFactory(edition=hall.edition, name="Occupant")
    StandFactory(hall=hall, code="A2", x=10, exhibitor=occupant)
    return hall.edition


def test_import_reports_each_refused_row_and_why(setup):
    with translation.override("en"):
        report = import_exhibitors(edition=setup, data=CSV.encode())

    assert [(row.line, row.status) for row in report.rows] == [
        (2, "checked"),
        (3, "refused"),
        (4, "refused"),
        (5, "refused"),
        (6, "refused"),
        (7, "refused"),
    ]
    assert report.rows[1].errors == ["name: This field is required."]
    assert report.rows[2].errors == ["contact email: Enter a valid email address."]
    assert report.rows[3].errors[0].startswith("categories: unknown astrology; known: virtual-reality")
    assert report.rows[4].errors == ["stand: there is no stand Z9 in this edition."]
    assert report.rows[5].errors == ["stand: Stand A2 is already allocated to Occupant. Free it first."]
    assert report.saved is False
    assert not Exhibitor.objects.filter(
        slug__in=["voxel", "nameless", "bad-mail", "unknown-cat", "no-stand", "taken"]
    ).exists()
    assert Stand.objects.get(code="A1").exhibitor is None


def test_a_file_without_refused_rows_is_saved(setup):
    report = import_exhibitors(edition=setup, data=GOOD.encode())

    assert [(row.line, row.status) for row in report.rows] == [(2, "created")]
    assert report.saved is True
    voxel = Exhibitor.objects.get(slug="voxel")
    assert (voxel.name, voxel.description_nl, voxel.website, voxel.contact_language) == (
        "Voxel Studio",
        "VR-brillen",
        "https://voxel.example",
        "nl",
    )
    assert [c.slug for c in voxel.categories.all()] == ["virtual-reality"]
    assert Stand.objects.get(code="A1").exhibitor == voxel


def test_import_twice_updates_instead_of_duplicating(setup):
    import_exhibitors(edition=setup, data=GOOD.encode())
    report = import_exhibitors(edition=setup, data=GOOD.encode())

    assert report.rows[0].status == "updated"
    assert Exhibitor.objects.filter(slug="voxel").count() == 1


def test_file_without_a_name_column_is_refused_whole(setup):
    with translation.override("en"):
        report = import_exhibitors(edition=setup, data=b"title,website\nFoo,https://foo.example\n")

    assert report.rows == []
    assert report.errors[0].startswith("The file has no “name” column.")


def test_windows_encoded_comma_file_is_read(setup):
    data = "name,description_fr\nCafé Numérique,Un café\n".encode("cp1252")

    report = import_exhibitors(edition=setup, data=data)

    assert [(row.name, row.status) for row in report.rows] == [("Café Numérique", "created")]


def test_management_command_prints_the_report(setup, tmp_path, capsys):
    path = tmp_path / "exhibitors.csv"
    path.write_text(CSV, encoding="utf-8")

    with pytest.raises(CommandError, match="Some rows were refused"):
        call_command("import_exhibitors", str(path), edition=setup.slug)

    out = capsys.readouterr().out
    assert "line 2: Voxel Studio: checked" in out
    assert "line 4: Bad Mail: refused – " in out  # the reason in the default language (French)
    assert "0 created, 0 updated, 5 refused" in out


def test_admin_import_page_shows_the_report(setup, admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(
        reverse("admin:exhibitors_exhibitor_import"),
        {"edition": setup.pk, "file": SimpleUploadedFile("e.csv", CSV.encode())},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "0 created, 0 updated, 5 refused." in html
    assert "Nothing was saved. Correct the refused lines and import the whole file again." in html
    assert "there is no stand Z9 in this edition." in html


def test_a_website_longer_than_its_column_is_refused_and_nothing_is_saved(setup):
    long_url = "https://voxel.example/" + "a" * 200
    data = f"name;website\nFirst;first.example\nLong;{long_url}\nLast;last.example\n"

    with translation.override("en"):
        report = import_exhibitors(edition=setup, data=data.encode())

    assert [(row.line, row.status) for row in report.rows] == [(2, "checked"), (3, "refused"), (4, "checked")]
    assert report.rows[1].errors == ["website: Ensure this value has at most 200 characters (it has 222)."]
    assert Exhibitor.objects.count() == 1  # the fixture's occupant only


def test_each_limit_comes_from_the_model():
    from exhibitors.csv_import import RowForm

    limits = {
        name: RowForm.base_fields[name].max_length for name in ("name", "slug", "website", "contact_phone")
    }

    assert limits == {name: Exhibitor._meta.get_field(name).max_length for name in limits}


def test_a_staff_user_without_permission_is_refused_with_403(setup, client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("clerk", password="x", is_staff=True))

    response = client.get(reverse("admin:exhibitors_exhibitor_import"))

    assert response.status_code == 403
