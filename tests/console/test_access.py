"""Who reaches the console's home: staff only; anonymous visitors are sent to sign in."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("console:home"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_a_signed_in_non_staff_user_is_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor", password="x"))
    assert client.get(reverse("console:home")).status_code == 403


def test_staff_see_only_the_tools_they_may_use(client, django_user_model):
    user = django_user_model.objects.create_user("desk", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="use_desk"))
    client.force_login(user)
    page = client.get(reverse("console:home")).content.decode()
    assert reverse("checkin:desk") in page
    assert reverse("checkin:dashboard") not in page
