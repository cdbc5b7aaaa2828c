"""The report of an edition, after the fair: figures to hand on, aggregates only, never a person.

Reads only, in a number of queries that depends on the edition's days, never on how many people came.
Rehearsal tickets, registrations and scans never count: the default managers leave them out. The charts
reuse the check-in dashboard's geometry (`arrivals_chart`) and its share bars (`Share`), so the page and the
PDF draw what the dashboard draws.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from events.models import Edition
from exhibitors.models import Exhibitor, StaffMember
from schools.enums import BookingStatus
from schools.models import ClassBooking
from tickets.checkin.stats import (
    ArrivalsChart,
    DayFigures,
    Share,
    arrivals_chart,
    days_figures,
    registrations_by_channel,
    registrations_by_commune,
)
from tickets.enums import WaitingStatus
from tickets.models import WaitingListEntry


@dataclass(frozen=True)
class WaitingOutcomes:
    """Waiting-list entries of the edition: how many joined, were offered places, took them or let them go."""

    joined: int
    offered: int
    accepted: int
    expired: int
    still_waiting: int
    left: int


@dataclass(frozen=True)
class SchoolDay:
    date: object
    classes: int
    pupils: int
    adults: int


@dataclass(frozen=True)
class ExhibitorFigures:
    exhibitors: int
    with_stand: int
    staff: int


@dataclass
class EditionReport:
    edition: Edition
    days: list[DayFigures]
    arrivals: list[tuple[DayFigures, ArrivalsChart]]
    communes: list[Share]
    channels: list[Share]
    waiting: WaitingOutcomes
    schools: list[SchoolDay]
    exhibitors: ExhibitorFigures

    @property
    def tickets(self) -> int:
        return sum(day.tickets for day in self.days)

    @property
    def admitted(self) -> int:
        return sum(day.admitted for day in self.days)

    @property
    def no_show_percent(self) -> int | None:
        started = [day for day in self.days if day.started]
        booked = sum(day.tickets for day in started)
        if not booked:
            return None
        return round(100 * sum(day.no_shows for day in started) / booked)

    @property
    def classes(self) -> int:
        return sum(day.classes for day in self.schools)

    @property
    def pupils(self) -> int:
        return sum(day.pupils for day in self.schools)

    @property
    def adults(self) -> int:
        return sum(day.adults for day in self.schools)


def waiting_outcomes(*, edition: Edition) -> WaitingOutcomes:
    totals = WaitingListEntry.objects.filter(day__edition=edition).aggregate(
        joined=Count("pk"),
        offered=Count("pk", filter=Q(offered_at__isnull=False)),
        accepted=Count("pk", filter=Q(status=WaitingStatus.CLAIMED)),
        expired=Count("pk", filter=Q(status=WaitingStatus.EXPIRED)),
        still_waiting=Count("pk", filter=Q(status__in=[WaitingStatus.WAITING, WaitingStatus.OFFERED])),
        left=Count("pk", filter=Q(status=WaitingStatus.LEFT)),
    )
    return WaitingOutcomes(**totals)


def school_days(*, edition: Edition) -> list[SchoolDay]:
    """Confirmed class bookings per day: classes, pupils and accompanying adults."""
    rows = (
        ClassBooking.objects.filter(edition=edition, status=BookingStatus.CONFIRMED)
        .values("day__date")
        .annotate(classes=Count("pk"), pupils=Sum("pupils"), adults=Sum("adults"))
        .order_by("day__date")
    )
    return [
        SchoolDay(date=row["day__date"], classes=row["classes"], pupils=row["pupils"], adults=row["adults"])
        for row in rows
    ]


def exhibitor_figures(*, edition: Edition) -> ExhibitorFigures:
    totals = Exhibitor.objects.filter(edition=edition).aggregate(
        exhibitors=Count("pk"), with_stand=Count("pk", filter=Q(stand__isnull=False))
    )
    staff = StaffMember.objects.filter(exhibitor__edition=edition).count()
    return ExhibitorFigures(staff=staff, **totals)


def edition_report(*, edition: Edition) -> EditionReport:
    days = days_figures(edition=edition)
    return EditionReport(
        edition=edition,
        days=days,
        arrivals=[(figures, arrivals_chart(edition=edition, day=figures.day)) for figures in days],
        communes=registrations_by_commune(edition=edition),
        channels=registrations_by_channel(edition=edition),
        waiting=waiting_outcomes(edition=edition),
        schools=school_days(edition=edition),
        exhibitors=exhibitor_figures(edition=edition),
    )
