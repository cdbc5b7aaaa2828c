import datetime as dt

from ninja import Schema

from core.api_types import LocalTime


class ArrivalWindowOut(Schema):
    id: int
    starts_at: LocalTime
    ends_at: LocalTime
    places_left: int


class DayPlacesOut(Schema):
    id: int
    date: dt.date
    opens_at: LocalTime
    closes_at: LocalTime
    public_from: LocalTime | None
    capacity: int
    places_left: int
    full: bool
    people_waiting: int
    arrival_windows: list[ArrivalWindowOut]


class RegistrationWindowOut(Schema):
    edition: str
    registration_open: bool
    registration_opens_at: dt.datetime
    registration_closes_at: dt.datetime
    days: list[DayPlacesOut]
