"""axe-core on every public page (and the gate scanner), in French and Dutch, at phone and desktop sizes;
at phone size nothing scrolls sideways, and the browser reports no error (CSP violations included)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Edition, Session, Speaker
from exhibitors.models import Exhibitor

from .axe import assert_accessible, horizontal_overflow

# Read-only: the demo is loaded once for the module (see `demo_site`), hence plain django_db.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LANGUAGES = ["fr", "nl"]


def first_session() -> dict:
    session = (
        Session.objects.published().filter(day__edition=Edition.objects.current()).order_by("starts_at")[0]
    )
    return {"public_id": session.public_id}


def first_speaker() -> dict:
    return {
        "slug": Speaker.objects.filter(sessions__day__edition=Edition.objects.current())
        .order_by("slug")[0]
        .slug
    }


def first_exhibitor() -> dict:
    return {
        "slug": Exhibitor.objects.published()
        .filter(edition=Edition.objects.current())
        .order_by("slug")[0]
        .slug
    }


# name -> (URL name, kwargs or a function of the demo data giving them)
PUBLIC_PAGES = {
    "home": ("events:home", {}),
    "past-editions": ("events:edition-list", {}),
    "edition-detail": ("events:edition-detail", {"slug": "2024"}),
    "past-programme": ("events:edition-programme", {"slug": "2024"}),
    "help": ("events:help", {}),
    "accessibility": ("events:accessibility", {}),
    "privacy": ("events:privacy", {}),
    "programme": ("events:programme", {}),
    "now-next": ("events:now-next", {}),
    "changes": ("events:changes", {}),
    "session": ("events:session-detail", first_session),
    "speaker": ("events:speaker-detail", first_speaker),
    "my-agenda": ("events:agenda", {}),
    "registration": ("tickets:register", {}),
    "lost-tickets": ("tickets:lost", {}),
    "waiting-list": ("tickets:waiting-join", {}),
    "exhibitors": ("exhibitors:directory", {}),
    "exhibitor": ("exhibitors:exhibitor", first_exhibitor),
    "floor-plan": ("exhibitors:plan", {}),
    "schools": ("schools:catalogue", {}),
    "school-booking": ("schools:book", {}),
    "scanner": ("checkin:scan", {}),
}


def localized(url_name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(url_name, kwargs=kwargs)


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_public_page_has_no_serious_accessibility_violations(page, page_errors, demo_site, viewport, name):
    url_name, kwargs = PUBLIC_PAGES[name]
    kwargs = kwargs() if callable(kwargs) else kwargs
    for language in LANGUAGES:
        response = page.goto(demo_site + localized(url_name, language, **kwargs))
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page, f"{name} ({language}, {viewport.name})")
        if viewport.mobile:
            assert horizontal_overflow(page) == 0
    page_errors.assert_none()


NARROW = {"320px": (320, 640), "200%-zoom": (640, 450)}  # 1280 × 900 at 200 % zoom is 640 × 450 CSS px


@pytest.mark.parametrize("size", list(NARROW))
def test_no_page_scrolls_sideways_at_320_px_or_200_percent_zoom(browser, demo_site, size):
    width, height = NARROW[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-BE")
    page = context.new_page()
    overflowing = {}
    try:
        for name, (url_name, kwargs) in PUBLIC_PAGES.items():
            kwargs = kwargs() if callable(kwargs) else kwargs
            for language in LANGUAGES:
                page.goto(demo_site + localized(url_name, language, **kwargs))
                overflow = horizontal_overflow(page)
                if overflow:
                    overflowing[f"{name} ({language})"] = overflow
    finally:
        context.close()
    assert overflowing == {}


def test_error_page_has_no_serious_accessibility_violations(page, page_errors, demo_site, viewport):
    for language in LANGUAGES:
        response = page.goto(f"{demo_site}/{language}/no-such-page/")
        assert response.status == 404
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page, f"404 ({language}, {viewport.name})")
        if viewport.mobile:
            assert horizontal_overflow(page) == 0
    # The browser logs the page's own 404 status as a console error: nothing else may appear.
    assert [m for m in page_errors.messages if "404" not in m] == []
