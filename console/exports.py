"""The console's exports: each one a table of an edition (or of one of its days), as CSV or XLSX.

Rows come from querysets read with `.iterator(chunk_size=...)`: the number of queries grows with the rows
only by one per chunk, and memory not at all (see core.tabular). Tables that other pages also download
(school bookings, check-ins) are made by their own app, so both downloads are the same file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.tabular import Table
from events.models import Day, Edition
from exhibitors.models import Exhibitor, StaffMember
from schools.exports import bookings_table
from tickets.checkin.exports import checkins_table
from tickets.enums import TicketStatus
from tickets.models import Registration, WaitingListEntry

CHUNK = 500


def registrations_table(*, edition: Edition, day: Day | None = None) -> Table:
    """One row per registration, with its valid tickets on each day of the edition (companions included)."""
    days = list(edition.days.order_by("date"))
    per_day = {
        f"day_{d.pk}": Count("tickets", filter=Q(tickets__day=d, tickets__status=TicketStatus.VALID))
        for d in days
    }
    registrations = (
        Registration.objects.active()
        .filter(edition=edition)
        .annotate(**per_day)
        .annotate(cancelled=Count("tickets", filter=Q(tickets__status=TicketStatus.CANCELLED)))
        .order_by("created_at", "pk")
    )
    if day is not None:
        registrations = registrations.filter(pk__in=day.tickets.valid().values("registration"))
    header = [
        "registration", "created_at", "name", "email", "phone", "postal_code", "language", "channel",
        "news_opt_in", "accessibility_needs",
        *(f"tickets_{d.date.isoformat()}" for d in days), "cancelled_tickets",
    ]  # fmt: skip

    def rows() -> Iterator[list]:
        for r in registrations.iterator(chunk_size=CHUNK):
            yield [
                r.public_id, r.created_at, r.name, r.email, r.phone, r.postal_code, r.language, r.channel,
                int(r.news_opt_in), r.accessibility_needs.replace("\n", " "),
                *(getattr(r, f"day_{d.pk}") for d in days), r.cancelled,
            ]  # fmt: skip

    return Table(header, rows())


def waiting_list_table(*, edition: Edition, day: Day | None = None) -> Table:
    entries = (
        WaitingListEntry.objects.filter(day__edition=edition)
        .select_related("day", "arrival_window", "registration")
        .order_by("day__date", "created_at", "pk")
    )
    if day is not None:
        entries = entries.filter(day=day)
    header = [
        "entry", "day", "joined_at", "name", "email", "language", "places", "status", "offered_at",
        "offer_expires_at", "closed_at", "registration",
    ]  # fmt: skip

    def rows() -> Iterator[list]:
        for e in entries.iterator(chunk_size=CHUNK):
            yield [
                e.public_id, e.day.date, e.created_at, e.name, e.email, e.language, e.places, e.status,
                e.offered_at, e.offer_expires_at, e.closed_at,
                e.registration.public_id if e.registration else "",
            ]  # fmt: skip

    return Table(header, rows())


def exhibitors_table(*, edition: Edition, day: Day | None = None) -> Table:
    """One row per exhibitor: its contact, its stand and its staff (name and email, one per line)."""
    exhibitors = (
        Exhibitor.objects.filter(edition=edition)
        .select_related("stand")
        .prefetch_related(Prefetch("staff", queryset=StaffMember.objects.order_by("name", "pk")))
        .order_by("name", "pk")
    )
    header = [
        "exhibitor", "stand", "published", "contact_name", "contact_email", "contact_phone",
        "contact_language", "staff_limit", "staff_count", "staff",
    ]  # fmt: skip

    def rows() -> Iterator[list]:
        for x in exhibitors.iterator(chunk_size=CHUNK):
            staff = list(x.staff.all())
            stand = getattr(x, "stand", None)
            yield [
                x.name, stand.code if stand else "", int(x.is_published), x.contact_name, x.contact_email,
                x.contact_phone, x.contact_language, x.staff_limit, len(staff),
                "\n".join(f"{s.name} <{s.email}>" if s.email else s.name for s in staff),
            ]  # fmt: skip

    return Table(header, rows())


def _school_bookings(*, edition: Edition, day: Day | None = None) -> Table:
    return bookings_table(edition=edition, day=day)


def _checkins(*, edition: Edition, day: Day | None = None) -> Table:
    return checkins_table(edition=edition, on_date=day.date if day else None)


@dataclass(frozen=True)
class Export:
    slug: str
    title: Promise
    contents: Promise
    make: Callable[..., Table]
    per_day: bool = True

    def filename(self, *, edition: Edition, day: Day | None = None) -> str:
        name = f"{self.slug}-{edition.slug}"
        return f"{name}-{day.date.isoformat()}" if day else name


EXPORTS = (
    Export(
        "registrations",
        _("Registrations"),
        _("One row per registration: contact details, channel, and tickets on each day."),
        registrations_table,
    ),
    Export(
        "waiting-list",
        _("Waiting list"),
        _("Everyone waiting or offered a place, with the state of their offer."),
        waiting_list_table,
    ),
    Export(
        "school-bookings",
        _("School bookings"),
        _("One row per workshop a class booked: school, teacher, pupils and the workshop."),
        _school_bookings,
    ),
    Export(
        "exhibitors",
        _("Exhibitors"),
        _("One row per exhibitor: contact, stand, and the staff holding a badge."),
        exhibitors_table,
        per_day=False,
    ),
    Export(
        "checkins",
        _("Check-ins"),
        _("Every scan at the gates, refused ones included."),
        _checkins,
    ),
)
EXPORTS_BY_SLUG = {export.slug: export for export in EXPORTS}
