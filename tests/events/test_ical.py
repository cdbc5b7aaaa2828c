"""The VTIMEZONE sent with every feed: yearly rules whose DTSTART is local time before the change (RFC 5545,
3.6.5), so that Brussels' summer time starts at 02:00 CET and ends at 03:00 CEST."""

import datetime as dt

import icalendar
import pytest
from dateutil.rrule import rrulestr

from events.ical import vtimezone
from tests.events.factories import SessionFactory

pytestmark = pytest.mark.django_db


def _blocks(name: str, year: int = 2027) -> dict[str, icalendar.cal.Component]:
    component = icalendar.Calendar.from_ical(vtimezone(name, year).to_ical())
    return {block.name: block for block in component.subcomponents}


def test_brussels_summer_time_starts_at_two_and_ends_at_three():
    blocks = _blocks("Europe/Brussels")
    daylight, standard = blocks["DAYLIGHT"], blocks["STANDARD"]
    assert daylight["dtstart"].dt == dt.datetime(1970, 3, 29, 2, 0)
    assert daylight["rrule"] == {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]}
    assert (daylight["tzoffsetfrom"].td, daylight["tzoffsetto"].td) == (
        dt.timedelta(hours=1),
        dt.timedelta(hours=2),
    )
    assert str(daylight["tzname"]) == "CEST"
    assert standard["dtstart"].dt == dt.datetime(1970, 10, 25, 3, 0)
    assert standard["rrule"] == {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]}
    assert (standard["tzoffsetfrom"].td, standard["tzoffsetto"].td) == (
        dt.timedelta(hours=2),
        dt.timedelta(hours=1),
    )
    assert str(standard["tzname"]) == "CET"


def test_the_rules_give_the_real_changes_of_other_years():
    blocks = _blocks("Europe/Brussels")
    starts = rrulestr(
        blocks["DAYLIGHT"]["rrule"].to_ical().decode(), dtstart=blocks["DAYLIGHT"]["dtstart"].dt
    )
    ends = rrulestr(blocks["STANDARD"]["rrule"].to_ical().decode(), dtstart=blocks["STANDARD"]["dtstart"].dt)
    window = (dt.datetime(2026, 1, 1), dt.datetime(2029, 1, 1))
    assert starts.between(*window) == [
        dt.datetime(2026, 3, 29, 2),
        dt.datetime(2027, 3, 28, 2),
        dt.datetime(2028, 3, 26, 2),
    ]
    assert ends.between(*window) == [
        dt.datetime(2026, 10, 25, 3),
        dt.datetime(2027, 10, 31, 3),
        dt.datetime(2028, 10, 29, 3),
    ]


def test_nth_sunday_rules_and_zones_without_summer_time():
    new_york = _blocks("America/New_York")
    assert new_york["DAYLIGHT"]["rrule"]["BYDAY"] == ["2SU"]
    assert new_york["DAYLIGHT"]["dtstart"].dt == dt.datetime(1970, 3, 8, 2, 0)
    assert new_york["STANDARD"]["rrule"]["BYDAY"] == ["1SU"]
    tokyo = _blocks("Asia/Tokyo")
    assert set(tokyo) == {"STANDARD"}
    assert tokyo["STANDARD"]["tzoffsetto"].td == dt.timedelta(hours=9)


def test_a_feed_carries_the_brussels_rules(client):
    SessionFactory()
    calendar = icalendar.Calendar.from_ical(client.get("/programme.ics").content)
    (timezone,) = calendar.walk("VTIMEZONE")
    (daylight,) = timezone.walk("DAYLIGHT")
    assert daylight["dtstart"].dt.time() == dt.time(2, 0)
    assert "RDATE" not in daylight
