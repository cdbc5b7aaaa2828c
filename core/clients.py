"""Who is asking: the one client address every rate limit and throttle counts by.

Behind the reverse proxy the README requires, REMOTE_ADDR is the proxy's own address; the visitor's is the
last X-Forwarded-For entry each trusted proxy added. `TRUSTED_PROXY_HOPS` (settings) says how many proxies
add one: the entry that many places from the end is the client's, and entries before it, which the client
may have written itself, are never read. 0 (no proxy) uses REMOTE_ADDR and ignores the header.

An IPv6 client usually holds a whole /64 (and can pick any address in it), so IPv6 addresses are counted by
their /64 network; an IPv4-mapped IPv6 address counts as its IPv4 address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

IPV6_PREFIX = 64


def trusted_proxy_hops() -> int:
    return int(getattr(settings, "TRUSTED_PROXY_HOPS", 0))


def client_ip(request: HttpRequest) -> str:
    """The client's address as the trusted proxies saw it (REMOTE_ADDR without a proxy)."""
    hops = trusted_proxy_hops()
    if hops:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def bucket(address: str) -> str:
    """What a limit counts: an IPv4 address, or the /64 network of an IPv6 address."""
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]").split("%")[0])
    except ValueError:
        return address.strip()[:64]  # not an address (a misconfigured proxy): counted as written
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, IPV6_PREFIX), strict=False))
    return str(ip)


def client_address(request: HttpRequest) -> str:
    """The key every per-address limit uses for this request."""
    return bucket(client_ip(request))
