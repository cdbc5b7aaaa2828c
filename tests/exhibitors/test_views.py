"""Directory, exhibitor page and floor plan: filters, htmx, query counts, and no organizers-only contact."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import DayFactory

from .factories import ActivityFactory, CategoryFactory, ExhibitorFactory, HallFactory, StandFactory

pytestmark = pytest.mark.django_db

SECRETS = ["Secret Person", "secret.person@robotix.example", "+32 470 99 88 77"]


def directory_url(**params) -> str:
    from urllib.parse import urlencode

    with translation.override("en"):
        url = reverse("exhibitors:directory")
    return f"{url}?{urlencode(params)}" if params else url


def test_directory_lists_exhibitors_with_their_stand_and_no_contact(client, exhibitor):
    response = client.get(directory_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Robotix" in html
    assert "Stand A12, Hall A" in html
    assert 'aria-label="Stand A12: Robotix"' in html  # the stand on the map links to the exhibitor
    for secret in SECRETS:
        assert secret not in html


def test_directory_filters_by_category_hall_and_search(client, hall):
    vr = CategoryFactory(slug="virtual-reality", name="Virtual reality", name_fr="Réalité virtuelle")
    other_hall = HallFactory(edition=hall.edition, slug="hall-b", name="Hall B", name_fr="Hall B")
    in_a = ExhibitorFactory(edition=hall.edition, name="Voxel", description_fr="Casques immersifs")
    in_a.categories.add(vr)
    StandFactory(hall=hall, code="A1", exhibitor=in_a)
    in_b = ExhibitorFactory(edition=hall.edition, name="Cyber", description_fr="Mots de passe")
    StandFactory(hall=other_hall, code="B1", exhibitor=in_b)

    def names(**params):
        response = client.get(directory_url(**params))
        return [e.name for e in response.context["exhibitors"]]

    assert names() == ["Cyber", "Voxel"]
    assert names(category="virtual-reality") == ["Voxel"]
    assert names(hall="hall-b") == ["Cyber"]
    assert names(q="immersif") == ["Voxel"]
    assert names(q="passe", hall="hall-a") == []
    assert names(category="no-such-category") == ["Cyber", "Voxel"]  # an unknown value is ignored


def test_directory_htmx_returns_only_the_results_fragment(client, exhibitor):
    response = client.get(directory_url(q="robo", category="", hall=""), HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html
    assert 'role="status" aria-live="polite"' in html
    assert "1 exhibitor" in html
    assert "stand--match" in html
    assert response["Vary"].count("HX-Request") == 1
    assert response["HX-Push-Url"] == "/en/exhibitors/?q=robo"


def test_directory_search_without_results_says_so(client, exhibitor):
    response = client.get(directory_url(q="zzz"))

    assert "No exhibitor matches these filters" in response.content.decode()
    assert "0 exhibitors" in response.content.decode()


@pytest.mark.parametrize(("count", "queries"), [(1, 8), (50, 8)])
def test_directory_query_count_does_not_grow_with_exhibitors(
    client, django_assert_num_queries, count, queries
):
    hall = HallFactory(plan_width=200, plan_height=50)
    DayFactory(edition=hall.edition)
    categories = [CategoryFactory(), CategoryFactory()]
    for index in range(count):
        exhibitor = ExhibitorFactory(edition=hall.edition)
        exhibitor.categories.set(categories)
        StandFactory(
            hall=hall, code=f"A{index}", x=(index % 50) * 4, y=(index // 50) * 4, exhibitor=exhibitor
        )

    with django_assert_num_queries(queries):
        response = client.get(directory_url())

    assert len(response.context["exhibitors"]) == count


def test_exhibitor_page_shows_activities_stand_and_plan_without_contact(client, exhibitor):
    ActivityFactory(
        exhibitor=exhibitor, title_fr="Programmez un bras robotisé", title_en="Program a robot arm"
    )

    response = client.get("/fr/exhibitors/robotix/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Programmez un bras robotisé" in html
    assert "stand--chosen" in html
    assert "Stand A12, Hall A" in html
    for secret in SECRETS:
        assert secret not in html


def test_exhibitor_page_links_the_programme_session(client, exhibitor):
    from events.models import Session

    day = DayFactory(edition=exhibitor.edition)
    stage = HallFactory(
        edition=exhibitor.edition, kind="stage", slug="stage", name="Main stage", name_fr="Scène"
    )
    session = Session.objects.create(
        day=day,
        space=stage,
        kind="demo",
        title="Robot show",
        title_fr="Spectacle de robots",
        starts_at=day.at(__import__("datetime").time(14)),
        ends_at=day.at(__import__("datetime").time(14, 30)),
        is_published=True,
    )
    ActivityFactory(exhibitor=exhibitor, title_fr="Démo", session=session)

    response = client.get(reverse("exhibitors:exhibitor", kwargs={"slug": "robotix"}))

    html = response.content.decode()
    assert reverse("events:session-detail", kwargs={"public_id": session.public_id}) in html
    assert "14:00–14:30" in html


def test_unpublished_exhibitor_has_no_page(client, hall):
    ExhibitorFactory(edition=hall.edition, slug="hidden", is_published=False)

    assert client.get(reverse("exhibitors:exhibitor", kwargs={"slug": "hidden"})).status_code == 404


def test_floor_plan_highlights_a_stand_and_lists_stands_by_hall(client, exhibitor, hall):
    StandFactory(hall=hall, code="A13", x=20, y=10)

    response = client.get(reverse("exhibitors:plan") + "?stand=a12")

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["chosen"].code == "A12"
    assert html.count("stand--chosen") == 1
    assert "Stand A13: free" in html or "Stand A13 : libre" in html
    assert '<h2 id="plan-text-title">' in html
    assert 'viewBox="-4 -4 88 58"' in html  # cropped to the hall, with a margin


def test_the_chosen_stand_is_introduced_with_the_french_space_before_the_colon(client, exhibitor):
    with translation.override("fr"):
        response = client.get(reverse("exhibitors:plan") + "?stand=a12")
    html = response.content.decode()
    assert (response.status_code, response.context["chosen"].code) == (200, "A12")
    notice = html[html.index('<p class="notice">') :]
    assert notice.split("\n")[0].endswith("\u00a0:")


def test_floor_plan_unknown_stand_code_is_explained(client, exhibitor):
    response = client.get(reverse("exhibitors:plan") + "?stand=Z99", HTTP_ACCEPT_LANGUAGE="en")

    html = response.content.decode()
    assert response.context["chosen"] is None
    assert 'aria-invalid="true"' in html
    assert "Z99" in html


def test_floor_plan_stand_finder_reports_an_unknown_or_overlong_code(client, exhibitor):
    response = client.get(reverse("exhibitors:plan") + "?stand=" + "Q" * 150, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["chosen"] is None
    assert 'aria-invalid="true"' in response.content.decode()

    response = client.get("/en/exhibitors/plan/?stand=Z99")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-describedby="plan-stand-hint plan-stand-error"' in html
    assert "There is no stand “Z99”. Check the code on the floor or in the list below." in html


def test_plan_svg_numbers_are_not_localized_in_french(client, hall):
    StandFactory(hall=hall, code="A1", x="2.5", y="3.5", width="2.5", height=3)

    html = client.get("/fr/exhibitors/plan/?hall=hall-a").content.decode()

    assert 'x="2.5" y="3.5" width="2.5"' in html
    assert 'x="2,5"' not in html


def test_pages_exist_in_dutch(client, exhibitor):
    response = client.get("/nl/exhibitors/")

    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "title", "message"),
    [
        ("fr", "Certains filtres", "Sélectionnez un choix valide. astrology n’en fait pas partie."),
        ("nl", "Sommige filters", "Selecteer een geldige keuze. astrology is geen beschikbare keuze."),
    ],
)
def test_directory_says_which_filter_is_unknown_and_lists_everyone(
    client, exhibitor, language, title, message
):
    with translation.override(language):
        url = reverse("exhibitors:directory")

    response = client.get(url, {"category": "astrology", "hall": "hall-z"})

    html = response.content.decode()
    assert [e.name for e in response.context["exhibitors"]] == ["Robotix"]
    assert title in html
    assert response.context["form"].errors["category"] == [message]
    assert html.count('aria-invalid="true"') == 2
