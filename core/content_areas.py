"""Content versions per area: what the page cache (core/caching.py) keys its pages by.

Public content falls into *areas*: the edition's frame (days, spaces, themes), the programme (sessions,
speakers), the exhibitors, the schools' workshops. Each area has its own version in the shared cache (Redis
in production, so every app server sees the same one), and each cached view names the areas it shows: a
saved exhibitor makes a new `exhibitors` version, which the programme and its feeds do not read, so their
cached copies stay valid.

- A version is the time it was made plus a random token, never a counter, so a version lost to cache
  eviction can never come back and serve old entries. Its time is when the area last changed
  (`content_changed_at(*areas)`), removals included: the feeds' Last-Modified rests on it, since a removed
  session leaves no row behind to date the change by. A lost version is remade with the present time,
  which only makes clients fetch once more.
- A version is bumped when a transaction that changed the area commits: automatically on every ORM
  save/delete/many-to-many change of a content model (the back office, the services and the importers
  invalidate without knowing about the cache), or by `bump_content_version(*areas)` after a queryset
  `.update()` or a bulk write. The bump runs *after* commit: a request that reads the new version therefore
  also reads the new rows.
- A model's area is its app's (`APP_AREAS`) unless `MODEL_AREAS` says otherwise; `PERSONAL_MODELS` (a
  visitor's agenda, exhibitor staff, a school's bookings) are on no cached page and bump nothing. A
  many-to-many relation belongs to the area of the model that declares it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
import time
from functools import partial

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .cache_guard import CacheUnavailable, shared

KIND = "page cache"
EDITION, PROGRAMME, EXHIBITORS, SCHOOLS = "edition", "programme", "exhibitors", "schools"
AREAS = (EDITION, PROGRAMME, EXHIBITORS, SCHOOLS)
APP_AREAS = {"events": PROGRAMME, "exhibitors": EXHIBITORS, "schools": SCHOOLS}
MODEL_AREAS = {
    "events.edition": EDITION,
    "events.day": EDITION,
    "events.arrivalwindow": EDITION,
    "events.space": EDITION,
    "events.theme": EDITION,
}
PERSONAL_MODELS = frozenset(
    {
        "events.agenda",
        "exhibitors.staffmember",
        "schools.school",
        "schools.classbooking",
        "schools.bookedslot",
    }
)
VERSION_KEY = "page-cache:content-version:v3:{area}"  # v3: one per area, "<unix time>-<token>"


def version_key(area: str) -> str:
    return VERSION_KEY.format(area=area)


def _new_version() -> str:
    return f"{time.time():.6f}-{secrets.token_hex(8)}"


def read_versions(cache, areas: tuple[str, ...], *also: str) -> tuple[list[str], dict]:
    """The versions of `areas` (made where missing) and whatever else of `also` the cache holds, in one
    round trip when the versions exist."""
    keys = [version_key(area) for area in areas]
    found = cache.get_many([*keys, *also])
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, _new_version(), timeout=None)
        found.update(cache.get_many(missing))
    return [found[key] for key in keys], found


def content_version(*areas: str) -> str:
    """The current version of `areas` (all of them by default), as one string; CacheUnavailable when the
    shared cache is unavailable."""
    wanted = areas or AREAS
    versions, _found = shared(KIND, lambda cache: read_versions(cache, wanted))
    return "|".join(versions)


def stamp_of(version: str) -> dt.datetime:
    return dt.datetime.fromtimestamp(float(version.partition("-")[0]), tz=dt.UTC)


def content_changed_at(*areas: str) -> dt.datetime:
    """When public content of `areas` (all by default) last changed (a save, a removal, an unpublication),
    as their versions record it; the present time while the shared cache is unavailable."""
    try:
        version = content_version(*areas)
    except CacheUnavailable:
        return dt.datetime.now(tz=dt.UTC)
    return max(stamp_of(part) for part in version.split("|"))


def _set_new_versions(areas: tuple[str, ...]) -> None:
    # On failure (logged by cache_guard) the saved rows stand; only their cached pages may be stale a while.
    versions = {version_key(area): _new_version() for area in areas}
    with contextlib.suppress(CacheUnavailable):
        shared(KIND, lambda cache: cache.set_many(versions, timeout=None))


def bump_content_version(*areas: str) -> None:
    """Make the cached pages of `areas` (all by default) stale, once the current transaction commits (at
    once outside one)."""
    unknown = set(areas) - set(AREAS)
    if unknown:
        raise ValueError(f"unknown content areas: {sorted(unknown)}")
    transaction.on_commit(partial(_set_new_versions, areas or AREAS))


def area_of(model) -> str | None:
    """The area whose cached pages show `model`'s rows, or None when no cached page does."""
    meta = model._meta
    if meta.label_lower in PERSONAL_MODELS:
        return None
    return MODEL_AREAS.get(meta.label_lower, APP_AREAS.get(meta.app_label))


def is_content_model(model) -> bool:
    return area_of(model) is not None


def _on_change(sender, **kwargs) -> None:
    bump_content_version(area_of(sender))


def _on_m2m_changed(sender, action: str, model, reverse: bool, instance, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        # The declaring model's area: `instance` is one of them unless the change came from the other side.
        declaring = model if reverse else type(instance)
        area = area_of(declaring)
        if area is not None:
            bump_content_version(area)


def connect_invalidation() -> None:
    """Called once at start-up (core.apps.CoreConfig.ready). Receivers are connected per content model,
    so the deletion of other models keeps Django's fast path (no signal listeners, no row fetching)."""
    for label in sorted(APP_AREAS):
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
