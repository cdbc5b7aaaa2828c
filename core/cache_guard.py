"""The shared cache (Redis in production) may fail at run time: this is how the site keeps answering.

Contract
- `shared(kind, operation)` runs `operation(cache)` on the shared cache. When the cache raises a connection or
  protocol error it raises `CacheUnavailable` instead, and for the next `PAUSE_SECONDS` every call raises it
  at once, without trying (a cache that hangs until its socket timeout would otherwise cost each request
  that timeout again and again).
- `with_fallback(kind, operation)` runs `operation` on the shared cache, or on this process's own memory when
  the shared cache is unavailable: rate limits and throttles keep counting, per process, until Redis is back.
- Each failure is logged at most once a minute per `kind` (the rate limits, the login throttle, the page
  cache...), not once per request, so an outage does not flood the logs.
- `probe()` asks the shared cache directly, whatever the pause: the health check reports what it answers.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from redis.exceptions import RedisError

T = TypeVar("T")

# redis-py wraps socket errors in its own; OSError covers the sockets of other backends.
CACHE_ERRORS: tuple[type[Exception], ...] = (RedisError, OSError)
PAUSE_SECONDS = 5.0
LOG_EVERY_SECONDS = 60.0
PROBE_KEY = "healthz:probe"

logger = logging.getLogger("printemps.cache")
local_cache = LocMemCache("core-cache-fallback", {"OPTIONS": {"MAX_ENTRIES": 20_000}})

_lock = threading.Lock()
_paused_until = 0.0
_last_logged: dict[str, float] = {}


class CacheUnavailable(Exception):
    """The shared cache failed (or failed a moment ago): the caller falls back or does without."""


def _clock() -> float:
    return time.monotonic()


def _failed(kind: str, error: Exception) -> None:
    global _paused_until
    now = _clock()
    with _lock:
        _paused_until = now + PAUSE_SECONDS
        last = _last_logged.get(kind)
        if last is not None and now - last < LOG_EVERY_SECONDS:
            return
        _last_logged[kind] = now
    logger.warning("shared cache unavailable (%s): %s: %s", kind, type(error).__name__, error)


def shared(kind: str, operation: Callable[[BaseCache], T]) -> T:
    """`operation(cache)` on the shared cache; CacheUnavailable when it fails or failed a moment ago."""
    if _clock() < _paused_until:
        raise CacheUnavailable(kind)
    try:
        return operation(cache)
    except CACHE_ERRORS as error:
        _failed(kind, error)
        raise CacheUnavailable(kind) from error


def with_fallback(kind: str, operation: Callable[[BaseCache], T]) -> T:
    """`operation` on the shared cache, or on this process's memory while the shared cache is unavailable."""
    try:
        return shared(kind, operation)
    except CacheUnavailable:
        return operation(local_cache)


def probe() -> bool:
    """Whether the shared cache answers now (a read), whatever the pause; a success ends the pause."""
    global _paused_until
    try:
        cache.get(PROBE_KEY)
    except CACHE_ERRORS as error:
        _failed("health", error)
        return False
    with _lock:
        _paused_until = 0.0
    return True


def reset() -> None:
    """Forget past failures (tests that broke the cache on purpose call it when done)."""
    global _paused_until
    with _lock:
        _paused_until = 0.0
        _last_logged.clear()
    local_cache.clear()
