"""The back office login slows down, then locks out, after repeated wrong passwords.

Failures are counted per (user name, client address) and per client address alone, never per user name
alone: a flood of wrong passwords from elsewhere must never lock a staff member out. The client address is
the one every limit uses (core/clients.py: the trusted proxy's X-Forwarded-For entry, IPv6 by /64).

Per (user name, address): from the 3rd failure each attempt must wait longer (5 s, 10 s, 20 s, ...), from
the 10th the login is locked for an hour after the last failure. Per address, any user names: the same from
the 10th and 30th failures. A refused attempt is answered 429 before the password is even checked.

Counting is atomic: every attempt is counted (`cache.add`/`cache.incr`) before the password is checked, and
an attempt refused for coming too early counts too (retrying sooner only waits longer). The count each
attempt gets back says whether others slipped in meanwhile, so 40 parallel tries count 40 and check no more
passwords than one-by-one tries would. A right password forgets the (user name, address) failures and takes
its own attempt back from the address count. The counts
live in the shared cache, or in this process's memory while it is unavailable (core/cache_guard.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.cache.backends.base import BaseCache
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import cache_guard
from .clients import client_address

SLOW_AFTER = 3
LOCK_AFTER = 10
LOCK_SECONDS = 3600
BASE_DELAY_SECONDS = 5
KIND = "login throttle"


@dataclass(frozen=True)
class Counter:
    key: str
    slow_after: int
    lock_after: int


def _now() -> float:
    return time.time()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _counters(request: HttpRequest, username: str) -> list[Counter]:
    address = client_address(request)
    pair = _digest(f"{username.strip().lower()}\n{address}")
    return [
        Counter(f"login-fail:pair:{pair}", SLOW_AFTER, LOCK_AFTER),
        Counter(f"login-fail:addr:{_digest(address)}", 10, 30),
    ]


def wait_seconds(
    failures: int,
    last_failure: float,
    now: float,
    *,
    slow_after: int = SLOW_AFTER,
    lock_after: int = LOCK_AFTER,
) -> int:
    """How long the next attempt must wait; 0 when it may proceed."""
    if failures >= lock_after:
        return max(0, int(last_failure + LOCK_SECONDS - now))
    if failures >= slow_after:
        delay = min(LOCK_SECONDS, BASE_DELAY_SECONDS * 2 ** (failures - slow_after))
        return max(0, int(last_failure + delay - now + 0.999))
    return 0


def _read(counter: Counter) -> tuple[int, float]:
    def read(store: BaseCache) -> tuple[int, float]:
        values = store.get_many([f"{counter.key}:n", f"{counter.key}:t"])
        return int(values.get(f"{counter.key}:n", 0)), float(values.get(f"{counter.key}:t", 0.0))

    return cache_guard.with_fallback(KIND, read)


def _count(counter: Counter, now: float) -> int:
    """One more failure (counted before the password is checked); returns the count, this one included."""

    def add_one(store: BaseCache) -> int:
        key = f"{counter.key}:n"
        if store.add(key, 1, timeout=LOCK_SECONDS):
            number = 1
        else:
            try:
                number = store.incr(key)
            except ValueError:  # expired between add and incr
                store.add(key, 1, timeout=LOCK_SECONDS)
                number = 1
            store.touch(key, LOCK_SECONDS)
        store.set(f"{counter.key}:t", now, timeout=LOCK_SECONDS)
        return number

    return cache_guard.with_fallback(KIND, add_one)


def seconds_to_wait(request: HttpRequest, username: str) -> int:
    """Count this attempt, then say how long it must wait (0: it may go on, and it stays counted as a
    failure until the password proves right)."""
    now = _now()
    waits = []
    for counter in _counters(request, username):
        failures, last = _read(counter)
        before = _count(counter, now) - 1
        # Attempts counted since our read are being made right now: the last of them is now.
        last_attempt = last if before == failures else now
        waits.append(
            wait_seconds(
                before, last_attempt, now, slow_after=counter.slow_after, lock_after=counter.lock_after
            )
        )
    return max(waits)


@receiver(user_logged_in, dispatch_uid="login-throttle-success")
def forget_failures(sender, request, user, **kwargs) -> None:
    if request is None:
        return
    pair, address = _counters(request, user.get_username())

    def forget(store: BaseCache) -> None:
        store.delete_many([f"{pair.key}:n", f"{pair.key}:t"])
        with contextlib.suppress(ValueError):  # nothing counted (or already expired)
            store.decr(f"{address.key}:n")

    cache_guard.with_fallback(KIND, forget)


def _refusal(request: HttpRequest, wait: int) -> HttpResponse:
    minutes = (wait + 59) // 60
    message = (
        _("Too many wrong passwords. Try again in {seconds} seconds.").format(seconds=wait)
        if wait < 120
        else _("Too many wrong passwords: the login is locked. Try again in {minutes} minutes.").format(
            minutes=minutes
        )
    )
    response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(wait)
    return response


class LoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.login_paths = set(getattr(settings, "LOGIN_THROTTLE_PATHS", ["/admin/login/"]))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path in self.login_paths:
            wait = seconds_to_wait(request, request.POST.get("username", ""))
            if wait:
                return _refusal(request, wait)
        return self.get_response(request)
