import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from events.enums import ChangeKind
from events.models import SessionChange
from talks.enums import ProposalFormat, ProposalState
from talks.exceptions import ScheduleClash
from talks.services.scheduling import schedule_proposal
from tests.factories import SpaceFactory
from tests.talks.factories import ProposalFactory, ProposalSpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stage(call):
    return SpaceFactory(edition=call.edition, name="Main stage")


def confirmed(call, name="Ada Martin", **kwargs):
    proposal = ProposalFactory(call=call, state=ProposalState.CONFIRMED, **kwargs)
    ProposalSpeakerFactory(proposal=proposal, name=name)
    return proposal


def test_placing_a_confirmed_talk_makes_a_programme_session_with_its_speakers(call, stage):
    proposal = confirmed(call)
    day = call.edition.days.first()
    session = schedule_proposal(proposal=proposal, day=day, space=stage, starts=dt.time(11))
    proposal.refresh_from_db()
    assert proposal.session == session
    assert (session.title, session.kind, session.duration) == (
        proposal.title,
        ProposalFormat.PECHA_KUCHA,
        dt.timedelta(minutes=10),
    )
    assert [s.name for s in session.speakers.all()] == ["Ada Martin"]


def test_a_double_booked_space_is_refused_with_the_reason(call, stage):
    day = call.edition.days.first()
    schedule_proposal(proposal=confirmed(call, "Ada"), day=day, space=stage, starts=dt.time(11))
    with translation.override("en"), pytest.raises(ScheduleClash, match="already taken"):
        schedule_proposal(proposal=confirmed(call, "Bert"), day=day, space=stage, starts=dt.time(11, 5))


def test_a_speaker_cannot_be_in_two_places(call, stage):
    other_stage = SpaceFactory(edition=call.edition)
    day = call.edition.days.first()
    schedule_proposal(proposal=confirmed(call, "Ada"), day=day, space=stage, starts=dt.time(11))
    second = confirmed(call, "Ada")
    with translation.override("en"), pytest.raises(ScheduleClash, match="cannot be in two places"):
        schedule_proposal(proposal=second, day=day, space=other_stage, starts=dt.time(11, 5))
    second.refresh_from_db()
    assert second.session is None


def test_each_move_is_in_the_change_log(call, stage):
    proposal = confirmed(call)
    day = call.edition.days.first()
    session = schedule_proposal(proposal=proposal, day=day, space=stage, starts=dt.time(11))
    schedule_proposal(proposal=proposal, day=day, space=stage, starts=dt.time(14))
    assert list(SessionChange.objects.filter(session=session).values_list("kind", flat=True)) == [
        ChangeKind.RESCHEDULED
    ]


def test_grid_page_places_by_htmx_and_explains_a_clash(client, call, stage):
    client.force_login(User.objects.create_superuser("org", password="x"))
    first, second = confirmed(call, "Ada"), confirmed(call, "Bert")
    day = call.edition.days.first()
    with translation.override("en"):
        grid = reverse("talks:schedule")
        place = [reverse("talks:place", kwargs={"public_id": p.public_id}) for p in (first, second)]
    data = {"day": day.pk, "space": stage.pk, "starts": "11:00"}
    response = client.post(
        place[0], {f"{first.public_id}-{k}": v for k, v in data.items()}, HTTP_HX_REQUEST="true"
    )
    assert "is placed" in response.content.decode()
    assert "<html" not in response.content.decode()
    response = client.post(
        place[1], {f"{second.public_id}-{k}": v for k, v in data.items()}, HTTP_HX_REQUEST="true"
    )
    assert "already taken" in response.content.decode()
    second.refresh_from_db()
    assert second.session is None
    assert client.get(grid).status_code == 200


def test_the_schedule_costs_the_same_queries_for_2_or_12_talks(client, call, stage, page_queries):
    client.force_login(User.objects.create_superuser("org", password="x"))
    SpaceFactory(edition=call.edition, name="Workshop room", kind="workshop_room")
    day = call.edition.days.first()

    def talks(count: int, first_hour: int) -> None:
        for index in range(count):
            proposal = confirmed(call, f"Speaker {first_hour + index}")
            if index % 2 == 0:  # half of them placed already
                starts = dt.time(first_hour + index // 2)
                schedule_proposal(proposal=proposal, day=day, space=stage, starts=starts)

    talks(2, 10)
    with translation.override("en"):
        grid = reverse("talks:schedule")
    small, _page = page_queries(grid)
    talks(10, 11)
    large, page = page_queries(grid)
    assert page.count("Move this talk") == 6
    assert page.count("Place this talk") == 6
    assert large == small
