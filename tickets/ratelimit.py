"""The tickets pages' limits per client address (core/ratelimit.py), and how a refusal is shown: the page
the visitor was on, answered 429, its form saying when to try again and whom to call."""

from __future__ import annotations

from django.http import HttpRequest

from core import ratelimit
from core.clients import client_address

from . import conf


def limit_address(request: HttpRequest, scope: str, *more: tuple) -> None:
    """Count one submission of the client address; TooManyRequests past its limit (or one of `more`)."""
    ratelimit.check((f"tickets:{scope}:address", client_address(request), conf.rate_limit()), *more)


def over_limit(request: HttpRequest, form, scope: str, *more: tuple) -> int:
    """Count one submission; past a limit, put the refusal above the form and return the seconds to wait."""
    return ratelimit.form_over_limit(
        form, (f"tickets:{scope}:address", client_address(request), conf.rate_limit()), *more
    )


refused_if = ratelimit.refused_if
