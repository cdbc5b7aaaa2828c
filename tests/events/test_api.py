"""The programme API: filters, pagination, language, 404 and 422 answers."""

import pytest

from events.enums import SessionKind
from tests.events.factories import SessionFactory, SpeakerFactory
from tests.factories import SpaceFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    s = SessionFactory(title_fr="Jumeau numérique", title_nl="Digitale tweeling", title_en="Digital twin")
    s.speakers.add(SpeakerFactory(slug="ada", name="Ada Peeters"))
    theme = ThemeFactory(slug="digital-twin")
    s.day.edition.themes.add(theme)
    s.themes.add(theme)
    return s


def test_sessions_list_in_the_language_asked(client, session):
    data = client.get("/api/v1/sessions?lang=nl").json()
    assert data["count"] == 1
    (item,) = data["items"]
    assert (item["id"], item["title"], item["uid"]) == (
        session.public_id,
        "Digitale tweeling",
        session.ical_uid,
    )
    assert item["speakers"] == [
        {"slug": "ada", "name": "Ada Peeters", "organisation": "Example organisation"}
    ]
    assert item["themes"][0]["slug"] == "digital-twin"


def test_accept_language_is_used_without_lang(client, session):
    item = client.get("/api/v1/sessions", HTTP_ACCEPT_LANGUAGE="en").json()["items"][0]
    assert item["title"] == "Digital twin"


def test_filters_as_on_the_page(client, session):
    SessionFactory(day=session.day, space=SpaceFactory(edition=session.day.edition), kind=SessionKind.DEMO)
    assert client.get("/api/v1/sessions?kind=demo").json()["count"] == 1
    assert client.get("/api/v1/sessions?theme=digital-twin").json()["count"] == 1
    assert client.get("/api/v1/sessions?q=tweeling").json()["count"] == 1
    assert client.get("/api/v1/sessions?q=ada peeters").json()["count"] == 1
    assert client.get(f"/api/v1/sessions?day={session.day.date}").json()["count"] == 2
    assert client.get("/api/v1/sessions?access=sign_language").json()["count"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("kind=concert", "kind"),
        ("audience=kids", "audience"),
        ("day=not-a-date", "day"),
        ("day=2001-01-01", "day"),
        ("theme=unknown", "theme"),
        ("access=wheelchair", "access"),
        ("edition=nope", "edition"),
        ("lang=de", "lang"),
        ("page=0", "page"),
    ],
)
def test_bad_filter_values_answer_422_naming_the_field(client, session, query, field):
    response = client.get(f"/api/v1/sessions?{query}")
    assert response.status_code == 422
    assert field in response.json()["errors"][0]["loc"]


def test_one_session_and_404(client, session):
    assert client.get(f"/api/v1/sessions/{session.public_id}?lang=en").json()["title"] == "Digital twin"
    response = client.get("/api/v1/sessions/unknown")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "detail" in response.json()
    unpublished = SessionFactory(is_published=False)
    assert client.get(f"/api/v1/sessions/{unpublished.public_id}").status_code == 404


def test_speakers_spaces_themes_days(client, session):
    assert [s["slug"] for s in client.get("/api/v1/speakers").json()["items"]] == ["ada"]
    assert client.get("/api/v1/speakers/ada?lang=nl").json()["bio"] == "Bio in het Nederlands."
    assert client.get("/api/v1/speakers/nobody").status_code == 404
    assert [s["slug"] for s in client.get("/api/v1/spaces").json()] == [session.space.slug]
    assert [t["slug"] for t in client.get("/api/v1/themes").json()] == ["digital-twin"]
    assert [d["date"] for d in client.get("/api/v1/days").json()] == [session.day.date.isoformat()]


def test_openapi_lists_the_programme(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/sessions", "/api/v1/sessions/{public_id}", "/api/v1/speakers", "/api/v1/days"} <= set(
        paths
    )
