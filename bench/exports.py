"""The console's export of 10,000 registrations: its time against the registration list page, and its peak
memory at two sizes (it must not grow with the number of rows).

Part of `make bench` (bench/run.py calls `measure` in a child process on the benchmark database), and
runnable alone on a database of its own:

    .venv/bin/python -m bench.exports --database pn_bench_exports --redis redis://127.0.0.1:6379/3 --setup

It adds an edition of its own ("bench-exports") with two days, fills it with registrations (one to three
tickets each) up to each size, and measures in-process with Django's test client: the download's time
(median of `--repeat` runs, the whole file read), its peak of Python memory (tracemalloc, a separate run so
tracing does not slow the timed ones), and the same for the registration list page of the console (or, on
a branch without it, the back office's registration list).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from types import SimpleNamespace

SIZES = (2000, 10000)
SLUG = "bench-exports"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default="pn_bench_exports")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--setup", action="store_true", help="create the database and migrate it first")
    parser.add_argument("--measure", action="store_true", help="(the child process) measure and print JSON")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(sizes=args.sizes, repeat=args.repeat)))
        return
    from .server import PYTHON, ROOT, bench_env, sh

    env = bench_env(SimpleNamespace(database=args.database, redis=args.redis, port=8110))
    if args.setup:
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c"]
        sh([*psql, f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)"], env)
        sh([*psql, f"CREATE DATABASE {args.database}"], env)
        sh([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], env)
    result = run_child(env, sizes=args.sizes, repeat=args.repeat, root=ROOT, python=PYTHON)
    print(json.dumps(result, indent=1))
    print(summary(result), file=sys.stderr)


def run_child(env: dict, *, sizes, repeat: int, root, python: str) -> dict:
    command = [
        python,
        "-m",
        "bench.exports",
        "--measure",
        "--repeat",
        str(repeat),
        "--sizes",
        *map(str, sizes),
    ]
    done = subprocess.run(command, env=env, cwd=root, check=True, capture_output=True, text=True)  # noqa: S603
    return json.loads(done.stdout.strip().splitlines()[-1])


def summary(result: dict) -> str:
    small, large = result["sizes"][0], result["sizes"][-1]
    lines = []
    for name in ("csv", "xlsx", "list_page"):
        a, b = result[name][str(small)], result[name][str(large)]
        lines.append(
            f"{name}: {small} rows {a['seconds']:.2f} s, peak {a['peak_kib']} KiB; {large} rows "
            f"{b['seconds']:.2f} s, peak {b['peak_kib']} KiB (memory x{b['peak_kib'] / a['peak_kib']:.2f})"
        )
    return "\n".join(lines)


def measure(*, sizes, repeat: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.test.utils import override_settings

    from tickets.models import Registration

    # Pages are rendered in-process without collectstatic: static URLs are not what is measured here.
    storages = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    storages["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(STORAGES=storages, ALLOWED_HOSTS=["*"]):
        client, edition, list_url = _setup()
        Registration.objects.filter(edition=edition).delete()  # a run starts from none
        result: dict = {"sizes": sizes, "list_page_url": list_url, "csv": {}, "xlsx": {}, "list_page": {}}
        for size in sizes:
            _fill(edition, size)
            for name, url in _urls(edition, list_url).items():
                result[name][str(size)] = _measure_url(client, url, repeat)
    return result


def _setup():
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from console.roles import grant_role_permissions

    user, _ = get_user_model().objects.get_or_create(
        username="bench-exports@example.org", defaults={"is_staff": True, "is_superuser": True}
    )
    user.groups.add(grant_role_permissions()["organizer"])
    client = Client()
    client.force_login(user)
    try:
        list_url = reverse("console:registrations")
    except NoReverseMatch:
        list_url = reverse("admin:tickets_registration_changelist")
    return client, _edition(), list_url


def _edition():
    import datetime as dt

    from django.utils import timezone

    from events.models import Day, Edition

    starts = timezone.localdate() + dt.timedelta(days=400)
    edition, created = Edition.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": "Bench exports", "starts_on": starts, "ends_on": starts + dt.timedelta(days=1),
            "venue_name": "Bench", "venue_address": "Bench", "registration_opens_at": timezone.now(),
            "registration_closes_at": timezone.now() + dt.timedelta(days=300),
        },
    )  # fmt: skip
    if created:
        for offset in (0, 1):
            Day.objects.create(
                edition=edition, date=starts + dt.timedelta(days=offset), opens_at=dt.time(10),
                closes_at=dt.time(18), capacity=100000,
            )  # fmt: skip
    return edition


def _fill(edition, size: int) -> None:
    """Registrations of the bench's edition up to `size`, one to three tickets each, in bulk."""
    from tickets.models import Registration, Ticket

    days = list(edition.days.order_by("date"))
    have = Registration.objects.filter(edition=edition).count()
    for start in range(have, size, 1000):
        batch = Registration.objects.bulk_create(
            Registration(
                edition=edition, name=f"Visitor {n}", email=f"visitor{n}@bench.example.org",
                postal_code="1000", language=("fr", "nl", "en")[n % 3],
            )
            for n in range(start, min(start + 1000, size))
        )  # fmt: skip
        Ticket.objects.bulk_create(
            Ticket(edition=edition, day=days[(n + p) % 2], registration=r, holder_name=r.name, position=p)
            for n, r in enumerate(batch)
            for p in range(1 + n % 3)
        )


