"""`make bench`: a production-like server, four load scenarios, figures written to BENCHMARKS.md.

    .venv/bin/python -m bench.run [--quick] [--port 8110] [--out BENCHMARKS.md]

1. creates a fresh PostgreSQL database (pn_bench) and empties Redis database 3, migrates, loads the demo and
   bench/prepare.py's extra rows;
2. starts gunicorn exactly as `make serve` does (config/gunicorn.conf.py: workers from the cores, gthread,
   DEBUG off, whitenoise, Redis cache), with BENCH_BASELINE=1 for the baseline view;
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
import random
import signal
import string
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

from . import cpu
from .client import Connection, Response, Stats, raise_file_limit, timed

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"
WORK = ROOT / "var" / "bench"


# ------------------------------------------------------------------------------------------ server


def bench_env(args, **extra: str) -> dict[str, str]:
    # The same key as `make serve`, kept on disk: the tickets' codes are signed with a key derived from it, so
    # every server of a run (and a later --reuse-db run) must verify what prepare.py issued.
    secret_file = ROOT / "var" / "serve-secret-key"
    if not secret_file.exists():
        secret_file.parent.mkdir(parents=True, exist_ok=True)
        secret_file.write_text(uuid.uuid4().hex * 2 + "\n")
    secret = secret_file.read_text().strip()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": secret,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "REDIS_URL": args.redis,
        "SECURE_SSL_REDIRECT": "0",
        "COOKIES_SECURE": "0",
        "BEHIND_PROXY": "0",
        "BENCH_BASELINE": "1",
        "PORT": str(args.port),
        "HOST": HOST,
        "SITE_URL": f"http://{HOST}:{args.port}",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # As in production: requests queue their mail, the outbox worker renders the PDFs and sends.
        "MAIL_SEND_AFTER_COMMIT": "0",
    }
    env.update(extra)
    return env


def sh(command: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)  # noqa: S603


def prepare_database(args, env: dict[str, str]) -> dict:
    import redis

    redis.Redis.from_url(args.redis).flushdb()
    if not args.reuse_db:
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c"]
        sh([*psql, f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)"], env)
        sh([*psql, f"CREATE DATABASE {args.database}"], env)
        manage = [PYTHON, "manage.py"]
        steps = [["migrate", "--no-input", "-v0"], ["load_demo"]]
        if static_files_changed():
            steps.insert(1, ["collectstatic", "--no-input", "-v0"])
        for step in steps:
            started = time.perf_counter()
            sh([*manage, *step], env, stdout=subprocess.DEVNULL)
            print(f"  {step[0]}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    data_file = WORK / "data.json"
    sh(
        [
            *(PYTHON, "-m", "bench.prepare", "--tickets", str(args.tickets)),
            *("--scanners", str(args.scanners), "--places", str(args.places), "--out", str(data_file)),
        ],
        env,
    )
    return json.loads(data_file.read_text())


def static_files_changed() -> bool:
    """collectstatic compresses every file (minutes on a busy machine): run it only when ours changed."""
    manifest = ROOT / "var" / "static" / "staticfiles.json"
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    sources = [ROOT / "static", *(d for d in ROOT.glob("*/static") if d.parent.name not in {"var", ".venv"})]
    return any(f.stat().st_mtime > built for d in sources for f in d.rglob("*") if f.is_file())


def _lower_priority() -> None:
    """In the outbox worker's child process, before exec: nice 10, and the same for its session.

    Linux shares the CPU between sessions (autogroups) before it looks at nice values, and the worker runs
    in its own session: with nice alone it still got half the cores in the registration spike (it rendered
    PDFs while gunicorn answered). Its session holds only the worker, so lowering the session lowers nothing
    else. Under systemd the same is `CPUWeight=` on the worker's unit (README, "Production")."""
    os.nice(10)
    autogroup = Path("/proc/self/autogroup")
    if autogroup.exists():
        autogroup.write_text("10")


