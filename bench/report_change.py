"""BENCHMARKS.md's section on issue 22's scenarios (bench/scenarios_change.py), and the summary lines that
`python -m bench.run --only …` prints."""

from __future__ import annotations

# Before issue 22, as measured then (issue 22's text, and BENCHMARKS.md of 2026-12-06 22:40 UTC).
BEFORE = {
    "programme_full_render": 266.0,
    "programme_ics_full_render": 402.0,
    "wrk_rescan_vs_healthz": "0.24–0.33",
    "own_rescan_vs_baseline": "0.45–0.49",
}


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}×" if base else "–"


def crowd_lines(crowd: dict) -> list[str]:
    runs = crowd["runs"]
    warm = runs["warm"]
    labels = {
        "warm": "cache warm",
        "unrelated": "right after an exhibitor's edit (not shown on the programme)",
        "programme": "right after a session's edit (shown on the programme)",
    }
    lines = [
        f"{crowd['crowd']} visitors open `{crowd['path']}` at once, each on a new connection, "
        f"{crowd['rounds']} rounds interleaved in the same run (warm, after an unrelated edit, after a "
        "programme edit). Each edit goes through the ORM in a process of its own (bench/edits.py) and the "
        "crowd starts once it committed.",
        "",
        "| crowd | requests | p50 ms | p95 ms | p99 ms | errors | p95 vs warm | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    targets = {"warm": "", "unrelated": "≤ 1.2×", "programme": "≤ 2×"}
    for name, stats in runs.items():
        lines.append(
            f"| {labels[name]} | {stats['requests']:,} | {stats['p50_ms']:.1f} | {stats['p95_ms']:.1f} | "
            f"{stats['p99_ms']:.1f} | {stats['errors']} | {_ratio(stats['p95_ms'], warm['p95_ms'])} | "
            f"{targets[name]} |"
        )
    fresh = "yes" if crowd["fresh_after_rendering"] else "**NO**"
    lines += [
        "",
        f"After every programme edit, once its rendering was stored, the page showed the change: {fresh}.",
    ]
    return lines


def cold_lines(cold: dict) -> list[str]:
    cpu = cold["cpu"]
    lines = ["| cold rendering | CPU ms now | before issue 22 | cheaper by |", "|---|---:|---:|---:|"]
    for key, label in (
        ("programme_full_render", "`/fr/programme/`"),
        ("programme_ics_full_render", "`/programme.ics`"),
    ):
        lines.append(f"| {label} | {cpu[key]:.1f} | {BEFORE[key]:.0f} | {BEFORE[key] / cpu[key]:.1f}× |")
    if "exhibitors_full_render" in cpu:
        lines.append(f"| `/fr/exhibitors/` | {cpu['exhibitors_full_render']:.1f} | – | – |")
    return lines


def _stat_row(label: str, stats: dict, base: dict) -> str:
    return (
        f"| {label} | {stats['requests']:,} | {stats['throughput']:,.0f} | {stats.get('p50_ms', 0):.1f} | "
        f"{stats.get('p99_ms', 0):.1f} | {stats['errors']} | "
        f"{_ratio(stats['throughput'], base['throughput'])} |"
    )


def rescan_lines(rescan: dict) -> list[str]:
    own, tool = rescan["own_client"], rescan.get("wrk")
    header = [
        "| run | requests | req/s | p50 ms | p99 ms | errors | req/s vs its baseline |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines = [
        f"Re-scans of {rescan['tickets']:,} admitted tickets, 20 connections.",
        "",
        "Project's client (bench/client.py):",
        "",
        *header,
    ]
    lines.append(_stat_row("baseline (one row by indexed key)", own["baseline"], own["baseline"]))
    lines.append(_stat_row("re-scan", own["rescan"], own["baseline"]))
    if tool is None:
        return [*lines, "", "wrk is not installed (`apt-get install wrk`): its runs were skipped."]
    lines += ["", "wrk (2 threads):", "", *header]
    lines.append(_stat_row("`/healthz`", tool["healthz"], tool["healthz"]))
    lines.append(_stat_row("baseline (one row by indexed key)", tool["baseline"], tool["healthz"]))
    lines.append(_stat_row("re-scan (ratio to `/healthz`)", tool["rescan"], tool["healthz"]))
    to_baseline = _ratio(tool["rescan"]["throughput"], tool["baseline"]["throughput"])
    lines.append(f"| re-scan (ratio to the baseline) | | | | | | {to_baseline} |")
    history = rescan["wrk_history"]
    lines += [
        "",
        "One ticket scanned again and again (wrk), three runs one after the other: its history grows.",
        "",
    ]
    lines += ["| run | scans | scans/s | p50 ms | p99 ms |", "|---|---:|---:|---:|---:|"]
    for h in history:
        lines.append(
            f"| {h['run']} | {h['requests']:,} | {h['throughput']:,.0f} | {h.get('p50_ms', 0):.1f} | "
            f"{h.get('p99_ms', 0):.1f} |"
        )
    lines += [
        "",
        f"Before issue 22: wrk re-scans at {BEFORE['wrk_rescan_vs_healthz']} of `/healthz`, the project's "
        f"client at {BEFORE['own_rescan_vs_baseline']} of its baseline; one ticket's repeated scans went "
        "288 → 182 scans/s over three runs.",
    ]
    return lines


def change_lines(name: str, figures: dict) -> list[str]:
    return {"crowd": crowd_lines, "cold": cold_lines, "rescan": rescan_lines}[name](figures)


def change_section(results: dict) -> list[str]:
    """BENCHMARKS.md's section for a full run."""
    lines = ["## 5. Fast through change (issue 22)", "", "### The crowd after an edit (`--only crowd`)", ""]
    lines += crowd_lines(results["crowd"])
    lines += ["", "### Cold renderings' CPU (`--only cold`)", "", *cold_lines(results["cold"])]
    lines += ["", "### Re-scans, two clients (`--only rescan`)", "", *rescan_lines(results["rescan"]), ""]
    return lines
