"""The Content-Security-Policy header, its text built once.

django-csp 4.0 builds the policy's text anew for every response, twice (the policy and the report-only one):
about 400 Python calls, more than a tenth of everything a ticket scan runs (bench/NOTES.md, 2026-12-07). The
text only changes with a nonce, a view's override (`csp_update`, `csp_replace`, `csp_exempt`, ...) or the
settings, and the site uses no nonce and a single override (a message's preview, framed by its own page). A
response with none of these gets the text built once; the others go through django-csp unchanged.
"""

from __future__ import annotations

from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

# What a view's decorator sets on its response to change or drop the policy (csp.decorators).
_OVERRIDES = tuple(
    f"_csp_{what}{suffix}" for what in ("config", "update", "replace", "exempt") for suffix in ("", "_ro")
)
_SETTINGS = ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")


@cache
def _static_policies() -> tuple[str, str] | None:
    """The policy's and the report-only policy's texts, or None when a setting excludes some paths (then
    every response goes through django-csp, which reads the path)."""
    for name in _SETTINGS:
        if (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES"):
            return None
    return build_policy(), build_policy(report_only=True)


@receiver(setting_changed)
def _forget_policies(*, setting: str, **kwargs) -> None:
    if setting in _SETTINGS:
        _static_policies.cache_clear()


class StaticPolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, but for the responses whose policy is the settings' own: their headers are
    the texts built once (`_static_policies`), set under the same conditions as django-csp sets them."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        policies = _static_policies()
        if (
            policies is None
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in _OVERRIDES)
        ):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (404, 500):
            return response  # Django's debug pages, as django-csp leaves them
        policy, report_only = policies
        if policy and HEADER not in response:
            response[HEADER] = policy
        if report_only and HEADER_REPORT_ONLY not in response:
            response[HEADER_REPORT_ONLY] = report_only
        # As django-csp does: a nonce asked for after the header was written could not be in it.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