class Server:
    def __init__(self, args, env: dict[str, str], log_name: str):
        self.args, self.env = args, env
        self.log_path = WORK / log_name
        self.process: subprocess.Popen | None = None
        self.outbox: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        log = self.log_path.open("w")
        self.process = subprocess.Popen(  # noqa: S603
            [GUNICORN, "-c", "config/gunicorn.conf.py", "config.wsgi"],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        # The outbox worker, on the same cores at a lower priority, as the README says to run it.
        outbox_log = WORK / "outbox.log"
        self.outbox = subprocess.Popen(  # noqa: S603
            [PYTHON, "manage.py", "send_queued_mail", "--loop", "--interval", "2"],
            env={**self.env, "PYTHONUNBUFFERED": "1"},  # its first line tells when it is ready
            cwd=ROOT,
            stdout=outbox_log.open("w"),
            stderr=log,
            start_new_session=True,
            preexec_fn=_lower_priority,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.args.port}/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise SystemExit(f"gunicorn did not start; see {self.log_path}")
        # The worker's start (Django, WeasyPrint: about 2 CPU-seconds at its low priority) would otherwise
        # be spread over the first runs, the baseline's among them: wait for its first pass over the outbox.
        while "sent " not in outbox_log.read_text():
            if time.monotonic() > deadline or self.outbox.poll() is not None:
                raise SystemExit(f"the outbox worker did not start; see {self.log_path}")
            time.sleep(0.3)
        return self

    def __exit__(self, *exc) -> None:
        for process in (self.outbox, self.process):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    @property
    def sessions(self) -> dict[int, str]:
        """The session ids of the processes started here, by role (bench/cpu.py)."""
        return {self.process.pid: "app server", self.outbox.pid: "outbox worker"}

    def logged_errors(self) -> int:
        text = self.log_path.read_text(errors="replace")
        return sum(1 for line in text.splitlines() if " ERROR " in line or "Traceback" in line)


# ------------------------------------------------------------------------------------------ load


async def closed_loop(
    name: str, port: int, connections: int, seconds: float, make, check, *, after=None
) -> Stats:
    """`connections` clients, each sending its next request as soon as the last one is answered."""
    stats = Stats(name)
    stop = time.perf_counter() + seconds
    stats.started = time.perf_counter()

    async def client(n: int) -> None:
        connection = Connection(HOST, port)
        i = 0
        while time.perf_counter() < stop:
            method, path, headers, body = make(n, i)
            await timed(stats, connection.request(method, path, headers=headers, body=body), check)
            i += 1
        connection.close()

    await asyncio.gather(*(client(n) for n in range(connections)))
    stats.ended = time.perf_counter()
    return stats


async def gate_line(name: str, port: int, scanners: list[str], items: list, make, check) -> Stats:
    """A line of visitors at a gate: each scanner (one token, its own keep-alive connection) takes the next
    item as soon as its last answer came back, until the line is empty. Each item is scanned once, and all
    the scanners stay busy to the end; with a fixed share each, the scanners whose connections landed on a
    less busy server process would finish first and leave the last seconds to a few."""
    stats = Stats(name)
    line = list(reversed(items))
    stats.started = time.perf_counter()

    async def scanner(token: str) -> None:
        connection = Connection(HOST, port)
        while line:
            method, path, headers, body = make(token, line.pop())
            await timed(stats, connection.request(method, path, headers=headers, body=body), check)
        connection.close()

    await asyncio.gather(*(scanner(token) for token in scanners))
    stats.ended = time.perf_counter()
    return stats


async def burst(name: str, port: int, requests: list[tuple], check) -> Stats:
    """Every request at once, each on its own new connection (a crowd of different visitors)."""
    stats = Stats(name)
    gate = asyncio.Event()

    async def one(request: tuple) -> None:
        method, path, headers, body = request
        connection = Connection(HOST, port)
        await gate.wait()
        await timed(stats, connection.request(method, path, headers=headers, body=body), check)
        connection.close()

    tasks = [asyncio.create_task(one(request)) for request in requests]
    await asyncio.sleep(0.05)
    stats.started = time.perf_counter()
    gate.set()
    await asyncio.gather(*tasks)
    stats.ended = time.perf_counter()
    return stats


def expect_status(*statuses: int):
    def check(response: Response) -> str:
        if response.status not in statuses:
            raise ValueError(f"HTTP {response.status}: {response.body[:200]!r}")
        return str(response.status)

    return check


def baseline_request(data: dict):
    ids = data["baseline_ids"]

    def make(n: int, i: int):
        return "GET", f"/bench/baseline/{ids[(n * 7919 + i) % len(ids)]}", {}, b""

    return make


def checkin_check(expected: str):
    def check(response: Response) -> str:
        if response.status != 200:
            raise ValueError(f"HTTP {response.status}: {response.body[:200]!r}")
        result = json.loads(response.body)["result"]
        if result != expected:
            raise ValueError(f"result {result}, expected {expected}: {response.body[:300]!r}")
        return result

    return check


def checkin_request(token: str, code: str):
    body = json.dumps({"code": code, "nonce": str(uuid.uuid4()), "direction": "in"}).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    return "POST", "/api/v1/checkins", headers, body


def registration_requests(data: dict, attempts: int) -> list[tuple]:
    from urllib.parse import urlencode

    requests = []
    for n in range(attempts):
        secret = "".join(random.choices(string.ascii_letters + string.digits, k=32))  # noqa: S311
        fields = {
            **data["form_fields"],
            "name": f"Visiteur {n}",
            "email": f"visitor{n}@bench.example.org",
            "csrfmiddlewaretoken": secret,
        }
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={secret}",
            "X-Forwarded-For": f"10.{n // 65536}.{n // 256 % 256}.{n % 256}",
        }
        requests.append(("POST", "/fr/tickets/", headers, urlencode(fields).encode()))
    return requests


