"""Caching of the public pages read most (programme, feeds, exhibitor directory), invalidated on change.

How it works
- Each cached view names the content areas it shows (core/content_areas.py: the edition's frame, the
  programme, the exhibitors...). Each area has a version in the shared cache (Redis in production, so every
  app server sees the same one), made anew when a transaction that changed the area commits (ORM signals,
  or `bump_content_version(*areas)`). A page is stored under a key made of the host, the full path with its
  query string, the active language and the htmx headers, together with the versions of its areas it was
  rendered from. A change therefore drops only the pages that show it: an exhibitor's edit leaves the
  programme cached.
- One rendering per change, not one per visitor. A request that finds the stored copy outdated (an area
  changed since) or missing takes the page's *render lock* (`cache.add` with a timeout: in Redis, so it holds
  across app servers; in this process's memory when no Redis is configured) and renders. Meanwhile the
  others are served the previous copy (stale-while-revalidate, `X-Page-Cache: stale`), or, when there is no
  copy at all, wait for that one rendering (single flight) up to `WAIT_SECONDS`, then render themselves.
  When there is a previous copy, the request that holds the lock is served it too and renders once its
  response is sent (the response's close), so nobody waits for the rendering of a change. As soon as the
  new copy is stored every visitor gets it; a rendering stores its copy with the versions it read *before*
  rendering, so a change made meanwhile makes it outdated at once.
- A lock whose holder died expires after `RENDER_LOCK_SECONDS`.

What is never cached
- Requests that carry any cookie but the CSRF and language cookies (a session, a flash message, the
  visitor's starred sessions): the page is rendered for them as usual. Only GET requests fill the cache (a
  HEAD reaches views as a GET, core/http.py).
- Responses that are not 200, are streamed, set a cookie, change the session, say `private`, `no-store` or
  `no-cache`, or queue a flash message.

Pages embed a CSRF token (the htmx headers on <body>). A cached page stores a placeholder instead of the
token that rendered it, and each visitor gets their own token (and cookie) when the page is served, exactly
as if it had been rendered for them. A cached response with an ETag or Last-Modified still answers
conditional requests with 304 Not Modified, without touching the database.

When the shared cache is unavailable (core/cache_guard.py) the page is rendered as if caching were off, the
versions read as "changed now" (the feeds' Last-Modified is then the present time) and a bump that could not
be written is logged and dropped: pages cached before the outage may then be served until they expire.

`PAGE_CACHE_SECONDS` (settings, env) is how long an entry lives at most; 0 switches page caching off (the
test settings do, so other tests never see a page cached by an earlier test).
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import time
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language

from .cache_guard import CacheUnavailable, shared
from .content_areas import (  # noqa: F401  (re-exported: the services and views import them from here)
    AREAS,
    EDITION,
    EXHIBITORS,
    PROGRAMME,
    SCHOOLS,
    bump_content_version,
    connect_invalidation,
    content_changed_at,
    content_version,
    is_content_model,
    read_versions,
)

logger = logging.getLogger(__name__)

KIND = "page cache"
CSRF_PLACEHOLDER = b"__cached-page-csrf-token__"
MASKED_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
NOT_STORED_HEADERS = frozenset({"content-length", "set-cookie"})
MAX_QUERY_STRING = 1024
RENDER_LOCK_SECONDS = 30
WAIT_SECONDS = 5.0
POLL_SECONDS = 0.02


def page_cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


# ------------------------------------------------------------------------------------------ the pages


def _is_personal(request: HttpRequest) -> bool:
    """Any cookie but the CSRF and language ones may change the page (a session, a flash message, the
    programme's starred sessions...): such requests are rendered for the visitor, never shared."""
    shared = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    return any(name not in shared for name in request.COOKIES)


def page_key(request: HttpRequest) -> str:
    """The page's key: the same for every version of its content (the stored copy says which it shows)."""
    parts = [
        request.get_host(),
        request.get_full_path(),
        get_language() or "",
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
        request.headers.get("HX-Boosted", ""),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page-cache:page:{digest}"


def lock_key(key: str) -> str:
    return f"{key}:rendering"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    return not getattr(messages, "added_new", False)


def _without_csrf_token(request: HttpRequest, content: bytes) -> bytes:
    """Replace the masked CSRF tokens of this request in `content` by a placeholder."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret or not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return content

    def swap(match: re.Match) -> bytes:
        token = match.group(0)
        return CSRF_PLACEHOLDER if _unmask_cipher_token(token.decode()) == secret else token

    return MASKED_TOKEN.sub(swap, content)


def _freeze(request: HttpRequest, response: HttpResponse) -> dict:
    return {
        "status": response.status_code,
        "headers": [(k, v) for k, v in response.headers.items() if k.lower() not in NOT_STORED_HEADERS],
        "content": _without_csrf_token(request, response.content),
    }


def _thaw(frozen: dict) -> HttpResponse:
    response = HttpResponse(frozen["content"], status=frozen["status"])
    for name, value in frozen["headers"]:
        response.headers[name] = value
    return response


def _serve_cached(request: HttpRequest, frozen: dict, state: str) -> HttpResponse:
    response = _thaw(frozen)
    response["X-Page-Cache"] = state
    conditional = get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )
    if conditional is not response:  # 304 Not Modified (or 412): no body, so no token either
        return conditional
    if CSRF_PLACEHOLDER in response.content:
        response.content = response.content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    return response


# ------------------------------------------------------------------------------------------ single flight


class _Page:
    """One request for a cacheable page: its key, the versions of its areas, the copy the cache holds."""

    def __init__(self, request: HttpRequest, areas: tuple[str, ...]) -> None:
        self.request = request
        self.key = page_key(request)
        self.lock = lock_key(self.key)
        self.token = secrets.token_hex(8)
        self.language = get_language()
        versions, found = shared(KIND, lambda cache: read_versions(cache, areas, self.key))
        self.version = "|".join(versions)
        self.entry = found.get(self.key)

    @property
    def fresh(self) -> bool:
        return self.entry is not None and self.entry["version"] == self.version

    def take_lock(self) -> bool:
        return shared(KIND, lambda cache: cache.add(self.lock, self.token, RENDER_LOCK_SECONDS))

    def release_lock(self) -> None:
        def release(cache) -> None:
            if cache.get(self.lock) == self.token:
                cache.delete(self.lock)

        try:
            shared(KIND, release)
        except CacheUnavailable:
            return  # it expires

    def wait_for_rendering(self) -> bool:
        """Wait while another request renders this page (at most WAIT_SECONDS); whether its copy came."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            if shared(KIND, lambda cache: cache.get(self.lock)) is None:
                break
        self.entry = shared(KIND, lambda cache: cache.get(self.key))
        return self.fresh

    def store(self, rendered: HttpResponse, timeout: int) -> None:
        if _storable(self.request, rendered):
            entry = {"version": self.version, "frozen": _freeze(self.request, rendered)}
            try:
                shared(KIND, lambda cache: cache.set(self.key, entry, timeout))
            except CacheUnavailable:
                return
            rendered["X-Page-Cache"] = "miss"


def _render(page: _Page | None, view, request, args, kwargs, timeout: int) -> HttpResponse:
    """Render the page; store it and release the lock once rendered when `page` holds the lock."""
    try:
        response = view(request, *args, **kwargs)
    except BaseException:
        if page is not None:
            page.release_lock()
        raise
    if page is None:
        return response

    def store(rendered: HttpResponse) -> None:
        try:
            page.store(rendered, timeout)
        finally:
            page.release_lock()

    if getattr(response, "is_rendered", True):
        store(response)
    else:  # a TemplateResponse renders after the view returns
        response.add_post_render_callback(store)
    return response


def _render_after_response(page: _Page, view, request, args, kwargs, timeout: int) -> None:
    """Render and store the page once the stale copy went out (the response's close, which the WSGI server
    calls after the last byte): the visitor who took the lock waits no more than the others."""
    method, request.method = request.method, "GET"  # a HEAD is back to HEAD by now (core.http)
    try:
        with translation.override(page.language):
            response = _render(page, view, request, args, kwargs, timeout)
            if not getattr(response, "is_rendered", True):
                response.render()
    except Exception:
        logger.exception("The page %s could not be rendered after its stale copy was served", request.path)
    finally:
        request.method = method


def _cached_or_rendered(page: _Page, view, request, args, kwargs, timeout: int) -> HttpResponse:
    if page.fresh:
        return _serve_cached(request, page.entry["frozen"], "hit")
    if page.take_lock():
        if page.entry is not None:  # an outdated copy: served at once, the change rendered right after
            response = _serve_cached(request, page.entry["frozen"], "stale")
            response._resource_closers.append(
                lambda: _render_after_response(page, view, request, args, kwargs, timeout)
            )
            return response
        return _render(page, view, request, args, kwargs, timeout)
    if page.entry is not None:  # another request renders the change: the previous copy meanwhile
        return _serve_cached(request, page.entry["frozen"], "stale")
    if page.wait_for_rendering():
        return _serve_cached(request, page.entry["frozen"], "hit")
    if page.take_lock():  # the other rendering was not stored (not a 200, or it failed)
        return _render(page, view, request, args, kwargs, timeout)
    return _render(None, view, request, args, kwargs, timeout)


def _cacheable(request: HttpRequest, timeout: int) -> bool:
    return not (
        timeout <= 0
        or request.method not in {"GET", "HEAD"}
        or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING
        or _is_personal(request)
    )


def cache_public_page(view=None, *, areas: tuple[str, ...] = AREAS):
    """Serve the view from the shared cache for anonymous visitors, one rendering per change of `areas`
    (the content areas the page shows; all by default). `@cache_public_page` or
    `@cache_public_page(areas=(EDITION, PROGRAMME))`."""
    unknown = set(areas) - set(AREAS)
    if unknown:
        raise ValueError(f"unknown content areas: {sorted(unknown)}")
    if view is None:
        return lambda function: cache_public_page(function, areas=areas)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        timeout = page_cache_seconds()
        if not _cacheable(request, timeout):
            return view(request, *args, **kwargs)
        try:
            page = _Page(request, areas)
            return _cached_or_rendered(page, view, request, args, kwargs, timeout)
        except CacheUnavailable:
            return view(request, *args, **kwargs)

    wrapper.content_areas = areas
    return wrapper
