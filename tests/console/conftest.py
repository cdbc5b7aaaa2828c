"""What the console's tests share: staff members in each role, an edition with two days and registrants."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission

from console.roles import grant_role_permissions
from tests.factories import DayFactory, RegistrationFactory, TicketFactory


@pytest.fixture
def roles(db):
    return grant_role_permissions()


@pytest.fixture
def staff_in(roles, django_user_model):
    """staff_in("desk") -> a signed-in-able staff member of that role."""

    def make(role: str):
        user = django_user_model.objects.create_user(
            f"{role}@example.org", email=f"{role}@example.org", password="x", is_staff=True
        )
        user.groups.add(roles[role])
        return user

    return make


@pytest.fixture
def organizer(staff_in):
    return staff_in("organizer")


@pytest.fixture
def days(edition):
    return [
        DayFactory(edition=edition),
        DayFactory(edition=edition, date=edition.starts_on + dt.timedelta(days=1)),
    ]


@pytest.fixture
def register(days):
    """register(name, on=(0,), language="fr", news=False, companions=0): a registration and its tickets."""

    def make(name: str, *, on=(0,), language="fr", news=False, companions=0, email=None):
        from django.utils import timezone

        registration = RegistrationFactory(
            edition=days[0].edition,
            name=name,
            email=email or f"{name.lower().replace(' ', '.')}@example.org",
            language=language,
            news_opt_in=news,
            news_consent_at=timezone.now() if news else None,
        )
        for index in on:
            for position in range(companions + 1):
                TicketFactory(registration=registration, day=days[index], position=position)
        return registration

    return make


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
def console_organizer(make_staff):
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


@pytest.fixture
def days_under_way(db):
    """An edition begun eleven days ago and ending today, and `add(count)`: `count` more of its days, each
    with one visitor let in at the main entrance (so each is begun, with one person inside)."""
    import uuid

    from django.utils import timezone

    from tests.factories import EditionFactory
    from tickets.checkin.models import Gate
    from tickets.checkin.services import check_in

    today = timezone.localdate()
    edition = EditionFactory(starts_on=today - dt.timedelta(days=11), ends_on=today, is_published=True)
    gate = Gate.objects.create(edition=edition, name="Main entrance", kind="main")

    def add(count: int) -> None:
        for _ in range(count):
            day = DayFactory(
                edition=edition, date=edition.starts_on + dt.timedelta(days=edition.days.count())
            )
            scanned_at = timezone.make_aware(dt.datetime.combine(day.date, dt.time(11)))
            ticket = TicketFactory(day=day)
            check_in(gate=gate, nonce=uuid.uuid4(), ticket_public_id=ticket.public_id, scanned_at=scanned_at)

    return edition, add
