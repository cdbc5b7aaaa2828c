"""Rate limits: how many times a key (a client address, an e-mail address, a registration) may do something.

Counts are kept in fixed windows aligned on the clock (a window of 3600 s is one clock hour, of 86400 s one
UTC day), so the time until a refused request may be made again is known exactly and said to the visitor.
Each count is one atomic `cache.add` (the first of its window) or `cache.incr`, never a read then a write,
so concurrent requests never undercount. The counts live in the shared cache (Redis in production, one
count for every app server); while it is unavailable they fall back to each process's memory
(core/cache_guard.py), so a Redis outage neither stops the site nor lifts every limit.

A refusal raises `TooManyRequests`, a DomainError with status 429 whose message says when to try again and
gives the organizers' phone number; views show it on the page the visitor was on, the API answers it as
{"code": "rate_limited", "detail"}.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache.backends.base import BaseCache
from django.http import HttpResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import cache_guard
from .errors import DomainError


@dataclass(frozen=True)
class Rate:
    """At most `count` times per window of `seconds`."""

    count: int
    seconds: int

    @classmethod
    def of(cls, value: Rate | tuple[int, int] | list[int] | str) -> Rate:
        """From a Rate, a (count, seconds) pair or "count/seconds" (the form settings and env use)."""
        if isinstance(value, Rate):
            return value
        if isinstance(value, str):
            value = value.split("/")
        count, seconds = (int(n) for n in value)
        return cls(count, max(1, seconds))


def _now() -> float:
    return time.time()


def refusal_message(retry_after: int) -> str:
    """When to try again, and whom to call meanwhile, in the active language."""
    minutes = max(1, math.ceil(retry_after / 60))
    if minutes <= 90:
        when = ngettext("in {count} minute", "in {count} minutes", minutes).format(count=minutes)
    else:
        hours = math.ceil(minutes / 60)
        when = ngettext("in {count} hour", "in {count} hours", hours).format(count=hours)
    details = gettext("Please try again {when}, or call us on {phone}: a person will help you.").format(
        when=when, phone=settings.ORGANIZER["phone"]
    )
    return f"{gettext('Too many attempts')}. {details}"


class TooManyRequests(DomainError):
    code = "rate_limited"
    default_message = _("Too many requests in a short while. Please try again later.")
    status = 429

    def __init__(self, retry_after: int):
        super().__init__(refusal_message(retry_after), retry_after=retry_after)

    @property
    def retry_after(self) -> int:
        return self.details["retry_after"]


def count(scope: str, key: str, seconds: int) -> tuple[int, int]:
    """Count one more time `key` does `scope` in the current window of `seconds`.

    Returns (times counted in this window, this one included; seconds until the window ends)."""
    now = _now()
    index = int(now // seconds)
    ends_in = max(1, math.ceil((index + 1) * seconds - now))
    digest = hashlib.sha256(str(key).encode()).hexdigest()[:32]
    cache_key = f"rl:{scope}:{seconds}:{index}:{digest}"

    def add_one(store: BaseCache) -> int:
        if store.add(cache_key, 1, timeout=ends_in + 1):
            return 1
        try:
            return store.incr(cache_key)
        except ValueError:  # expired between add and incr
            store.add(cache_key, 1, timeout=ends_in + 1)
            return 1

    return cache_guard.with_fallback("rate limits", add_one), ends_in


def hit(scope: str, key: str, rate: Rate | tuple[int, int] | str) -> int:
    """Count one time; 0 while within `rate`, else the seconds until it may be done again."""
    rate = Rate.of(rate)
    times, ends_in = count(scope, key, rate.seconds)
    return 0 if times <= rate.count else ends_in


def check(*limits: tuple[str, str, Rate | tuple[int, int] | str]) -> None:
    """Count one time against each (scope, key, rate); TooManyRequests when any is exceeded."""
    waits = [hit(scope, key, rate) for scope, key, rate in limits]
    if any(waits):
        raise TooManyRequests(retry_after=max(waits))


def form_over_limit(form, *limits: tuple[str, str, Rate | tuple[int, int] | str]) -> int:
    """Count one submission of a form against each limit; past one, put the refusal (when to try again, whom
    to call) above the form and return the seconds to wait, else 0: how every public form is limited."""
    try:
        check(*limits)
    except TooManyRequests as error:
        form.add_error(None, error.message)
        return error.retry_after
    return 0


def refused_if(wait: int, response: HttpResponse) -> HttpResponse:
    """The page the visitor was on, as 429 when they must wait (its form says until when, whom to call)."""
    if wait:
        response.status_code = 429
        response["Retry-After"] = str(wait)
    return response
