"""Writes BENCHMARKS.md from the figures of one run (bench/run.py), followed by bench/NOTES.md."""

from __future__ import annotations

from pathlib import Path

from . import exports
from .budget import budget_figures, cores_section, targets_section
from .report_change import change_section

NOTES = Path(__file__).resolve().parent / "NOTES.md"

# The in-process tables' rows: CPU time (all) and instructions (those that bench/instructions.py counts).
REQUEST_LABELS = {
    "baseline": "baseline (one row by indexed key)",
    "checkin_admit": "check-in: admit",
    "checkin_rescan": "check-in: re-scan",
    "registration_ticket": "registration: places held or tickets issued (mail queued, PDF to the worker)",
    "registration_full": "registration: day full (form shown again with the waiting list)",
    "programme_full_render": "programme page, full rendering",
    "programme_cache_hit": "programme page, from the page cache",
    "programme_ics_full_render": "`/programme.ics`, full rendering",
    "programme_ics_cache_hit": "`/programme.ics`, from the page cache",
    "exhibitors_full_render": "exhibitor directory, full rendering",
    "exhibitors_cache_hit": "exhibitor directory, from the page cache",
}


def ratio(value: float, base: float) -> str:
    if not base or value != value or base != base:  # zero or NaN
        return "–"
    return f"{value / base:.2f}×"


def row(label: str, stats: dict, base: dict | None) -> str:
    cells = [
        label,
        f"{stats['requests']:,}",
        f"{stats['throughput']:,.0f}",
        f"{stats['p50_ms']:.1f}",
        f"{stats['p95_ms']:.1f}",
        f"{stats['p99_ms']:.1f}",
        str(stats["errors"]),
    ]
    if base is None:
        cells += ["1.00×", "1.00×", "1.00×", "1.00×"]
    else:
        cells += [
            ratio(stats["throughput"], base["throughput"]),
            ratio(stats["p50_ms"], base["p50_ms"]),
            ratio(stats["p95_ms"], base["p95_ms"]),
            ratio(stats["p99_ms"], base["p99_ms"]),
        ]
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| run | requests | req/s | p50 ms | p95 ms | p99 ms | errors | req/s vs baseline | p50 vs baseline "
    "| p95 vs baseline | p99 vs baseline |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**NOT met**"


def write_report(results: dict, out: Path) -> None:
    lines = [
        *_introduction(results),
        *_targets(results),
        *_checkin_section(results),
        *_spike_section(results),
        *_pages_section(results),
        *_rendering_section(results),
        *(change_section(results) if "crowd" in results else []),
        *_per_request_sections(results),
        *(exports.report_lines(results["exports"]) if "exports" in results else []),
    ]
    if NOTES.exists() and results["inprocess"].get("cpu"):
        lines.append(NOTES.read_text().rstrip().format(**notes_figures(results)))
        lines.append("")
    out.write_text("\n".join(lines))


def _introduction(results: dict) -> list[str]:
    m, s, args = results["machine"], results["settings"], results["args"]
    prepared = results["prepared"]
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on **{m['date']}**: {m['cores']} cores ({m['cpu']}), "
        f"{m['memory_gib']} GiB of memory, Linux {m['kernel']}, Python {m['python']}, "
        f"PostgreSQL {m['postgresql']}, Redis as the cache.",
        "",
        f"The server is `make serve`'s: gunicorn `{s['worker_class']}` with {s['workers']} workers × "
        f"{s['threads']} threads (from the cores), DEBUG off, whitenoise, the request log on, on a fresh "
        "PostgreSQL database and Redis database 3. The load generator (`bench/client.py`, asyncio, "
        "keep-alive "
        "HTTP/1.1) runs **on the same machine** and takes CPU from the server, so absolute figures are "
        "pessimistic; the ratios matter. The **baseline** is measured in the same run, the same way: a bare "
        "view of this app (`bench/views.py`) reading one ticket by its unique `public_id` through the "
        "whole middleware stack. Latencies are per request, from the client's send to the last byte; "
        "ratios above 1× are slower for latencies and faster for throughput.",
        "",
    ]
    if args.get("quick"):
        lines += ["> **Quick development run** (`--quick`): small numbers, not the figures to judge by.", ""]
    lines += [
        f"Data: {prepared['session_count']} published sessions, {prepared['exhibitor_count']} exhibitors "
        f"(demo data topped up by `bench/prepare.py`), {prepared['tickets']:,} valid tickets for today, "
        f"{prepared['scanners']} paired scanner devices, "
        f"a day with exactly {prepared['places_left']} places left.",
        "",
    ]
    return lines


