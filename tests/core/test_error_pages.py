"""With DEBUG off, errors answer the site's own pages, translated, with a person to call and the way home."""

import pytest
from django.conf import settings
from django.test import Client

from core import views

pytestmark = pytest.mark.django_db

PHONE = settings.ORGANIZER["phone"]
STREETS = {"fr": "Avenue des Arts 21", "nl": "Kunstlaan 21", "en": "Avenue des Arts 21"}
NOT_FOUND = {"fr": "Page introuvable", "nl": "Pagina niet gevonden", "en": "Page not found"}
SERVER_ERROR = {"fr": "Une erreur s’est produite", "nl": "Er is iets misgegaan", "en": "Something went wrong"}
FORBIDDEN = {"fr": "Accès refusé", "nl": "Toegang geweigerd", "en": "Access refused"}
BAD_REQUEST = {"fr": "Requête non comprise", "nl": "Verzoek niet begrepen", "en": "Request not understood"}
HOME = {"fr": 'href="/fr/"', "nl": 'href="/nl/"', "en": 'href="/en/"'}


@pytest.fixture
def server_client() -> Client:
    """A client that gets the 500 page back instead of the view's exception."""
    client = Client()
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_unknown_page_answers_404_translated_with_phone_and_address(client, settings, language):
    settings.DEBUG = False
    response = client.get(f"/{language}/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in html
    assert f"<h1>{NOT_FOUND[language]}</h1>" in html
    assert (PHONE in html, STREETS[language] in html, HOME[language] in html) == (True, True, True)


@pytest.mark.urls("tests.core.error_urls")
@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_crash_answers_500_translated_with_phone(server_client, settings, language):
    settings.DEBUG = False
    response = server_client.get("/crash/", HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == 500
    assert f"<h1>{SERVER_ERROR[language]}</h1>" in html
    assert (PHONE in html, STREETS[language] in html, HOME[language] in html) == (True, True, True)


@pytest.mark.urls("tests.core.error_urls")
def test_500_page_is_drawn_without_the_database(server_client, settings, django_assert_num_queries):
    settings.DEBUG = False
    server_client.cookies["sessionid"] = "a-session-the-page-must-not-read"
    with django_assert_num_queries(0):
        response = server_client.get("/crash/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 500
    assert f"<h1>{SERVER_ERROR['nl']}</h1>" in response.content.decode()


@pytest.mark.urls("tests.core.error_urls")
def test_500_falls_back_to_a_plain_translated_page_when_the_template_fails(
    server_client, settings, monkeypatch
):
    settings.DEBUG = False

    def broken(*args, **kwargs):
        raise RuntimeError("the template is broken")

    monkeypatch.setattr(views, "render_to_string", broken)
    response = server_client.get("/crash/", HTTP_ACCEPT_LANGUAGE="nl")
    html = response.content.decode()
    assert response.status_code == 500
    assert f"<h1>{SERVER_ERROR['nl']}</h1>" in html
    assert (PHONE in html, STREETS["nl"] in html, 'href="/nl/"' in html) == (True, True, True)


@pytest.mark.urls("tests.core.error_urls")
@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize(
    ("path", "status", "headings"), [("/forbidden/", 403, FORBIDDEN), ("/suspicious/", 400, BAD_REQUEST)]
)
def test_refused_request_answers_its_translated_page(client, settings, language, path, status, headings):
    settings.DEBUG = False
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{headings[language]}</h1>" in html
    assert (PHONE in html, HOME[language] in html) == (True, True)
