"""Browser fixtures for the gate scanner: Debian's Chromium driving the live server through Playwright.

Without /usr/bin/chromium every test here is skipped with one clear reason. Each test builds its own
edition (today and tomorrow), gates and scanner devices with one-time pairing codes, and opens one browser
context per device, the way two phones at two gates would be.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import timezone

from tests.factories import DayFactory, EditionFactory, RegistrationFactory, TicketFactory
from tickets.checkin.enums import GateKind
from tickets.checkin.models import Gate, ScannerDevice
from tickets.checkin.services import create_device, new_pairing_code_for

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
SKIP_REASON = f"Chromium not found at {CHROMIUM}: scanner browser tests skipped (apt-get install chromium)"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _running_playwright():
    """The Playwright another fixture started in this thread, if any.

    Playwright's sync API allows one running instance per thread, and the e2e fixtures keep theirs for the
    whole session: starting a second one fails ("using Playwright Sync API inside the asyncio loop").
    So reuse the live one when there is one; a stopped instance refuses to launch and is skipped.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return None
    from playwright.sync_api import Playwright

    for candidate in gc.get_objects():
        # type(), not isinstance(): isinstance would wake Django's lazy objects (they proxy __class__).
        if type(candidate) is Playwright:
            try:
                candidate.chromium.executable_path  # noqa: B018 - a cheap call that fails once stopped
            except Exception:  # a stopped instance  # noqa: S112
                continue
            return candidate
    return None


@contextmanager
def chromium(extra_args: tuple[str, ...] = ()) -> Iterator:
    """Launch Chromium on the running Playwright (or a new one, stopped afterwards)."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    # Playwright's sync API keeps an asyncio loop in this thread; the tests' own ORM calls stay synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    shared = _running_playwright()
    own = None
    if shared is None:
        from playwright.sync_api import sync_playwright

        own = sync_playwright().start()
    playwright = shared or own
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *extra_args])
    try:
        yield browser
    finally:
        browser.close()
        if own is not None:
            own.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def scanner_browser() -> Iterator:
    if not CHROMIUM.exists():
        pytest.skip(SKIP_REASON)
    with chromium() as browser:
        yield browser


@dataclass
class Gates:
    edition: object
    today: object
    tomorrow: object
    main: Gate
    side: Gate


@pytest.fixture
def gates() -> Gates:
    today = timezone.localdate()
    edition = EditionFactory(starts_on=today, ends_on=today + dt.timedelta(days=1))
    day = DayFactory(edition=edition, date=today)
    tomorrow = DayFactory(edition=edition, date=today + dt.timedelta(days=1))
    main = Gate.objects.create(edition=edition, name="Main entrance", kind=GateKind.MAIN)
    side = Gate.objects.create(edition=edition, name="Canal entrance", kind=GateKind.MAIN)
    return Gates(edition, day, tomorrow, main, side)


def pairing_code(gate: Gate, name: str) -> tuple[ScannerDevice, str]:
    device, _token = create_device(gate=gate, name=name)
    device = new_pairing_code_for(device=device)
    return device, device.pairing_code


def ticket(day, name: str, **kwargs):
    registration = kwargs.pop("registration", None) or RegistrationFactory(edition=day.edition, name=name)
    return TicketFactory(day=day, registration=registration, holder_name=name, **kwargs)


class Scanner:
    """One device: a browser context with the scanner page open."""

    def __init__(self, context, base_url: str, language: str = "fr"):
        self.context = context
        self.url = f"{base_url}/{language}/scan/"
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def open(self) -> None:
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready=true]")

    def pair(self, code: str) -> None:
        self.page.fill("#pairing-code", code)
        self.page.click("[data-pair-form] button[type=submit]")
        self.page.wait_for_selector("body[data-screen=scanning]")
        # The edition's key and revocation list are on the device once the first sync is done.
        self.page.wait_for_selector("body[data-config=ready]")

    def wait_for_service_worker(self) -> None:
        """Until the worker controls the page (polled from here: the page's CSP forbids Playwright's eval)."""
        for _attempt in range(150):
            if self.page.evaluate("navigator.serviceWorker.controller !== null"):
                return
            self.page.wait_for_timeout(100)
        raise AssertionError("the service worker never took control of the scanner page")

    def scan(self, code: str, *, end_key: str = "Enter") -> dict:
        """Type the code and Enter (or Tab), as a handheld scanner does; return the verdict shown."""
        field = self.page.locator("[data-code-input]")
        field.fill(code)
        field.press(end_key)
        self.page.wait_for_selector("[data-result]:not([hidden])")
        verdict = {
            "verdict": self.page.get_attribute("[data-result]", "data-verdict"),
            "title": self.page.inner_text("[data-result-title]"),
            "name": self.page.inner_text("[data-result-name]"),
            "detail": self.page.inner_text("[data-result-detail]"),
            "reason": self.page.inner_text("[data-result-reason]"),
        }
        self.close_result()
        return verdict

    def close_result(self) -> None:
        """Tap "Next scan" (by script: an admitted verdict may already have closed itself)."""
        self.page.evaluate("document.querySelector('[data-result-close]').click()")
        self.page.wait_for_selector("[data-result]", state="hidden")

    def waiting(self) -> int:
        return int(self.page.get_attribute("[data-status]", "data-waiting"))

    def status_text(self) -> str:
        return re.sub(r"\s+", " ", self.page.inner_text("[data-status]")).strip()


@pytest.fixture
def open_scanner(request, scanner_browser, live_server):
    contexts = []

    def factory(language: str = "fr", init_script: str | None = None) -> Scanner:
        context = scanner_browser.new_context(
            viewport={"width": 375, "height": 812},
            locale={"fr": "fr-BE", "nl": "nl-BE", "en": "en-GB"}[language],
            timezone_id="Europe/Brussels",
        )
        context.set_default_timeout(15_000)
        if init_script:
            context.add_init_script(init_script)
        contexts.append(context)
        scanner = Scanner(context, live_server.url, language)
        scanner.open()
        return scanner

    yield factory
    failed = getattr(getattr(request.node, "rep_call", None), "failed", False)
    for index, context in enumerate(contexts):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            for page in context.pages:
                stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[:150]
                try:
                    page.screenshot(path=str(ARTIFACTS / f"{stem}-{index}.png"), full_page=True)
                except Exception as error:  # the page may be gone; the test's own failure matters more
                    print(f"no failure screenshot: {error}")
        context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report
