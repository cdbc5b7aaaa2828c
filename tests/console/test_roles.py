"""Least privilege: each of the console's pages for each role, and for anonymous visitors."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from console.models import Broadcast
from console.roles import ROLES, grant_role_permissions
from core.permissions import ORGANIZERS_GROUP

pytestmark = pytest.mark.django_db

ALLOWED = {
    "exports": {"organizer"},
    "messages": {"organizer"},
}


@pytest.fixture
def broadcast(edition):
    return Broadcast.objects.create(
        edition=edition, audience="exhibitors", kind="practical", subject_fr="Montage", body_fr="Dès 8 h."
    )


def pages(edition, broadcast):
    """(url, which permission group of ALLOWED decides, method) for every page of exports and messages."""
    message = [
        ("console:messages", []),
        ("console:message-new", []),
        ("console:message", [broadcast.pk]),
        ("console:message-edit", [broadcast.pk]),
        ("console:message-preview", [broadcast.pk]),
    ]
    yield reverse("console:exports"), "exports", "get"
    yield (
        reverse("console:export-download", args=["registrations", "csv"]) + f"?edition={edition.slug}",
        "exports",
        "get",
    )
    for name, args in message:
        yield reverse(name, args=args), "messages", "get"
    yield reverse("console:message-test", args=[broadcast.pk]), "messages", "post"


def test_anonymous_visitors_are_sent_to_sign_in(client, edition, broadcast):
    for url, _area, method in pages(edition, broadcast):
        response = getattr(client, method)(url)
        assert (url, response.status_code) == (url, 302)
        assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("role", [role.slug for role in ROLES])
def test_each_role_opens_only_its_pages(client, staff_in, edition, broadcast, role):
    client.force_login(staff_in(role))
    for url, area, method in pages(edition, broadcast):
        response = getattr(client, method)(url)
        expected = (302 if method == "post" else 200) if role in ALLOWED[area] else 403
        assert (url, response.status_code) == (url, expected)


def test_the_desk_role_has_both_desks_and_no_export_of_personal_data(staff_in):
    desk = staff_in("desk")
    assert desk.has_perms(["checkin.use_desk", "tickets.add_registration", "tickets.view_registration"])
    assert not desk.has_perm("console.export_personal_data")
    assert not desk.has_perm("checkin.view_dashboard")


def test_groups_are_made_once_and_the_organizers_group_keeps_working(db):
    first = grant_role_permissions()
    second = grant_role_permissions()
    assert {slug: group.pk for slug, group in first.items()} == {
        slug: group.pk for slug, group in second.items()
    }
    assert Group.objects.filter(name=ORGANIZERS_GROUP).count() == 1
    organizers = Group.objects.get(name=ORGANIZERS_GROUP)
    codenames = set(organizers.permissions.values_list("codename", flat=True))
    assert {
        "export_personal_data",
        "send_message",
        "use_desk",
        "view_dashboard",
        "change_session",
    } <= codenames
