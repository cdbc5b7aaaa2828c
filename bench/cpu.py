"""Where the machine's cores went during a load run: CPU seconds by process role, read from /proc.

The server, PostgreSQL, the load generator and the outbox worker share the same cores, so a scenario's
throughput says little on its own about which of them to make cheaper. Each process's user and system time
is read before and after a run, with the time of its children that ended meanwhile (a PostgreSQL backend
that closed, a gunicorn worker recycled after `max_requests`), which the kernel adds to their parent.
"""

from __future__ import annotations

import os
from pathlib import Path

ROLES = ("app server", "PostgreSQL", "load generator", "outbox worker", "other")
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def by_role(sessions: dict[int, str]) -> dict[str, float]:
    """CPU seconds used so far by the live processes and their reaped children, by role. `sessions` names
    the session ids of the processes the benchmark started (gunicorn's master and the outbox worker each
    lead a session of their own, and their children stay in it)."""
    totals = dict.fromkeys(ROLES, 0.0)
    me = os.getpid()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # it ended between the listing and the read
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()  # proc(5): fields from the 3rd, `state`, on
        session = int(fields[3])
        seconds = sum(int(value) for value in fields[11:15]) / TICKS  # utime, stime, cutime, cstime
        if int(entry.name) == me:
            role = "load generator"
        elif session in sessions:
            role = sessions[session]
        elif name == "postgres":
            role = "PostgreSQL"
        else:
            role = "other"
        totals[role] += seconds
    return totals


def per_request(before: dict[str, float], after: dict[str, float], requests: int, seconds: float) -> dict:
    """What a run cost: CPU milliseconds per request by role, and how many cores were busy on average."""
    used = {role: max(after[role] - before[role], 0.0) for role in ROLES}
    costs = {role: round(used[role] / requests * 1000, 2) for role in ROLES} if requests else {}
    return {
        "requests": requests,
        "seconds": round(seconds, 3),
        "cores_busy": round(sum(used.values()) / seconds, 2) if seconds else 0.0,
        "ms_per_request": costs,
    }
