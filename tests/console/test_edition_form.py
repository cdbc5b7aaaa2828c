"""One edition picker for every console page: ?edition=<slug>, the current edition without one, and the
field's error, in the user's language, beside the current edition for an unknown one."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from console.forms import EditionForm, ExportScopeForm
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

PAGES = ["console:home", "console:capacity", "console:registrations", "console:exports", "console:report"]
PAGES += ["console:messages"]


@pytest.fixture
def older(edition):
    starts_on = timezone.localdate() - dt.timedelta(days=400)
    return EditionFactory(
        slug="2024",
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=1),
        registration_opens_at=timezone.now() - dt.timedelta(days=430),
    )


@pytest.mark.parametrize("page", PAGES)
def test_each_page_shows_the_edition_named_by_its_slug(admin_client, edition, older, page):
    response = admin_client.get(reverse(page), {"edition": "2024"})
    assert response.context["edition"] == older
    assert '<option value="2024" selected>' in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_each_page_shows_the_current_edition_without_one(admin_client, edition, older, page):
    response = admin_client.get(reverse(page))
    assert response.context["edition"] == edition
    assert f'<option value="{edition.slug}" selected>' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."),
        ("nl", "Selecteer een geldige keuze. Deze keuze is niet beschikbaar."),
        ("en", "Select a valid choice. That choice is not one of the available choices."),
    ],
)
@pytest.mark.parametrize("page", PAGES)
def test_an_unknown_edition_says_so_and_shows_the_current_one(
    admin_client, edition, older, page, language, message
):
    with translation.override(language):
        url = reverse(page)
    response = admin_client.get(url, {"edition": "2023"})
    assert response.context["edition"] == edition
    assert 'aria-invalid="true"' in response.content.decode()
    assert response.context["edition_form"].errors == {"edition": [message]}


def test_the_primary_key_is_no_longer_an_edition(edition, older):
    form, chosen = EditionForm.from_query({"edition": str(older.pk)})
    assert (chosen, form.is_valid()) == (edition, False)


def test_export_links_name_the_edition_by_its_slug(admin_client, edition, older):
    page = admin_client.get(reverse("console:exports"), {"edition": "2024"}).content.decode()
    link = reverse("console:export-download", args=["registrations", "csv"])
    assert f'href="{link}?edition=2024"' in page
    assert ExportScopeForm({"edition": "2024"}).is_valid()
    assert not ExportScopeForm({"edition": str(older.pk)}).is_valid()
