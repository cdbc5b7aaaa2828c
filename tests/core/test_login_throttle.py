import threading

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.test import Client, RequestFactory

from core import login_throttle
from tests.core.conftest import close_thread_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff():
    return User.objects.create_user("organizer", password="right-password-123", is_staff=True)


def login(client, password):
    return client.post("/admin/login/", {"username": "organizer", "password": password, "next": "/admin/"})


def test_wait_grows_then_locks():
    assert [login_throttle.wait_seconds(n, 1000.0, 1000.0) for n in (0, 2, 3, 4, 5, 10)] == [
        0,
        0,
        5,
        10,
        20,
        3600,
    ]
    assert login_throttle.wait_seconds(3, 1000.0, 1006.0) == 0


def test_wrong_passwords_slow_down_then_lock_out(client, staff, monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(login_throttle, "_now", lambda: clock[0])
    for _ in range(3):
        assert login(client, "wrong").status_code == 200  # the form again, with its error
    slowed = login(client, "right-password-123")
    assert (slowed.status_code, slowed["Retry-After"]) == (429, "5")
    assert (
        "Too many wrong passwords" in slowed.content.decode()
        or "Trop de mots de passe" in slowed.content.decode()
    )

    for _ in range(7):
        clock[0] += 3600
        login(client, "wrong")
    clock[0] += 600
    locked = login(client, "right-password-123")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 3000


def test_right_password_resets_the_count(client, staff):
    login(client, "wrong")
    login(client, "wrong")
    assert login(client, "right-password-123").status_code == 302
    client.logout()
    for _ in range(2):
        login(client, "wrong")
    assert login(client, "right-password-123").status_code == 302


def test_wrong_passwords_with_random_names_never_lock_out_staff_elsewhere(staff, settings):
    """Behind the proxy, REMOTE_ADDR is the proxy: the address counted is the one the proxy saw."""
    settings.TRUSTED_PROXY_HOPS = 1
    attacker = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")
    for n in range(12):
        attacker.post("/admin/login/", {"username": f"user-{n}", "password": "wrong"})
    organizer = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.20")
    response = organizer.post(
        "/admin/login/", {"username": "organizer", "password": "right-password-123", "next": "/admin/"}
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_wrong_passwords_for_a_name_from_one_address_do_not_lock_it_at_another(staff, monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(login_throttle, "_now", lambda: clock[0])
    attacker = Client(REMOTE_ADDR="198.51.100.66")
    for _ in range(15):
        clock[0] += 60
        attacker.post("/admin/login/", {"username": "organizer", "password": "wrong"})
    assert attacker.post("/admin/login/", {"username": "organizer", "password": "wrong"}).status_code == 429
    response = Client(REMOTE_ADDR="203.0.113.20").post(
        "/admin/login/", {"username": "organizer", "password": "right-password-123", "next": "/admin/"}
    )
    assert response.status_code == 302


def test_one_address_trying_many_names_is_slowed_then_locked(db):
    client = Client(REMOTE_ADDR="198.51.100.67")
    statuses = [
        client.post("/admin/login/", {"username": f"user-{n}", "password": "wrong"}).status_code
        for n in range(11)
    ]
    assert statuses == [200] * 10 + [429]


@pytest.mark.usefixtures("shared_cache")
def test_parallel_attempts_count_every_one_and_check_three_passwords():
    """40 attempts at once: each is counted (no lost update) and only as many passwords are checked as
    one-by-one attempts would get checked before the first wait."""
    factory = RequestFactory()
    barrier = threading.Barrier(40)
    waits = []

    def attempt():
        request = factory.post("/admin/login/", REMOTE_ADDR="198.51.100.68")
        barrier.wait()
        wait = login_throttle.seconds_to_wait(request, "organizer")
        waits.append(wait)
        if wait == 0:  # the password is checked, and is wrong
            user_login_failed.send(sender=None, credentials={"username": "organizer"}, request=request)
        close_thread_cache()

    threads = [threading.Thread(target=attempt) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    pair, _address = login_throttle._counters(factory.post("/", REMOTE_ADDR="198.51.100.68"), "organizer")
    # At most the three a one-by-one run lets through (fewer when the address count saw others first).
    assert 1 <= sum(1 for wait in waits if wait == 0) <= 3
    assert login_throttle._read(pair)[0] == 40


def test_a_slow_down_never_lasts_longer_than_the_lock():
    assert login_throttle.wait_seconds(29, 1000.0, 1000.0, slow_after=10, lock_after=30) == 3600
