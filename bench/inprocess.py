"""Measurements taken inside one Django process on the benchmark database (run by bench/run.py).

- queries per request of the cached pages (a full rendering, then a cache hit), with the test client and
  CaptureQueriesContext, so production responses carry no debug header;
- the time to render a ticket's QR code (PNG, SVG) and its PDF, per ticket;
- the number of valid tickets of the registration spike's day (the capacity check);
- the CPU time one request costs the app process (`time.process_time`, so waiting for PostgreSQL or for a
  busy core is not counted), for the baseline and for each scenario's requests: what profiling starts from.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import uuid
from collections.abc import Callable
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--spike-day", type=int)
    parser.add_argument("--renders", type=int, default=30)
    parser.add_argument("--cold", action="store_true", help="only the cold renderings' CPU (--only cold)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    if args.cold:
        print(json.dumps({"cpu": cold_renderings()}))
        return
    result = {"spike": spike(args.spike_day), "queries": queries(), "rendering": rendering(args.renders)}
    result["cpu"] = cpu_costs(args.spike_day)
    print(json.dumps(result))


PAGES = {
    "programme": "/fr/programme/",
    "programme_ics": "/programme.ics",
    "exhibitors": "/fr/exhibitors/",
}


def queries() -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    out = {}
    for name, path in PAGES.items():
        cache.clear()  # no copy and fresh content versions: the first request renders in full
        with CaptureQueriesContext(connection) as full:
            first = client.get(path)
        with CaptureQueriesContext(connection) as hit:
            second = client.get(path)
        etag = first.get("ETag")
        not_modified = None
        if etag:
            with CaptureQueriesContext(connection) as conditional:
                third = client.get(path, headers={"if-none-match": etag})
            not_modified = {"status": third.status_code, "queries": len(conditional)}
        out[name] = {
            "path": path,
            "status": first.status_code,
            "bytes": len(first.content),
            "full_render": len(full),
            "cache": first.get("X-Page-Cache", "off"),
            "cache_hit": len(hit) if second.get("X-Page-Cache") == "hit" else None,
            "not_modified": not_modified,
        }
    return out


def _timings(function, count: int) -> dict:
    function()  # warm: imports, fonts
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    ordered = sorted(samples)
    return {
        "count": count,
        "mean_ms": round(statistics.fmean(samples), 2),
        "p50_ms": round(ordered[len(ordered) // 2], 2),
        "max_ms": round(ordered[-1], 2),
    }


def rendering(count: int) -> dict:
    from tickets import documents
    from tickets.models import Ticket
    from tickets.qr import qr_png, qr_svg

    ticket = (
        Ticket.objects.filter(registration__isnull=False, day__isnull=False)
        .select_related("registration", "day", "edition")
        .first()
    )
    code = ticket.signed_code()
    return {
        "qr_png": _timings(lambda: qr_png(code), count * 5),
        "qr_svg": _timings(lambda: qr_svg(code, title="Ticket"), count * 5),
        "pdf": _timings(
            lambda: documents.tickets_pdf(registration=ticket.registration, tickets=[ticket]), count
        ),
        "pdf_bytes": len(documents.tickets_pdf(registration=ticket.registration, tickets=[ticket])),
    }


def spike(day_id: int) -> dict:
    from events.models import Day
    from tickets import services
    from tickets.models import Ticket

    day = Day.objects.get(pk=day_id)
    return {
        "capacity": day.capacity,
        "valid_tickets": Ticket.objects.filter(day=day).valid().count(),
        "places_left": services.places_left(day=day),
        "bench_registrations": Ticket.objects.filter(
            day=day, registration__email__endswith="@bench.example.org"
        ).count(),
    }


def _cpu(call, items) -> float:
    """Mean CPU milliseconds of `call(item)` over `items`, after one warm-up call."""
    items = list(items)
    call(items[0])
    started = time.process_time()
    for item in items[1:]:
        call(item)
    return round((time.process_time() - started) / (len(items) - 1) * 1000, 2)


def cpu_costs(spike_day: int) -> dict:
    from django.test import Client

    from tickets.models import Ticket

    client = Client(HTTP_HOST="127.0.0.1")
    out = {}
    ids = list(Ticket.objects.values_list("public_id", flat=True)[:101])
    out["baseline"] = _cpu(lambda pid: client.get(f"/bench/baseline/{pid}"), ids)

    codes, scan = scanning_device(client, name="In-process", tickets=101)
    out["checkin_admit"] = _cpu(scan, codes)
    out["checkin_rescan"] = _cpu(scan, codes)

    extra = 21
    leave_places(spike_day, extra)
    register = registration_attempts(client, subnet=200)
    out["registration_ticket"] = _cpu(register, range(extra))
    out["registration_full"] = _cpu(register, range(extra, extra + 21))

    out |= cold_renderings()
    # A visitor with no cookie: a request carrying one (the last registration's session and messages on
    # `client`) is rendered for that visitor, never served from the page cache.
    visitor = Client(HTTP_HOST="127.0.0.1")
    for name, path in PAGES.items():
        out[f"{name}_cache_hit"] = _cpu(lambda p: visitor.get(p), [path] * 51)
    return out


def cold_renderings() -> dict:
    """The CPU of a full rendering of each cached page (the page cache off), for a visitor with no cookie."""
    from django.test import Client, override_settings

    visitor = Client(HTTP_HOST="127.0.0.1")
    with override_settings(PAGE_CACHE_SECONDS=0):
        return {
            f"{name}_full_render": _cpu(lambda p: visitor.get(p), [path] * 6) for name, path in PAGES.items()
        }


# ------------------------------------------------------------- requests (also bench/instructions.py)


def scanning_device(client, *, name: str, tickets: int) -> tuple[list[str], Callable]:
    """A new device paired at the bench gate and `tickets` fresh valid tickets for today: their signed codes,
    and a function that scans one code in through `client` as that device."""
    from events.models import Edition
    from tickets.checkin.models import Gate
    from tickets.checkin.services import create_device
    from tickets.enums import TicketKind
    from tickets.models import Ticket

    edition = Edition.objects.get(slug="bench")
    gate = Gate.objects.get(edition=edition, name="Bench gate")
    _device, token = create_device(gate=gate, name=name, with_token=True)
    fresh = Ticket.objects.bulk_create(
        Ticket(edition=edition, day=edition.days.get(), kind=TicketKind.VISITOR, holder_name=f"{name} {n}")
        for n in range(tickets)
    )

    def scan(code: str):
        return client.post(
            "/api/v1/checkins",
            json.dumps({"code": code, "nonce": str(uuid.uuid4()), "direction": "in"}),
            content_type="application/json",
            headers={"authorization": f"Bearer {token}"},
        )

    return [ticket.signed_code() for ticket in fresh], scan


def leave_places(day_id: int, places: int) -> None:
    """Set the day's capacity (and its arrival windows') so that exactly `places` places are left."""
    from events.models import ArrivalWindow, Day
    from tickets import services

    day = Day.objects.get(pk=day_id)
    capacity = day.capacity - services.places_left(day=day) + places
    Day.objects.filter(pk=day_id).update(capacity=capacity)
    ArrivalWindow.objects.filter(day_id=day_id).update(capacity=capacity)


def registration_attempts(client, *, subnet: int) -> Callable:
    """A function that submits the spike's registration form (var/bench/data.json) as visitor `n`: a new
    visitor each time, with no cookie, their own email and their own address."""
    data = json.loads((Path(__file__).resolve().parent.parent / "var" / "bench" / "data.json").read_text())
    stamp = uuid.uuid4().hex[:8]

    def register(n: int):
        client.cookies.clear()
        fields = {**data["form_fields"], "name": f"CPU {n}", "email": f"cpu-{stamp}-{n}@cpu.example.org"}
        address = f"10.{subnet}.{n // 256}.{n % 256}"
        return client.post("/fr/tickets/", fields, HTTP_X_FORWARDED_FOR=address, REMOTE_ADDR=address)

    return register


if __name__ == "__main__":
    main()
