import pytest

from schools import services
from tests.schools.conftest import class_data, school_data

pytestmark = pytest.mark.django_db


def test_workshops_with_places_and_no_teacher_data(client, edition, slot):
    services.book_class(school=school_data(), klass=class_data(pupils=12, adults=2), slots=[slot])
    data = client.get("/api/v1/schools/workshops").json()
    assert [w["slug"] for w in data] == [slot.workshop.slug]
    assert data[0]["slots"][0]["places_left"] == 18
    text = str(data)
    assert "anne@example.org" not in text
    assert "École du Parc" not in text
    assert "teacher" not in text


def test_slots_filter_by_level(client, edition, slot):
    assert [s["id"] for s in client.get("/api/v1/schools/slots?level=P5").json()] == [slot.pk]
    assert client.get("/api/v1/schools/slots?level=P1").json() == []
