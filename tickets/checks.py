"""System checks for the tickets' signing keys: a malformed key always fails; a missing one fails --deploy."""

from __future__ import annotations

import base64
import binascii

from django.conf import settings
from django.core import checks


def _malformed(text: str) -> bool:
    try:
        return len(base64.b64decode(text.strip(), validate=True)) != 32
    except (binascii.Error, ValueError):
        return True


@checks.register(checks.Tags.security, deploy=True)
def check_signing_key_set(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if settings.TICKET_SIGNING_KEY:
        return []
    return [
        checks.Error(
            "TICKET_SIGNING_KEY is not set: tickets are signed with a key derived from SECRET_KEY.",
            hint="Set TICKET_SIGNING_KEY to base64 of 32 random bytes (README.md, deploy notes).",
            id="tickets.E001",
        )
    ]


@checks.register(checks.Tags.security)
def check_signing_keys_well_formed(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    if settings.TICKET_SIGNING_KEY and _malformed(settings.TICKET_SIGNING_KEY):
        errors.append(
            checks.Error(
                "TICKET_SIGNING_KEY is not base64 of 32 bytes.",
                hint="Make one with: python -c "
                '"import base64, os; print(base64.b64encode(os.urandom(32)).decode())"',
                id="tickets.E002",
            )
        )
    if any(_malformed(text) for text in settings.TICKET_SIGNING_KEY_FALLBACKS):
        errors.append(
            checks.Error(
                "TICKET_SIGNING_KEY_FALLBACKS holds a key that is not base64 of 32 bytes.",
                hint="List the older keys, comma-separated, each as TICKET_SIGNING_KEY was.",
                id="tickets.E003",
            )
        )
    return errors
