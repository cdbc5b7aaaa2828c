"""HEAD and CORS on every route the URL resolver knows (not a hand-kept list): a route added later is
checked too.

HEAD answers what GET answers (status and headers) without a body. Cross-origin reads are allowed, to any
origin and without credentials, on the public read-only resources only: the API's unauthenticated GETs
and the programme's feeds, never a route whose URL carries a secret (a key or a token), a device endpoint,
a staff or a personal page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from config.api import api
from tests.events.factories import SessionFactory, SpeakerFactory
from tests.exhibitors.factories import ExhibitorFactory
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db

ORIGIN = "https://schedule-viewer.example"
SECRET_PARAMETERS = frozenset({"key", "token"})
# Headers that differ between any two requests, whatever the method (an id, a nonce, the time of the answer).
PER_REQUEST_HEADERS = frozenset({"x-request-id", "content-security-policy", "expires"})
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    template: str  # "fr/programme/sessions/<str:public_id>/"
    name: str
    callback: object

    @property
    def parameters(self) -> set[str]:
        return {m["name"] for m in PARAMETER.finditer(self.template)}

    def url(self, samples: dict[tuple[str, str], str]) -> str:
        def fill(match: re.Match) -> str:
            segment = self.template[: match.start()].rstrip("/").rsplit("/", 1)[-1]
            if (segment, match["name"]) in samples:
                return samples[(segment, match["name"])]
            return "1" if match["converter"] == "int" else "unknown"

        return "/" + PARAMETER.sub(fill, self.template)


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and isinstance(pattern.pattern, RoutePattern):
            # Raw regular expressions (the admin's app index, DEBUG's media) cannot be filled generically.
            name = ":".join(filter(None, [namespace, pattern.name or ""]))
            yield Route(prefix + str(pattern.pattern), name, pattern.callback)


def all_routes() -> list[Route]:
    routes = list(_walk(get_resolver().url_patterns))
    assert len(routes) > 80  # the walk found the whole site
    return routes


def api_operations(route: Route) -> dict:
    """What the OpenAPI document declares for an API route: {method: operation}; {} for the document and
    its viewer themselves."""
    paths = api.get_openapi_schema()["paths"]
    return paths.get("/" + PARAMETER.sub(lambda m: "{" + m["name"] + "}", route.template), {})


def is_public_read_only(route: Route) -> bool:
    if route.parameters & SECRET_PARAMETERS:
        return False
    if route.name.startswith("api:"):
        operations = api_operations(route)
        return set(operations) <= {"get"} and not any(op.get("security") for op in operations.values())
    return getattr(route.callback, "__module__", "") == "events.feeds"


@pytest.fixture
def samples() -> dict[tuple[str, str], str]:
    """Real values for the public routes' parameters, by the path segment before the parameter."""
    session = SessionFactory()
    theme = ThemeFactory()
    session.themes.add(theme)
    speaker = SpeakerFactory()
    session.speakers.add(speaker)
    exhibitor = ExhibitorFactory(edition=session.day.edition, is_published=True)
    return {
        ("editions", "slug"): session.day.edition.slug,
        ("sessions", "public_id"): session.public_id,
        ("speakers", "slug"): speaker.slug,
        ("themes", "slug"): theme.slug,
        ("days", "date"): session.day.date.isoformat(),
        ("exhibitors", "slug"): exhibitor.slug,
    }


def _comparable(response) -> dict[str, str]:
    return {k.lower(): v for k, v in response.headers.items() if k.lower() not in PER_REQUEST_HEADERS}


def test_head_answers_like_get_on_every_route(client, samples):
    answered = {}
    for route in all_routes():
        url = route.url(samples)
        get, head = client.get(url), client.head(url)
        assert head.status_code == get.status_code, url
        assert head.status_code != 405 or get.status_code == 405, url
        assert _comparable(head) == _comparable(get), url
        assert head.content == b"", url
        answered[route.name] = get.status_code
    # The check means something: the public reads did answer (the data above is enough for them).
    public = [name for name, status in answered.items() if status == 200]
    for expected in ("feeds:programme", "feeds:schedule-json", "api:list_sessions", "checkin:scan-manifest"):
        assert expected in public
    assert {"checkin:scan-service-worker", "events:session-detail", "events:home"} <= set(public)


def test_head_of_a_feed_keeps_the_get_length(client, samples):
    get = client.get("/programme.ics")
    head = client.head("/programme.ics")
    assert head["Content-Length"] == get["Content-Length"] == str(len(get.content))
    assert head.content == b""


def test_cors_only_on_public_read_only_routes(client, samples):
    public = []
    for route in all_routes():
        url = route.url(samples)
        response = client.get(url, HTTP_ORIGIN=ORIGIN)
        allowed = response.get("Access-Control-Allow-Origin")
        if is_public_read_only(route):
            public.append(route.name)
            assert allowed == "*", url
        else:
            assert allowed is None, url
        assert "Access-Control-Allow-Credentials" not in response, url
    assert {"feeds:schedule-xml", "events:programme-ics", "api:list_sessions", "api:openapi-json"} <= set(
        public
    )
    assert "feeds:agenda" not in public
    assert not any(name.startswith("checkin:") for name in public)


def test_a_preflight_allows_reading_only(client):
    response = client.options(
        "/api/v1/sessions", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_no_cors_on_device_endpoints(client):
    for url in ("/api/v1/checkins", "/api/v1/checkins/config", "/api/v1/devices/pair"):
        response = client.options(url, HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")
        assert "Access-Control-Allow-Origin" not in response, url
