import pytest

from demo import events as events_demo
from demo import exhibitors as exhibitors_demo
from exhibitors.models import Category, Exhibitor, PlanMarker, Stand

pytestmark = pytest.mark.django_db


def test_demo_places_about_fifty_exhibitors_in_halls_a_and_b_and_is_idempotent():
    events_demo.load()
    exhibitors_demo.load()
    counts = (Exhibitor.objects.count(), Stand.objects.count(), PlanMarker.objects.count())

    exhibitors_demo.load()

    edition = events_demo.upcoming_edition()
    assert (Exhibitor.objects.count(), Stand.objects.count(), PlanMarker.objects.count()) == counts
    assert Exhibitor.objects.filter(edition=edition).count() == 50
    assert Stand.objects.filter(edition=edition, exhibitor__isnull=False).count() == 50
    assert set(Stand.objects.values_list("hall__slug", flat=True)) == {"hall-a", "hall-b"}
    assert Category.objects.count() == 10
    assert all(Exhibitor.objects.filter(categories=c).exists() for c in Category.objects.all())
    paradigm = Exhibitor.objects.get(edition=edition, slug="paradigm")
    assert paradigm.stand.code == "A29"
    assert "805 000" in paradigm.description_fr
