"""Sessions: database rules, overlap and opening-hours rules with clear messages, and in the database."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.enums import SessionStatus
from events.models import Session
from tests.events.factories import SessionFactory
from tests.factories import DayFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def _clone(session: Session, **changes) -> Session:
    values = {
        "day": session.day,
        "space": session.space,
        "kind": session.kind,
        "title_fr": "Autre séance",
        "title": "Autre séance",
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
    }
    values.update(changes)
    return Session(**values)


def test_session_ends_after_start_is_a_database_rule():
    session = SessionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(ends_at=session.starts_at)


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "concert"), ("audience", "kids"), ("language", "de"), ("status", "postponed"), ("capacity", 0)],
)
def test_session_choices_and_capacity_are_database_rules(field, value):
    session = SessionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(**{field: value})


def test_overlap_in_one_space_is_refused_with_the_clashing_title():
    first = SessionFactory(title_fr="Jumeau numérique", title="Jumeau numérique")
    second = _clone(
        first,
        starts_at=first.starts_at + dt.timedelta(minutes=30),
        ends_at=first.ends_at + dt.timedelta(minutes=30),
    )
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    message = error.value.message_dict["starts_at"][0]
    assert "« Jumeau numérique »" in message or "“Jumeau numérique”" in message
    assert "10:00" in message
    assert "11:00" in message


def test_back_to_back_sessions_and_other_spaces_are_allowed():
    first = SessionFactory()
    _clone(first, starts_at=first.ends_at, ends_at=first.ends_at + dt.timedelta(hours=1)).full_clean()
    other_space = SpaceFactory(edition=first.day.edition)
    _clone(first, space=other_space).full_clean()


def test_a_cancelled_session_frees_its_slot():
    first = SessionFactory(status=SessionStatus.CANCELLED)
    _clone(first).full_clean()


def test_session_outside_opening_hours_is_refused_with_the_hours():
    day = DayFactory(opens_at=dt.time(10), closes_at=dt.time(18))
    session = SessionFactory.build(
        day=day,
        space=SpaceFactory(edition=day.edition),
        starts_at=day.at(dt.time(17, 30)),
        ends_at=day.at(dt.time(18, 30)),
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "10:00–18:00" in error.value.message_dict["starts_at"][0]


def test_space_of_another_edition_is_refused():
    session = SessionFactory.build(day=DayFactory(), space=SpaceFactory())
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "space" in error.value.message_dict


def test_overlap_is_refused_by_the_database_too():
    first = SessionFactory()
    second = _clone(first, starts_at=first.starts_at + dt.timedelta(minutes=15))
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()  # no clean(): the database alone refuses it


def test_moving_a_session_onto_another_is_refused_by_the_database():
    first = SessionFactory()
    later = SessionFactory(
        day=first.day,
        space=first.space,
        starts_at=first.ends_at,
        ends_at=first.ends_at + dt.timedelta(hours=1),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=later.pk).update(starts_at=first.starts_at)


def test_cancelled_sessions_may_overlap_in_the_database():
    first = SessionFactory()
    _clone(first, status=SessionStatus.CANCELLED).save()
    assert Session.objects.count() == 2


@pytest.mark.parametrize(
    ("start", "end"),
    [(dt.time(9, 30), dt.time(10, 30)), (dt.time(17, 30), dt.time(18, 30))],
)
def test_opening_hours_are_enforced_by_the_database(start, end):
    day = DayFactory(opens_at=dt.time(10), closes_at=dt.time(18))
    session = SessionFactory.build(
        day=day, space=SpaceFactory(edition=day.edition), starts_at=day.at(start), ends_at=day.at(end)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()


def test_opening_hours_in_summer_time_are_enforced_by_the_database():
    """Brussels is UTC+2 in summer: 10:00 local is 08:00 UTC, and 09:30 local must still be refused."""
    day = DayFactory(edition__starts_on=dt.date(2031, 7, 4), opens_at=dt.time(10), closes_at=dt.time(18))
    ok = SessionFactory(
        day=day,
        space=SpaceFactory(edition=day.edition),
        starts_at=day.at(dt.time(10)),
        ends_at=day.at(dt.time(18)),
    )
    assert ok.pk
    early = SessionFactory.build(
        day=day,
        space=ok.space,
        starts_at=day.at(dt.time(9, 30)),
        ends_at=day.at(dt.time(9, 59)),
        status="cancelled",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        early.save()


def test_shrinking_opening_hours_cannot_leave_a_session_outside():
    session = SessionFactory()
    day = session.day
    day.opens_at = dt.time(10, 30)
    with pytest.raises(IntegrityError), transaction.atomic():
        day.save()


@pytest.mark.postgres
def test_postgres_exclusion_constraint_names_the_rule():
    first = SessionFactory()
    second = _clone(first, starts_at=first.starts_at + dt.timedelta(minutes=15))
    with pytest.raises(IntegrityError, match="session_no_overlap_in_space"), transaction.atomic():
        second.save()
