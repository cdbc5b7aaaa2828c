"""Scenarios of issue 22 (fast through change), each runnable alone: `python -m bench.run --only crowd`
(or `rescan`, `cold`; BENCHMARKS.md names them).

- crowd: 40 visitors open `/fr/programme/` at once (each on a new connection) with the page cache warm,
  right after an exhibitor saved its profile (an edit the programme does not show), and right after a
  session of the shown day was retitled (an edit it shows); several rounds, interleaved, in the same run.
  After each programme edit the page must show the new title once its one rendering is done.
- rescan: re-scans of already admitted tickets measured with two clients, the project's own (bench/client.py)
  and wrk (C, the lightest), each against its baseline in the same run; then one ticket scanned again and
  again in three runs, to show that its growing history does not slow the scan down.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from .client import Connection, Stats, raise_file_limit, timed
from .scenarios import (
    baseline_request,
    checkin_check,
    checkin_request,
    closed_loop,
    expect_status,
    gate_line,
    page_request,
)
from .server import HOST, PYTHON, ROOT

PROGRAMME = "/fr/programme/"


# ------------------------------------------------------------------------------------- the crowd


class Editor:
    """bench/edits.py in a child process: an edit made through the ORM, answered once committed."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [PYTHON, "-m", "bench.edits"],
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self.process.stdout.readline().strip() != "ready":
            raise SystemExit("bench/edits.py did not start")

    def edit(self, what: str) -> str:
        self.process.stdin.write(what + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


async def crowd_into(stats: Stats, port: int, size: int, path: str) -> None:
    """`size` visitors at once, each on a new connection; their latencies added to `stats`."""
    gate = asyncio.Event()

    async def one() -> None:
        connection = Connection(HOST, port)
        await gate.wait()
        await timed(stats, connection.request("GET", path), expect_status(200))
        connection.close()

    tasks = [asyncio.create_task(one()) for _ in range(size)]
    await asyncio.sleep(0.05)
    started = time.perf_counter()
    gate.set()
    await asyncio.gather(*tasks)
    stats.ended += time.perf_counter() - started  # the crowds' summed duration (not a span)


async def shows(port: int, text: str, path: str = PROGRAMME, seconds: float = 10) -> bool:
    """Whether `path` shows `text` once its rendering is done (the copy stored: X-Page-Cache hit)."""
    deadline = time.perf_counter() + seconds
    connection = Connection(HOST, port)
    try:
        while time.perf_counter() < deadline:
            response = await connection.request("GET", path)
            if response.headers.get("x-page-cache") == "hit":
                return text.encode() in response.body
            await asyncio.sleep(0.05)
    finally:
        connection.close()
    return False


async def crowd(args, env: dict[str, str], rounds: int = 6, size: int = 40) -> dict:
    raise_file_limit(size * 4 + 200)
    port = args.port
    editor = Editor(env)
    try:
        await closed_loop("warm-up", port, 10, 2, page_request(PROGRAMME), expect_status(200))
        runs = {name: Stats(name) for name in ("warm", "unrelated", "programme")}
        fresh = []
        for _round in range(rounds):
            await crowd_into(runs["warm"], port, size, PROGRAMME)
            editor.edit("exhibitor")
            await crowd_into(runs["unrelated"], port, size, PROGRAMME)
            title = editor.edit("session")
            await crowd_into(runs["programme"], port, size, PROGRAMME)
            fresh.append(await shows(port, title))
            await asyncio.sleep(0.5)
    finally:
        editor.close()
    return {
        "path": PROGRAMME,
        "rounds": rounds,
        "crowd": size,
        "runs": {name: stats.summary() for name, stats in runs.items()},
        "fresh_after_rendering": all(fresh),
    }


# ------------------------------------------------------------------------------------- re-scans


def wrk_installed() -> bool:
    return shutil.which("wrk") is not None


WRK_LINE = re.compile(r"^\s*(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(name: str, port: int, script: str, seconds: float, connections: int = 20) -> dict:
    """One wrk run (2 threads, `connections` keep-alive connections) driven by the Lua `script`."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{max(int(seconds), 1)}s", "--latency", "-s", handle.name]
    out = subprocess.run(  # noqa: S603
        [*command, f"http://{HOST}:{port}"], capture_output=True, text=True, check=True
    ).stdout
    Path(handle.name).unlink()
    latencies = {f"p{p}_ms": round(float(v) * UNITS[u], 2) for p, v, u in WRK_LINE.findall(out)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "name": name,
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "throughput": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        **latencies,
        "errors": int(errors.group(1)) if errors else 0,
    }


def lua_list(name: str, values: list[str]) -> str:
    return f"{name} = {{" + ",".join(f'"{value}"' for value in values) + "}\n"


def get_script(paths: list[str]) -> str:
    return (
        lua_list("paths", paths)
        + "n = 0\nrequest = function()\n  n = n + 1\n"
        + '  return wrk.format("GET", paths[(n % #paths) + 1])\nend\n'
    )


def scan_script(codes: list[str], tokens: list[str]) -> str:
    """POST /api/v1/checkins with the codes and tokens in turn, and a nonce unique to the run, the thread
    and the request."""
    run = uuid.uuid4().hex[:8]
    return (
        lua_list("codes", codes)
        + lua_list("tokens", tokens)
        + "local thread_number = 0\nsetup = function(thread)\n  thread_number = thread_number + 1\n"
        + '  thread:set("id", thread_number)\nend\n'
        + "n = 0\nrequest = function()\n  n = n + 1\n"
        + f'  local nonce = string.format("{run}-%04x-4000-8000-%012x", id, n)\n'
        + '  local body = \'{"code": "\' .. codes[(n % #codes) + 1] .. \'", "nonce": "\' .. nonce'
        + ' .. \'", "direction": "in"}\'\n'
        + '  local headers = {["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1],'
        + ' ["Content-Type"] = "application/json"}\n'
        + '  return wrk.format("POST", "/api/v1/checkins", headers, body)\nend\n'
    )


def inside(response) -> str:
    """Admitted now, or already (in a full run, scenario 1 admitted these tickets)."""
    try:
        return checkin_check("admitted")(response)
    except ValueError:
        return checkin_check("already_checked_in")(response)


async def rescan(args, data: dict) -> dict:
    """Re-scans against the baseline with the project's client, then with wrk when it is installed."""
    port, seconds = args.port, args.seconds
    scanners, codes = data["tokens"], data["codes"]
    await closed_loop("warm-up", port, 10, 2, baseline_request(data), expect_status(200))
    admit = await gate_line("admit (preparing re-scans)", port, scanners, codes, checkin_request, inside)
    own = {
        "baseline": (
            await closed_loop(
                "baseline", port, args.scanners, seconds, baseline_request(data), expect_status(200)
            )
        ).summary(),
        "rescan": (
            await gate_line(
                "re-scan", port, scanners, codes, checkin_request, checkin_check("already_checked_in")
            )
        ).summary(),
        "admit": admit.summary(),
    }
    out: dict = {"own_client": own, "tickets": len(codes)}
    if not wrk_installed():
        out["wrk"] = None
        return out
    baseline_paths = [f"/bench/baseline/{public_id}" for public_id in data["baseline_ids"][:2000]]
    out["wrk"] = {
        "healthz": wrk("/healthz", port, get_script(["/healthz"]), seconds),
        "baseline": wrk("baseline (one row by indexed key)", port, get_script(baseline_paths), seconds),
        "rescan": wrk("re-scan", port, scan_script(codes, scanners), seconds),
    }
    one = [codes[0]]
    out["wrk_history"] = [
        wrk(f"one ticket, run {n + 1}", port, scan_script(one, scanners), seconds) | {"run": n + 1}
        for n in range(3)
    ]
    return out
