"""The event's home in figures: one edition's days, schools, exhibitors and the outbox. Reads only, each
figure from the owning app's own read functions where one exists, in a number of queries that grows
neither with the registrations nor with the days."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from events.models import Day, Edition
from exhibitors.models import Exhibitor, StaffMember, Stand
from schools.enums import BookingStatus
from schools.models import ClassBooking
from tickets.checkin.stats import days_figures, people_inside_by_date
from tickets.enums import MailStatus, WaitingStatus
from tickets.mail import failed_mail
from tickets.models import OutgoingMail, WaitingListEntry
from tickets.services import places_left_of_days


@dataclass
class DayRow:
    day: Day
    capacity: int
    registered: int  # people with a valid ticket (a class counts its pupils)
    left: int
    held: int  # places held by open waiting-list offers, not yet claimed
    waiting_people: int
    waiting_places: int
    open_offers: int
    inside_now: int
    checked_in: int
    classes: int = 0
    pupils: int = 0


def _waiting_by_day(edition: Edition) -> dict[int, dict]:
    rows = (
        WaitingListEntry.objects.filter(day__edition=edition)
        .order_by()
        .values("day")
        .annotate(
            people=Count("pk", filter=Q(status=WaitingStatus.WAITING)),
            places=Sum("places", filter=Q(status=WaitingStatus.WAITING)),
        )
    )
    held = (
        WaitingListEntry.objects.filter(day__edition=edition)
        .holding()
        .order_by()
        .values("day")
        .annotate(offers=Count("pk"), held=Sum("places"))
    )
    result: dict[int, dict] = {}
    for row in rows:
        result.setdefault(row["day"], {}).update(people=row["people"], places=row["places"] or 0)
    for row in held:
        result.setdefault(row["day"], {}).update(offers=row["offers"], held=row["held"] or 0)
    return result


def _classes_by_day(edition: Edition) -> dict[int, dict]:
    rows = (
        ClassBooking.objects.filter(edition=edition, status=BookingStatus.CONFIRMED)
        .order_by()
        .values("day")
        .annotate(classes=Count("pk"), pupils=Sum("pupils"))
    )
    return {row["day"]: row for row in rows}


def day_rows(edition: Edition) -> list[DayRow]:
    figures = days_figures(edition=edition)
    left = places_left_of_days([figure.day for figure in figures])
    waiting = _waiting_by_day(edition)
    classes = _classes_by_day(edition)
    started = [figure.day.date for figure in figures if figure.started]
    inside = people_inside_by_date(edition=edition, dates=started)
    rows = []
    for figure in figures:
        day = figure.day
        wait = waiting.get(day.pk, {})
        booked = classes.get(day.pk, {})
        rows.append(
            DayRow(
                day=day,
                capacity=day.capacity,
                registered=figure.tickets,
                left=left.get(day.pk, 0),
                held=wait.get("held", 0),
                waiting_people=wait.get("people", 0),
                waiting_places=wait.get("places", 0),
                open_offers=wait.get("offers", 0),
                inside_now=inside.get(day.date, 0) if figure.started else 0,
                checked_in=figure.admitted,
                classes=booked.get("classes", 0),
                pupils=booked.get("pupils") or 0,
            )
        )
    return rows


def school_figures(edition: Edition) -> dict[str, int]:
    return ClassBooking.objects.filter(edition=edition).aggregate(
        pending=Count("pk", filter=Q(status=BookingStatus.HELD)),
        confirmed=Count("pk", filter=Q(status=BookingStatus.CONFIRMED)),
    )


def exhibitor_figures(edition: Edition) -> dict[str, int]:
    counts = Exhibitor.objects.filter(edition=edition).aggregate(
        exhibitors=Count("pk"),
        incomplete=Count("pk", filter=Q(description="") | Q(logo_digest="") | Q(contact_email="")),
    )
    counts["stands"] = Stand.objects.filter(edition=edition, exhibitor__isnull=False).count()
    counts["badges"] = StaffMember.objects.filter(exhibitor__edition=edition).count()
    return counts


def outbox_figures() -> dict[str, int]:
    counts = OutgoingMail.objects.aggregate(queued=Count("pk", filter=Q(status=MailStatus.QUEUED)))
    counts["failed"] = failed_mail().count()
    return counts
