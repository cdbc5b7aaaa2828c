"""HTTP behaviour shared by every route: HEAD answers like GET, a NUL character is refused with 400, and which
paths other sites may read.

HEAD (RFC 9110, 9.3.2) is GET without the body: same status, same header fields. Views, django-ninja's
operations and decorators such as `require_GET` only know GET, so the middleware hands them a GET and drops
the body on the way out; the Content-Length stays that of the GET.

Cross-origin reads are django-cors-headers' work, on the paths settings.CORS_URLS_REGEX lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext


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


# What a JSON text may carry for a NUL: the escape (any case of its hex digits) or the raw byte.
_JSON_NUL = re.compile(rb"\\u0000|\x00", re.IGNORECASE)
_API_PREFIX = "/api/"
_NUL_ALLOWED_IN_BODY = re.compile(getattr(settings, "NUL_ALLOWED_IN_BODY", "") or r"(?!)")


class RefuseLargeBodyMiddleware:
    """Refuse a request whose announced body is larger than `settings.REQUEST_BODY_MAX_BYTES` with 413,
    before anything reads it: Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE) leave uploaded files out, so
    a 300 MB upload would otherwise be parsed to disk before a view could say no. The page says the limit
    in the visitor's language; the API answers {"code", "detail"}."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.REQUEST_BODY_MAX_BYTES
        if length <= limit:
            return self.get_response(request)
        detail = gettext(
            "What you sent is larger than {size} MB: send smaller files. Nothing was changed."
        ).format(size=limit // (1024 * 1024))
        if request.path_info.startswith(_API_PREFIX):
            return JsonResponse({"code": "too_large", "detail": detail}, status=413)
        return render(request, "413.html", {"message": detail}, status=413)


class RefuseNulMiddleware:
    """Refuse a request carrying a NUL character in its path, query string, headers, cookies, form fields or
    JSON body with 400, before any view sees it.

    No text the site stores or searches holds a NUL, and PostgreSQL refuses one in a string parameter (a 500
    in every view that puts the value into a query); SQLite accepts it, so only the PostgreSQL tests see the
    difference. Pages get Django's 400 page (`BadRequest`, rendered by handler400 in the visitor's language);
    the API gets its error body {"code", "detail"}. Uploaded files are not looked at: an image holds NULs.
    Nor are the bodies of the paths `settings.NUL_ALLOWED_IN_BODY` matches: endpoints that take a camera's
    text as an opaque code and answer a forged one with a verdict (a 400 there would leave a gate without
    an answer, or a device's offline queue stuck on one bad scan).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _carries_nul(request):
            if request.path_info.startswith(_API_PREFIX):
                detail = gettext("The request contains a character that is not allowed (NUL). Remove it.")
                return JsonResponse({"code": "bad_request", "detail": detail}, status=400)
            raise BadRequest("NUL character in the request")
        return self.get_response(request)


def _carries_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path_info or _has_nul(request.GET) or _has_nul(request.COOKIES):
        return True
    if any("\x00" in value for key, value in request.META.items() if key.startswith("HTTP_")):
        return True
    if request.method in ("GET", "HEAD", "OPTIONS") or _NUL_ALLOWED_IN_BODY.match(request.path_info):
        return False
    # A page's form is parsed as its view will read it; the API reads raw bodies (JSON), and parsing one
    # as a form here would leave django-ninja unable to read it, so the API's body is searched as it is.
    if not request.path_info.startswith(_API_PREFIX) and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        return _has_nul(request.POST)
    return bool(_JSON_NUL.search(request.body))


def _has_nul(data) -> bool:
    """Any key or value of a QueryDict (every value of a repeated key) or of a plain dict holding a NUL."""
    pairs = data.lists() if hasattr(data, "lists") else ((key, [value]) for key, value in data.items())
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in pairs)
