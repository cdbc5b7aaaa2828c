import pytest
from django.contrib.auth.models import Permission, User
from ninja.testing import TestClient

from tests.factories import ArrivalWindowFactory
from tickets import services
from tickets.api import router
from tickets.models import Registration

pytestmark = pytest.mark.django_db
DESK = "/fr/tickets/desk/"


@pytest.fixture
def staff(client):
    user = User.objects.create_user("desk", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_registration", "view_registration"])
    )
    client.force_login(user)
    return user


def test_desk_needs_login_and_permission(client, saturday):
    assert client.get(DESK).status_code == 302
    client.force_login(User.objects.create_user("nobody"))
    assert client.get(DESK).status_code == 403


def test_desk_registers_without_email_and_prints(client, staff, saturday):
    response = client.post(
        DESK,
        {
            "edition": saturday.edition.slug,
            "channel": "phone",
            "days": [saturday.pk],
            "name": "Jeanne Dupont",
            "phone": "02 123 45 67",
            "language": "fr",
            "companions": "1",
            "companion_1": "Marc",
        },
    )
    registration = Registration.objects.get()
    assert response["Location"] == f"/fr/tickets/desk/{registration.public_id}/"
    assert (registration.channel, registration.email, registration.created_by) == ("phone", "", staff)
    page = client.get(response["Location"]).content.decode()
    assert page.count('role="img"') == 2
    assert "data-print" in page
    pdf = client.get(f"/fr/tickets/desk/{registration.public_id}/tickets.pdf")
    assert pdf.content[:5] == b"%PDF-"


def test_desk_finds_a_registration_to_reprint(client, staff, edition, saturday):
    registration = services.register(
        edition=edition, days=[saturday], name="Fatima El Amrani", email="f@example.org"
    )
    html = client.get(DESK, {"q": "amrani"}).content.decode()
    assert f"/fr/tickets/desk/{registration.public_id}/" in html
    assert "Aucune inscription trouvée." in client.get(DESK, {"q": "nobody"}).content.decode()


def test_desk_search_cuts_an_overlong_query_and_keeps_the_field(client, staff, edition, saturday):
    response = client.get(DESK, {"q": "  " + "x" * 500})
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["query"] == "x" * 100
    assert '<label for="desk-q">' in html
    assert 'type="search" name="q"' in html
    assert "Aucune inscription trouvée." in html


def test_desk_form_errors_shown(client, staff, saturday):
    response = client.post(DESK, {"edition": saturday.edition.slug, "channel": "desk", "language": "fr"})
    html = response.content.decode()
    assert "Indiquez le nom du visiteur." in html
    assert "Choisissez au moins un jour pour le visiteur." in html
    assert Registration.objects.count() == 0


def test_availability_api(edition, friday, saturday):
    window = ArrivalWindowFactory(day=saturday, capacity=10)
    services.register(
        edition=edition,
        days=[saturday],
        name="A",
        email="a@example.org",
        companions=["B"],
        arrival_windows={saturday.pk: window},
    )
    data = TestClient(router).get("/availability").json()
    assert data["edition"] == edition.slug
    assert data["registration_open"] is True
    assert [(d["id"], d["places_left"], d["full"]) for d in data["days"]] == [
        (friday.pk, 100, False),
        (saturday.pk, 98, False),
    ]
    assert data["days"][1]["arrival_windows"] == [
        {"id": window.pk, "starts_at": "10:00:00", "ends_at": "12:00:00", "places_left": 8}
    ]


@pytest.mark.parametrize("days", [1, 2])
def test_registration_page_query_count_does_not_grow_with_days(
    client, edition, days, django_assert_max_num_queries
):
    from tests.factories import DayFactory

    for offset in range(days):
        DayFactory(edition=edition, date=edition.starts_on if offset == 0 else edition.ends_on)
    # a constant part (session, edition, days with windows) plus places left per day (tickets + held offers)
    with django_assert_max_num_queries(8 + 4 * days):
        assert client.get("/fr/tickets/").status_code == 200


@pytest.mark.parametrize("query", ["", "visitor"])
def test_the_desk_search_costs_the_same_queries_for_2_or_12_registrations(
    client, staff, saturday, query, page_queries
):
    from tests.factories import RegistrationFactory, TicketFactory

    def registrations(count: int) -> None:
        for _ in range(count):
            registration = RegistrationFactory(edition=saturday.edition, channel="phone")
            TicketFactory(day=saturday, registration=registration)
            TicketFactory(day=saturday, registration=registration, holder_name="Companion")

    registrations(2)
    small, _page = page_queries(DESK, q=query)
    registrations(10)
    large, page = page_queries(DESK, q=query)
    assert page.count("@example.org – ") == (12 if query else 10)  # without a search: the latest ten
    assert large == small