def registration_check(markers: list[str]):
    def check(response: Response) -> str:
        if response.status == 302 and "/tickets/my/" in response.headers.get("location", ""):
            return "ticket"
        if response.status == 200 and any(m.encode() in response.body for m in markers):
            return "full (waiting list offered)"
        raise ValueError(f"HTTP {response.status}: {response.body[:300]!r}")

    return check


def page_request(path: str, headers: dict | None = None):
    def make(n: int, i: int):
        return "GET", path, dict(headers or {}), b""

    return make


async def warm_up(port: int, data: dict) -> None:
    await closed_loop("warm-up", port, 10, 2, baseline_request(data), expect_status(200))
    await closed_loop("warm-up", port, 10, 1, page_request("/fr/programme/"), expect_status(200))
    await closed_loop("warm-up", port, 10, 1, page_request("/fr/exhibitors/"), expect_status(200))
    await closed_loop("warm-up", port, 10, 1, page_request("/programme.ics"), expect_status(200))


async def pages(port: int, seconds: float, label: str) -> dict:
    out = {}
    for name, path in (
        ("programme", "/fr/programme/"),
        ("programme_ics", "/programme.ics"),
        ("exhibitors", "/fr/exhibitors/"),
    ):
        stats = await closed_loop(
            f"{name} {label}", port, 20, seconds, page_request(path), expect_status(200)
        )
        out[name] = stats.summary() | {"path": path}
    first = await Connection(HOST, port).request("GET", "/programme.ics")
    etag = first.headers.get("etag")
    if etag:
        stats = await closed_loop(
            f"programme_ics 304 {label}",
            port,
            20,
            seconds,
            page_request("/programme.ics", {"If-None-Match": etag}),
            expect_status(304),
        )
        out["programme_ics_304"] = stats.summary() | {"path": "/programme.ics (If-None-Match)"}
    return out


# ------------------------------------------------------------------------------------------ report


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


async def scenarios(args, data: dict, results: dict, sessions: dict[int, str]) -> None:
    raise_file_limit(args.attempts * 2 + 200)
    port = args.port
    await warm_up(port, data)
    seconds = args.seconds
    results["cpu_by_process"] = used = {}

    async def measured(key: str, run) -> Stats:
        before = cpu.by_role(sessions)
        stats = await run
        used[key] = {"name": stats.name} | cpu.per_request(
            before, cpu.by_role(sessions), stats.requests, stats.wall
        )
        return stats

    base = await measured(
        "baseline",
        closed_loop("baseline", port, args.scanners, seconds, baseline_request(data), expect_status(200)),
    )
    scanners, codes = data["tokens"], data["codes"]
    admit = await measured(
        "checkin_admit",
        gate_line("check-in: admit", port, scanners, codes, checkin_request, checkin_check("admitted")),
    )
    rescan = await measured(
        "checkin_rescan",
        gate_line(
            "check-in: re-scan", port, scanners, codes, checkin_request, checkin_check("already_checked_in")
        ),
    )
    results["checkin"] = {"baseline": base.summary(), "admit": admit.summary(), "rescan": rescan.summary()}

    base_burst = await measured(
        "baseline_burst",
        burst(
            "baseline burst",
            port,
            [
                ("GET", f"/bench/baseline/{data['baseline_ids'][n % len(data['baseline_ids'])]}", {}, b"")
                for n in range(args.attempts)
            ],
            expect_status(200),
        ),
    )
    spike = await measured(
        "spike",
        burst(
            "registration spike",
            port,
            registration_requests(data, args.attempts),
            registration_check(data["full_markers"]),
        ),
    )
    results["spike"] = {
        "baseline_burst": base_burst.summary(),
        "baseline_steady": base.summary(),
        "spike": spike.summary(),
        "mail_drain": await mail_drain(args),
    }
    results["pages_cached"] = await pages(port, seconds, "cached")


