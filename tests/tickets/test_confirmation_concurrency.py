"""Two confirmations of one registration at the same moment (a double click, two tabs), on PostgreSQL.

With the registration row locked first (services/confirmation.py) the second waits, then finds it confirmed:
the tickets exist once and are mailed once. The control run switches the lock off with the capacity guard
and shows that the test catches the race: both read "unconfirmed" and the second one's tickets collide.
"""

import threading
import time

import pytest
from django.db import connection

from tests.factories import DayFactory, EditionFactory
from tickets import services
from tickets.models import OutgoingMail, Registration, Ticket
from tickets.services import confirmation

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def at_once(action, times: int = 2) -> None:
    """Run `action` in `times` threads that start together; each closes its own database connection."""
    barrier = threading.Barrier(times)

    def run():
        barrier.wait()
        try:
            action()
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def confirm_twice(monkeypatch) -> tuple[Registration, list]:
    day = DayFactory(edition=EditionFactory(), capacity=10)
    pending = services.register(
        edition=day.edition,
        days=[day],
        name="Ana",
        email="ana@example.org",
        companions=["Lou"],
        confirm_by_mail=True,
    )
    original = confirmation.build_tickets

    def slow_build(**kwargs):
        time.sleep(0.2)  # widen the window between reading the registration and inserting its tickets
        return original(**kwargs)

    monkeypatch.setattr(confirmation, "build_tickets", slow_build)
    outcomes: list = []

    def press():
        try:
            services.confirm_registration(registration=Registration.objects.get(pk=pending.pk))
            outcomes.append("confirmed")
        except Exception as error:  # the control run's collision
            outcomes.append(type(error).__name__)

    at_once(press)
    return pending, outcomes


def test_two_confirmations_at_once_issue_the_tickets_once(monkeypatch):
    pending, outcomes = confirm_twice(monkeypatch)

    assert outcomes == ["confirmed", "confirmed"]
    assert Ticket.objects.filter(registration=pending).count() == 2
    assert OutgoingMail.objects.filter(compose_key="").count() == 1  # one tickets mail


def test_control_run_without_the_lock_shows_the_race(monkeypatch, settings):
    settings.CONCURRENCY_GUARD_TICKETS_CAPACITY = False
    pending, outcomes = confirm_twice(monkeypatch)

    assert "IntegrityError" in outcomes, (
        "without the lock both confirmations must try to issue, or this test proves nothing"
    )
    assert Ticket.objects.filter(registration=pending).count() == 2  # the database's unique rule held


def test_two_registrations_of_one_address_at_once_hold_the_places_once(settings):
    settings.TICKETS_CONFIRM_LINK_LIMIT = "10/86400"
    day = DayFactory(edition=EditionFactory(), capacity=10)
    returned: list = []

    def submit():
        registration = services.register(
            edition=day.edition, days=[day], name="Ana", email="ana@example.org", confirm_by_mail=True
        )
        returned.append(registration.pk)

    at_once(submit)

    registration = Registration.objects.get()
    assert returned == [registration.pk, registration.pk]
    assert services.places_left(day=day) == 9
    assert OutgoingMail.objects.filter(to="ana@example.org").count() == 2  # the link, and the same again