def _urls(edition, list_url: str) -> dict[str, str]:
    from django.urls import reverse

    def export(file_format: str) -> str:
        return (
            reverse("console:export-download", args=["registrations", file_format])
            + f"?edition={edition.slug}"
        )

    return {"csv": export("csv"), "xlsx": export("xlsx"), "list_page": list_url}


def _read(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)  # noqa: S101 - a bench, not a check
    size = (
        sum(len(part) for part in response.streaming_content) if response.streaming else len(response.content)
    )
    response.close()
    return size


def _measure_url(client, url: str, repeat: int) -> dict:
    _read(client, url)  # warm up: imports, templates, the database's caches
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        size = _read(client, url)
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    tracemalloc.reset_peak()
    _read(client, url)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"seconds": round(statistics.median(times), 3), "bytes": size, "peak_kib": round(peak / 1024)}


if __name__ == "__main__":
    main()


def report_lines(result: dict) -> list[str]:
    """The section of BENCHMARKS.md."""
    small, large = (str(size) for size in (result["sizes"][0], result["sizes"][-1]))
    lines = [
        "## Export of registrations",
        "",
        f"In-process (`bench/exports.py`, runnable alone): the console's registrations export of one edition "
        f"at {small} and {large} registrations (one to three tickets each), the whole file read; the median "
        f"of the timed runs, and the peak of Python memory (tracemalloc) in a separate run. Against it, the "
        f"registration list page (`{result['list_page_url']}`, one page of the list).",
        "",
        f"| what | s at {small} | s at {large} | × list page at {large} | peak KiB at {small} "
        f"| peak KiB at {large} | memory ratio |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    page = result["list_page"][large]["seconds"]
    for key, label in (("csv", "CSV"), ("xlsx", "XLSX"), ("list_page", "list page")):
        a, b = result[key][small], result[key][large]
        lines.append(
            f"| {label} | {a['seconds']:.2f} | {b['seconds']:.2f} | {b['seconds'] / page:.1f} "
            f"| {a['peak_kib']} | {b['peak_kib']} | {b['peak_kib'] / a['peak_kib']:.2f} |"
        )
    flat = all(result[k][large]["peak_kib"] <= 1.25 * result[k][small]["peak_kib"] for k in ("csv", "xlsx"))
    lines += ["", f"Peak memory flat in the rows (at most +25 % for 5× the rows): {verdict(flat)}", ""]
    return lines


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**NOT met**"
