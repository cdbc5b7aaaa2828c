"""The floor plan marks entrances, stages and facilities, and its text alternative lists them."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from events.enums import SpaceKind
from exhibitors.enums import MarkerKind
from exhibitors.models import PlanMarker
from exhibitors.plan import build_plan
from exhibitors.services import exhibitor_for_token
from tests.factories import SpaceFactory

from .factories import StandFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(hall):
    edition = hall.edition
    SpaceFactory(
        edition=edition,
        kind=SpaceKind.STAGE,
        name="Main stage",
        plan_x=0,
        plan_y=55,
        plan_width=40,
        plan_height=25,
    )
    SpaceFactory(
        edition=edition,
        kind=SpaceKind.FACILITY,
        name="Quiet room",
        quiet_room=True,
        plan_x=45,
        plan_y=55,
        plan_width=10,
        plan_height=10,
    )
    for kind, x in [(MarkerKind.ENTRANCE, 82), (MarkerKind.TOILETS, 83), (MarkerKind.FIRST_AID, 84)]:
        PlanMarker.objects.create(edition=edition, kind=kind, x=Decimal(x), y=Decimal(2))
    return edition


def test_plan_draws_stages_facilities_and_markers(client, site, exhibitor):
    html = client.get("/en/exhibitors/plan/").content.decode()

    assert 'class="space space--stage"' in html
    assert 'class="space space--facility space--quiet"' in html
    for kind in ("entrance", "toilets", "first_aid"):
        assert f'class="marker marker--{kind}"' in html
    assert "<title>First aid</title>" in html
    # the legend and the text list spell the symbols out
    assert "Quiet room</strong> – Facility · quiet room" in html
    assert "<strong>Toilets</strong>" in html


def test_plan_is_built_in_three_queries(site, django_assert_num_queries):
    for index in range(20):
        StandFactory(hall=site.spaces.get(kind="hall"), code=f"A{index}", x=index * 3)

    with django_assert_num_queries(3):
        plan = build_plan(edition=site)

    assert len(plan.stands) == 20
    assert [hall.name for hall, _stands in plan.stands_by_hall()] == ["Hall A"]
    assert plan.view_box_text == "-4 -4 92 88"


def test_portal_link_command_prints_a_working_link(exhibitor, settings):
    settings.SITE_URL = "https://printemps.example"
    out = StringIO()

    call_command(
        "exhibitor_portal_link", "robotix", edition=exhibitor.edition.slug, language="nl", stdout=out
    )

    link = out.getvalue().strip()
    assert link.startswith("https://printemps.example/nl/exhibitors/portal/")
    assert exhibitor_for_token(link.rstrip("/").rsplit("/", 1)[1]) == exhibitor
