import pytest
from django.test import override_settings

from core import cache_guard

# A Redis nobody listens on: every cache call fails at once with "connection refused".
DEAD_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@pytest.fixture(autouse=True)
def _no_counts_left_over():
    """Replaces the root conftest's: clearing a dead cache would fail; the fallback is reset instead."""
    cache_guard.reset()
    yield
    cache_guard.reset()


@pytest.fixture
def dead_cache():
    """The shared cache at a dead address, with the page cache on as in production."""
    with override_settings(CACHES=DEAD_CACHE, PAGE_CACHE_SECONDS=600):
        cache_guard.reset()
        yield
    cache_guard.reset()
