"""Eight booking forms posted at the same moment from one address, each with a made-up school and a
throw-away email: one booking is held, the others refused (PostgreSQL, real concurrent HTTP requests). The
control run switches the lock off and shows that the test catches the race."""

import pytest

from schools.models import BookedSlot, SchoolSettings
from tests.factories import EditionFactory
from tests.schools.factories import (
    SchoolDayFactory,
    SchoolSettingsFactory,
    WorkshopFactory,
    WorkshopSlotFactory,
)
from tests.schools.test_concurrency import post_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

POSTS = 8


def _attack_forms(slot_id: int) -> list[dict]:
    return [
        {
            "level": "P5",
            "slots": slot_id,
            "school_name": f"École imaginaire {index}",
            "school_address": "Rue 1",
            "school_postal_code": f"10{index:02d}",
            "school_network": "fr",
            "teacher_name": "Prof",
            "teacher_email": f"throwaway{index}@example.net",
            "teacher_mobile": "0470123456",
            "class_name": "5A",
            "pupils": 25,
            "adults": 4,
            "language": "fr",
        }
        for index in range(POSTS)
    ]


def _attack(live_server) -> tuple[list[int], int]:
    edition = EditionFactory()
    SchoolSettingsFactory(
        edition=edition,
        max_pending_per_address=SchoolSettings._meta.get_field("max_pending_per_address").default,
        max_pending_per_email=SchoolSettings._meta.get_field("max_pending_per_email").default,
    )
    slot = WorkshopSlotFactory(
        workshop=WorkshopFactory(edition=edition), day=SchoolDayFactory(edition=edition), capacity=200
    )
    statuses = post_at_once(live_server.url, _attack_forms(slot.pk))
    return statuses, BookedSlot.objects.filter(slot=slot).count()


def test_simultaneous_posts_from_one_address_hold_one_class(live_server):
    statuses, held = _attack(live_server)
    assert (sorted(statuses), held) == ([200] * (POSTS - 1) + [302], 1)


def test_control_without_the_lock_the_race_holds_more(live_server, settings):
    settings.CONCURRENCY_GUARD_SCHOOLS_CAPACITY = False
    _statuses, held = _attack(live_server)
    assert held > 1, "the test did not catch the race: it would not catch a broken lock"
