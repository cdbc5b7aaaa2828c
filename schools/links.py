"""Absolute links to a class's pages, in the teacher's language: for mails, documents and the admin."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .models import ClassBooking


def absolute_url(name: str, *, language: str, **kwargs) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)


def manage_url(booking: ClassBooking) -> str:
    return absolute_url("schools:manage", language=booking.language, token=booking.manage_token)


def confirm_url(booking: ClassBooking) -> str:
    return absolute_url("schools:confirm", language=booking.language, token=booking.confirm_token)
