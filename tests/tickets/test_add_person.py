"""A double "add a person" (a double click, ten quick posts of the same page) adds one person and tells the
other posts clearly that the person is already there: never a second person by accident, never a 500."""

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from tests.factories import DayFactory, EditionFactory
from tickets import services
from tickets.exceptions import PersonAlreadyAdded
from tickets.models import Ticket

ALREADY = "Cette personne a déjà été ajoutée"


def _registration(edition=None):
    edition = edition or EditionFactory()
    day = DayFactory(edition=edition, capacity=50)
    return services.register(
        edition=edition, days=[day], name="Ana", email="ana@example.org", language="fr", companions=["Lou"]
    )


def _url(registration) -> str:
    return f"/fr/tickets/my/{registration.public_id}/{registration.manage_token}/"


def _people(registration) -> list[int]:
    return sorted(set(Ticket.objects.valid_of(registration).values_list("position", flat=True)))


@pytest.mark.django_db
def test_the_same_page_posted_twice_adds_one_person(client):
    registration = _registration()
    post = {"action": "add_companion", "first_name": "Noor", "people_seen": "2"}

    first = client.post(_url(registration), post)
    second = client.post(_url(registration), post)

    assert first.status_code == 302
    assert second.status_code == 200
    assert ALREADY in second.content.decode()
    assert _people(registration) == [0, 1, 2]


@pytest.mark.django_db
def test_the_service_refuses_a_second_add_from_the_same_page():
    registration = _registration()
    services.add_companion(registration=registration, first_name="Noor", people_seen=2)

    with pytest.raises(PersonAlreadyAdded):
        services.add_companion(registration=registration, first_name="Noor", people_seen=2)
    services.add_companion(registration=registration, first_name="Sam", people_seen=3)

    assert _people(registration) == [0, 1, 2, 3]


def _post(url: str, barrier: threading.Barrier, results: list) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(url, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    seen = re.search(r'name="people_seen" value="(\d+)"', page).group(1)
    body = {
        "csrfmiddlewaretoken": token,
        "action": "add_companion",
        "first_name": "Noor",
        "people_seen": seen,
    }
    request = urllib.request.Request(  # noqa: S310
        url, data=urllib.parse.urlencode(body).encode(), headers={"Referer": url}
    )
    barrier.wait()
    try:
        response = opener.open(request, timeout=120)
        results.append((response.status, response.read().decode()))
    except urllib.error.HTTPError as error:
        results.append((error.code, error.read().decode()))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_quick_posts_add_one_person_and_no_500(live_server):
    registration = _registration()
    url = live_server.url + _url(registration)
    barrier = threading.Barrier(10)
    results: list = []
    threads = [threading.Thread(target=_post, args=(url, barrier, results)) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(status for status, _html in results) == [200] * 10  # redirects followed to the page
    assert sum(ALREADY in html for _status, html in results) == 9
    assert _people(registration) == [0, 1, 2]
