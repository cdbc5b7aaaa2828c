"""Unconfirmed online bookings hold places on no more than a typed name and email: a few at once per client
address and per teacher's email, and only for a short time, so one person cannot empty a level."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from schools import services
from schools.enums import BookingStatus
from schools.exceptions import PendingForEmail
from schools.models import BookedSlot, ClassBooking, SchoolSettings
from tests.schools.conftest import class_data, school_data
from tests.schools.test_views import form_data

pytestmark = pytest.mark.django_db

ATTACKS = 8


def _model_default(name: str) -> int:
    return SchoolSettings._meta.get_field(name).default


@pytest.fixture
def limits(edition, school_settings):
    """The edition's settings as an organizer leaves them: the model's defaults."""
    for name in ("max_pending_per_address", "max_pending_per_email", "hold_minutes"):
        setattr(school_settings, name, _model_default(name))
    school_settings.save()
    return school_settings


def _attack_form(slot, index: int) -> dict:
    return form_data(
        slot,
        school_name=f"École imaginaire {index}",
        school_postal_code=f"10{index:02d}",
        teacher_email=f"throwaway{index}@example.net",
        class_name=f"{index}A",
        pupils="25",
        adults="4",
    )


def test_defaults_hold_unconfirmed_places_briefly_and_few_at_once():
    assert (_model_default("hold_minutes"), _model_default("max_pending_per_address")) == (20, 1)
    assert _model_default("max_pending_per_email") == 2


def test_eight_posts_from_one_address_take_one_class_of_places(client, limits, make_slot):
    slot = make_slot(capacity=200)
    statuses = [
        client.post("/fr/schools/book/", _attack_form(slot, i), REMOTE_ADDR="203.0.113.7").status_code
        for i in range(ATTACKS)
    ]
    assert statuses == [302] + [200] * (ATTACKS - 1)
    assert BookedSlot.objects.filter(slot=slot).count() == 1
    assert sum(b.pupils for b in ClassBooking.objects.all()) == 25
    refused = client.post("/fr/schools/book/", _attack_form(slot, 9), REMOTE_ADDR="203.0.113.7")
    html = refused.content.decode()
    assert "toujours en attente de confirmation" in html
    assert "Confirmez-la avec le lien de l’e-mail" in html
    assert settings.ORGANIZER["phone"] in html
    assert (
        client.post("/fr/schools/book/", _attack_form(slot, 10), REMOTE_ADDR="198.51.100.2").status_code
        == 302
    )


def test_after_confirming_the_address_may_book_again(client, limits, make_slot):
    slot = make_slot(capacity=200)
    assert (
        client.post("/fr/schools/book/", _attack_form(slot, 1), REMOTE_ADDR="203.0.113.7").status_code == 302
    )
    booking = ClassBooking.objects.get()
    assert booking.client_address == "203.0.113.7"
    services.confirm_booking(booking=booking)
    booking.refresh_from_db()
    assert (booking.status, booking.client_address) == (BookingStatus.CONFIRMED, "")
    assert (
        client.post("/fr/schools/book/", _attack_form(slot, 2), REMOTE_ADDR="203.0.113.7").status_code == 302
    )


def test_a_lapsed_hold_no_longer_counts(limits, make_slot):
    slot = make_slot(capacity=200)
    now = timezone.now()
    first = services.book_class(
        school=school_data(), klass=class_data(), slots=[slot], client_address="203.0.113.7", now=now
    )
    assert first.hold_expires_at == now + dt.timedelta(minutes=20)
    later = now + dt.timedelta(minutes=21)
    second = services.book_class(
        school=school_data(name="Autre école"),
        klass=class_data(class_name="6B"),
        slots=[slot],
        client_address="203.0.113.7",
        now=later,
    )
    assert second.status == BookingStatus.HELD


def test_a_few_unconfirmed_bookings_per_teacher_email(limits, make_slot):
    slot = make_slot(capacity=200)
    for index in range(2):
        services.book_class(
            school=school_data(name=f"École {index}"),
            klass=class_data(teacher_email="Anne@Example.org", class_name=f"{index}A"),
            slots=[slot],
            client_address=f"198.51.100.{index}",
        )
    with pytest.raises(PendingForEmail) as refused:
        services.book_class(
            school=school_data(name="École 3"),
            klass=class_data(teacher_email="anne@example.org", class_name="3A"),
            slots=[slot],
            client_address="198.51.100.9",
        )
    assert (refused.value.status, refused.value.field) == (429, "teacher_email")
    assert "anne@example.org" in refused.value.message
    assert settings.ORGANIZER["phone"] in refused.value.message
    assert ClassBooking.objects.count() == 2


def test_staff_bookings_have_no_pending_limit(limits, make_slot):
    slot = make_slot(capacity=200)
    for index in range(3):
        services.book_class(
            school=school_data(name=f"École {index}"),
            klass=class_data(class_name=f"{index}A"),
            slots=[slot],
            staff=True,
            client_address="203.0.113.7",
        )
    assert list(ClassBooking.objects.values_list("client_address", flat=True)) == ["", "", ""]
