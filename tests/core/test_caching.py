import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import caching, content_areas
from core.content_areas import version_key
from events.models import Agenda, Theme
from exhibitors.models import StaffMember
from tests.factories import EditionFactory, ThemeFactory, TicketFactory
from tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.caching_urls")]

TOKEN = re.compile(r'"x-csrftoken": "([A-Za-z0-9]{64})"')


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def themes():
    return [ThemeFactory(slug="ai", name="Intelligence artificielle"), ThemeFactory(slug="vr", name="VR")]


def queries_of(client_call) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client_call()
    return len(captured), response


@pytest.fixture
def rendering_queries(client, themes) -> int:
    """Queries of one full rendering of /themes/ (the view's and the site context processor's)."""
    cache.clear()
    count, _response = queries_of(lambda: client.get("/themes/?measure"))
    cache.clear()
    return count


def page_token(response) -> str:
    return TOKEN.search(response.content.decode()).group(1)


def test_second_request_is_served_from_cache_without_queries(
    client, themes, rendering_queries, django_assert_num_queries
):
    with django_assert_num_queries(rendering_queries):
        first = client.get("/themes/")
    with django_assert_num_queries(0):
        second = client.get("/themes/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert "<p>Intelligence artificielle</p><p>VR</p>" in second.content.decode()
    assert TOKEN.sub("", second.content.decode()) == TOKEN.sub("", first.content.decode())


def test_head_reads_the_cache_filled_by_get(client, themes, django_assert_num_queries):
    client.get("/themes/")
    with django_assert_num_queries(0):
        response = client.head("/themes/")
    assert response["X-Page-Cache"] == "hit"


def test_saving_content_invalidates_after_commit(
    client, themes, rendering_queries, django_assert_num_queries, django_capture_on_commit_callbacks
):
    client.get("/themes/")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Theme.objects.filter(slug="vr").update(name="Réalité virtuelle")  # no signal: still cached
        theme = Theme.objects.get(slug="vr")
        theme.save()
    assert len(callbacks) == 1
    with django_assert_num_queries(0):
        before_commit = client.get("/themes/")
    assert "<p>VR</p>" in before_commit.content.decode()
    callbacks[0]()  # the transaction commits
    with django_assert_num_queries(rendering_queries):  # the change rendered once this answer is sent
        after = client.get("/themes/")
    assert after["X-Page-Cache"] == "stale"
    after = client.get("/themes/")
    assert after["X-Page-Cache"] == "hit"
    assert "<p>Réalité virtuelle</p>" in after.content.decode()


def test_deleting_content_invalidates(client, themes, django_capture_on_commit_callbacks):
    client.get("/themes/")
    with django_capture_on_commit_callbacks(execute=True):
        themes[1].delete()
    assert client.get("/themes/")["X-Page-Cache"] == "stale"  # the change renders once this is sent
    assert "<p>VR</p>" not in client.get("/themes/").content.decode()


def test_many_to_many_change_of_content_invalidates(client, themes, django_capture_on_commit_callbacks):
    edition = EditionFactory()
    version = caching.content_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        edition.themes.add(themes[0])
    assert len(callbacks) == 1
    assert caching.content_version() != version


def test_explicit_bump_invalidates_after_a_queryset_update(
    client, themes, rendering_queries, django_assert_num_queries, django_capture_on_commit_callbacks
):
    client.get("/themes/")
    with django_capture_on_commit_callbacks(execute=True):
        Theme.objects.filter(slug="vr").update(name="Réalité virtuelle")
        caching.bump_content_version()
    with django_assert_num_queries(rendering_queries):
        assert client.get("/themes/")["X-Page-Cache"] == "stale"  # rendered right after its answer
    assert "Réalité virtuelle" in client.get("/themes/").content.decode()


def test_tickets_and_personal_rows_do_not_invalidate(themes, django_capture_on_commit_callbacks):
    assert [caching.is_content_model(m) for m in (Theme, Ticket, Agenda, StaffMember)] == [
        True,
        False,
        False,
        False,
    ]
    ticket = TicketFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ticket.holder_name = "Ana"
        ticket.save()
    assert callbacks == []


def test_a_lost_version_never_brings_old_entries_back(client, themes):
    client.get("/themes/")
    old = caching.content_version()
    for area in caching.AREAS:
        cache.delete(version_key(area))
    assert caching.content_version() != old
    assert client.get("/themes/")["X-Page-Cache"] == "stale"  # and rendered anew once this is sent
    assert client.get("/themes/")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"path": "/themes/", "data": {"q": "a"}}, {"path": "/themes/", "data": {"q": "b"}}),
        (
            {"path": "/themes/", "headers": {"accept-language": "fr"}},
            {"path": "/themes/", "headers": {"accept-language": "nl"}},
        ),
        ({"path": "/themes/"}, {"path": "/themes/", "headers": {"hx-request": "true"}}),
    ],
    ids=["query string", "language", "htmx"],
)
def test_key_separates_query_string_language_and_htmx(client, themes, first, second):
    one = client.get(**first)
    two = client.get(**second)
    assert (one["X-Page-Cache"], two["X-Page-Cache"]) == ("miss", "miss")
    assert TOKEN.sub("", one.content.decode()) != TOKEN.sub("", two.content.decode())
    assert client.get(**second)["X-Page-Cache"] == "hit"


