"""gunicorn forks its workers from a master that loaded the app (config/gunicorn.conf.py, warmup.py)."""

import runpy

import pytest
from django.db import connections

from config.warmup import warm_up


def test_gunicorn_preloads_the_app_and_warms_it_before_forking(monkeypatch):
    called = []
    monkeypatch.setattr("config.warmup.warm_up", lambda: called.append("warm_up"))
    monkeypatch.setattr("gc.freeze", lambda: called.append("freeze"))
    conf = runpy.run_path("config/gunicorn.conf.py")

    conf["when_ready"](server=None)

    assert conf["preload_app"] is True
    assert called == ["warm_up", "freeze"]


@pytest.mark.django_db
def test_warm_up_reads_nothing_from_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        warm_up()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_warm_up_opens_no_connection_the_workers_would_share():
    for connection in connections.all():
        connection.close()

    warm_up()

    assert all(connection.connection is None for connection in connections.all())
