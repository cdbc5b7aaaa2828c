"""`make bench`: a production-like server, four load scenarios, figures written to BENCHMARKS.md.

    .venv/bin/python -m bench.run [--quick] [--port 8110] [--out BENCHMARKS.md]
    .venv/bin/python -m bench.run --only crowd|rescan|cold [--reuse-db] [--database …] [--redis …]

`--only` runs one scenario of bench/scenarios_change.py (or the cold renderings' CPU), prints its figures
and keeps them in var/bench/only-<name>.json, without rewriting BENCHMARKS.md.

1. creates a fresh PostgreSQL database (pn_bench) and empties Redis database 3, migrates, loads the demo and
   bench/prepare.py's extra rows;
2. starts gunicorn exactly as `make serve` does (config/gunicorn.conf.py: workers from the cores, gthread,
   DEBUG off, whitenoise, Redis cache), with bench/settings.py, whose URLs add the baseline view;
3. drives it with bench/client.py on this same machine, measuring the baseline in the same run;
4. measures queries per request and ticket rendering in-process (bench/inprocess.py), and counts the
   instructions per request under callgrind (bench/instructions.py), which the machine's load does not move;
5. writes BENCHMARKS.md (machine, date, figures, ratios to the baseline, targets met or not), followed by the
   notes in bench/NOTES.md (what profiling found and what was changed).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

from . import exports, scenarios_change
from .instructions import measure
from .report import write_report
from .report_change import change_lines
from .scenarios import scenarios, uncached_pages
from .server import PYTHON, ROOT, WORK, Server, bench_env, prepare_database, public_ids, server_settings


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8110)
    parser.add_argument("--database", default="pn_bench")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--tickets", type=int, default=4000, help="valid tickets to admit, then re-scan")
    parser.add_argument("--scanners", type=int, default=20)
    parser.add_argument("--attempts", type=int, default=1000, help="concurrent registration attempts")
    parser.add_argument("--places", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=10, help="length of each steady-load run")
    parser.add_argument("--renders", type=int, default=30)
    parser.add_argument("--quick", action="store_true", help="a small development run")
    parser.add_argument(
        "--reuse-db", action="store_true", help="keep the database of the last run (development)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--only", choices=ONLY, help="one scenario alone, figures printed (not written)")
    args = parser.parse_args()
    if args.quick:
        args.tickets, args.attempts, args.places, args.seconds, args.renders = 400, 200, 60, 2, 5
    return args


def main() -> None:
    args = parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    env = bench_env(args)
    print("preparing the database…", file=sys.stderr)
    data = prepare_database(args, env)
    data["baseline_ids"] = [code_id for code_id in public_ids(env)]
    if args.only:
        run_only(args, env, data)
        return
    results: dict = {
        "machine": machine(),
        "settings": server_settings(env),
        "args": vars(args) | {"out": str(args.out)},
    }
    run_load(args, env, data, results)
    run_change(args, env, data, results)
    results["cold"] = measure_cold(env)
    print("measuring in-process…", file=sys.stderr)
    results["inprocess"] = measure_inprocess(args, env, data)
    print("counting instructions (callgrind)…", file=sys.stderr)
    results["instructions"] = measure(env)
    print("exporting registrations…", file=sys.stderr)
    results["exports"] = exports.run_child(env, sizes=exports.SIZES, repeat=3, root=ROOT, python=PYTHON)
    results["prepared"] = {k: data[k] for k in ("session_count", "exhibitor_count", "places_left")} | {
        "tickets": len(data["codes"]),
        "scanners": len(data["tokens"]),
    }
    (WORK / "results.json").write_text(json.dumps(results, indent=1))
    write_report(results, args.out)
    print(f"wrote {args.out} (raw figures in {WORK / 'results.json'})", file=sys.stderr)


ONLY = ("crowd", "rescan", "cold")


def run_only(args, env: dict[str, str], data: dict) -> None:
    if args.only == "cold":
        figures = measure_cold(env)
    else:
        with Server(args, env, f"gunicorn-{args.only}.log") as server:
            if args.only == "crowd":
                figures = asyncio.run(scenarios_change.crowd(args, env))
            else:
                if not scenarios_change.wrk_installed():
                    print(
                        "wrk is not installed (apt-get install wrk): the wrk runs are skipped",
                        file=sys.stderr,
                    )
                figures = asyncio.run(scenarios_change.rescan(args, data))
            figures["server_errors_logged"] = server.logged_errors()
    figures["machine"] = machine()
    (WORK / f"only-{args.only}.json").write_text(json.dumps(figures, indent=1))
    print(json.dumps(figures, indent=1))
    print("\n".join(change_lines(args.only, figures)), file=sys.stderr)


def run_change(args, env: dict[str, str], data: dict, results: dict) -> None:
    """Issue 22's scenarios, on a server of their own (the edits and re-scans change the data)."""
    with Server(args, env, "gunicorn-change.log") as server:
        print("the crowd after an edit…", file=sys.stderr)
        results["crowd"] = asyncio.run(scenarios_change.crowd(args, env))
        if not scenarios_change.wrk_installed():
            print("wrk is not installed (apt-get install wrk): the wrk runs are skipped", file=sys.stderr)
        results["rescan"] = asyncio.run(scenarios_change.rescan(args, data))
        results["server_errors_logged"] += server.logged_errors()


def measure_cold(env: dict[str, str]) -> dict:
    inprocess = subprocess.run(  # noqa: S603
        [PYTHON, "-m", "bench.inprocess", "--cold"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(inprocess.stdout.strip().splitlines()[-1])


def run_load(args, env: dict[str, str], data: dict, results: dict) -> None:
    """The scenarios on a server as served, then the pages again on one with the page cache off."""
    with Server(args, env, "gunicorn.log") as server:
        print("running the scenarios…", file=sys.stderr)
        asyncio.run(scenarios(args, data, results, server.sessions))
        results["server_errors_logged"] = server.logged_errors()
    with Server(args, bench_env(args, PAGE_CACHE_SECONDS="0"), "gunicorn-uncached.log") as server:
        asyncio.run(uncached_pages(args, results))
        results["server_errors_logged"] += server.logged_errors()


def measure_inprocess(args, env: dict[str, str], data: dict) -> dict:
    inprocess = subprocess.run(  # noqa: S603
        [
            PYTHON,
            "-m",
            "bench.inprocess",
            "--spike-day",
            str(data["spike_day"]),
            "--renders",
            str(args.renders),
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(inprocess.stdout.strip().splitlines()[-1])


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    total_kb = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    pg = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "cpu": model,
        "memory_gib": round(total_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "postgresql": pg.split()[0] if pg else "?",
        "kernel": platform.release(),
    }


if __name__ == "__main__":
    main()
