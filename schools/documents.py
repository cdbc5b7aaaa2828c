"""The class's documents: the PDF (schedule, access, one group QR ticket) and the .ics of its workshops.

Reads the models only. The mails attach them through `class_pdf_for_mail` and `class_ics_for_mail`, which
the outbox calls with the booking's id when it sends the mail, outside any transaction that locks rows.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import translation
from django.utils.text import slugify

from tickets.pdf import render_pdf
from tickets.qr import qr_svg

from .enums import SlotStatus
from .links import manage_url
from .models import ClassBooking, SchoolSettings

PDF_MIME = "application/pdf"
# The names under which the outbox finds the renderers below (registered in SchoolsConfig.ready; stored in
# queued mail, so they never change).
CLASS_PDF = "schools.documents.class_pdf_for_mail"
CLASS_ICS = "schools.documents.class_ics_for_mail"
ICS_MIME = "text/calendar"


def _slug(booking: ClassBooking) -> str:
    return slugify(f"{booking.school.name}-{booking.class_name}")[:60] or "class"


def pdf_filename(booking: ClassBooking) -> str:
    return f"printemps-numerique-{_slug(booking)}.pdf"


def ics_filename(booking: ClassBooking) -> str:
    return f"printemps-numerique-{_slug(booking)}.ics"


def reserved_rows(booking: ClassBooking):
    return list(
        booking.booked_slots.filter(status=SlotStatus.RESERVED)
        .select_related("slot__workshop", "slot__space", "slot__day")
        .order_by("slot__starts_at")
    )


def class_pdf(booking: ClassBooking) -> bytes:
    ticket = booking.ticket
    language = booking.language
    with translation.override(language):
        code = ticket.signed_code() if ticket and ticket.is_valid else ""
        title = translation.gettext("Group ticket for {n} people").format(n=booking.headcount)
        context = {
            "booking": booking,
            "rows": reserved_rows(booking),
            "ticket": ticket,
            "code": code,
            "qr": qr_svg(code, title=title) if code else "",
            "edition": booking.edition,
            "settings": SchoolSettings.objects.for_edition(booking.edition),
            "organizer": settings.ORGANIZER,
        }
        return render_pdf("schools/pdf/class_schedule.html", context, language=language)


def class_ics(booking: ClassBooking) -> bytes:
    """One VEVENT per reserved workshop; stable UIDs, SEQUENCE = the booking's revision; cancelled
    workshops stay in the file as STATUS:CANCELLED so calendars remove them."""
    from icalendar import Calendar, Event  # slow to import: only where a calendar is made

    language = booking.language
    calendar = Calendar()
    calendar.add("prodid", "-//Printemps Numérique//Schools//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    with translation.override(language):
        calendar.add("x-wr-calname", f"{booking.edition.name} – {booking.class_name}")
        rows = list(
            booking.booked_slots.filter(status__in=[SlotStatus.RESERVED, SlotStatus.CANCELLED])
            .select_related("slot__workshop", "slot__space", "slot__day")
            .order_by("slot__starts_at", "pk")
        )
        seen = set()
        for row in rows:
            if row.slot_id in seen:
                continue
            reserved = row.status == SlotStatus.RESERVED and booking.is_confirmed
            if not reserved and any(
                r.slot_id == row.slot_id and r.status == SlotStatus.RESERVED for r in rows
            ):
                continue
            seen.add(row.slot_id)
            slot = row.slot
            event = Event()
            event.add("uid", f"schools-{booking.pk}-slot-{slot.pk}@printemps-numerique.brussels")
            event.add("dtstamp", dt.datetime.now(tz=dt.UTC))
            event.add("dtstart", slot.starts)
            event.add("dtend", slot.ends)
            event.add("sequence", booking.sequence)
            event.add("summary", f"{slot.workshop.title} – {booking.class_name}")
            event.add(
                "location",
                f"{slot.space.name}, {booking.edition.venue_name}, {booking.edition.venue_address}",
            )
            event.add(
                "description",
                translation.gettext(
                    "{pupils} pupils and {adults} adults. Led by {leader}. Manage: {url}"
                ).format(
                    pupils=booking.pupils,
                    adults=booking.adults,
                    leader=slot.leader,
                    url=manage_url(booking),
                ),
            )
            event.add("status", "CONFIRMED" if reserved else "CANCELLED")
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _booking_for_mail(booking_id: str) -> ClassBooking | None:
    return (
        ClassBooking.objects.select_related("school", "day", "edition", "ticket")
        .filter(pk=int(booking_id))
        .first()
    )


def class_pdf_for_mail(booking_id: str) -> bytes | None:
    """The class's PDF as the booking is when the mail is sent; None (no attachment) once the class has
    no valid ticket or no reserved workshop left."""
    booking = _booking_for_mail(booking_id)
    if booking is None or not (booking.is_confirmed and booking.ticket and booking.ticket.is_valid):
        return None
    if not reserved_rows(booking):
        return None
    return class_pdf(booking)


def class_ics_for_mail(booking_id: str) -> bytes | None:
    """The class's calendar file as the booking is when the mail is sent."""
    booking = _booking_for_mail(booking_id)
    return class_ics(booking) if booking is not None else None
