"""Staff accounts: created in a role, with a one-time link to choose their own password (no shared ones)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from core.errors import DomainError

from ..roles import ROLES_BY_SLUG, grant_role_permissions


class StaffAccountError(DomainError):
    pass


@transaction.atomic
def create_staff_user(*, name: str, email: str, role: str):
    """A staff member in `role`'s group who signs in with their email; no password until they choose one."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise StaffAccountError(_("Enter an email address like name@example.com.")) from None
    if role not in ROLES_BY_SLUG:
        raise StaffAccountError(
            _("Unknown role “{role}”. Choose one of: {roles}.").format(
                role=role, roles=", ".join(ROLES_BY_SLUG)
            )
        )
    users = get_user_model().objects
    if users.filter(username__iexact=email).exists() or users.filter(email__iexact=email).exists():
        raise StaffAccountError(_("A staff member with this email already exists."))
    first, _space, last = (name or "").strip().partition(" ")
    user = users.create_user(username=email, email=email, first_name=first[:150], last_name=last[:150])
    user.is_staff = True
    user.set_unusable_password()
    user.save()
    user.groups.add(grant_role_permissions()[role])
    return user


def set_password_link(user, *, language: str = "fr") -> str:
    """An absolute link, valid once and for PASSWORD_RESET_TIMEOUT, to the page to choose a password."""
    with translation.override(language):
        path = reverse(
            "console:set-password",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    return settings.SITE_URL.rstrip("/") + path
