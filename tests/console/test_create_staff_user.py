"""manage.py create_staff_user: a staff member in a role, with a one-time link to choose their password."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def create(*args) -> str:
    out = io.StringIO()
    call_command("create_staff_user", *args, stdout=out)
    return out.getvalue()


def test_the_staff_member_sets_their_own_password_once_through_the_link(client):
    output = create("--role", "desk", "Nadia Peeters", "Nadia@Example.org")
    user = get_user_model().objects.get(email="nadia@example.org")
    assert (user.first_name, user.last_name, user.is_staff, user.has_usable_password()) == (
        "Nadia", "Peeters", True, False,
    )  # fmt: skip
    assert list(user.groups.values_list("name", flat=True)) == ["Desk"]
    link = re.search(r"http\S+/staff/welcome/\S+", output).group(0)
    path = link.split("127.0.0.1", 1)[-1].split(":", 1)[-1]
    path = path[path.index("/fr/") :]
    form_page = client.get(path, follow=True)
    assert "new_password1" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a long Brussels spring", "new_password2": "a long Brussels spring"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a long Brussels spring")
    again = client.get(path, follow=True)
    assert "new_password1" not in again.content.decode()  # used once: the link no longer works


def test_an_unknown_role_or_a_bad_email_is_refused_and_nothing_is_created():
    with pytest.raises(CommandError):
        create("--role", "king", "Nadia", "nadia@example.org")
    with pytest.raises(CommandError):
        create("--role", "desk", "Nadia", "not-an-email")
    assert not get_user_model().objects.exists()


def test_the_same_email_twice_is_refused():
    create("--role", "gate", "Nadia", "nadia@example.org")
    with pytest.raises(CommandError):
        create("--role", "desk", "Nadia", "NADIA@example.org")
    assert get_user_model().objects.count() == 1
