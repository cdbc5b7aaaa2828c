import pytest
from django.utils import translation

from exhibitors.services import regenerate_portal_token

from .factories import ExhibitorFactory, HallFactory, StandFactory


@pytest.fixture(autouse=True)
def english():
    """Messages and reversed URLs in English unless a test says otherwise (the site's default is French)."""
    with translation.override("en"):
        yield


@pytest.fixture
def hall():
    return HallFactory(slug="hall-a", name="Hall A", name_fr="Hall A", name_nl="Hal A")


@pytest.fixture
def exhibitor(hall):
    exhibitor = ExhibitorFactory(
        edition=hall.edition,
        name="Robotix",
        slug="robotix",
        contact_name="Secret Person",
        contact_email="secret.person@robotix.example",
        contact_phone="+32 470 99 88 77",
    )
    StandFactory(hall=hall, code="A12", x=10, y=10, exhibitor=exhibitor)
    return exhibitor


@pytest.fixture
def token(exhibitor) -> str:
    return regenerate_portal_token(exhibitor=exhibitor)
