"""The organizers enter a school's booking: the form speaks of the school and the teacher, not "you"."""

import pytest
from django.contrib.auth.models import Permission, User

from tests.schools.test_views import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_staff(client):
    user = User.objects.create_user("org", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="schools", codename__in=["view_classbooking", "add_classbooking"]
        ),
    )
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("language", "asked", "not_asked"),
    [
        (
            "fr",
            ["Nom de l’enseignant·e", "3. L’école", "5. L’enseignant·e", "Le niveau de la classe"],
            ["Votre nom", "Votre adresse e-mail", "5. Vous, l’enseignant"],
        ),
        (
            "nl",
            ["Naam van de leerkracht", "3. De school", "5. De leerkracht", "Het niveau van de klas"],
            ["Uw naam", "Je e-mailadres", "5. Jij, de leerkracht"],
        ),
    ],
)
def test_school_booking_entered_by_staff_speaks_of_the_teacher(
    client, desk_staff, slot, language, asked, not_asked
):
    html = client.get(f"/{language}/schools/organizers/new-booking/", {"level": "P5"}).content.decode()

    for text in asked:
        assert text in html
    for text in not_asked:
        assert text not in html


def test_school_booking_error_by_staff_names_the_teacher(client, desk_staff, slot):
    data = form_data(slot, channel="phone", teacher_name="")

    html = client.post("/fr/schools/organizers/new-booking/", data).content.decode()

    assert "Indiquez le nom de l’enseignant·e." in html
