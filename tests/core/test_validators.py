"""A name holding a web address or an e-mail address is refused everywhere a name enters: the forms (with
a message saying what to do) and the services the desk and other callers use."""

import pytest
from django.core.exceptions import ValidationError

from core.validators import name_has_link, validate_person_name
from exhibitors.forms import StaffForm
from schools.forms import BookingForm
from tests.factories import DayFactory
from tests.tickets.conftest import form_data
from tickets import services
from tickets.checkin.forms import WalkInForm
from tickets.exceptions import NameWithLink
from tickets.forms import CompanionForm, WaitingListForm
from tickets.models import Registration
from tickets.services import waitlist

LINKS = [
    "Please call +32 2 000 00 00 or visit https://evil.example/pay",
    "ana@example.org",
    "Visit www.evil.example",
    "bit.ly/abc",
    "Ana (evil.com)",
    "mailto:someone",
]
NAMES = ["Ana Peeters", "J.R.R. Tolkien", "A.-M. Dupont", "Marie-Anne O'Brien", "5B", "Mme. Dubois", "Ngũgĩ"]


@pytest.mark.parametrize("value", LINKS)
def test_a_name_with_a_link_is_refused(value):
    with pytest.raises(ValidationError) as refused:
        validate_person_name(value)

    assert refused.value.code == "name_with_link"
    assert refused.value.messages == ["Saisissez un nom sans adresse web ni adresse e-mail."]


@pytest.mark.parametrize("value", NAMES)
def test_plain_names_pass(value):
    assert name_has_link(value) is False


@pytest.mark.parametrize(
    ("field", "form"),
    [
        ("first_name", CompanionForm),
        ("name", WaitingListForm),
        ("name", WalkInForm),
        ("teacher_name", BookingForm),
        ("class_name", BookingForm),
        ("name", StaffForm),
    ],
)
def test_every_name_field_refuses_a_link(field, form):
    with pytest.raises(ValidationError):
        form.base_fields[field].clean("see https://evil.example")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides", [{"name": LINKS[0]}, {"companions": "1", "companion_1": "ana@example.org"}]
)
def test_the_registration_form_refuses_a_name_with_a_link(client, edition, overrides):
    day = DayFactory(edition=edition)

    response = client.post("/fr/tickets/", form_data(day, **overrides))

    assert response.status_code == 200
    field = "name" if "name" in overrides else "companion_1"
    assert response.context["form"].errors[field] == ["Saisissez un nom sans adresse web ni adresse e-mail."]
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_the_services_refuse_a_name_with_a_link(edition):
    day = DayFactory(edition=edition)
    with pytest.raises(NameWithLink):
        services.register(edition=edition, days=[day], name=LINKS[0], email="x@example.org")
    with pytest.raises(NameWithLink):
        services.register(
            edition=edition, days=[day], name="Ana", companions=["www.evil.example"], channel="desk"
        )
    registration = services.register(edition=edition, days=[day], name="Ana", email="ana@example.org")
    with pytest.raises(NameWithLink):
        services.add_companion(registration=registration, first_name="evil.com")
    with pytest.raises(NameWithLink):
        waitlist.join_waiting_list(day=day, name="bit.ly/x", email="b@example.org", language="fr", places=1)
    assert registration.tickets.count() == 1