async def mail_drain(args, limit: float = 300) -> dict:
    """How long the outbox worker takes, after the spike, to render and send every confirmation."""
    started = time.perf_counter()
    query = "SELECT count(*) FILTER (WHERE status <> 'sent'), count(*) FROM tickets_outgoingmail"
    while True:
        out = subprocess.run(  # noqa: S603
            [*("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", args.database), "-tAF", " ", "-c", query],
            capture_output=True,
            text=True,
            check=True,
        )
        waiting, total = (int(n) for n in out.stdout.split())
        seconds = time.perf_counter() - started
        if waiting == 0 or seconds > limit:
            return {"seconds": seconds, "waiting": waiting, "sent": total - waiting}
        await asyncio.sleep(1)


async def uncached_pages(args, results: dict) -> None:
    await closed_loop("warm-up", args.port, 10, 1, page_request("/fr/programme/"), expect_status(200))
    results["pages_uncached"] = await pages(args.port, args.seconds, "uncached")


def main() -> None:
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
    args = parser.parse_args()
    if args.quick:
        args.tickets, args.attempts, args.places, args.seconds, args.renders = 400, 200, 60, 2, 5
    WORK.mkdir(parents=True, exist_ok=True)

    env = bench_env(args)
    print("preparing the database…", file=sys.stderr)
    data = prepare_database(args, env)
    data["baseline_ids"] = [code_id for code_id in public_ids(env)]
    results: dict = {
        "machine": machine(),
        "settings": server_settings(env),
        "args": vars(args) | {"out": str(args.out)},
    }
    with Server(args, env, "gunicorn.log") as server:
        print("running the scenarios…", file=sys.stderr)
        asyncio.run(scenarios(args, data, results, server.sessions))
        results["server_errors_logged"] = server.logged_errors()
    with Server(args, bench_env(args, PAGE_CACHE_SECONDS="0"), "gunicorn-uncached.log") as server:
        asyncio.run(uncached_pages(args, results))
        results["server_errors_logged"] += server.logged_errors()
    print("measuring in-process…", file=sys.stderr)
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
    results["inprocess"] = json.loads(inprocess.stdout.strip().splitlines()[-1])
    print("counting instructions (callgrind)…", file=sys.stderr)
    from .instructions import measure

    results["instructions"] = measure(env)
    results["prepared"] = {k: data[k] for k in ("session_count", "exhibitor_count", "places_left")} | {
        "tickets": len(data["codes"]),
        "scanners": len(data["tokens"]),
    }
    (WORK / "results.json").write_text(json.dumps(results, indent=1))
    from .report import write_report

    write_report(results, args.out)
    print(f"wrote {args.out} (raw figures in {WORK / 'results.json'})", file=sys.stderr)


def public_ids(env: dict[str, str]) -> list[str]:
    out = subprocess.run(  # noqa: S603
        [
            *("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", env["DATABASE_URL"].rsplit("/", 1)[1]),
            *("-tAc", "SELECT public_id FROM tickets_ticket ORDER BY random() LIMIT 500"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.split()


def server_settings(env: dict[str, str]) -> dict:
    code = (
        "import runpy; c = runpy.run_path('config/gunicorn.conf.py'); "
        "print(c['workers'], c['threads'], c['worker_class'])"
    )
    out = subprocess.run([PYTHON, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)  # noqa: S603
    workers, threads, worker_class = out.stdout.split()
    return {"workers": int(workers), "threads": int(threads), "worker_class": worker_class}


if __name__ == "__main__":
    main()
