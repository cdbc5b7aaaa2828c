"""One rendering per change, not one per visitor (core/caching.py): a crowd arriving after a change, or on a
page not cached yet, costs one rendering; the others get the previous copy or wait for that one; once it is
stored nobody sees the older content. On the in-process cache and, with REDIS_URL, on Redis (where the lock
and the copy are shared by every app server)."""

import threading

import pytest
from django.core.cache import cache
from django.test import Client

from core import caching
from core.content_areas import EXHIBITORS, PROGRAMME, bump_content_version
from tests.core.caching_urls import Slow
from tests.core.conftest import close_thread_cache

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.caching_urls")]

CROWD = 8


@pytest.fixture(autouse=True)
def page_cache(settings, shared_cache):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    Slow.reset()
    yield
    cache.clear()
    Slow.reset()


@pytest.fixture
def change(django_capture_on_commit_callbacks):
    """Change the page's content and commit, as a saved session does."""

    def make(content: str, *areas: str) -> None:
        Slow.content = content
        with django_capture_on_commit_callbacks(execute=True):
            bump_content_version(*(areas or (PROGRAMME,)))

    return make


def crowd(size: int = CROWD) -> list[tuple[str, str]]:
    """`size` visitors opening /slow/ at the same moment: each one's (X-Page-Cache, content)."""
    start = threading.Barrier(size)
    answers: list[tuple[str, str]] = []

    def visit() -> None:
        try:
            start.wait()
            response = Client().get("/slow/")
            answers.append((response.get("X-Page-Cache", "not stored"), response.content.decode()))
        finally:
            close_thread_cache()

    threads = [threading.Thread(target=visit) for _ in range(size)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def visit() -> tuple[str, str]:
    response = Client().get("/slow/")
    return response.get("X-Page-Cache", "not stored"), response.content.decode()


def test_a_cold_page_is_rendered_once_for_a_crowd_that_waits_for_it():
    Slow.seconds = 1.0
    answers = crowd()
    assert Slow.renderings == 1
    assert sorted(answers) == sorted([("miss", "v1")] + [("hit", "v1")] * (CROWD - 1))


def test_after_a_change_one_renders_and_nobody_waits_for_it(change):
    assert visit() == ("miss", "v1")
    change("v2")
    Slow.seconds = (
        1.0  # long enough for the whole crowd to arrive during the rendering, even on a busy machine
    )
    answers = crowd()
    assert Slow.renderings == 2
    # The one that renders is served the previous copy too, and renders once its answer is sent.
    assert answers.count(("miss", "v2")) == 0
    assert answers.count(("stale", "v1")) >= 1
    # A visitor arriving after the new copy was stored gets it, never the previous one.
    assert set(answers) <= {("stale", "v1"), ("hit", "v2")}
    assert visit() == ("hit", "v2")


def test_once_the_rendering_is_stored_nobody_sees_the_older_content(change):
    visit()
    change("v2")
    key = caching.page_key(Client().get("/slow/").wsgi_request)  # rendered v2 and stored it
    for _ in range(5):
        assert visit() == ("hit", "v2")
    # Another app server renders the next change: until its copy is stored, the previous one is served...
    change("v3")
    assert cache.add(caching.lock_key(key), "another server", 30)
    assert visit() == ("stale", "v2")
    assert Slow.renderings == 2
    # ...and from the moment it is, only the new one.
    cache.set(
        key,
        {
            "version": caching.content_version(PROGRAMME),
            "frozen": {"status": 200, "headers": [("Content-Type", "text/html")], "content": b"v3"},
        },
    )
    cache.delete(caching.lock_key(key))
    assert [visit() for _ in range(5)] == [("hit", "v3")] * 5
    assert Slow.renderings == 2


def test_a_change_made_during_the_rendering_outdates_its_copy(change):
    visit()
    Slow.while_rendering = lambda: (Slow.reset("v3"), change("v3"))
    Slow.content = "v2"
    change("v2")
    assert visit() == ("stale", "v1")  # v2 rendered after this answer, from what it read before the change...
    Slow.while_rendering = None
    assert visit() == ("stale", "v2")  # ...so its copy is outdated at once: this one renders v3 after
    assert visit() == ("hit", "v3")


def test_an_unrelated_change_keeps_the_copy(change):
    visit()
    change("v1", EXHIBITORS)
    assert visit() == ("hit", "v1")
    assert Slow.renderings == 1


def test_waiting_is_bounded_when_the_renderer_never_stores(monkeypatch):
    monkeypatch.setattr(caching, "WAIT_SECONDS", 0.1)
    Slow.seconds = 0
    key = caching.page_key(Client().get("/slow/").wsgi_request)
    cache.delete(key)
    assert cache.add(caching.lock_key(key), "a server that died", 30)
    assert visit() == ("not stored", "v1")  # rendered for this visitor after waiting a moment
    cache.delete(caching.lock_key(key))
    assert visit() == ("miss", "v1")


def test_a_failed_rendering_releases_the_lock(change):
    visit()
    change("v2")

    def fail():
        raise RuntimeError("template error")

    Slow.while_rendering = fail
    assert visit() == ("stale", "v1")  # the failed rendering, after the answer, is logged
    Slow.while_rendering = None
    assert visit() == ("stale", "v1")  # the lock was released: this one renders v2 after its answer
    assert visit() == ("hit", "v2")


def test_a_page_never_cached_still_fails_as_the_view_does():
    def fail():
        raise RuntimeError("template error")

    Slow.while_rendering = fail
    with pytest.raises(Exception):  # noqa: B017, PT011 - the view's error, or the error page's here
        Client().get("/slow/")
    Slow.while_rendering = None
    assert visit() == ("miss", "v1")
