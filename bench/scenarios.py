"""The load scenarios, driven by bench/client.py against the server of bench/server.py.

Check-in (a line of visitors at the gates, then the same tickets again), the registration spike (every
attempt at once), and the programme, feed and exhibitor pages; each measured with the baseline in the same
run.
"""

from __future__ import annotations

import asyncio
import json
import random
import string
import subprocess
import time
import uuid
from urllib.parse import urlencode

from . import cpu
from .client import Connection, Response, Stats, raise_file_limit, timed
from .server import HOST


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


def _form_post(path: str, fields: dict, n: int) -> tuple:
    """A POST from a visitor of its own (address n), with its own CSRF cookie and token."""
    secret = "".join(random.choices(string.ascii_letters + string.digits, k=32))  # noqa: S311
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={secret}",
        "X-Forwarded-For": f"10.{n // 65536}.{n // 256 % 256}.{n % 256}",
    }
    return "POST", path, headers, urlencode({**fields, "csrfmiddlewaretoken": secret}).encode()


def registration_requests(data: dict, attempts: int) -> list[tuple]:
    return [
        _form_post(
            "/fr/tickets/",
            {**data["form_fields"], "name": f"Visiteur {n}", "email": f"visitor{n}@bench.example.org"},
            n,
        )
        for n in range(attempts)
    ]


def registration_check(markers: list[str]):
    def check(response: Response) -> str:
        location = response.headers.get("location", "")
        if response.status == 302 and "/tickets/check-your-mail/" in location:
            return "places held (confirmation mailed)"
        if response.status == 302 and "/tickets/my/" in location:
            return "ticket"
        if response.status == 200 and any(m.encode() in response.body for m in markers):
            return "full (waiting list offered)"
        raise ValueError(f"HTTP {response.status}: {response.body[:300]!r}")

    return check


def pending_links(database: str) -> list[tuple[str, str]]:
    """The confirmation links (public id, token) the spike's visitors were mailed: what each one opens."""
    query = (
        "SELECT public_id, manage_token FROM tickets_registration "
        "WHERE email LIKE '%@bench.example.org' AND confirmed_at IS NULL ORDER BY id"
    )
    out = subprocess.run(  # noqa: S603
        [*("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database), "-tAF", " ", "-c", query],
        capture_output=True,
        text=True,
        check=True,
    )
    return [tuple(line.split()) for line in out.stdout.splitlines() if line.strip()]


def confirmation_requests(links: list[tuple[str, str]]) -> list[tuple]:
    return [_form_post(f"/fr/tickets/confirm/{pid}/{token}/", {}, n) for n, (pid, token) in enumerate(links)]


def confirmation_check(response: Response) -> str:
    if response.status == 302 and "/tickets/my/" in response.headers.get("location", ""):
        return "ticket"
    raise ValueError(f"HTTP {response.status}: {response.body[:300]!r}")


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

    results["spike"] = await spike_scenario(args, data, measured) | {"baseline_steady": base.summary()}
    results["pages_cached"] = await pages(port, seconds, "cached")


async def spike_scenario(args, data: dict, measured) -> dict:
    """Every visitor submits the form at once; then every one who got places held confirms at once."""
    port = args.port
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
    # Each visitor who got places held opens the mailed link and presses the button, all at once.
    confirm = await measured(
        "confirm",
        burst("confirmation", port, confirmation_requests(pending_links(args.database)), confirmation_check),
    )
    return {
        "baseline_burst": base_burst.summary(),
        "spike": spike.summary(),
        "confirm": confirm.summary(),
        "mail_drain": await mail_drain(args),
    }


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
