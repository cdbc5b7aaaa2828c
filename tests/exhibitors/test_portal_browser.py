"""The portal's profile form at phone size: the website field (type="url") looks like the other fields."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import browser  # noqa: F401 - fixture

from .test_portal import url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_url_input_is_styled_like_text_inputs_at_375px(browser, live_server, exhibitor, token, tmp_path):  # noqa: F811
    tab = browser.new_page(viewport={"width": 375, "height": 812})
    try:
        tab.goto(live_server.url + url("portal", token))
        sizes = tab.evaluate(
            """() => ['url', 'email', 'text'].map(type => {
                const input = document.querySelector(`input[type=${type}]`);
                if (!input) return null;
                const style = getComputedStyle(input);
                return [type, input.getBoundingClientRect().height, style.fontSize, style.borderTopWidth];
            }).filter(Boolean)"""
        )
        tab.locator("input[type=url]").first.scroll_into_view_if_needed()
        tab.screenshot(path=str(tmp_path / "portal-profile-375.png"), full_page=True)
    finally:
        tab.close()
    url_input, *others = sizes
    assert url_input[0] == "url"
    assert others
    assert all(url_input[1:] == other[1:] for other in others), sizes
    assert url_input[1] >= 44  # a tap target on a phone
