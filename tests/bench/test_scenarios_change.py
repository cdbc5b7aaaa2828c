"""Issue 22's bench scenarios: wrk's output read right, its scan script well formed, the section written."""

import json
import subprocess

from bench import scenarios_change
from bench.report_change import change_section

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8207
  2 threads and 20 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    30.01ms   10.00ms 200.00ms   90.00%
  Latency Distribution
     50%   25.50ms
     75%   31.00ms
     90%  800.00us
     99%    1.20s
  4200 requests in 10.00s, 1.00MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    420.00
Transfer/sec:    100.00KB
"""


def test_wrk_output_is_read(monkeypatch):
    def run(command, **kwargs):
        return subprocess.CompletedProcess(command, 0, stdout=WRK_OUTPUT)

    monkeypatch.setattr(scenarios_change.subprocess, "run", run)
    figures = scenarios_change.wrk("re-scan", 8207, "-- script", 10)
    assert figures == {
        "name": "re-scan",
        "requests": 4200,
        "throughput": 420.0,
        "p50_ms": 25.5,
        "p75_ms": 31.0,
        "p90_ms": 0.8,
        "p99_ms": 1200.0,
        "errors": 3,
    }


def test_scan_script_posts_each_code_with_a_unique_nonce():
    script = scenarios_change.scan_script(["CODE1", "CODE2"], ["token-a"])
    assert 'codes = {"CODE1","CODE2"}' in script
    assert '"/api/v1/checkins"' in script
    assert 'thread:set("id"' in script
    assert '%012x", id, n)' in script


def test_the_section_names_each_scenario_and_its_targets():
    stats = {"requests": 40, "throughput": 1.0, "p50_ms": 10.0, "p95_ms": 20.0, "p99_ms": 30.0, "errors": 0}
    results = {
        "crowd": {
            "path": "/fr/programme/",
            "rounds": 1,
            "crowd": 40,
            "runs": {name: stats for name in ("warm", "unrelated", "programme")},
            "fresh_after_rendering": True,
        },
        "cold": {"cpu": {"programme_full_render": 80.0, "programme_ics_full_render": 90.0}},
        "rescan": {"tickets": 10, "own_client": {"baseline": stats, "rescan": stats}, "wrk": None},
    }
    text = "\n".join(change_section(json.loads(json.dumps(results))))
    assert "--only crowd" in text
    assert "--only cold" in text
    assert "--only rescan" in text
    assert "≤ 1.2×" in text
    assert "≤ 2×" in text
    assert "wrk is not installed" in text
