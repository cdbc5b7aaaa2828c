import io

import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and lockouts live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_data(db):
    call_command("load_demo", stdout=io.StringIO())
