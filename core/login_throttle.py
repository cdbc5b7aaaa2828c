"""The back office login slows down, then locks out, after repeated wrong passwords.

Failures are counted per client address and per user name in the shared cache (Redis in production, so
every app server sees them). From the 3rd failure each attempt must wait longer (5 s, 10 s, 20 s, …);
from the 10th the login is locked for an hour. A refused attempt is answered 429 before the password
is even checked.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

SLOW_AFTER = 3
LOCK_AFTER = 10
LOCK_SECONDS = 3600
BASE_DELAY_SECONDS = 5


def _now() -> float:
    return time.time()


def _keys(request: HttpRequest, username: str) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "")
    return [f"login-fail:addr:{address}", f"login-fail:user:{username.strip().lower()}"]


def wait_seconds(failures: int, last_failure: float, now: float) -> int:
    """How long the next attempt must wait; 0 when it may proceed."""
    if failures >= LOCK_AFTER:
        return max(0, int(last_failure + LOCK_SECONDS - now))
    if failures >= SLOW_AFTER:
        delay = BASE_DELAY_SECONDS * 2 ** (failures - SLOW_AFTER)
        return max(0, int(last_failure + delay - now + 0.999))
    return 0


def seconds_to_wait(request: HttpRequest, username: str) -> int:
    now = _now()
    waits = [wait_seconds(*cache.get(key, (0, 0.0)), now) for key in _keys(request, username)]
    return max(waits)


@receiver(user_login_failed, dispatch_uid="login-throttle-failed")
def count_failure(sender, credentials, request=None, **kwargs) -> None:
    if request is None:
        return
    for key in _keys(request, credentials.get("username", "")):
        failures, _last = cache.get(key, (0, 0.0))
        cache.set(key, (failures + 1, _now()), LOCK_SECONDS)


@receiver(user_logged_in, dispatch_uid="login-throttle-success")
def forget_failures(sender, request, user, **kwargs) -> None:
    if request is not None:
        cache.delete_many(_keys(request, user.get_username()))


class LoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.login_paths = set(getattr(settings, "LOGIN_THROTTLE_PATHS", ["/admin/login/"]))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path in self.login_paths:
            wait = seconds_to_wait(request, request.POST.get("username", ""))
            if wait:
                minutes = (wait + 59) // 60
                message = (
                    _("Too many wrong passwords. Try again in {seconds} seconds.").format(seconds=wait)
                    if wait < 120
                    else _(
                        "Too many wrong passwords: the login is locked. Try again in {minutes} minutes."
                    ).format(minutes=minutes)
                )
                response = render(request, "429.html", {"message": message}, status=429)
                response["Retry-After"] = str(wait)
                return response
        return self.get_response(request)
