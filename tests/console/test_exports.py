"""The console's exports: formula-safe cells, streamed, a constant number of queries, real XLSX files."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.tabular import Table, csv_lines, safe_cell

pytestmark = pytest.mark.django_db


def download(client, slug, file_format, **params):
    response = client.get(reverse("console:export-download", args=[slug, file_format]), params)
    assert response.status_code == 200, response.status_code
    return response, b"".join(response.streaming_content)


def csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [tuple("" if v is None else v for v in row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("text", ["=1+2", "+33 2", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_would_start_a_formula_is_written_as_text(text):
    assert safe_cell(text) == "'" + text
    assert safe_cell(12) == 12
    assert safe_cell("Anne") == "Anne"


def test_csv_is_written_line_by_line_from_an_iterator():
    def rows():
        yield ["a", 1]
        raise AssertionError("read past the first row")

    lines = csv_lines(Table(["name", "n"], rows()))
    assert [next(lines), next(lines), next(lines)] == ["\ufeff", "name,n\r\n", "a,1\r\n"]


def test_registrations_csv_has_tickets_per_day_and_neutral_formulas(
    client, organizer, register, days, edition
):
    register("=HYPERLINK(evil)", on=(0, 1), companions=1)
    register("Bart", on=(1,), language="nl")
    client.force_login(organizer)
    response, content = download(client, "registrations", "csv", edition=edition.slug)
    assert response["Content-Disposition"] == f'attachment; filename="registrations-{edition.slug}.csv"'
    rows = csv_rows(content)
    first, second = (f"tickets_{d.date.isoformat()}" for d in days)
    assert [(r["name"], r["language"], r[first], r[second]) for r in rows] == [
        ("'=HYPERLINK(evil)", "fr", "2", "2"),
        ("Bart", "nl", "0", "1"),
    ]


def test_a_days_export_holds_only_that_days_registrations_and_names_the_day(
    client, organizer, register, days, edition
):
    register("Anne", on=(0,))
    register("Bart", on=(1,))
    client.force_login(organizer)
    response, content = download(client, "registrations", "xlsx", edition=edition.slug, day=days[1].pk)
    expected = f'attachment; filename="registrations-{edition.slug}-{days[1].date.isoformat()}.xlsx"'
    assert response["Content-Disposition"] == expected
    rows = xlsx_rows(content)
    assert rows[0][:3] == ("registration", "created_at", "name")
    assert [row[2] for row in rows[1:]] == ["Bart"]


def test_xlsx_opens_with_openpyxl_and_keeps_formulas_as_text(client, organizer, register, edition):
    register("@cmd", on=(0,))
    client.force_login(organizer)
    response, content = download(client, "registrations", "xlsx", edition=edition.slug)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rows = xlsx_rows(content)
    assert rows[1][2] == "'@cmd"


@pytest.mark.parametrize(
    "slug", ["registrations", "waiting-list", "school-bookings", "exhibitors", "checkins"]
)
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_every_export_downloads_with_its_header(client, organizer, register, edition, slug, file_format):
    register("Anne", on=(0,))
    client.force_login(organizer)
    response, content = download(client, slug, file_format, edition=edition.slug)
    if file_format == "csv":
        header = next(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        header = xlsx_rows(content)[0]
    assert len(header) > 3
    assert edition.slug in response["Content-Disposition"]


def test_exports_stream(client, organizer, register, edition):
    register("Anne", on=(0,))
    client.force_login(organizer)
    csv_response = client.get(
        reverse("console:export-download", args=["registrations", "csv"]), {"edition": edition.slug}
    )
    xlsx_response = client.get(
        reverse("console:export-download", args=["registrations", "xlsx"]), {"edition": edition.slug}
    )
    assert (csv_response.streaming, xlsx_response.streaming) == (True, True)
    csv_response.close()
    xlsx_response.close()


@pytest.mark.parametrize("count", [1, 6])
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_queries_do_not_grow_with_the_rows(
    client, organizer, register, edition, count, file_format, django_assert_num_queries
):
    for n in range(count):
        register(f"Person {n}", on=(0, 1), companions=1)
    client.force_login(organizer)
    url = reverse("console:export-download", args=["registrations", file_format])
    # session, user, permissions, edition, day (form) + the days of the edition + the registrations
    with django_assert_num_queries(7):
        response = client.get(url, {"edition": edition.slug})
        rows = b"".join(response.streaming_content)
    assert rows


def test_a_day_of_another_edition_is_refused(client, organizer, edition, days):
    from tests.factories import DayFactory

    other = DayFactory()
    client.force_login(organizer)
    url = reverse("console:export-download", args=["registrations", "csv"])
    assert client.get(url, {"edition": edition.slug, "day": other.pk}).status_code == 404
    assert client.get(url, {"edition": "x"}).status_code == 404
    assert (
        client.get(
            reverse("console:export-download", args=["registrations", "pdf"]), {"edition": edition.slug}
        ).status_code
        == 404
    )


def test_the_exports_page_lists_each_export_per_day(client, organizer, edition, days):
    client.force_login(organizer)
    page = client.get(reverse("console:exports")).content.decode()
    link = reverse("console:export-download", args=["checkins", "xlsx"])
    assert f'{link}?edition={edition.slug}&amp;day={days[1].pk}"' in page
    assert (
        f"{reverse('console:export-download', args=['exhibitors', 'csv'])}?edition={edition.slug}&amp;day="
        not in page
    )