def test_each_visitor_gets_their_own_working_csrf_token():
    ThemeFactory(slug="ai", name="IA")
    first = Client(enforce_csrf_checks=True)
    second = Client(enforce_csrf_checks=True)
    first.get("/themes/")
    response = second.get("/themes/")
    assert response["X-Page-Cache"] == "hit"
    cookie = response.cookies["csrftoken"].value
    token = page_token(response)
    assert _unmask_cipher_token(token) == cookie
    assert caching.CSRF_PLACEHOLDER.decode() not in response.content.decode()
    assert second.post("/submit/", headers={"x-csrftoken": token}).content == b"accepted"
    assert first.post("/submit/", headers={"x-csrftoken": token}).status_code == 403


def test_cached_feed_answers_if_none_match_with_304_without_queries(
    client, themes, django_assert_num_queries
):
    etag = client.get("/feed.ics")["ETag"]
    with django_assert_num_queries(0):
        response = client.get("/feed.ics", headers={"if-none-match": etag})
    assert (response.status_code, response.content) == (304, b"")
    with django_assert_num_queries(0):
        full = client.get("/feed.ics", headers={"if-none-match": '"something-else"'})
    assert (full.status_code, full.content, full["Content-Type"]) == (
        200,
        b"Intelligence artificielle-VR",
        "text/calendar",
    )


def test_signed_in_visitors_bypass_the_cache(client, themes, admin_user):
    client.get("/themes/")
    client.force_login(admin_user)
    first, _response = queries_of(lambda: client.get("/themes/"))
    second, response = queries_of(lambda: client.get("/themes/"))
    assert second == first > 0  # rendered for them each time
    assert "X-Page-Cache" not in response


@pytest.mark.parametrize("cookie", ["pn_agenda", "messages", "anything"])
def test_requests_with_personal_cookies_bypass_the_cache(client, themes, cookie):
    client.get("/themes/")
    client.cookies[cookie] = "value"
    first, _response = queries_of(lambda: client.get("/themes/"))
    second, response = queries_of(lambda: client.get("/themes/"))
    assert second == first > 0
    assert "X-Page-Cache" not in response


def test_csrf_and_language_cookies_still_share_the_cache(client, themes):
    client.get("/themes/")
    client.cookies["csrftoken"] = "a" * 32
    client.cookies["django_language"] = "fr"
    assert client.get("/themes/")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("path", ["/cookie/", "/missing/"])
def test_responses_setting_cookies_or_not_200_are_not_stored(client, themes, path):
    first, _response = queries_of(lambda: client.get(path))
    second, response = queries_of(lambda: client.get(path))
    assert second == first > 0
    assert "X-Page-Cache" not in response


def test_post_is_never_cached(client, themes, rendering_queries, django_assert_num_queries):
    client.get("/themes/")
    with django_assert_num_queries(rendering_queries):
        response = client.post("/themes/")
    assert "X-Page-Cache" not in response


def test_switched_off_with_zero_seconds(
    client, themes, rendering_queries, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/themes/")
    with django_assert_num_queries(rendering_queries):
        response = client.get("/themes/")
    assert "X-Page-Cache" not in response


def test_receivers_only_on_content_models_so_other_deletes_stay_fast():
    from django.db.models.signals import post_delete

    def receivers(model):
        sync_receivers, _async_receivers = post_delete._live_receivers(model)
        return sync_receivers

    assert content_areas._on_change in receivers(Theme)
    assert content_areas._on_change not in receivers(Ticket)
    assert content_areas._on_change not in receivers(Agenda)
