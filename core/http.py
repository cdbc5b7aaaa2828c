"""HTTP behaviour shared by every route: HEAD answers like GET, and which paths other sites may read.

HEAD (RFC 9110, 9.3.2) is GET without the body: same status, same header fields. Views, django-ninja's
operations and decorators such as `require_GET` only know GET, so the middleware hands them a GET and drops
the body on the way out; the Content-Length stays that of the GET.

Cross-origin reads are django-cors-headers' work, on the paths settings.CORS_URLS_REGEX lists.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class HeadAsGetMiddleware:
    """Answer HEAD with the GET's status and headers and no body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"  # what the access log and outer middleware report
        if response.streaming:
            response.streaming_content = []
        else:
            response.content = b""
        return response
