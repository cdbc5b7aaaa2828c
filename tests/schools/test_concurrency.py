"""Teachers booking the last places of a slot at the same moment: the slot's capacity in pupils is never
exceeded (PostgreSQL, real concurrent HTTP requests through the booking form). The control run switches the
slot lock off and shows that the test catches the race."""

import http.cookiejar
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from schools.models import BookedSlot
from tests.factories import EditionFactory
from tests.schools.factories import (
    SchoolDayFactory,
    SchoolSettingsFactory,
    WorkshopFactory,
    WorkshopSlotFactory,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TEACHERS = 10
PUPILS = 10
CAPACITY = 30
ROUNDS = 3


@pytest.fixture(autouse=True)
def no_booking_rate_limits(settings):
    """Every teacher of the race posts from 127.0.0.1: these tests are about places, not about the limits
    per client address and per e-mail, which tests/schools/test_booking_limits.py covers."""
    settings.SCHOOLS_BOOKING_RATE_LIMIT = "1000/3600"
    settings.SCHOOLS_MAILS_LIMIT = "1000/86400"


def post_at_once(url: str, forms: list[dict]) -> list[int]:
    """POST each booking form from its own browser (its own CSRF cookie), all at the same moment; the
    statuses answered (302: a booking made)."""
    barrier = threading.Barrier(len(forms))
    statuses: list[int] = []

    def post(form: dict) -> None:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
        opener.open(f"{url}/fr/schools/book/?level=P5", timeout=30).read()  # the CSRF cookie
        token = next(c.value for c in jar if c.name == "csrftoken")
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **form}).encode()
        request = urllib.request.Request(  # noqa: S310 - http URL of our live server
            f"{url}/fr/schools/book/",
            data=data,
            method="POST",
            headers={"Referer": f"{url}/fr/schools/book/"},
        )
        barrier.wait()
        try:
            response = opener.open(request, timeout=60)
            statuses.append(response.status)
        except urllib.error.HTTPError as error:  # the 302 of a booking made
            statuses.append(error.code)

    threads = [threading.Thread(target=post, args=(form,)) for form in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def book_all_at_once(url: str, slot_id: int, round_no: int) -> list[int]:
    forms = [
        {
            "level": "P5",
            "slots": slot_id,
            "school_name": f"École {round_no}-{index}",
            "school_address": "Rue 1",
            "school_postal_code": "1000",
            "school_network": "fr",
            "teacher_name": "Prof",
            "teacher_email": f"prof{index}@example.org",
            "teacher_mobile": "0470123456",
            "class_name": "5A",
            "pupils": PUPILS,
            "adults": 2,
            "language": "fr",
        }
        for index in range(TEACHERS)
    ]
    return post_at_once(url, forms)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def run_race(live_server) -> list[int]:
    edition = EditionFactory()
    SchoolSettingsFactory(edition=edition, max_classes_per_school=4)
    day = SchoolDayFactory(edition=edition)
    workshop = WorkshopFactory(edition=edition)
    taken = []
    for round_no in range(ROUNDS):
        slot = WorkshopSlotFactory(
            workshop=workshop,
            day=day,
            capacity=CAPACITY,
            starts_at=f"{9 + round_no}:00",
            ends_at=f"{9 + round_no}:50",
        )
        statuses = book_all_at_once(live_server.url, slot.pk, round_no)
        assert len(statuses) == TEACHERS
        booked = BookedSlot.objects.filter(slot=slot).count()
        assert statuses.count(302) == booked
        taken.append(booked * PUPILS)
    return taken


def test_concurrent_bookings_never_exceed_the_slot_capacity(live_server):
    taken = run_race(live_server)
    assert taken == [CAPACITY] * ROUNDS


def test_control_without_the_lock_the_race_overbooks(live_server, settings):
    settings.CONCURRENCY_GUARD_SCHOOLS_CAPACITY = False
    taken = run_race(live_server)
    assert max(taken) > CAPACITY, "the test did not catch the race: it would not catch a broken lock"
