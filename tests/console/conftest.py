import pytest
from django.contrib.auth.models import Permission

from tests.factories import DayFactory


def grant(user, *perms: str):
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.fixture
def make_staff(django_user_model):
    def make(*perms: str, username: str = "staff"):
        user = django_user_model.objects.create_user(username, password="x", is_staff=True, first_name="Alex")
        return grant(user, *perms)

    return make


@pytest.fixture
def organizer(make_staff):
    return make_staff(
        "tickets.view_registration",
        "tickets.change_registration",
        "tickets.change_outgoingmail",
        "events.view_day",
        "events.change_day",
        username="organizer",
    )


@pytest.fixture
def saturday(edition):
    return DayFactory(edition=edition, capacity=10)


@pytest.fixture
def sunday(edition):
    import datetime as dt

    return DayFactory(edition=edition, date=edition.starts_on + dt.timedelta(days=1), capacity=10)
