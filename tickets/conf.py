"""The tickets app's settings, with their defaults (config/settings.py sets them from the environment)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings


def max_companions() -> int:
    return getattr(settings, "TICKETS_MAX_COMPANIONS", 5)


def max_registrations_per_email() -> int:
    """Registrations one address may make for one edition (cancelled ones count): stops churn."""
    return getattr(settings, "TICKETS_MAX_REGISTRATIONS_PER_EMAIL", 4)


def rate_limit() -> tuple[int, int]:
    """(requests, seconds): form submissions one client address may make."""
    return getattr(settings, "TICKETS_RATE_LIMIT", (20, 3600))


def offer_validity() -> dt.timedelta:
    return dt.timedelta(hours=getattr(settings, "TICKETS_WAITING_LIST_OFFER_HOURS", 24))


def anonymize_after() -> dt.timedelta:
    return dt.timedelta(days=getattr(settings, "TICKETS_ANONYMIZE_AFTER_DAYS", 183))


def manage_link_interval() -> int:
    """Seconds between two "lost my tickets" mails to one address."""
    return getattr(settings, "TICKETS_MANAGE_LINK_INTERVAL", 3600)


def site_url() -> str:
    return getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")
