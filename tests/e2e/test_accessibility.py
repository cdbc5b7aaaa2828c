"""axe-core on every public page, in French and Dutch, at phone and desktop sizes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from .axe import assert_accessible, horizontal_overflow

# Read-only: the demo is loaded once for the module (see `demo_site`), hence plain django_db.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LANGUAGES = ["fr", "nl"]

# name -> (URL name, kwargs)
PUBLIC_PAGES = {
    "home": ("events:home", {}),
    "past-editions": ("events:edition-list", {}),
    "edition-detail": ("events:edition-detail", {"slug": "2024"}),
    "help": ("events:help", {}),
    "accessibility": ("events:accessibility", {}),
    "privacy": ("events:privacy", {}),
}


def localized(url_name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(url_name, kwargs=kwargs)


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_public_page_has_no_serious_accessibility_violations(page, page_errors, demo_site, viewport, name):
    url_name, kwargs = PUBLIC_PAGES[name]
    for language in LANGUAGES:
        response = page.goto(demo_site + localized(url_name, language, **kwargs))
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page, f"{name} ({language}, {viewport.name})")
        if viewport.mobile:
            assert horizontal_overflow(page) == 0
    page_errors.assert_none()
