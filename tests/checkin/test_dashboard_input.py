"""The dashboard and its CSV export take ?day= from the address bar: whatever it holds, no 500, and the
download's file name is made of the edition's slug and a real date only."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = User.objects.create_user("dash", password="x", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="checkin", codename="view_dashboard")
    )
    client.force_login(user)
    return user


def test_the_csv_file_name_never_carries_the_query_text(client, staff, day):
    response = client.get(reverse("checkin:dashboard-csv"), {"day": 'x.html";a'})

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="checkins-{day.edition.slug}.csv"'


def test_the_csv_file_name_names_the_day_asked_for(client, staff, day):
    response = client.get(reverse("checkin:dashboard-csv"), {"day": day.date.isoformat()})

    expected = f'attachment; filename="checkins-{day.edition.slug}-{day.date.isoformat()}.csv"'
    assert response["Content-Disposition"] == expected


@pytest.mark.parametrize("value", ["2024-02-30", "99999-01-01", "2024-13-01"])
@pytest.mark.parametrize("page", ["checkin:dashboard", "checkin:dashboard-csv"])
def test_a_date_that_does_not_exist_is_ignored(client, staff, day, page, value):
    response = client.get(reverse(page), {"day": value})

    assert response.status_code == 200
