"""CSV import: good rows are saved, refused rows are reported with their line and reason."""

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
        (2, "created"),
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
    voxel = Exhibitor.objects.get(slug="voxel")
    assert (voxel.name, voxel.description_nl, voxel.website, voxel.contact_language) == (
        "Voxel Studio",
        "VR-brillen",
        "https://voxel.example",
        "nl",
    )
    assert [c.slug for c in voxel.categories.all()] == ["virtual-reality"]
    assert Stand.objects.get(code="A1").exhibitor == voxel
    assert not Exhibitor.objects.filter(
        slug__in=["nameless", "bad-mail", "unknown-cat", "no-stand", "taken"]
    ).exists()


def test_import_twice_updates_instead_of_duplicating(setup):
    import_exhibitors(edition=setup, data=CSV.encode())
    report = import_exhibitors(edition=setup, data=CSV.encode())

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
    assert "line 2: Voxel Studio: created" in out
    assert "line 4: Bad Mail: refused – " in out  # the reason in the default language (French)
    assert "1 created, 0 updated, 5 refused" in out


def test_admin_import_page_shows_the_report(setup, admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(
        reverse("admin:exhibitors_exhibitor_import"),
        {"edition": setup.pk, "file": SimpleUploadedFile("e.csv", CSV.encode())},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "1 created, 0 updated, 5 refused." in html
    assert "there is no stand Z9 in this edition." in html
