"""The staff roles, least privilege: one group per role, its permissions granted on every migrate.

- organizer: everything (the back office's existing "Organizers" group, plus the console's permissions);
- desk: both desks (registration and check-in) and the registration search; no export of personal data;
- gate: the gate scanner, paired through a one-time code an organizer gives (nothing in the back office);
- schools coordinator: the school bookings; programme editor: the sessions, speakers, spaces and themes.

`grant_role_permissions` runs on post_migrate (ConsoleConfig.ready), so it is idempotent: groups are created
when missing and given the permissions listed here (never removed: an organizer's extra grant stays).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.permissions import ORGANIZERS_GROUP, grant_organizer_permissions

EXPORT_PERMISSION = "console.export_personal_data"
MESSAGE_PERMISSION = "console.send_message"
# The report after the fair holds aggregates only, like the check-in dashboard: the same permission opens it.
REPORT_PERMISSION = "checkin.view_dashboard"


@dataclass(frozen=True)
class Role:
    slug: str
    group: str
    title: Promise
    permissions: tuple[str, ...]  # "app_label.codename"; "app_label.*" for every permission of an app


ROLES = (
    Role("organizer", ORGANIZERS_GROUP, _("Organizer: everything"), ("console.*",)),
    Role(
        "desk",
        "Desk",
        _("Desk: both desks and the registration search"),
        (
            "tickets.add_registration",
            "tickets.view_registration",
            "tickets.change_registration",
            "tickets.view_ticket",
            "tickets.view_waitinglistentry",
            "checkin.use_desk",
            "checkin.view_checkin",
        ),
    ),
    Role("gate", "Gate", _("Gate: the ticket scanner"), ("checkin.view_gate",)),
    Role(
        "schools",
        "Schools coordinators",
        _("Schools coordinator: the school bookings"),
        ("schools.*", "events.view_day", "events.view_space"),
    ),
    Role(
        "programme",
        "Programme editors",
        _("Programme editor: sessions, speakers, spaces and themes"),
        (
            "events.view_edition",
            "events.view_day",
            "events.add_session",
            "events.change_session",
            "events.delete_session",
            "events.view_session",
            "events.add_speaker",
            "events.change_speaker",
            "events.view_speaker",
            "events.add_space",
            "events.change_space",
            "events.view_space",
            "events.add_theme",
            "events.change_theme",
            "events.view_theme",
        ),
    ),
)
ROLES_BY_SLUG = {role.slug: role for role in ROLES}


def _permissions(names: tuple[str, ...]):
    wanted = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".", 1)
        wanted |= Q(content_type__app_label=app_label) & (Q() if codename == "*" else Q(codename=codename))
    return Permission.objects.filter(wanted)


def grant_role_permissions(**kwargs) -> dict[str, Group]:
    """Create each role's group and give it its permissions; safe to run any number of times."""
    groups = {}
    for role in ROLES:
        group = grant_organizer_permissions() if role.group == ORGANIZERS_GROUP else None
        group = group or Group.objects.get_or_create(name=role.group)[0]
        group.permissions.add(*_permissions(role.permissions))
        groups[role.slug] = group
    return groups
