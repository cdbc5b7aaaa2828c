"""Rate limits: fixed windows, atomic counts, a clear refusal."""

import threading

import pytest
from django.utils import translation

from core import ratelimit
from tests.core.conftest import close_thread_cache


@pytest.fixture
def clock(monkeypatch):
    now = [1_000_000_000.0]  # a multiple of 3600 and 86400 is not needed: windows are aligned on the clock
    monkeypatch.setattr(ratelimit, "_now", lambda: now[0])
    return now


def test_limit_then_refuse_until_the_window_ends(clock):
    assert [ratelimit.hit("t", "k", "3/3600") for _ in range(3)] == [0, 0, 0]
    wait = ratelimit.hit("t", "k", "3/3600")
    assert wait == 3600 - clock[0] % 3600
    clock[0] += wait
    assert ratelimit.hit("t", "k", "3/3600") == 0


def test_keys_and_scopes_count_apart(clock):
    assert ratelimit.hit("t", "a", (1, 60)) == 0
    assert ratelimit.hit("t", "b", (1, 60)) == 0
    assert ratelimit.hit("u", "a", (1, 60)) == 0
    assert ratelimit.hit("t", "a", (1, 60)) > 0


@pytest.mark.usefixtures("shared_cache")
def test_parallel_hits_count_every_one():
    barrier = threading.Barrier(40)
    results = []

    def one():
        barrier.wait()
        results.append(ratelimit.hit("parallel", "k", (10, 3600)))
        close_thread_cache()

    threads = [threading.Thread(target=one) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(1 for wait in results if wait == 0) == 10


def test_refusal_says_when_and_whom_to_call():
    with translation.override("fr"):
        error = ratelimit.TooManyRequests(retry_after=150)
    assert (error.status, error.code, error.retry_after) == (429, "rate_limited", 150)
    assert error.message == (
        "Trop de tentatives. Veuillez réessayer dans 3 minutes, "
        "ou appelez-nous au +32 2 282 47 70 : une personne vous aidera."
    )
    with translation.override("nl"):
        assert "over 5 uur" in ratelimit.TooManyRequests(retry_after=5 * 3600 - 10).message
