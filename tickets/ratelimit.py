"""Rate limits through Django's cache (Redis in production, so every app server shares the counts)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the address the trusted reverse proxy saw (the last X-Forwarded-For hop it added)."""
    hops = getattr(settings, "TICKETS_TRUSTED_PROXY_HOPS", 0)
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def hit(*, scope: str, key: str, limit: int, window: int) -> bool:
    """Count one request; False once `limit` requests were made in the current `window` seconds."""
    cache_key = f"tickets:rl:{scope}:" + hashlib.sha256(key.encode()).hexdigest()[:32]
    if cache.add(cache_key, 1, timeout=window):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window)
        return True
    return count <= limit
