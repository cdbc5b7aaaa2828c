from django.conf import settings
from django.contrib.auth.models import Group, Permission

ORGANIZERS_GROUP = "Organizers"


def grant_organizer_permissions(**kwargs) -> Group:
    """Give the Organizers group every permission on the event apps (run after each migrate)."""
    group, _ = Group.objects.get_or_create(name=ORGANIZERS_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=settings.ORGANIZER_APP_LABELS)
    group.permissions.add(*permissions)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="auth", codename="view_user"))
    return group
