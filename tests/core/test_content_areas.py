"""Changes drop only what they change (core/content_areas.py): an exhibitor's edit keeps the programme and its
feeds cached, a session's edit keeps the exhibitor directory."""

import pytest
from django.core.cache import cache

from core import content_areas
from core.content_areas import EDITION, EXHIBITORS, PROGRAMME, SCHOOLS, area_of, content_version
from events.models import Agenda, Day, Session, Space, Speaker, Theme
from exhibitors.models import Category, Exhibitor, StaffMember, Stand
from schools.models import ClassBooking, Workshop, WorkshopSlot
from tests.events.factories import SessionFactory
from tests.exhibitors.factories import ExhibitorFactory, HallFactory
from tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    ("model", "area"),
    [
        (Session, PROGRAMME),
        (Speaker, PROGRAMME),
        (Day, EDITION),
        (Space, EDITION),
        (Theme, EDITION),
        (Exhibitor, EXHIBITORS),
        (Stand, EXHIBITORS),
        (Category, EXHIBITORS),
        (Workshop, SCHOOLS),
        (WorkshopSlot, SCHOOLS),
        (Agenda, None),
        (StaffMember, None),
        (ClassBooking, None),
        (Ticket, None),
    ],
)
def test_each_model_belongs_to_one_area_or_none(model, area):
    assert area_of(model) == area


def test_a_save_bumps_only_its_area(django_capture_on_commit_callbacks):
    session = SessionFactory()
    exhibitor = ExhibitorFactory(edition=session.day.edition)
    before = {area: content_version(area) for area in content_areas.AREAS}
    with django_capture_on_commit_callbacks(execute=True):
        exhibitor.name = "Robotix"
        exhibitor.save()
    after = {area: content_version(area) for area in content_areas.AREAS}
    assert [area for area in content_areas.AREAS if before[area] != after[area]] == [EXHIBITORS]
    with django_capture_on_commit_callbacks(execute=True):
        session.speakers.add(Speaker.objects.create(name="Ada"))
    assert content_version(PROGRAMME) != after[PROGRAMME]
    assert content_version(EXHIBITORS) == after[EXHIBITORS]


def test_a_bump_of_no_area_is_a_bump_of_all(django_capture_on_commit_callbacks):
    before = {area: content_version(area) for area in content_areas.AREAS}
    with django_capture_on_commit_callbacks(execute=True):
        content_areas.bump_content_version()
    assert all(content_version(area) != before[area] for area in content_areas.AREAS)
    with pytest.raises(ValueError, match="unknown"):
        content_areas.bump_content_version("everything")


@pytest.fixture
def fair():
    hall = HallFactory(name="Hall A")
    session = SessionFactory(day__edition=hall.edition, title_fr="Robots au travail")
    exhibitor = ExhibitorFactory(edition=hall.edition, name="Robotix")
    return session, exhibitor


def pages(client) -> dict[str, str]:
    return {
        path: client.get(path).get("X-Page-Cache")
        for path in ("/fr/programme/", "/programme.ics", "/fr/exhibitors/")
    }


def test_an_exhibitor_edit_keeps_the_programme_and_a_session_edit_keeps_the_directory(
    client, fair, django_capture_on_commit_callbacks
):
    session, exhibitor = fair
    assert set(pages(client).values()) == {"miss"}
    with django_capture_on_commit_callbacks(execute=True):
        exhibitor.name = "Robotix SA"
        exhibitor.save()
    # A changed page is served its previous copy once, while the change renders after that answer.
    assert pages(client) == {"/fr/programme/": "hit", "/programme.ics": "hit", "/fr/exhibitors/": "stale"}
    assert "Robotix SA" in client.get("/fr/exhibitors/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        session.title_fr = "Robots en vacances"
        session.save()
    assert pages(client) == {"/fr/programme/": "stale", "/programme.ics": "stale", "/fr/exhibitors/": "hit"}
    assert "Robots en vacances" in client.get("/fr/programme/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Space.objects.filter(pk=session.space_id).get().save()  # the edition's frame: every page shows it
    assert set(pages(client).values()) == {"stale"}
    assert set(pages(client).values()) == {"hit"}
