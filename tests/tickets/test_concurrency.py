"""Real concurrent HTTP registrations at the last places of a day, on PostgreSQL.

The day has 12 places and 2 are taken: 50 people post the form at the same moment. With the guard (the
day row locked in `take_places`) exactly 10 get a ticket and the other 40 are told, cleanly, that the
day is full. The control run switches the guard off (CONCURRENCY_GUARD_TICKETS_CAPACITY = False) and
shows that this test does catch the race: more tickets than places.

Both runs widen the window between counting the places and inserting the tickets by the same small
pause, so the outcome does not depend on luck.
"""

import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from tests.factories import DayFactory, EditionFactory, TicketFactory
from tickets.models import PlaceHold, Ticket
from tickets.services import capacity

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PEOPLE = 50


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def visitor(base_url: str, day, n: int, barrier: threading.Barrier, results: list) -> None:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    form_url = f"{base_url}/fr/tickets/"
    page = opener.open(form_url, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "edition": day.edition.slug,
            "days": str(day.pk),
            "name": f"Visitor {n}",
            "email": f"visitor{n}@example.org",
            "language": "fr",
            "companions": "0",
        }
    ).encode()
    request = urllib.request.Request(form_url, data=body, headers={"Referer": form_url})  # noqa: S310
    barrier.wait()
    try:
        response = opener.open(request, timeout=120)
        results.append((response.status, response.read().decode()))
    except urllib.error.HTTPError as error:  # 302 (not followed) and anything else
        results.append((error.code, error.read().decode()))


def fire(live_server, monkeypatch) -> tuple[int, list]:
    day = DayFactory(edition=EditionFactory(), capacity=12)
    TicketFactory.create_batch(2, day=day)
    original = capacity._day_taken

    def slow_count(d):
        taken = original(d)
        time.sleep(0.05)  # widen the window between counting and inserting (same in both runs)
        return taken

    monkeypatch.setattr(capacity, "_day_taken", slow_count)
    barrier = threading.Barrier(PEOPLE)
    results: list = []
    threads = [
        threading.Thread(target=visitor, args=(live_server.url, day, n, barrier, results))
        for n in range(PEOPLE)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    held = PlaceHold.objects.filter(day=day).places_held()  # the edition confirms addresses: places held
    return Ticket.objects.filter(day=day).valid().count() - 2 + held, results


@pytest.fixture
def no_rate_limit(settings):
    settings.TICKETS_RATE_LIMIT = (10_000, 3600)


def test_fifty_concurrent_registrations_take_exactly_the_last_ten_places(
    live_server, monkeypatch, no_rate_limit
):
    issued, results = fire(live_server, monkeypatch)
    statuses = sorted(status for status, _ in results)
    assert issued == 10
    assert statuses == [200] * 40 + [302] * 10
    full_answers = [html for status, html in results if status == 200]
    assert all(
        "est complet : il n’y a plus assez de places pour votre groupe." in html for html in full_answers
    )
    assert all("S’inscrire sur la liste d’attente" in html for html in full_answers)


def test_control_run_without_the_guard_shows_the_race(live_server, monkeypatch, no_rate_limit, settings):
    settings.CONCURRENCY_GUARD_TICKETS_CAPACITY = False
    issued, _results = fire(live_server, monkeypatch)
    assert issued > 10, (
        "without the lock more tickets than places must be issued, or this test proves nothing"
    )
