"""The database refuses overlapping stands, stands outside their hall and cross-edition links."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.enums import SpaceKind
from exhibitors.exceptions import StandClash
from exhibitors.models import Stand
from exhibitors.services import allocate_stand, save_stand
from tests.factories import EditionFactory, SpaceFactory

from .factories import ExhibitorFactory, HallFactory, StandFactory

pytestmark = pytest.mark.django_db


def raw_stand(hall, code, x, y, width=3, height=3, **extra) -> Stand:
    return Stand(
        edition=hall.edition,
        hall=hall,
        code=code,
        x=Decimal(x),
        y=Decimal(y),
        width=Decimal(width),
        height=Decimal(height),
        **extra,
    )


@pytest.mark.parametrize(
    ("x", "y", "width", "height"),
    [(1, 1, 3, 3), (0, 0, 3, 3), (2.5, 2.5, 1, 1), (0, 0, 10, 10), (2.9, 0, 3, 3)],
)
def test_overlapping_stand_is_refused_by_the_database(x, y, width, height):
    hall = HallFactory()
    StandFactory(hall=hall, code="A1", x=0, y=0, width=3, height=3)

    with pytest.raises(IntegrityError), transaction.atomic():
        raw_stand(hall, "A2", x, y, width, height).save()

    assert list(Stand.objects.values_list("code", flat=True)) == ["A1"]


def test_stands_sharing_a_wall_do_not_clash():
    hall = HallFactory()
    StandFactory(hall=hall, code="A1", x=0, y=0)

    raw_stand(hall, "A2", 3, 0).save()
    raw_stand(hall, "A3", 0, 3).save()
    raw_stand(hall, "A4", 3, 3).save()

    assert Stand.objects.count() == 4


def test_same_place_in_another_hall_is_fine():
    hall_a = HallFactory()
    hall_b = HallFactory(edition=hall_a.edition)
    StandFactory(hall=hall_a, code="A1")

    raw_stand(hall_b, "B1", 0, 0).save()

    assert Stand.objects.count() == 2


def test_moving_a_stand_onto_another_is_refused_by_the_database():
    hall = HallFactory()
    StandFactory(hall=hall, code="A1", x=0, y=0)
    moving = StandFactory(hall=hall, code="A2", x=10, y=10)

    with pytest.raises(IntegrityError), transaction.atomic():
        Stand.objects.filter(pk=moving.pk).update(x=Decimal(1), y=Decimal(1))


@pytest.mark.parametrize(("x", "y", "width", "height"), [(78, 0, 3, 3), (0, 48, 3, 3), (0, 0, 81, 1)])
def test_stand_outside_its_hall_is_refused_by_the_database(x, y, width, height):
    hall = HallFactory()  # 80 × 50 m

    with pytest.raises(IntegrityError), transaction.atomic():
        raw_stand(hall, "A1", x, y, width, height).save()

    assert Stand.objects.count() == 0


def test_stand_touching_the_far_walls_is_inside():
    hall = HallFactory()

    raw_stand(hall, "A1", 77, 47).save()

    assert Stand.objects.get().code == "A1"


def test_stand_in_a_space_that_is_not_a_hall_is_refused_by_the_database():
    stage = SpaceFactory(kind=SpaceKind.STAGE, plan_width=40, plan_height=25)

    with pytest.raises(IntegrityError), transaction.atomic():
        raw_stand(stage, "X1", 0, 0).save()


def test_stand_in_a_hall_of_another_edition_is_refused_by_the_database():
    hall = HallFactory()
    other = EditionFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Stand(edition=other, hall=hall, code="A1", x=0, y=0, width=3, height=3).save()


def test_shrinking_a_hall_that_would_leave_a_stand_outside_is_refused_by_the_database():
    hall = HallFactory()
    StandFactory(hall=hall, code="A1", x=70, y=0)

    with pytest.raises(IntegrityError), transaction.atomic():
        type(hall).objects.filter(pk=hall.pk).update(plan_width=60)

    hall.plan_width = 75
    hall.save()  # still holds the stand (70 + 3 ≤ 75)


def test_exhibitor_of_another_edition_is_refused_by_the_database():
    stand = StandFactory()
    stranger = ExhibitorFactory()  # its own edition

    with pytest.raises(IntegrityError), transaction.atomic():
        Stand.objects.filter(pk=stand.pk).update(exhibitor=stranger)


def test_a_stand_holds_at_most_one_exhibitor_and_an_exhibitor_one_stand():
    hall = HallFactory()
    exhibitor = ExhibitorFactory(edition=hall.edition)
    StandFactory(hall=hall, code="A1", exhibitor=exhibitor)

    with pytest.raises(IntegrityError), transaction.atomic():
        StandFactory(hall=hall, code="A2", x=10, exhibitor=exhibitor)


def test_stand_code_is_unique_in_an_edition():
    hall = HallFactory()
    StandFactory(hall=hall, code="A1")

    with pytest.raises(StandClash) as caught:
        save_stand(stand=raw_stand(hall, "A1", 10, 10))

    assert caught.value.code == "stand_code_taken"
    assert caught.value.message == "There is already a stand A1 in this edition."


def test_clean_names_the_clash_for_the_back_office():
    hall = HallFactory(name="Hall A", name_fr="Hall A")
    exhibitor = ExhibitorFactory(edition=hall.edition, name="Robotix")
    StandFactory(hall=hall, code="A1", x=0, y=0, exhibitor=exhibitor)
    StandFactory(hall=hall, code="A2", x=3, y=0)

    with pytest.raises(ValidationError) as caught:
        raw_stand(hall, "A3", 2, 1, 2, 2).full_clean()

    assert caught.value.message_dict == {
        "x": ["Stand A3 would overlap stand A1 (Robotix), A2 in Hall A."],
    }


def test_clean_says_how_far_a_stand_sticks_out():
    hall = HallFactory(name="Hall A", name_fr="Hall A")

    with pytest.raises(ValidationError) as caught:
        raw_stand(hall, "A9", 79, 0, 3, 3).full_clean()

    assert caught.value.message_dict == {
        "x": ["Stand A9 would stick out of Hall A: the hall measures 80 × 50 m, the stand reaches 82 × 3 m."],
    }


def test_save_stand_turns_an_overlap_into_a_clear_message():
    hall = HallFactory(name="Hall B", name_fr="Hall B")
    StandFactory(hall=hall, code="B1", x=0, y=0, exhibitor=ExhibitorFactory(edition=hall.edition, name="Cyb"))

    with pytest.raises(StandClash) as caught:
        save_stand(stand=raw_stand(hall, "B2", 1, 1))

    assert caught.value.code == "stand_overlap"
    assert caught.value.message == "Stand B2 would overlap stand B1 (Cyb) in Hall B."


def test_allocate_refuses_a_taken_stand_with_the_occupant_named():
    hall = HallFactory()
    first = ExhibitorFactory(edition=hall.edition, name="First")
    second = ExhibitorFactory(edition=hall.edition, name="Second")
    stand = StandFactory(hall=hall, code="A1", exhibitor=first)

    with pytest.raises(StandClash) as caught:
        allocate_stand(stand=stand, exhibitor=second)

    assert caught.value.code == "stand_taken"
    assert caught.value.message == "Stand A1 is already allocated to First. Free it first."
    stand.refresh_from_db()
    assert stand.exhibitor == first


def test_allocate_refuses_a_second_stand():
    hall = HallFactory()
    exhibitor = ExhibitorFactory(edition=hall.edition, name="Solo")
    StandFactory(hall=hall, code="A1", exhibitor=exhibitor)
    free = StandFactory(hall=hall, code="A2", x=10)

    with pytest.raises(StandClash) as caught:
        allocate_stand(stand=free, exhibitor=exhibitor)

    assert caught.value.message == "Solo already has stand A1. Free stand A1 first."


def test_allocate_and_free_a_stand():
    hall = HallFactory()
    exhibitor = ExhibitorFactory(edition=hall.edition)
    stand = StandFactory(hall=hall, code="A1")

    allocate_stand(stand=stand, exhibitor=exhibitor)
    assert Stand.objects.get(pk=stand.pk).exhibitor == exhibitor

    allocate_stand(stand=stand, exhibitor=None)
    assert Stand.objects.get(pk=stand.pk).exhibitor is None
