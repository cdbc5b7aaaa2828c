"""manage.py create_staff_user --role desk "Name" email: a staff member and their one-time password link."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from console.roles import ROLES_BY_SLUG
from console.services.staff import create_staff_user, set_password_link
from core.errors import DomainError


class Command(BaseCommand):
    help = "Create a staff member in a role and print a one-time link to choose their own password."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--role", required=True, choices=sorted(ROLES_BY_SLUG))
        parser.add_argument("--language", default="fr", choices=["fr", "nl", "en"])
        parser.add_argument("name")
        parser.add_argument("email")

    def handle(self, *args, **options) -> None:
        try:
            user = create_staff_user(name=options["name"], email=options["email"], role=options["role"])
        except DomainError as exc:
            raise CommandError(exc.message) from None
        days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
        self.stdout.write(_("Created {email} ({role}).").format(email=user.email, role=options["role"]))
        self.stdout.write(
            ngettext(
                "Send them this link, valid once and for {days} day, to choose their password:",
                "Send them this link, valid once and for {days} days, to choose their password:",
                days,
            ).format(days=days)
        )
        self.stdout.write(set_password_link(user, language=options["language"]))
