"""BENCHMARKS.md's sections on the machine's cores: where they went in each run (bench/cpu.py), and what
the targets not met would take on this machine, worked out from the same run's figures."""

from __future__ import annotations

from .cpu import ROLES


def cores_section(used: dict) -> list[str]:
    rows = [
        "## Where the cores went",
        "",
        "CPU time of every process on the machine during each run, read from `/proc` before and after it "
        "(`bench/cpu.py`), per request answered. The app server is gunicorn and its workers; PostgreSQL is "
        "every backend; the load generator is this benchmark's own client; the outbox worker renders and "
        "sends the confirmations.",
        "",
        "| run | requests | seconds | cores busy | " + " | ".join(ROLES) + " | total ms per request |",
        "|---|---:|---:|---:|" + "---:|" * (len(ROLES) + 1),
    ]
    for run in used.values():  # in the order they ran
        costs = run["ms_per_request"]
        cells = [f"{costs[role]:.2f}" for role in ROLES]
        total = sum(costs.values())
        rows.append(
            f"| {run['name']} | {run['requests']:,} | {run['seconds']:.1f} | {run['cores_busy']:.2f} | "
            + " | ".join(cells)
            + f" | {total:.2f} |"
        )
    return [*rows, ""]


def targets_section(results: dict) -> list[str]:
    """The arithmetic of the p95 and spike targets on this run's machine (the notes quote it)."""
    f = budget_figures(results)
    if not f:
        return []
    return [
        "## What the targets not met would take on this machine",
        "",
        f"**Check-in p95 under 50 ms.** Each of the {f['scanners']} scanners waits for its answer before "
        f"its next scan, so the mean latency is {f['scanners']} divided by the throughput (Little's law). "
        f"A p95 under 50 ms needs a mean under 50 ms, at least {f['rps_for_mean']:.0f} scans per second: "
        f"{f['rps_for_mean_ratio']:.0%} of this run's baseline ({f['base_rps']:.0f} req/s). With the spread "
        f"between p95 and mean that the baseline itself shows in this run ({f['base_spread']:.1f}×), it "
        f"needs about {f['rps_for_p95']:.0f} scans per second, {f['rps_for_p95_ratio']:.1f} times the "
        f"throughput of the bare one-row view. The baseline's own p95 was {f['base_p95']:.0f} ms. At the "
        f"60 % throughput target, the mean alone would be {f['mean_at_target']:.0f} ms.",
        "",
        f"**Spike at 40 % of the baseline burst.** At 40 % of this run's burst baseline "
        f"({f['burst_rps']:.0f} req/s), the {f['attempts']:,} attempts must all be answered within "
        f"{f['budget_s']:.1f} s: {f['budget_cpu_s']:.1f} CPU-seconds of the machine's {f['cores']} cores, "
        f"for every process. This run's spike used {f['spike_cores']:.2f} cores for {f['spike_s']:.1f} s, "
        f"{f['spike_cpu_s']:.1f} CPU-seconds: {f['spike_ms']:.0f} ms per attempt, {f['spike_app_ms']:.0f} of "
        f"them in the app server. The {f['places']} accepted registrations alone cost "
        f"{f['accepted_cpu_s']:.1f} CPU-seconds in the app process ({f['reg_ticket_cpu']:.1f} ms each "
        f"in-process, before PostgreSQL's share), {f['accepted_share']:.0%} of the budget; each of the "
        f"{f['refused']:,} refusals would have to fit in {f['per_refusal_ms']:.1f} ms of the machine's CPU, "
        f"where one costs {f['reg_full_cpu']:.1f} ms in the app process alone. The whole spike would have "
        f"to cost {f['spike_factor']:.1f} times less CPU than it does.",
        "",
    ]


def budget_figures(results: dict) -> dict:
    used = results.get("cpu_by_process") or {}
    cpu = results["inprocess"].get("cpu") or {}
    if "spike" not in used or not cpu:
        return {}
    checkin, spike = results["checkin"], results["spike"]
    cores = results["machine"]["cores"]
    scanners, places = results["prepared"]["scanners"], results["prepared"]["places_left"]
    base_rps, base_p95 = checkin["baseline"]["throughput"], checkin["baseline"]["p95_ms"]
    base_spread = base_p95 / (scanners / base_rps * 1000)
    rps_for_mean = scanners / 0.050
    burst_rps = spike["baseline_burst"]["throughput"]
    attempts = spike["spike"]["requests"]
    budget_s = attempts / (0.4 * burst_rps)
    spike_used = used["spike"]
    spike_ms = sum(spike_used["ms_per_request"].values())
    spike_cpu_s = spike_ms * attempts / 1000
    mail_ms = spike_used["ms_per_request"]["outbox worker"]
    accepted_cpu_s = places * cpu["registration_ticket"] / 1000
    refused = attempts - places
    per_role = {
        f"{run}_{short}_ms": used[key]["ms_per_request"][role]
        for run, key in (("base", "baseline"), ("admit", "checkin_admit"), ("rescan", "checkin_rescan"))
        for short, role in (("app", "app server"), ("pg", "PostgreSQL"))
        if key in used
    }
    return {
        **per_role,
        "scanners": scanners,
        "base_rps": base_rps,
        "base_p95": base_p95,
        "base_spread": base_spread,
        "rps_for_mean": rps_for_mean,
        "rps_for_mean_ratio": rps_for_mean / base_rps,
        "rps_for_p95": rps_for_mean * base_spread,
        "rps_for_p95_ratio": rps_for_mean * base_spread / base_rps,
        "mean_at_target": scanners / (0.6 * base_rps) * 1000,
        "burst_rps": burst_rps,
        "attempts": attempts,
        "cores": cores,
        "budget_s": budget_s,
        "budget_cpu_s": budget_s * cores,
        "spike_cores": spike_used["cores_busy"],
        "spike_s": spike_used["seconds"],
        "spike_cpu_s": spike_cpu_s,
        "spike_ms": spike_ms,
        "spike_app_ms": spike_used["ms_per_request"]["app server"],
        "spike_mail_ms": mail_ms,
        "spike_mail_share": mail_ms / spike_ms if spike_ms else 0.0,
        "places": places,
        "accepted_cpu_s": accepted_cpu_s,
        "reg_ticket_cpu": cpu["registration_ticket"],
        "reg_full_cpu": cpu["registration_full"],
        "accepted_share": accepted_cpu_s / (budget_s * cores),
        "refused": refused,
        "per_refusal_ms": max(budget_s * cores - accepted_cpu_s, 0) / refused * 1000 if refused else 0.0,
        "spike_factor": spike_cpu_s / (budget_s * cores),
        "spike_factor_without_mail": (spike_ms - mail_ms) * attempts / 1000 / (budget_s * cores),
    }
