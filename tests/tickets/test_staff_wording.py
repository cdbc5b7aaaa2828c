"""Staff forms speak to the staff member about the visitor (or the school, the teacher), in the staff
member's language; the visitors' own forms keep speaking to "you"."""

import pytest
from django.contrib.auth.models import Permission, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_staff(client):
    user = User.objects.create_user("desk", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="tickets", codename__in=["add_registration", "view_registration"]
        ),
        *Permission.objects.filter(content_type__app_label="checkin", codename="use_desk"),
    )
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("language", "asked", "not_asked"),
    [
        (
            "fr",
            [
                "Quels jours le visiteur vient-il\u00a0?",
                "Combien de personnes accompagnent le visiteur\u00a0?",
                "Langue des billets et des e-mails du visiteur",
                "Nom du visiteur",
            ],
            ["Quels jours viendrez-vous", "Combien de personnes vous accompagnent", "Votre nom"],
        ),
        (
            "nl",
            [
                "Op welke dagen komt de bezoeker?",
                "Hoeveel mensen komen met de bezoeker mee?",
                "Taal van de tickets en e-mails van de bezoeker",
                "Naam van de bezoeker",
            ],
            ["Op welke dagen kom je", "Hoeveel mensen komen met je mee", "Uw naam", "Je naam"],
        ),
    ],
)
def test_registration_desk_asks_about_the_visitor(client, desk_staff, saturday, language, asked, not_asked):
    html = client.get(f"/{language}/tickets/desk/").content.decode()

    for text in asked:
        assert text in html
    for text in not_asked:
        assert text not in html


def test_public_form_still_speaks_to_the_visitor(client, saturday):
    html = client.get("/fr/tickets/").content.decode()

    assert "le visiteur" not in html
    assert "Votre nom" in html


def test_desk_errors_speak_of_the_visitor(client, desk_staff, saturday):
    data = {"edition": saturday.edition.slug, "channel": "desk", "language": "nl", "companions": "9"}

    html = client.post("/nl/tickets/desk/", data).content.decode()

    assert "Vul de naam van de bezoeker in." in html
    assert "Kies minstens één dag voor de bezoeker." in html


def test_walk_in_desk_asks_about_the_visitor(client, desk_staff, edition_today):
    html = client.get("/nl/checkin/desk/").content.decode()

    assert "Zoals de bezoeker hem opgeeft; de voornaam volstaat." in html
    assert "De bezoeker en wie meekomt, maximaal 10." in html
