"""What third-party apps read: the list of editions, the programme's change log, pages that link to the next
and previous ones; public like the other GETs (CORS, no credentials)."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from events.services import cancel_session
from tests.events.factories import SessionFactory
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored():
    """?lang= activates a language for the thread (the answer is serialized after the endpoint returns):
    leave the next tests the language they started with."""
    language = translation.get_language()
    yield
    translation.activate(language)


def test_editions_newest_first_with_the_current_one_flagged(client, settings):
    settings.SITE_URL = "https://example.org"
    old = EditionFactory(
        slug="2024",
        name_nl="Editie 2024",
        starts_on=dt.date(2024, 3, 22),
        registration_opens_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    new = EditionFactory(slug="2027", name_nl="Editie 2027")
    EditionFactory(slug="draft", is_published=False)
    data = client.get("/api/v1/editions?lang=nl").json()
    assert [(e["slug"], e["name"], e["is_current"]) for e in data] == [
        (new.slug, "Editie 2027", True),
        (old.slug, "Editie 2024", False),
    ]
    assert data[1]["sessions_url"] == "https://example.org/api/v1/sessions?edition=2024"
    assert data[1]["changes_url"] == "https://example.org/api/v1/changes?edition=2024"
    assert data[1]["schedule_url"] == "https://example.org/schedule.json?edition=2024"


def test_the_change_log_lists_published_sessions_changes_newest_first(client):
    session = SessionFactory(title_en="Digital twin")
    hidden = SessionFactory(
        day=session.day,
        space=session.space,
        is_published=False,
        starts_at=session.ends_at,
        ends_at=session.ends_at + dt.timedelta(hours=1),
    )
    at = timezone.now()
    cancel_session(session=session, at=at - dt.timedelta(hours=2))
    cancel_session(session=hidden, at=at)
    data = client.get("/api/v1/changes?lang=en").json()
    assert (data["count"], data["next"], data["previous"]) == (1, None, None)
    (change,) = data["items"]
    assert (change["session"]["id"], change["session"]["title"], change["kind"], change["kind_label"]) == (
        session.public_id,
        "Digital twin",
        "cancelled",
        "Cancelled",
    )
    since = (at - dt.timedelta(hours=1)).isoformat()
    assert client.get("/api/v1/changes", {"since": since}).json()["count"] == 0


def test_pages_link_to_the_next_and_previous_ones_keeping_the_filters(client, settings):
    settings.SITE_URL = "https://example.org"
    first = SessionFactory()
    for hour in range(1, 5):
        start = first.starts_at + dt.timedelta(hours=hour)
        SessionFactory(
            day=first.day, space=first.space, starts_at=start, ends_at=start + dt.timedelta(minutes=30)
        )
    page = client.get("/api/v1/sessions", {"lang": "fr", "page_size": 2, "page": 2}).json()
    assert (page["count"], len(page["items"])) == (5, 2)
    assert page["next"] == "https://example.org/api/v1/sessions?lang=fr&page_size=2&page=3"
    assert page["previous"] == "https://example.org/api/v1/sessions?lang=fr&page_size=2&page=1"
    last = client.get("/api/v1/sessions", {"page_size": 2, "page": 3}).json()
    assert (len(last["items"]), last["next"]) == (1, None)
    beyond = client.get("/api/v1/sessions", {"page_size": 2, "page": 9}).json()
    assert (beyond["items"], beyond["next"], beyond["previous"]) == (
        [],
        None,
        "https://example.org/api/v1/sessions?page_size=2&page=3",
    )


@pytest.mark.parametrize("path", ["/api/v1/editions", "/api/v1/changes"])
def test_the_new_lists_are_public_to_any_origin_without_credentials(client, path):
    SessionFactory()
    response = client.get(path, HTTP_ORIGIN="https://schedule-viewer.example")
    assert (response.status_code, response["Access-Control-Allow-Origin"]) == (200, "*")
    assert "Access-Control-Allow-Credentials" not in response
    assert client.head(path).status_code == 200
