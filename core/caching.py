"""Caching of the public pages read most (programme, feeds, exhibitor directory), invalidated on change.

How it works
- One *content version* lives in the shared cache (Redis in production, so every app server sees the same
  one). Every cached page is stored under a key made of that version, the host, the full path with its query
  string, the active language and the htmx headers. Bumping the version makes every cached page unreachable
  at once (the old entries simply expire), so invalidation needs no list of keys and no scan of Redis.
- The version is bumped when a transaction that changed public content commits: `bump_content_version()`
  (call it from a service after a queryset `.update()` or a bulk write), and automatically on every ORM
  save/delete/many-to-many change of a model of the content apps (`CONTENT_APPS`), so the back office, the
  services and the importers all invalidate without knowing about this module. Personal models of those
  apps (a visitor's agenda, exhibitor staff) are excluded: they are not shown on cached pages.
  The bump runs *after* commit: a request that reads the new version therefore also reads the new rows.
- A version is the time it was made plus a random token, never a counter, so a version lost to cache
  eviction can never come back and serve old entries. Its time is when public content last changed
  (`content_changed_at()`), removals included: the feeds' Last-Modified rests on it, since a removed
  session leaves no row behind to date the change by. A lost version is remade with the present time,
  which only makes clients fetch once more.

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
version reads as "changed now" (the feeds' Last-Modified is then the present time) and a bump that could not
be written is logged and dropped: pages cached before the outage may then be served until they expire.

`PAGE_CACHE_SECONDS` (settings, env) is how long an entry lives at most; 0 switches page caching off (the
test settings do, so other tests never see a page cached by an earlier test).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
import secrets
import time
from collections.abc import Callable
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language

from .cache_guard import CacheUnavailable, shared

KIND = "page cache"
VERSION_KEY = "page-cache:content-version:v2"  # v2: "<unix time>-<token>"
# Apps whose rows appear on cached pages, and their models that never do.
CONTENT_APPS = frozenset({"events", "exhibitors"})
PERSONAL_MODELS = frozenset({"events.agenda", "exhibitors.staffmember"})

CSRF_PLACEHOLDER = b"__cached-page-csrf-token__"
MASKED_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
NOT_STORED_HEADERS = frozenset({"content-length", "set-cookie"})
MAX_QUERY_STRING = 1024


def page_cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


# ------------------------------------------------------------------------------------------ the version


def _new_version() -> str:
    return f"{time.time():.6f}-{secrets.token_hex(8)}"


def _read_version(cache) -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def content_version() -> str:
    """The current version; CacheUnavailable when the shared cache is."""
    return shared(KIND, _read_version)


def content_changed_at() -> dt.datetime:
    """When public content last changed (a save, a removal, an unpublication), as the version records it;
    the present time while the shared cache is unavailable."""
    try:
        version = content_version()
    except CacheUnavailable:
        return dt.datetime.now(tz=dt.UTC)
    stamp, _sep, _token = version.partition("-")
    return dt.datetime.fromtimestamp(float(stamp), tz=dt.UTC)


def _set_new_version() -> None:
    # On failure (logged by cache_guard) the saved rows stand; only their cached pages may be stale a while.
    with contextlib.suppress(CacheUnavailable):
        shared(KIND, lambda cache: cache.set(VERSION_KEY, _new_version(), timeout=None))


def bump_content_version() -> None:
    """Make every cached page stale, once the current transaction commits (at once outside one)."""
    transaction.on_commit(_set_new_version)


def is_content_model(model) -> bool:
    meta = model._meta
    return meta.app_label in CONTENT_APPS and meta.label_lower not in PERSONAL_MODELS


def _on_change(sender, **kwargs) -> None:
    bump_content_version()


def _on_m2m_changed(sender, action: str, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        bump_content_version()


def connect_invalidation() -> None:
    """Called once at start-up (core.apps.CoreConfig.ready). Receivers are connected per content model,
    so the deletion of other models keeps Django's fast path (no signal listeners, no row fetching)."""
    for label in sorted(CONTENT_APPS):
        for model in apps.get_app_config(label).get_models():
            if not is_content_model(model):
                continue
            uid = f"page-cache:{model._meta.label_lower}"
            post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}:save")
            post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}:delete")
            for field in model._meta.local_many_to_many:
                # The model that declares the relation decides (a visitor's agenda of sessions is personal).
                m2m_changed.connect(
                    _on_m2m_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}"
                )


# ------------------------------------------------------------------------------------------ the pages


def _is_personal(request: HttpRequest) -> bool:
    """Any cookie but the CSRF and language ones may change the page (a session, a flash message, the
    programme's starred sessions...): such requests are rendered for the visitor, never shared."""
    shared = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    return any(name not in shared for name in request.COOKIES)


def page_key(request: HttpRequest, version: str) -> str:
    parts = [
        version,
        request.get_host(),
        request.get_full_path(),
        get_language() or "",
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
        request.headers.get("HX-Boosted", ""),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page-cache:page:{digest}"


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


def _serve_cached(request: HttpRequest, frozen: dict) -> HttpResponse:
    response = _thaw(frozen)
    response["X-Page-Cache"] = "hit"
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


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve `view` from the shared cache for anonymous visitors, keyed by the content version."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        timeout = page_cache_seconds()
        if (
            timeout <= 0
            or request.method not in {"GET", "HEAD"}
            or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING
            or _is_personal(request)
        ):
            return view(request, *args, **kwargs)
        try:
            key = page_key(request, content_version())
            frozen = shared(KIND, lambda cache: cache.get(key))
        except CacheUnavailable:
            return view(request, *args, **kwargs)
        if frozen is not None:
            return _serve_cached(request, frozen)
        response = view(request, *args, **kwargs)

        def store(rendered: HttpResponse) -> None:
            if not _storable(request, rendered):
                return
            try:
                shared(KIND, lambda cache: cache.set(key, _freeze(request, rendered), timeout))
            except CacheUnavailable:
                return
            rendered["X-Page-Cache"] = "miss"

        if getattr(response, "is_rendered", True):
            store(response)
        else:  # a TemplateResponse renders after the view returns
            response.add_post_render_callback(store)
        return response

    return wrapper
