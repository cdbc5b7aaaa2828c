"""No route answers 500 to bad input: every route the URL resolver knows, with a real sample and with an
impossible date in its parameters, and a query string of out-of-range dates and numbers, by GET and POST.
Run on PostgreSQL too: it refuses what SQLite lets through."""

import pytest

from tests.test_http_methods import all_routes, samples  # noqa: F401  (the fixture, shared)

pytestmark = pytest.mark.django_db

QUERY = (
    "?day=99999-01-01&date=2024-02-30&edition=%C3%A9%27&q=%27%22&theme=x&page=99999999999999999999"
    "&lang=zz&companions=99999999999999999999&places=-1"
)


def test_no_route_answers_500_to_bad_input(client, samples):  # noqa: F811
    errors = []
    for route in all_routes():
        for url in (route.url(samples), route.url({}).replace("unknown", "99999-01-01")):
            for method in (client.get, client.post):
                response = method(url + QUERY)
                if response.status_code >= 500:
                    errors.append((method.__name__, url, response.status_code))

    assert errors == []
