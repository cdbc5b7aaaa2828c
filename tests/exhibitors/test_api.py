"""The API lists exhibitors, halls and stands with geometry, and never the organizers-only contact."""

import json

import pytest

from tests.factories import DayFactory

from .factories import CategoryFactory, ExhibitorFactory, HallFactory, StandFactory

pytestmark = pytest.mark.django_db

SECRETS = ["Secret Person", "secret.person@robotix.example", "+32 470 99 88 77", "contact_", "portal"]


def no_secrets(response) -> dict | list:
    text = response.content.decode()
    for secret in SECRETS:
        assert secret not in text
    return json.loads(text)


def test_list_filters_by_category_and_hall(client, exhibitor, hall):
    DayFactory(edition=hall.edition)
    vr = CategoryFactory(slug="vr")
    exhibitor.categories.add(vr)
    hall_b = HallFactory(edition=hall.edition, slug="hall-b")
    other = ExhibitorFactory(edition=hall.edition, name="Zeta", slug="zeta")
    StandFactory(hall=hall_b, code="B1", exhibitor=other)

    everyone = no_secrets(client.get("/api/v1/exhibitors/"))
    by_category = no_secrets(client.get("/api/v1/exhibitors/?category=vr"))
    by_hall = no_secrets(client.get("/api/v1/exhibitors/?hall=hall-b"))

    assert [item["slug"] for item in everyone["items"]] == ["robotix", "zeta"]
    assert [item["slug"] for item in by_category["items"]] == ["robotix"]
    assert [item["slug"] for item in by_hall["items"]] == ["zeta"]
    assert everyone["items"][0]["stand"] == {"code": "A12", "hall": "hall-a", "hall_name": "Hall A"}
    assert set(everyone["items"][0]) == {
        "slug",
        "name",
        "description",
        "website",
        "social_links",
        "categories",
        "stand",
        "logo_url",
        "url",
    }


def test_one_exhibitor_without_contact(client, exhibitor):
    data = no_secrets(client.get("/api/v1/exhibitors/robotix?lang=fr"))

    assert data["name"] == "Robotix"
    assert data["activities"] == []
    assert client.get("/api/v1/exhibitors/nobody").status_code == 404


def test_halls_and_stands_with_geometry(client, exhibitor, hall):
    StandFactory(hall=hall, code="A13", x=20, y=10, width=6, height=4)

    halls = no_secrets(client.get("/api/v1/exhibitors/halls?lang=nl"))
    free = no_secrets(client.get("/api/v1/exhibitors/stands?free=true"))

    assert halls[0]["name"] == "Hal A"
    assert (halls[0]["plan_width"], halls[0]["plan_height"]) == (80, 50)
    assert [(s["code"], s["exhibitor"]) for s in halls[0]["stands"]] == [("A12", "robotix"), ("A13", None)]
    assert free == [
        {
            "code": "A13",
            "hall": "hall-a",
            "x": 20.0,
            "y": 10.0,
            "width": 6.0,
            "depth": 4.0,
            "site_x": 20.0,
            "site_y": 10.0,
            "power": "230v",
            "step_free": True,
            "turning_space": True,
            "low_counter": False,
            "accessibility_notes": "",
            "exhibitor": None,
        }
    ]


def test_openapi_schema_has_no_contact_fields(client):
    schema = client.get("/api/v1/openapi.json").content.decode()

    assert "/api/v1/exhibitors/" in schema
    assert "contact_email" not in schema
    assert "contact_phone" not in schema


@pytest.mark.parametrize(
    ("query", "field", "detail"),
    [
        ("/exhibitors/?category=astrology", "category", "Unknown category"),
        ("/exhibitors/?hall=hall-z", "hall", "This edition has no such hall"),
        ("/exhibitors/?hall=hall-old", "hall", "This edition has no such hall"),
        ("/exhibitors/stands?hall=hall-z", "hall", "This edition has no such hall"),
    ],
)
def test_an_unknown_category_or_hall_answers_422_naming_it(client, exhibitor, hall, query, field, detail):
    HallFactory(slug="hall-old")  # a hall of another edition

    response = client.get(f"/api/v1{query}")

    assert response.status_code == 422
    body = response.json()
    assert (body["code"], body["errors"][0]["loc"]) == ("invalid", ["query", field])
    assert body["errors"][0]["msg"].startswith(detail)
