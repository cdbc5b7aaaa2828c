import pytest

from demo.checkin import load
from tests.factories import EditionFactory
from tickets.checkin.models import Gate

pytestmark = pytest.mark.django_db


def test_demo_gates_are_loaded_once_per_edition():
    edition = EditionFactory()
    load()
    load()
    gates = list(Gate.objects.filter(edition=edition).values_list("kind", "name"))
    assert gates == [
        ("main", "Entrée principale – Hoofdingang"),
        ("school", "Entrée des écoles – Scholeningang"),
        ("staff", "Entrée du personnel – Personeelsingang"),
    ]
    school = Gate.objects.get(edition=edition, kind="school")
    assert school.admitted_kinds == ["school_group"]
    assert Gate.objects.get(edition=edition, kind="staff").admitted_kinds == ["exhibitor_staff"]


def test_demo_renames_gates_of_the_first_demo():
    edition = EditionFactory()
    Gate.objects.create(edition=edition, name="Main entrance", kind="main")
    load()
    assert Gate.objects.filter(edition=edition).count() == 3
