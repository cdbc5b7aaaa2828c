"""Shared Playwright fixtures: Debian's Chromium driving the live Django server with the demo data.

- `browser` (one per test process, see `shared_browser`) launches /usr/bin/chromium; without it every
  browser test is skipped with one clear reason, and the run summary says so in one line.
- `demo` loads the demo editions into the (transactional) test database served by pytest-django's
  `live_server` and gives the server's address; `demo_site` does the same once per module, for pages
  that are only looked at.
- `page` opens a fresh browser context at the size asked for by the `viewport` fixture (phone 375 × 812 or
  desktop 1280 × 900); console errors and CSP violations are collected in `page_errors`; a failing test
  leaves a screenshot and the page's HTML under test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SKIP_REASON = f"Chromium not found at {CHROMIUM}: browser tests skipped (apt-get install chromium)"


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    mobile: bool


PHONE = Viewport("phone", 375, 812, mobile=True)
DESKTOP = Viewport("desktop", 1280, 900, mobile=False)
VIEWPORTS = [PHONE, DESKTOP]


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=SKIP_REASON)
    skipped = 0
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
            skipped += 1
    config._e2e_skipped = skipped


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = getattr(config, "_e2e_skipped", 0)
    if skipped:
        terminalreporter.write_line(f"{SKIP_REASON} ({skipped} tests)", yellow=True)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


_shared: dict = {}


def shared_browser():
    """One Playwright and one Chromium for the whole test process.

    Fixtures are sometimes imported into other test modules (tests/schools does), which registers them
    again; a second sync_playwright() in the same thread fails ("Sync API inside the asyncio loop"). So the
    browser is a process-wide singleton, closed when the session finishes."""
    if "browser" not in _shared:
        from playwright.sync_api import sync_playwright

        # Playwright's sync API keeps an asyncio loop in this thread; the ORM calls made by the tests
        # themselves are still plain synchronous calls, so Django's guard against async contexts is lifted.
        _shared["previous_async_unsafe"] = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        _shared["playwright"] = sync_playwright().start()
        _shared["browser"] = _shared["playwright"].chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
    return _shared["browser"]


def pytest_sessionfinish(session, exitstatus):
    if "browser" not in _shared:
        return
    _shared.pop("browser").close()
    _shared.pop("playwright").stop()
    previous = _shared.pop("previous_async_unsafe")
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(SKIP_REASON)
    return shared_browser()


@pytest.fixture
def demo(live_server) -> str:
    """The live server's base URL, with the demo editions loaded (tests may change the data freely)."""
    call_command("load_demo", stdout=io.StringIO())
    return live_server.url


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker) -> Iterator[str]:
    """A live server with the demo editions loaded ONCE for a whole module of read-only tests.

    Loading the demo for every test (as `demo` does) costs a second or two each time; pages that are only
    looked at share one copy, committed once. The module's tests must be marked plain `django_db` (so that
    pytest-django sets up the test database and keeps them together) and must not change data. The database
    is flushed at the end, as a transactional test would leave it.
    """
    from pytest_django.live_server_helper import LiveServer

    database = connection.settings_dict["NAME"]
    if "test" not in database and "memory" not in database:  # never load or flush a real database
        raise RuntimeError(f"demo_site needs the test database, not {database}: mark the module django_db")
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server.url
        finally:
            server._live_server_modified_settings.disable()
            # Stop serving, but leave the in-memory SQLite connection shareable (as pytest-django's own
            # live server does until the session ends): a request still finishing in its thread closes
            # that connection, then its socket; refusing it left an unclosed socket behind.
            server.thread.terminate()
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(params=VIEWPORTS, ids=[v.name for v in VIEWPORTS])
def viewport(request) -> Viewport:
    return request.param


@dataclass
class PageErrors:
    """What the browser complained about: uncaught exceptions, console errors (CSP violations included)."""

    messages: list[str] = field(default_factory=list)

    def assert_none(self) -> None:
        assert self.messages == [], "the browser reported errors:\n" + "\n".join(self.messages)


@pytest.fixture
def page_errors() -> PageErrors:
    return PageErrors()


@pytest.fixture
def page(request, browser, viewport: Viewport, page_errors: PageErrors) -> Iterator:
    context = browser.new_context(
        viewport={"width": viewport.width, "height": viewport.height},
        is_mobile=viewport.mobile,
        has_touch=viewport.mobile,
        locale="fr-BE",
        timezone_id="Europe/Brussels",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("pageerror", lambda error: page_errors.messages.append(f"uncaught: {error}"))
    page.on(
        "console",
        lambda message: (
            page_errors.messages.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    yield page
    failed = any(
        getattr(getattr(request.node, f"report_{when}", None), "failed", False) for when in ("setup", "call")
    )
    if failed:
        save_artifacts(page, request.node.nodeid)
    context.close()


def save_artifacts(page, nodeid: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[:180]
    try:
        page.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)
        (ARTIFACTS / f"{stem}.html").write_text(page.content(), encoding="utf-8")
    except Exception as error:  # the page may already be gone; the test's own failure matters more
        print(f"could not save the failure screenshot: {error}")
