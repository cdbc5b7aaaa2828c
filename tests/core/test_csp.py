"""The Content-Security-Policy built once (core.csp) gives every response the headers django-csp's own
middleware gives it: plain responses, a nonce, a view's override, an exemption, a report-only policy,
excluded paths and the settings changing."""

from __future__ import annotations

import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY, SELF
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from core.csp import StaticPolicyCSPMiddleware

REPORT_ONLY = {"DIRECTIVES": {"default-src": [SELF], "report-uri": "/csp-report/"}}


def through(middleware_class, *, path="/fr/", status=200, use_nonce=False, mark=None):
    request = RequestFactory().get(path)
    middleware = middleware_class(lambda request: HttpResponse())
    middleware.process_request(request)
    nonce = str(request.csp_nonce) if use_nonce else None
    if nonce:
        request._csp_nonce = "fixed-nonce"  # the same nonce in both runs
    response = HttpResponse(status=status)
    for name, value in (mark or {}).items():
        setattr(response, name, value)
    response = middleware.process_response(request, response)
    return response.get(HEADER), response.get(HEADER_REPORT_ONLY), request


CASES = {
    "plain": {},
    "nonce": {"use_nonce": True},
    "replaced by a view": {"mark": {"_csp_replace": {"frame-ancestors": [SELF]}}},
    "updated by a view": {"mark": {"_csp_update": {"img-src": ["https://example.org"]}}},
    "exempt": {"mark": {"_csp_exempt": True}},
    "not found": {"status": 404},
    "an API answer": {"path": "/api/v1/checkins"},
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_same_headers_as_django_csp(case):
    assert through(StaticPolicyCSPMiddleware, **case)[:2] == through(CSPMiddleware, **case)[:2]


def test_the_policy_is_the_settings_own():
    policy, report_only, _request = through(StaticPolicyCSPMiddleware)
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert report_only is None


@override_settings(CONTENT_SECURITY_POLICY_REPORT_ONLY=REPORT_ONLY)
def test_a_report_only_policy_is_sent_too():
    assert through(StaticPolicyCSPMiddleware)[:2] == through(CSPMiddleware)[:2]
    assert "report-uri /csp-report/" in through(StaticPolicyCSPMiddleware)[1]


def test_changed_settings_change_the_policy(settings):
    before = through(StaticPolicyCSPMiddleware)[0]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": [SELF], "img-src": ["https:"]}}
    after = through(StaticPolicyCSPMiddleware)[0]
    assert after != before
    assert after == through(CSPMiddleware)[0]


@override_settings(
    CONTENT_SECURITY_POLICY={"EXCLUDE_URL_PREFIXES": ["/api/"], "DIRECTIVES": {"default-src": [SELF]}}
)
@pytest.mark.parametrize("path", ["/api/v1/checkins", "/fr/"])
def test_excluded_paths_as_django_csp(path):
    assert through(StaticPolicyCSPMiddleware, path=path)[:2] == through(CSPMiddleware, path=path)[:2]


def test_a_nonce_asked_for_after_the_header_is_refused():
    from csp.exceptions import CSPNonceError

    _policy, _report_only, request = through(StaticPolicyCSPMiddleware)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)


@pytest.mark.django_db
def test_every_page_carries_the_policy(client):
    response = client.get("/fr/")
    assert response[HEADER] == through(CSPMiddleware)[0]
