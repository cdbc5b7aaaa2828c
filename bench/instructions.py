"""Instructions per request, counted by valgrind's callgrind (run by bench/run.py after the load runs).

Seconds on a shared machine move with whatever else runs on it: the baseline of 2026-12-02 answered 527
requests per second and the one of 2026-12-03 1,680, with the same code. Callgrind counts the instructions
the app process executes, which do not depend on the machine's load, so a change's gain can be compared
across runs and machines. It does not count PostgreSQL's own work, nor waiting.

Each kind of request runs in a fresh process under callgrind twice, with a few and with more requests,
after the same setup and warm-up; the difference divided by the difference in requests is what one more
request costs.

    .venv/bin/python -m bench.instructions --worker checkin_admit --requests 10   (one process, uncounted)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")

# (fewer, more) requests per kind: a registration costs about twenty baseline requests.
SIZES = {
    "baseline": (5, 45),
    "checkin_admit": (5, 45),
    "checkin_rescan": (5, 45),
    "registration_full": (2, 7),
}
TICKETS = 120  # fresh tickets per worker: the first 60 are admitted during setup, for the re-scans
WARM = 3


def measure(env: dict[str, str]) -> dict:
    """Million instructions per request of each kind, or {} where valgrind is not installed."""
    if shutil.which("valgrind") is None:
        return {}
    runs = [(kind, size) for kind, sizes in SIZES.items() for size in sizes]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        counts = dict(zip(runs, pool.map(lambda run: _count(env, *run), runs), strict=True))
    return {
        kind: round((counts[kind, more] - counts[kind, fewer]) / (more - fewer) / 1e6, 2)
        for kind, (fewer, more) in SIZES.items()
    }


def _count(env: dict[str, str], kind: str, requests: int) -> int:
    out = subprocess.run(  # noqa: S603
        [
            *("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"),
            *(PYTHON, "-m", "bench.instructions", "--worker", kind, "--requests", str(requests)),
        ],
        # A fixed hash seed: with a random one, dict and set layouts (so the count) change from run to run.
        env={**env, "PYTHONHASHSEED": "0"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", out.stderr)
    if found is None:
        raise RuntimeError(f"callgrind gave no count for {kind}: {out.stderr[-500:]}")
    return int(found.group(1))


# ------------------------------------------------------------------------------------ worker


def worker(kind: str, requests: int) -> None:
    """Set up, warm up, then send `requests` requests of `kind`; the setup is the same whatever the size."""
    import django

    django.setup()
    import logging

    from django.test import Client

    logging.disable(logging.INFO)  # the access log's lines are not what is measured
    client = Client(HTTP_HOST="127.0.0.1")
    send = _senders(client)[kind]
    for n in range(WARM + requests):
        response = send(n)
        if response.status_code not in (200, 302):
            raise SystemExit(f"{kind}: HTTP {response.status_code}")


def _senders(client) -> dict:
    from tickets.models import Ticket

    from .inprocess import leave_places, registration_attempts, scanning_device

    codes, scan = scanning_device(client, name="Callgrind", tickets=TICKETS)
    ids = list(Ticket.objects.order_by("pk").values_list("public_id", flat=True)[:50])
    half = TICKETS // 2
    for code in codes[:half]:
        scan(code)  # admitted now, so that the re-scans find them inside
    data = json.loads((ROOT / "var" / "bench" / "data.json").read_text())
    leave_places(data["spike_day"], 0)
    return {
        "baseline": lambda n: client.get(f"/bench/baseline/{ids[n % len(ids)]}"),
        "checkin_admit": lambda n: scan(codes[half + n]),
        "checkin_rescan": lambda n: scan(codes[n]),
        "registration_full": registration_attempts(client, subnet=201),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", choices=sorted(SIZES), required=True)
    parser.add_argument("--requests", type=int, required=True)
    args = parser.parse_args()
    if WARM + args.requests > TICKETS // 2:
        sys.exit(f"at most {TICKETS // 2 - WARM} requests")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    worker(args.worker, args.requests)


if __name__ == "__main__":
    main()
