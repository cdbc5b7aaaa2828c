"""The tickets app's settings, with their defaults (config/settings.py sets them from the environment)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from core.ratelimit import Rate


def max_companions() -> int:
    return getattr(settings, "TICKETS_MAX_COMPANIONS", 5)


def max_registrations_per_email() -> int:
    """Registrations holding tickets that one e-mail address may have for one edition (cancelled and
    unconfirmed ones do not count, so no one can use up someone else's allowance)."""
    return getattr(settings, "TICKETS_MAX_REGISTRATIONS_PER_EMAIL", 4)


def rate_limit() -> Rate:
    """Form submissions one client address may make."""
    return Rate.of(getattr(settings, "TICKETS_RATE_LIMIT", (20, 3600)))


def resend_limit() -> Rate:
    """Times the tickets of one registration may be mailed again."""
    return Rate.of(getattr(settings, "TICKETS_RESEND_LIMIT", "3/86400"))


def new_link_limit() -> Rate:
    """Times one registration may ask for a new secret link (each one is mailed)."""
    return Rate.of(getattr(settings, "TICKETS_NEW_LINK_LIMIT", "3/3600"))


def mails_per_email_limit() -> Rate:
    """Mails the visitor's own actions (resend, new link) may send to one e-mail address, all registrations
    together: someone registered with another person's address cannot flood it."""
    return Rate.of(getattr(settings, "TICKETS_MAILS_PER_EMAIL_LIMIT", "6/86400"))


def confirm_link_limit() -> Rate:
    """Times the confirmation link of one unconfirmed registration may be mailed again."""
    return Rate.of(getattr(settings, "TICKETS_CONFIRM_LINK_LIMIT", "3/86400"))


def lost_limit() -> Rate:
    """ "Lost my tickets" requests one client address may make."""
    return Rate.of(getattr(settings, "TICKETS_LOST_LIMIT", "5/86400"))


def offer_validity() -> dt.timedelta:
    return dt.timedelta(hours=getattr(settings, "TICKETS_WAITING_LIST_OFFER_HOURS", 24))


def anonymize_after() -> dt.timedelta:
    return dt.timedelta(days=getattr(settings, "TICKETS_ANONYMIZE_AFTER_DAYS", 183))


def manage_link_interval() -> int:
    """Seconds between two "lost my tickets" mails to one address."""
    return getattr(settings, "TICKETS_MANAGE_LINK_INTERVAL", 3600)


def site_url() -> str:
    return getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")
