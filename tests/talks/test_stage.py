import datetime as dt
import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from events.models import Session
from talks.enums import ProposalState
from talks.services.scheduling import schedule_proposal
from talks.services.slides import upload_slides
from tests.factories import SpaceFactory
from tests.talks.factories import ProposalFactory, ProposalSpeakerFactory
from tests.talks.slide_files import images

pytestmark = pytest.mark.django_db


@pytest.fixture
def session_run(call):
    stage = SpaceFactory(edition=call.edition, name="Main stage")
    day = call.edition.days.first()
    talks = []
    for hour, (title, name) in enumerate((("Twin city", "Ada Martin"), ("Safe clicks", "Bert Janssens"))):
        proposal = ProposalFactory(call=call, state=ProposalState.CONFIRMED, title=title)
        ProposalSpeakerFactory(proposal=proposal, name=name)
        schedule_proposal(proposal=proposal, day=day, space=stage, starts=dt.time(11 + hour))
        talks.append(proposal)
    upload_slides(proposal=talks[0], files=images(20, size=(320, 180)))
    return day, stage, talks


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def test_the_player_is_for_staff_with_the_stage_permission(client, session_run):
    day, stage, _talks = session_run
    assert client.get(url("talks:stage", day_id=day.pk, space_id=stage.pk)).status_code == 302
    client.force_login(User.objects.create_user("plain", is_staff=True))
    assert client.get(url("talks:stage", day_id=day.pk, space_id=stage.pk)).status_code == 403


def test_the_running_order_carries_every_deck_in_order(client, session_run):
    day, stage, _talks = session_run
    client.force_login(User.objects.create_superuser("org", password="x"))
    page = client.get(url("talks:stage", day_id=day.pk, space_id=stage.pk)).content.decode()
    decks = json.loads(
        page.split('<script id="decks" type="application/json">', 1)[1].split("</script>", 1)[0]
    )
    assert [(d["title"], d["speakers"], len(d["slides"])) for d in decks] == [
        ("Twin city", "Ada Martin", 20),
        ("Safe clicks", "Bert Janssens", 0),
    ]
    assert "Some talks have not sent their 20 slides: Safe clicks" in page
    assert "<script>" not in page  # no inline script (CSP)
    slide = client.get(decks[0]["slides"][1])
    assert (slide.status_code, slide["Content-Type"]) == (200, "image/webp")
    listing = client.get(url("talks:stage-list")).content.decode()
    assert url("talks:stage", day_id=day.pk, space_id=stage.pk) in listing


def test_the_service_worker_is_served_with_its_scope(client):
    response = client.get(url("talks:stage-worker"))
    assert response["Service-Worker-Allowed"] == "/en/talks/stage/"
    assert response["Content-Type"].startswith("text/javascript")
    assert "const PRECACHE" in response.content.decode()


def test_the_stage_list_costs_the_same_queries_for_2_or_12_runs(client, call, page_queries):
    client.force_login(User.objects.create_superuser("org", password="x"))
    days = list(call.edition.days.all())

    def runs(count: int) -> None:
        for _ in range(count):
            stage = SpaceFactory(edition=call.edition)
            for hour, day in enumerate(days, start=11):
                proposal = ProposalFactory(call=call, state=ProposalState.CONFIRMED)
                ProposalSpeakerFactory(proposal=proposal)
                schedule_proposal(proposal=proposal, day=day, space=stage, starts=dt.time(hour))

    runs(1)
    small, _page = page_queries(url("talks:stage-list"))
    runs(5)
    large, page = page_queries(url("talks:stage-list"))
    assert page.count("(1 talk)") == 12
    assert large == small


def test_the_running_order_costs_the_same_queries_for_2_or_12_talks(client, call, page_queries):
    client.force_login(User.objects.create_superuser("org", password="x"))
    stage = SpaceFactory(edition=call.edition)
    day = call.edition.days.first()
    deck = images(20, size=(320, 180))

    def talks(count: int) -> None:
        for _ in range(count):
            placed = Session.objects.filter(space=stage).count()
            proposal = ProposalFactory(call=call, state=ProposalState.CONFIRMED)
            ProposalSpeakerFactory(proposal=proposal)
            ProposalSpeakerFactory(proposal=proposal)
            schedule_proposal(
                proposal=proposal, day=day, space=stage, starts=dt.time(10 + placed // 4, placed % 4 * 15)
            )
            if placed % 2 == 0:
                upload_slides(proposal=proposal, files=[file.open() for file in deck])

    talks(2)
    small, _page = page_queries(url("talks:stage", day_id=day.pk, space_id=stage.pk))
    talks(10)
    large, page = page_queries(url("talks:stage", day_id=day.pk, space_id=stage.pk))
    decks = json.loads(
        page.split('<script id="decks" type="application/json">', 1)[1].split("</script>", 1)[0]
    )
    assert [len(d["slides"]) for d in decks] == [20, 0] * 6
    assert large == small
