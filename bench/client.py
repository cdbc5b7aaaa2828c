"""A small asyncio HTTP/1.1 client for the benchmarks: keep-alive connections, no dependency.

A load generator on the same 2-core machine as the server takes CPU from it; this client does the least work
it can per request (one write, a buffered read of the status line, headers and body), so the figures say more
about the server than about the client.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


class ConnectionDropped(Exception):
    """The server closed a reused keep-alive connection before answering (e.g. a worker recycled)."""


class Connection:
    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.used = 0

    async def _open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port, limit=2**22)
        self.used = 0

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(
        self, method: str, path: str, *, headers: dict[str, str] | None = None, body: bytes = b""
    ) -> Response:
        """One request; a reused connection the server had closed is reopened and the request sent again
        (only when not one byte of an answer came back, so the server never saw it)."""
        for attempt in range(2):
            if self.writer is None:
                await self._open()
            reused = self.used > 0
            try:
                return await self._exchange(method, path, headers or {}, body)
            except (ConnectionDropped, ConnectionResetError, BrokenPipeError, asyncio.IncompleteReadError):
                self.close()
                if not reused or attempt == 1:
                    raise
        raise AssertionError("unreachable")

    async def _exchange(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Response:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if body or method in {"POST", "PUT", "PATCH"}:
            lines.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await self.writer.drain()
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as error:
            if not error.partial:
                raise ConnectionDropped from error
            raise
        status_line, *header_lines = head[:-4].decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        response_headers: dict[str, str] = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            response_headers[name.strip().lower()] = value.strip()
        if response_headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunks.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            payload = b"".join(chunk[:-2] for chunk in chunks)
        elif method == "HEAD" or status in (204, 304):
            payload = b""
        else:
            payload = await self.reader.readexactly(int(response_headers.get("content-length", "0")))
        self.used += 1
        if response_headers.get("connection", "").lower() == "close":
            self.close()
        return Response(status, response_headers, payload)


@dataclass
class Stats:
    """Latencies (seconds) of the requests that were answered as expected, and everything else counted."""

    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)
    started: float = 0.0
    ended: float = 0.0
    retries: int = 0

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def error(self, detail: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(detail[:300])

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.errors

    @property
    def wall(self) -> float:
        return max(self.ended - self.started, 1e-9)

    @property
    def throughput(self) -> float:
        return self.requests / self.wall

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile in milliseconds."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
        return ordered[rank - 1] * 1000

    def summary(self) -> dict:
        return {
            "name": self.name,
            "requests": self.requests,
            "seconds": round(self.wall, 3),
            "throughput": round(self.throughput, 1),
            "p50_ms": round(self.percentile(50), 2),
            "p95_ms": round(self.percentile(95), 2),
            "p99_ms": round(self.percentile(99), 2),
            "errors": self.errors,
            "error_samples": self.error_samples,
            "outcomes": dict(sorted(self.outcomes.items())),
        }


async def timed(stats: Stats, request, check) -> None:
    """Await one request (a coroutine); `check(response)` names the outcome, or raises ValueError for a
    wrong answer."""
    started = time.perf_counter()
    try:
        response = await request
        outcome = check(response)
    except (OSError, asyncio.IncompleteReadError, ConnectionDropped, ValueError) as error:
        stats.error(f"{type(error).__name__}: {error}")
        return
    stats.latencies.append(time.perf_counter() - started)
    stats.count(outcome)


def raise_file_limit(wanted: int) -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))
