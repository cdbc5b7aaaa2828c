import pytest

from schools.services import ClassData, SchoolData
from tests.schools.factories import (
    SchoolDayFactory,
    SchoolSettingsFactory,
    WorkshopFactory,
    WorkshopSlotFactory,
)


@pytest.fixture
def school_settings(edition):
    """The root edition's school settings: bookings opened yesterday and close in ten days."""
    return SchoolSettingsFactory(edition=edition)


@pytest.fixture
def day(edition, school_settings):
    return SchoolDayFactory(edition=edition)


@pytest.fixture
def workshop(edition, school_settings):
    return WorkshopFactory(edition=edition)


@pytest.fixture
def make_workshop(edition, school_settings):
    """Another workshop of the edition: a class may book each workshop only once."""
    return lambda **kwargs: WorkshopFactory(edition=edition, **kwargs)


@pytest.fixture
def make_slot(day, workshop):
    def make(**kwargs):
        kwargs.setdefault("workshop", workshop)
        kwargs.setdefault("day", day)
        return WorkshopSlotFactory(**kwargs)

    return make


@pytest.fixture
def slot(make_slot):
    return make_slot()


def school_data(name="École du Parc", postal_code="1000") -> SchoolData:
    return SchoolData(name=name, address="Rue du Parc 3", postal_code=postal_code, network="fr")


def class_data(**kwargs) -> ClassData:
    values = {
        "teacher_name": "Anne Prof",
        "teacher_email": "anne@example.org",
        "teacher_mobile": "+32 470 12 34 56",
        "class_name": "5A",
        "level": "P5",
        "pupils": 20,
        "adults": 3,
        "language": "fr",
    } | kwargs
    return ClassData(**values)
