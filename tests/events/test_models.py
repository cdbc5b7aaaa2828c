import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from events.models import Day, Edition, Space, Theme
from tests.factories import DayFactory, EditionFactory, SpaceFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def rejected_by_database(action) -> bool:
    try:
        with transaction.atomic():
            action()
    except IntegrityError:
        return True
    return False


def test_edition_slug_unique_rejected_by_database():
    EditionFactory(slug="2027")
    assert rejected_by_database(lambda: EditionFactory(slug="2027"))


def test_edition_ending_before_start_rejected_by_database():
    edition = EditionFactory()
    assert rejected_by_database(
        lambda: Edition.objects.filter(pk=edition.pk).update(ends_on=edition.starts_on - dt.timedelta(days=1))
    )


def test_day_closing_before_opening_rejected_by_database():
    assert rejected_by_database(lambda: DayFactory(opens_at=dt.time(18), closes_at=dt.time(9)))


@pytest.mark.parametrize("capacity", [0])
def test_day_capacity_not_positive_rejected_by_database(capacity):
    assert rejected_by_database(lambda: DayFactory(capacity=capacity))


def test_day_outside_its_edition_rejected_by_database():
    edition = EditionFactory()
    assert rejected_by_database(
        lambda: DayFactory(edition=edition, date=edition.ends_on + dt.timedelta(days=1))
    )
    assert rejected_by_database(
        lambda: DayFactory(edition=edition, date=edition.starts_on - dt.timedelta(days=1))
    )


def test_day_moved_outside_its_edition_rejected_by_database():
    day = DayFactory()
    assert rejected_by_database(
        lambda: Day.objects.filter(pk=day.pk).update(date=day.date + dt.timedelta(days=9))
    )


def test_edition_shrunk_away_from_its_days_rejected_by_database():
    edition = EditionFactory()
    DayFactory(edition=edition, date=edition.ends_on)
    assert rejected_by_database(
        lambda: Edition.objects.filter(pk=edition.pk).update(ends_on=edition.starts_on)
    )


def test_day_inside_edition_clean_gives_readable_message():
    edition = EditionFactory()
    day = Day(
        edition=edition,
        date=edition.ends_on + dt.timedelta(days=3),
        opens_at=dt.time(9),
        closes_at=dt.time(17),
        capacity=10,
    )
    with translation.override("en"), pytest.raises(Exception, match="first and last day") as error:
        day.full_clean()
    assert "date" in error.value.message_dict


def test_day_same_date_twice_rejected_by_database():
    day = DayFactory()
    assert rejected_by_database(lambda: DayFactory(edition=day.edition, date=day.date))


def test_day_public_from_outside_opening_hours_rejected_by_database():
    assert rejected_by_database(lambda: DayFactory(public_from=dt.time(20)))


def test_day_unknown_audience_rejected_by_database():
    assert rejected_by_database(lambda: DayFactory(audience="martians"))


def test_space_capacity_not_positive_rejected_by_database():
    assert rejected_by_database(lambda: SpaceFactory(capacity=0))


def test_space_slug_unique_within_edition_rejected_by_database():
    space = SpaceFactory()
    assert rejected_by_database(lambda: SpaceFactory(edition=space.edition, slug=space.slug))
    assert SpaceFactory(slug=space.slug).slug == space.slug  # another edition may reuse it


def test_space_unknown_kind_rejected_by_database():
    assert rejected_by_database(lambda: SpaceFactory(kind="swimming-pool"))


def test_theme_slug_unique_rejected_by_database():
    ThemeFactory(slug="mobility")
    assert rejected_by_database(lambda: ThemeFactory(slug="mobility"))


def test_translated_name_falls_back_to_french_when_missing():
    theme = Theme.objects.create(slug="t", name_fr="Mobilité", name_nl="", name_en="Mobility")
    with translation.override("nl"):
        assert Theme.objects.get(pk=theme.pk).name == "Mobilité"
    with translation.override("en"):
        assert Theme.objects.get(pk=theme.pk).name == "Mobility"


def test_current_edition_is_the_next_one_not_the_past_one():
    EditionFactory(
        slug="past",
        starts_on=dt.date(2024, 3, 22),
        ends_on=dt.date(2024, 3, 23),
        registration_opens_at=dt.datetime(2023, 9, 1, tzinfo=dt.UTC),
        registration_closes_at=dt.datetime(2024, 3, 23, tzinfo=dt.UTC),
    )
    upcoming = EditionFactory(slug="upcoming")
    assert Edition.objects.current() == upcoming
    assert [e.slug for e in Edition.objects.past()] == ["past"]


def test_space_str_is_its_name():
    assert str(Space(name="Hall A")) == "Hall A"
