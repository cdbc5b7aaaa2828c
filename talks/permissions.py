"""The reviewers' staff role: a group that may read and review proposals, and nothing else."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

REVIEWERS_GROUP = "Reviewers"
REVIEWER_PERMISSIONS = ("view_proposal", "review_proposal")


def grant_reviewer_permissions(**kwargs) -> Group:
    """Create the Reviewers group with its permissions; connected to post_migrate, safe to run again."""
    group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="talks", codename__in=REVIEWER_PERMISSIONS)
    )
    return group
