"""Who reaches the console's home: staff only; anonymous visitors are sent to sign in."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.translation import override

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


@pytest.fixture
def page_cache(settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_the_site_header_links_staff_to_the_console_and_never_caches_that_for_visitors(
    client, django_user_model, page_cache, edition
):
    from django.test import Client

    programme = reverse("events:programme")
    console_link = f'href="{reverse("console:home")}"'
    anonymous = Client()
    first = anonymous.get(programme)
    assert console_link not in first.content.decode()
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(staff)
    staff_page = client.get(programme)
    assert console_link in staff_page.content.decode()
    assert "X-Page-Cache" not in staff_page  # rendered for them, never stored
    again = Client().get(programme)
    assert again["X-Page-Cache"] == "hit"
    assert console_link not in again.content.decode()


def test_the_back_office_home_leads_to_the_console(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", password="x"))
    assert f'href="{reverse("console:home")}"' in client.get(reverse("admin:index")).content.decode()


def test_the_desks_have_different_names_and_show_the_staff_menu(client, django_user_model, edition_today):
    user = django_user_model.objects.create_user("desk", password="x", is_staff=True)
    for codename in ("use_desk", "add_registration", "view_registration"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client.force_login(user)
    with override("en"):
        register_page = client.get(reverse("tickets:desk")).content.decode()
        checkin_page = client.get(reverse("checkin:desk")).content.decode()
    assert "<h1>Register a visitor at the desk</h1>" in register_page
    assert "<h1>Let people in at the check-in desk</h1>" in checkin_page
    for page in (register_page, checkin_page):
        assert 'aria-label="Staff menu"' in page
        assert 'aria-label="Main menu"' not in page


@pytest.mark.parametrize(
    ("url_name", "args", "perm"),
    [
        ("console:registrations", [], "tickets.view_registration"),
        ("console:registration", ["ABCDEF"], "tickets.view_registration"),
        ("console:capacity", [], "events.view_day"),
    ],
)
def test_each_console_page_anonymous_unpermitted_and_allowed(client, django_user_model, url_name, args, perm):
    from tests.console.conftest import grant
    from tests.factories import RegistrationFactory

    if args:
        RegistrationFactory(public_id=args[0])
    url = reverse(url_name, args=args)
    assert reverse("admin:login") in client.get(url)["Location"]
    user = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(url).status_code == 403
    grant(user, perm)
    client.force_login(django_user_model.objects.get(pk=user.pk))
    assert client.get(url).status_code == 200