def _targets(results: dict) -> list[str]:
    checkin, spike = results["checkin"], results["spike"]
    inproc, prepared = results["inprocess"], results["prepared"]
    base = checkin["baseline"]
    admit, rescan = checkin["admit"], checkin["rescan"]
    admit_ratio = admit["throughput"] / base["throughput"]
    rescan_ratio = rescan["throughput"] / base["throughput"]
    sp = spike["spike"]
    burst_base = spike["baseline_burst"]
    spike_ratio = sp["throughput"] / burst_base["throughput"]
    tickets = inproc["spike"]["bench_registrations"]
    others = sp["outcomes"].get("full (waiting list offered)", 0)
    errors = sp["errors"] + spike.get("confirm", {}).get("errors", 0)
    return [
        "## Targets",
        "",
        "| target | measured | |",
        "|---|---|---|",
        f"| check-in ≥ 60 % of baseline throughput | admit {admit_ratio:.0%}, re-scan {rescan_ratio:.0%} "
        f"| {verdict(min(admit_ratio, rescan_ratio) >= 0.6)} |",
        f"| check-in p95 < 50 ms | admit {admit['p95_ms']:.1f} ms, re-scan {rescan['p95_ms']:.1f} ms "
        f"| {verdict(max(admit['p95_ms'], rescan['p95_ms']) < 50)} |",
        f"| spike: exactly {prepared['places_left']} tickets | {tickets} tickets "
        f"(day: {inproc['spike']['valid_tickets']} valid of capacity {inproc['spike']['capacity']}, "
        f"{inproc['spike']['places_left']} left) | {verdict(tickets == prepared['places_left'])} |",
        f"| spike: every other attempt answered cleanly, zero errors | {others} answered “full, join the "
        f"waiting list”, {errors} errors (registration and confirmation) "
        f"| {verdict(errors == 0 and tickets + others == sp['requests'])} |",
        f"| spike ≥ 40 % of baseline throughput | {spike_ratio:.0%} of the baseline burst "
        f"({sp['throughput']:.0f} vs {burst_base['throughput']:.0f} req/s) | {verdict(spike_ratio >= 0.4)} |",
        "",
        f"Server errors logged during the run (tracebacks, ERROR lines): {results['server_errors_logged']}.",
        "",
    ]


def _checkin_section(results: dict) -> list[str]:
    checkin, scanners = results["checkin"], results["prepared"]["scanners"]
    base = checkin["baseline"]
    return [
        "## 1. Check-in",
        "",
        f"{scanners} scanners, each a paired device with its own token on its own keep-alive "
        "connection, scan distinct valid tickets as fast as the answers come "
        "(`POST /api/v1/checkins` with a "
        f"fresh nonce; every answer must be `admitted`), then scan all of them again (every answer must be "
        "`already_checked_in`). The tickets wait in one line and each scanner takes the next one when its "
        "last answer is back (`bench.scenarios.gate_line`), so all of them scan until the line is empty. "
        f"The baseline runs with the same {scanners} connections.",
        "",
        HEADER,
        row("baseline (one row by indexed key)", base, None),
        row("check-in: admit", checkin["admit"], base),
        row("check-in: re-scan", checkin["rescan"], base),
        "",
    ]


