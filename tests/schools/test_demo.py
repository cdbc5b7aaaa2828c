import pytest
from django.core.management import call_command

from schools.models import SchoolSettings, Workshop, WorkshopSlot

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_puts_slots_on_the_school_morning():
    call_command("load_demo", verbosity=0)
    counts = (Workshop.objects.count(), WorkshopSlot.objects.count(), SchoolSettings.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Workshop.objects.count(), WorkshopSlot.objects.count(), SchoolSettings.objects.count()) == counts
    assert counts == (6, 9, 1)
    slots = WorkshopSlot.objects.select_related("day", "space")
    assert {s.day.audience for s in slots} == {"schools_then_public"}
    assert all(s.ends_at <= s.day.public_from for s in slots)
    assert {s.space.kind for s in slots} == {"workshop_room"}
