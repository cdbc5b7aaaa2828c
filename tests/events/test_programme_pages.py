"""Programme pages: full page vs htmx fragment, filters, session/speaker/now-next/changes pages, agenda."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.utils import translation

from events import agenda as agenda_cookie
from events.enums import SessionKind
from events.models import Agenda, Day, Edition
from events.services import reschedule_session
from tests.events.factories import SessionFactory, SpeakerFactory
from tests.factories import DayFactory, SpaceFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    return DayFactory(opens_at=dt.time(10), closes_at=dt.time(18))


def make_sessions(day: Day, count: int) -> list:
    spaces = [SpaceFactory(edition=day.edition, position=i) for i in range(10)]
    speaker = SpeakerFactory()
    theme = ThemeFactory()
    day.edition.themes.add(theme)
    sessions = []
    for index in range(count):
        space = spaces[index % 10]
        start = day.at(dt.time(10)) + dt.timedelta(minutes=15 * (index // 10))
        session = SessionFactory(
            day=day, space=space, starts_at=start, ends_at=start + dt.timedelta(minutes=15)
        )
        session.speakers.add(speaker)
        session.themes.add(theme)
        sessions.append(session)
    return sessions


def test_programme_full_page_and_htmx_fragment(client, day):
    session = SessionFactory(day=day, title_fr="Jumeau numérique")
    full = client.get("/fr/programme/")
    html = full.content.decode()
    assert full.status_code == 200
    assert "<html" in html
    assert 'id="results"' in html
    assert "Jumeau numérique" in html
    assert 'style="--c:2;--r:2/14"' in html
    fragment = client.get("/fr/programme/?kind=talk", HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="results"')
    assert 'hx-swap-oob="true"' in body
    assert session.title_fr in body
    assert fragment["Vary"].count("HX-Request") == 1


def test_programme_filters_in_the_query_string(client, day):
    SessionFactory(day=day, kind=SessionKind.TALK, title_fr="Une conférence")
    SessionFactory(
        day=day,
        space=SpaceFactory(edition=day.edition),
        kind=SessionKind.DEMO,
        title_fr="Une démo",
        sign_language=True,
    )
    html = client.get("/fr/programme/?kind=demo").content.decode()
    assert "Une démo" in html
    assert "Une conférence" not in html
    html = client.get("/fr/programme/?access=sign_language&q=d%C3%A9mo").content.decode()
    assert "Une démo" in html
    assert "Une conférence" not in html
    assert "1 séance" in html or "1 session" in html


def test_bad_filter_value_shows_an_error_and_keeps_the_list(client, day):
    SessionFactory(day=day, title_fr="Une conférence")
    html = client.get("/fr/programme/?kind=concert").content.decode()
    assert "data-error-summary" in html
    assert 'href="#id_kind"' in html
    assert "Une conférence" in html


def test_second_day_is_chosen_by_the_day_filter(client, day):
    saturday = DayFactory(edition=day.edition, date=day.date + dt.timedelta(days=1))
    SessionFactory(day=day, title_fr="Vendredi")
    SessionFactory(day=saturday, space=SpaceFactory(edition=day.edition), title_fr="Samedi")
    html = client.get(f"/fr/programme/?day={saturday.date}").content.decode()
    assert "Samedi" in html
    assert "Vendredi" not in html


# edition, days, themes (filters), sessions with their spaces, their speakers (the cards show no theme), and
# the open call for proposals the page links to
@pytest.mark.parametrize(("count", "queries"), [(1, 6), (300, 6)])
def test_programme_page_query_count_is_fixed(client, day, django_assert_num_queries, count, queries):
    make_sessions(day, count)
    with django_assert_num_queries(queries):
        response = client.get("/fr/programme/")
    assert response.content.decode().count('<article class="session-card') == count


@pytest.mark.parametrize("count", [1, 300])
def test_feeds_query_count_is_fixed(client, day, django_assert_num_queries, count):
    make_sessions(day, count)
    # edition, sessions with spaces, their days, the edition; themes, session themes, session speakers
    with django_assert_num_queries(7):
        assert client.get("/programme.ics").status_code == 200
    with django_assert_num_queries(5):
        assert client.get("/schedule.json").status_code == 200


@pytest.mark.parametrize("count", [1, 300])
def test_api_query_count_is_fixed(client, day, django_assert_num_queries, count):
    make_sessions(day, count)
    with django_assert_num_queries(5):
        assert client.get("/api/v1/sessions?page_size=50").status_code == 200


def test_programme_day_weighs_under_150_kb_with_its_css_and_js(client, settings):
    from demo import events as events_demo

    events_demo.load()
    edition = events_demo.upcoming_edition()
    from django.contrib.staticfiles import finders

    for day in edition.days.all():
        html = client.get(f"/fr/programme/?day={day.date}").content
        assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
        weight = len(html) + sum(len(Path(finders.find(a.decode())).read_bytes()) for a in assets)
        assert html.count(b'<article class="session-card') >= 25
        assert weight < 150_000, weight


def test_session_page_shows_neighbours_and_parallel_sessions(client, day):
    space = SpaceFactory(edition=day.edition)
    before = SessionFactory(
        day=day, space=space, title_fr="Avant", starts_at=day.at(dt.time(10)), ends_at=day.at(dt.time(11))
    )
    session = SessionFactory(
        day=day, space=space, title_fr="Pendant", starts_at=day.at(dt.time(11)), ends_at=day.at(dt.time(12))
    )
    after = SessionFactory(
        day=day, space=space, title_fr="Après", starts_at=day.at(dt.time(12)), ends_at=day.at(dt.time(13))
    )
    parallel = SessionFactory(
        day=day, title_fr="Ailleurs", starts_at=day.at(dt.time(11, 30)), ends_at=day.at(dt.time(12, 30))
    )
    html = client.get(f"/fr/programme/sessions/{session.public_id}/").content.decode()
    for other in (before, after, parallel):
        assert f"/fr/programme/sessions/{other.public_id}/" in html
    assert f"/programme/sessions/{session.public_id}.ics?lang=fr" in html
    assert f"webcal://testserver/programme/sessions/{session.public_id}.ics?lang=fr" in html
    assert client.get("/fr/programme/sessions/unknown/").status_code == 404


def test_speaker_page(client, day):
    speaker = SpeakerFactory(slug="ada", name="Ada Peeters")
    SessionFactory(day=day, title_fr="Sa séance").speakers.add(speaker)
    html = client.get("/nl/programme/speakers/ada/").content.decode()
    assert "Ada Peeters" in html
    assert "Bio in het Nederlands." in html
    assert "Sessie" in html
    assert client.get("/fr/programme/speakers/nobody/").status_code == 404


def test_now_and_next_polls_itself(client, day):
    space = SpaceFactory(edition=day.edition)
    SessionFactory(
        day=day, space=space, title_fr="En cours", starts_at=day.at(dt.time(10)), ends_at=day.at(dt.time(11))
    )
    SessionFactory(
        day=day, space=space, title_fr="Ensuite", starts_at=day.at(dt.time(11)), ends_at=day.at(dt.time(12))
    )
    at = f"{day.date}T10:30"
    html = client.get(f"/fr/programme/now/?at={at}").content.decode()
    assert 'hx-trigger="every 30s"' in html
    assert "En cours" in html
    assert "Ensuite" in html
    fragment = client.get(f"/fr/programme/now/?at={at}", HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<div id="board"')
    closed = client.get(f"/fr/programme/now/?at={day.date}T08:00").content.decode()
    assert "En cours" not in closed.split('id="board"')[1].split("Ensuite")[0] or "closed" in closed


def test_what_changed_page(client, day):
    session = SessionFactory(day=day, title_fr="Déplacée")
    reschedule_session(session=session, starts_at=day.at(dt.time(14)), ends_at=day.at(dt.time(15)))
    html = client.get("/fr/programme/changes/").content.decode()
    assert "Déplacée" in html
    assert "14:00" in html
    assert "10:00" in html


def test_past_edition_programme_is_read_only(client):
    day = DayFactory(
        edition__starts_on=dt.date(2024, 3, 22),
        edition__slug="2024",
        edition__registration_opens_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    SessionFactory(day=day, title_fr="Ancienne")
    html = client.get("/fr/editions/2024/programme/").content.decode()
    assert "Ancienne" in html
    assert "star-form" not in html
    assert "/fr/editions/2024/programme/" in client.get("/fr/editions/2024/").content.decode()


def _cookie_ids(client) -> list[str]:
    request = RequestFactory().get("/")
    request.COOKIES[agenda_cookie.COOKIE] = client.cookies[agenda_cookie.COOKIE].value
    return agenda_cookie.read(request).session_ids


def test_starring_keeps_sessions_in_a_signed_cookie(client, day):
    first = SessionFactory(day=day, title_fr="Première")
    second = SessionFactory(day=day, space=SpaceFactory(edition=day.edition), title_fr="Seconde")
    response = client.post(f"/fr/programme/agenda/star/{first.public_id}/", {"next": "/fr/programme/"})
    assert (response.status_code, response["Location"]) == (302, "/fr/programme/")
    fragment = client.post(f"/fr/programme/agenda/star/{second.public_id}/", HTTP_HX_REQUEST="true")
    assert (
        "Retirer de mon agenda" in fragment.content.decode()
        or "Remove from my agenda" in fragment.content.decode()
    )
    assert _cookie_ids(client) == [first.public_id, second.public_id]
    html = client.get("/fr/programme/agenda/").content.decode()
    assert "Première" in html
    assert "Seconde" in html
    assert html.count("status-clash") == 2  # both at 10:00–11:00
    client.post(f"/fr/programme/agenda/star/{first.public_id}/")
    assert _cookie_ids(client) == [second.public_id]


def test_star_needs_post_and_csrf(day):
    from django.test import Client

    session = SessionFactory(day=day)
    strict = Client(enforce_csrf_checks=True)
    assert strict.get(f"/fr/programme/agenda/star/{session.public_id}/").status_code == 405
    assert strict.post(f"/fr/programme/agenda/star/{session.public_id}/").status_code == 403


def test_forged_cookie_is_ignored(client, day):
    SessionFactory(day=day, title_fr="Secrète")
    client.cookies[agenda_cookie.COOKIE] = '{"s":["whatever"]}'
    html = client.get("/fr/programme/agenda/").content.decode()
    assert "Secrète" not in html


def test_agenda_feed_follows_stars_and_can_be_revoked(client, day):
    first = SessionFactory(day=day)
    second = SessionFactory(day=day, space=SpaceFactory(edition=day.edition))
    client.post(f"/fr/programme/agenda/star/{first.public_id}/")
    client.post("/fr/programme/agenda/feed/")
    agenda = Agenda.objects.get()
    assert list(agenda.sessions.all()) == [first]
    html = client.get("/fr/programme/agenda/").content.decode()
    key = re.search(r"/agenda/([a-z0-9]+-[0-9a-f]{12})\.ics", html).group(1)
    assert f"webcal://testserver/agenda/{key}.ics" in html
    client.post(f"/fr/programme/agenda/star/{second.public_id}/")
    assert set(agenda.sessions.all()) == {first, second}
    assert client.get(f"/agenda/{key}.ics").status_code == 200
    client.post("/fr/programme/agenda/feed/revoke/")
    assert client.get(f"/agenda/{key}.ics").status_code == 404
    assert Agenda.objects.count() == 1
    new_key = re.search(
        r"/agenda/([a-z0-9]+-[0-9a-f]{12})\.ics", client.get("/fr/programme/agenda/").content.decode()
    ).group(1)
    assert new_key != key
    assert client.get(f"/agenda/{new_key}.ics").status_code == 200


def test_nav_shows_the_programme(client, day):
    assert 'href="/fr/programme/"' in client.get("/fr/").content.decode()


def test_demo_is_idempotent_and_full():
    from demo import events as events_demo
    from events.models import Session, SessionChange

    events_demo.load()
    counts = (Session.objects.count(), SessionChange.objects.count())
    events_demo.load()
    assert (Session.objects.count(), SessionChange.objects.count()) == counts
    upcoming = events_demo.upcoming_edition()
    assert Session.objects.of_edition(upcoming).count() >= 60
    assert Session.objects.of_edition(events_demo.past_edition()).count() >= 60
    kinds = set(Session.objects.of_edition(upcoming).values_list("kind", flat=True))
    assert kinds == {k.value for k in SessionKind}
    pk_themes = set(
        Session.objects.of_edition(upcoming).filter(kind="pecha_kucha").values_list("themes__slug", flat=True)
    )
    assert pk_themes == {
        "digital-twin",
        "climate-technology",
        "mobility",
        "cybersecurity",
        "e-gaming",
        "digital-jobs",
        "digital-inclusion",
    }
    assert Edition.objects.count() == 2


def test_theme_filter_offers_the_theme_feed(client, day):
    theme = ThemeFactory(slug="mobility", name_fr="Mobilité")
    day.edition.themes.add(theme)
    SessionFactory(day=day).themes.add(theme)
    html = client.get("/fr/programme/?theme=mobility").content.decode()
    assert "/programme/themes/mobility.ics?lang=fr" in html
    assert "webcal://testserver/programme/themes/mobility.ics?lang=fr" in html


@pytest.mark.parametrize(
    ("language", "seats"), [("fr", "1\u00a0200 places"), ("nl", "1.200 plaatsen"), ("en", "1,200 seats")]
)
def test_a_large_capacity_is_grouped_by_thousands(client, day, language, seats):
    session = SessionFactory(day=day, capacity=1200)
    active = translation.get_language()
    page = client.get(f"/{language}/programme/sessions/{session.public_id}/").content.decode()
    translation.activate(active)  # the page's language stays active in this thread: not for the next tests
    assert seats in page
