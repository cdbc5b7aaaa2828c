import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from core import login_throttle

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
