import os

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings


@pytest.fixture(params=["memory", "redis"])
def shared_cache(request):
    """The tests of atomic counts run on the in-process cache, and on Redis when REDIS_URL names one (CI)."""
    if request.param == "memory":
        yield "memory"
        return
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("needs Redis: set REDIS_URL=redis://…")
    redis = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    with override_settings(CACHES=redis):
        cache.clear()
        yield "redis"
        cache.clear()


def close_thread_cache() -> None:
    """Django keeps one cache object per thread and a Redis one never closes its pool: a test's own thread
    closes it before ending."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        for pool in backend._cache._pools.values():
            pool.disconnect()
