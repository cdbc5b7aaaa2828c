import datetime as dt

from ninja import Schema


class ArrivalWindowOut(Schema):
    id: int
    starts_at: dt.time
    ends_at: dt.time
    places_left: int


class DayPlacesOut(Schema):
    id: int
    date: dt.date
    opens_at: dt.time
    closes_at: dt.time
    public_from: dt.time | None
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
