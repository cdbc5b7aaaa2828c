import subprocess
import sys

import pytest
from django.urls import reverse

from tests.factories import DayFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_edition(edition):
    """The root `edition` with one day and its name in the three languages, as the home page shows it."""
    DayFactory(edition=edition)
    edition.name_fr, edition.name_nl, edition.name_en = (
        "Printemps Numérique",
        "Digitale Lente",
        "Digital Spring",
    )
    edition.save()
    return edition


@pytest.mark.parametrize(
    ("lang", "name", "skip_link"),
    [
        ("fr", "Printemps Numérique", "Aller au contenu principal"),
        ("nl", "Digitale Lente", "Naar de hoofdinhoud"),
        ("en", "Digital Spring", "Skip to main content"),
    ],
)
def test_home_renders_in_each_language(client, named_edition, lang, name, skip_link):
    response = client.get(f"/{lang}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html
    assert f'<h1 id="hero-title">{name}</h1>' in html
    assert skip_link in html


def test_root_redirects_following_browser_language(client, named_edition):
    response = client.get("/", headers={"accept-language": "nl-BE,nl;q=0.9"})
    assert (response.status_code, response["Location"]) == (302, "/nl/")


@pytest.mark.parametrize("name", ["accessibility", "help", "privacy", "edition-list"])
def test_static_pages_render_with_footer_contacts(client, named_edition, name):
    response = client.get(reverse(f"events:{name}"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "+32 2 282 47 70" in html
    assert "Avenue des Arts 21" in html
    assert reverse("events:accessibility") in html


def test_responses_carry_csp_without_inline_scripts(client, named_edition):
    response = client.get("/fr/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "<script>" not in response.content.decode()


def test_production_refuses_to_start_without_secret_key():
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "x.org",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("language", "street", "brand"),
    [
        ("fr", "Avenue des Arts 21", "Printemps Numérique"),
        ("nl", "Kunstlaan 21", "Digitale Lente"),
        ("en", "Avenue des Arts 21", "Printemps Numérique"),
    ],
)
def test_the_organizers_address_is_in_the_pages_language(client, language, street, brand):
    from django.utils import translation

    with translation.override(language):
        html = client.get(reverse("events:help")).content.decode()
    assert f"{street}<br>" in html  # the help page's postal address
    assert f"Paradigm – {brand}<br>" in html
    assert html.count(street) >= 2  # and the footer's
