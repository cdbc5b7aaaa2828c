"""Measurements taken inside one Django process on the benchmark database (run by bench/run.py).

- queries per request of the cached pages (a full rendering, then a cache hit), with the test client and
  CaptureQueriesContext, so production responses carry no debug header;
- the time to render a ticket's QR code (PNG, SVG) and its PDF, per ticket;
- the number of valid tickets of the registration spike's day (the capacity check).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--spike-day", type=int, required=True)
    parser.add_argument("--renders", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    result = {"queries": queries(), "rendering": rendering(args.renders), "spike": spike(args.spike_day)}
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

    from config import caching

    client = Client(HTTP_HOST="127.0.0.1")
    out = {}
    for name, path in PAGES.items():
        cache.delete(caching.VERSION_KEY)  # a fresh version: the first request renders in full
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


if __name__ == "__main__":
    main()
