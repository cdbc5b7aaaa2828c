"""Offline service workers served by a view: the gate scanner's and the stage player's.

A worker's script is a static file, served from a URL inside the scope it controls with the constants of this
deployment written in front of it (its VERSION, what it precaches, ...). Every worker loads the shared core,
static/js/offline-sw-core.js, with importScripts(OFFLINE_CORE): a static URL on the same origin, so the
Content-Security-Policy's script-src 'self' lets it in. A worker's VERSION names its cache and must change
with any file it caches or runs, the core included, so that devices install the new worker and drop the old
cache; `fingerprint` gives that version.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.templatetags.static import static

OFFLINE_CORE = "js/offline-sw-core.js"


def existing(paths: Iterable[str]) -> list[str]:
    """The static files of `paths` this deployment has (vendor builds are optional)."""
    return [path for path in paths if finders.find(path)]


@cache
def _fingerprint(paths: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for path in existing(paths):
        with open(finders.find(path), "rb") as handle:
            digest.update(path.encode() + b"\0" + handle.read())
    return digest.hexdigest()[:16]


def fingerprint(worker: str, paths: Iterable[str] = ()) -> str:
    """Changes whenever the worker's script, the shared core or one of `paths` (static files) changes."""
    if settings.DEBUG:
        _fingerprint.cache_clear()
    return _fingerprint((*paths, worker, OFFLINE_CORE))


def worker_response(*, worker: str, constants: dict[str, object], scope: str) -> HttpResponse:
    """The worker script (a static path) with `constants` and OFFLINE_CORE written in front of it."""
    with open(finders.find(worker), encoding="utf-8") as handle:
        body = handle.read()
    header = "".join(
        f"const {name} = {json.dumps(value)};\n"
        for name, value in {**constants, "OFFLINE_CORE": static(OFFLINE_CORE)}.items()
    )
    response = HttpResponse(header + body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = scope
    return response
