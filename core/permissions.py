"""The back office's "Organizers" group: every permission on the apps settings.ORGANIZER_APP_LABELS names."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group, Permission

ORGANIZERS_GROUP = "Organizers"


def grant_organizer_permissions(**kwargs) -> Group:
    """Give the Organizers group every permission on the organizers' apps, and the right to see users.

    Connected to post_migrate (CoreConfig.ready), so the permissions of models an app adds later follow;
    returns the group. Safe to run any number of times."""
    group, _ = Group.objects.get_or_create(name=ORGANIZERS_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=settings.ORGANIZER_APP_LABELS)
    group.permissions.add(*permissions)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="auth", codename="view_user"))
    return group
