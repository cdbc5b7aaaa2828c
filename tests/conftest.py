import pytest
from django.db import connection


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` run only when DATABASE_URL points at PostgreSQL (CI always sets it)."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://…")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def on_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def edition(db):
    """The edition most tests work in: the factory's, with its dates ahead. Tests that need the fair to be
    today ask for `edition_today` instead."""
    from tests.factories import EditionFactory

    return EditionFactory()


@pytest.fixture
def edition_today(db):
    """An edition whose first day is today and second tomorrow: what the scanner and the desks need."""
    import datetime as dt

    from django.utils import timezone

    from tests.factories import EditionFactory

    today = timezone.localdate()
    return EditionFactory(starts_on=today, ends_on=today + dt.timedelta(days=1))


@pytest.fixture(autouse=True)
def _no_counts_left_over():
    """Rate limits and throttles count in the cache (or in the per-process fallback while it is down):
    every test starts with none, and with the shared cache taken as working."""
    from django.core.cache import cache

    from core import cache_guard

    cache_guard.reset()
    cache.clear()
    yield
    cache_guard.reset()


@pytest.fixture(autouse=True)
def _language_of_the_settings():
    """Every test starts in the default language: a test that activates another (a mail rendered in Dutch, a
    request that ended in English) must not change the URLs `reverse` gives the next one."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def page_queries(client):
    """`measure(url, **params)`: (the number of queries a GET of a staff list costs, the page), with the cache
    emptied first so that nothing cached earlier hides a query. A list's count must be the same at two sizes
    of its data."""
    from django.core.cache import cache
    from django.test.utils import CaptureQueriesContext

    def measure(url: str, **params) -> tuple[int, str]:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, params)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    return measure