def _spike_section(results: dict) -> list[str]:
    spike, places_left = results["spike"], results["prepared"]["places_left"]
    sp, burst_base = spike["spike"], spike["baseline_burst"]
    lines = [
        "## 2. Registration spike",
        "",
        f"{sp['requests']:,} visitors submit the registration form (`POST /fr/tickets/`, one day, distinct "
        f"emails, each from its own address through the proxy header and with its own CSRF cookie) **at the "
        f"same moment**, each on a new connection, for {places_left} remaining places. "
        "Throughput is "
        f"attempts answered per second from the start of the burst to its last answer. The baseline is the "
        f"same burst shape: {burst_base['requests']:,} simultaneous new connections each reading one row; "
        "the "
        f"steady baseline of scenario 1 is shown too.",
        "",
        HEADER,
        row("baseline burst", burst_base, None),
        row("registration spike", sp, burst_base),
        *([row("confirmation burst", spike["confirm"], burst_base)] if "confirm" in spike else []),
        row("(steady baseline, for reference)", spike["baseline_steady"], burst_base),
        "",
        "Outcomes: "
        + ", ".join(f"{k}: {v}" for k, v in sp["outcomes"].items())
        + f"; errors: {sp['errors']}.",
    ]
    if "confirm" in spike:
        confirm = spike["confirm"]
        lines += [
            "",
            "When the edition confirms e-mail addresses (the default), the form only holds the places and "
            "mails a link; every visitor who got places then presses the button of the link's page, all at "
            "once (`POST /fr/tickets/confirm/…`). Confirmation outcomes: "
            + ", ".join(f"{k}: {v}" for k, v in confirm["outcomes"].items())
            + f"; errors: {confirm['errors']}.",
        ]
    for stats in (sp, spike.get("confirm") or {"error_samples": []}):
        if stats["error_samples"]:
            lines += ["", "Error samples: " + "; ".join(f"`{e}`" for e in stats["error_samples"])]
    drain = spike.get("mail_drain")
    if drain:
        lines += [
            "",
            f"The requests only queue the confirmations; the outbox worker (`send_queued_mail --loop`, at "
            f"`nice 10` on the same cores) had rendered the PDFs and sent {drain['sent']:,} mails "
            f"{drain['seconds']:.0f} s after the burst's last answer, {drain['waiting']:,} still waiting.",
        ]
    return [*lines, ""]


def _pages_section(results: dict) -> list[str]:
    pages_on, pages_off = results["pages_cached"], results["pages_uncached"]
    base = results["checkin"]["baseline"]
    lines = [
        "## 3. Programme, feed and exhibitor directory",
        "",
        f"20 connections read one page as fast as they can for {results['args']['seconds']:.0f} s each, with "
        "the page cache on (as served), then again on a server started with `PAGE_CACHE_SECONDS=0`. The 304 "
        "row sends the feed's ETag back in `If-None-Match`. Ratios are against the steady baseline of "
        "scenario 1.",
        "",
        HEADER,
        row("baseline", base, None),
    ]
    for key, label in (
        ("programme", "programme page `/fr/programme/`"),
        ("programme_ics", "`/programme.ics`"),
        ("programme_ics_304", "`/programme.ics` → 304"),
        ("exhibitors", "exhibitor directory `/fr/exhibitors/`"),
    ):
        if key in pages_on:
            lines.append(row(f"{label}, cached", pages_on[key], base))
        if key in pages_off:
            lines.append(row(f"{label}, cache off", pages_off[key], base))
    lines += [
        "",
        "Queries per request (in-process test client on the same database, `CaptureQueriesContext`):",
        "",
        "| page | response | full rendering | from the page cache | 304 (If-None-Match) |",
        "|---|---:|---:|---:|---:|",
    ]
    for q in results["inprocess"]["queries"].values():
        nm = q["not_modified"]
        conditional = f"{nm['status']}, {nm['queries']} queries" if nm else "no ETag"
        lines.append(
            f"| `{q['path']}` | {q['status']}, {q['bytes'] / 1024:.0f} KiB | {q['full_render']} | "
            f"{q['cache_hit'] if q['cache_hit'] is not None else 'not cached'} | "
            f"{conditional} |"
        )
    return [*lines, ""]


def _rendering_section(results: dict) -> list[str]:
    r = results["inprocess"]["rendering"]
    lines = [
        "## 4. Ticket rendering",
        "",
        "In-process, one ticket, after one warm-up rendering (fonts and imports loaded): its signed code "
        "as a "
        "QR PNG and as an accessible SVG (`tickets/qr.py`), and its one-ticket PDF (`tickets/documents.py`, "
        "WeasyPrint, tagged PDF/UA).",
        "",
        "| what | renderings | mean ms | median ms | max ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for key, label in (
        ("qr_png", "QR PNG"),
        ("qr_svg", "QR SVG"),
        ("pdf", f"PDF ({r['pdf_bytes'] / 1024:.0f} KiB)"),
    ):
        t = r[key]
        lines.append(
            f"| {label} | {t['count']} | {t['mean_ms']:.1f} | {t['p50_ms']:.1f} | {t['max_ms']:.1f} |"
        )
    return [*lines, ""]


def _per_request_sections(results: dict) -> list[str]:
    """CPU time and instructions per request, then where the cores go and what the targets would take."""
    lines: list[str] = []
    cpu = results["inprocess"].get("cpu")
    if cpu:
        lines += per_request_table(
            "CPU time per request",
            "In-process, through the whole middleware stack with Django's test client, after the load "
            "runs: the CPU time one request costs the app process (`time.process_time`, so waiting for "
            "PostgreSQL or for a busy core is not counted). On 2 cores this bounds what the server can "
            "answer per second, and it is where the profiling below starts.",
            ("CPU ms", 1),
            cpu,
        )
    counted = results.get("instructions")
    if counted:
        lines += per_request_table(
            "Instructions per request",
            "Counted by valgrind's callgrind in the app process (`bench/instructions.py`): what one more "
            "request of each kind executes, after the same setup and warm-up. Unlike seconds, the count "
            "does not move with the machine's load, so it compares runs and machines; it leaves out "
            "PostgreSQL's own work and any waiting.",
            ("million instructions", 2),
            counted,
        )
    if results.get("cpu_by_process"):
        lines += cores_section(results["cpu_by_process"])
        lines += targets_section(results)
    return lines


def per_request_table(title: str, intro: str, unit: tuple[str, int], values: dict) -> list[str]:
    """A section with one row per kind of request measured in-process, and its ratio to the baseline."""
    name, digits = unit
    rows = [f"## {title}", "", intro, "", f"| request | {name} | vs baseline |", "|---|---:|---:|"]
    for key, label in REQUEST_LABELS.items():
        if key in values:
            ratio_text = f"{values[key] / values['baseline']:.{digits}f}"
            rows.append(f"| {label} | {values[key]:.{digits}f} | {ratio_text}× |")
    return [*rows, ""]


def _checkin_figures(checkin: dict) -> dict:
    base = checkin["baseline"]["throughput"]
    return {
        "admit_ratio": checkin["admit"]["throughput"] / base,
        "rescan_ratio": checkin["rescan"]["throughput"] / base,
        "admit_p95": checkin["admit"]["p95_ms"],
        "rescan_p95": checkin["rescan"]["p95_ms"],
    }


def notes_figures(results: dict) -> dict:
    """The figures bench/NOTES.md quotes, from this run."""
    cpu, inproc = results["inprocess"]["cpu"], results["inprocess"]
    on, off = results["pages_cached"], results["pages_uncached"]
    nan = float("nan")

    def rps(pages: dict, key: str) -> float:
        return pages[key]["throughput"] if key in pages else nan

    return {
        "prog_full": cpu["programme_full_render"],
        "prog_hit": cpu["programme_cache_hit"],
        "ics_full": cpu["programme_ics_full_render"],
        "exh_full": cpu["exhibitors_full_render"],
        "prog_q": inproc["queries"]["programme"]["full_render"],
        "prog_hit_q": inproc["queries"]["programme"]["cache_hit"],
        "prog_off_rps": rps(off, "programme"),
        "prog_on_rps": rps(on, "programme"),
        "prog_off_p95": off["programme"]["p95_ms"],
        "prog_on_p95": on["programme"]["p95_ms"],
        "ics_off_rps": rps(off, "programme_ics"),
        "ics_on_rps": rps(on, "programme_ics"),
        "ics304_off_rps": rps(off, "programme_ics_304"),
        "ics304_on_rps": rps(on, "programme_ics_304"),
        "checkin_cpu": cpu["checkin_admit"],
        **_checkin_figures(results["checkin"]),
        "base_cpu": cpu["baseline"],
        "base_p95": results["checkin"]["baseline"]["p95_ms"],
        "reg_ticket_cpu": cpu["registration_ticket"],
        "reg_full_cpu": cpu["registration_full"],
        "spike_rps": results["spike"]["spike"]["throughput"],
        "spike_p95": results["spike"]["spike"]["p95_ms"],
        "spike_ratio": results["spike"]["spike"]["throughput"]
        / results["spike"]["baseline_burst"]["throughput"],
        "drain_seconds": results["spike"].get("mail_drain", {}).get("seconds", nan),
        **_instruction_figures(results.get("instructions") or {}),
        **budget_figures(results),
    }


def _instruction_figures(counted: dict) -> dict:
    nan = float("nan")
    return {
        "base_minstr": counted.get("baseline", nan),
        "admit_minstr": counted.get("checkin_admit", nan),
        "rescan_minstr": counted.get("checkin_rescan", nan),
        "reg_full_minstr": counted.get("registration_full", nan),
        "admit_ratio_minstr": counted.get("checkin_admit", nan) / counted.get("baseline", nan),
        "reg_full_ratio_minstr": counted.get("registration_full", nan) / counted.get("baseline", nan),
    }
