"""The teacher's mails: one template per event, in the booking's language, through the outbox.

The class's PDF and calendar file are attached by name only: the outbox worker renders them when it sends
the mail, after the transaction that queued it has committed and released its locks (a PDF costs tens of
milliseconds of CPU, and the booking, school, slot and day rows stay locked while a booking is written).
"""

from __future__ import annotations

from django.conf import settings

from tickets.mail import RenderedWhenSent, queue_templated_mail

from .. import documents
from ..enums import SlotStatus
from ..links import confirm_url, manage_url
from ..models import BookedSlot, ClassBooking
from .places import settings_for

# The mails that carry the class's PDF and calendar file, when the class has a place and its ticket.
WITH_DOCUMENTS = ("confirmed", "updated", "draw", "reminder")
PDF_RENDERER = documents.CLASS_PDF
ICS_RENDERER = documents.CLASS_ICS


def booking_rows(booking: ClassBooking) -> list[BookedSlot]:
    return list(
        booking.booked_slots.exclude(status=SlotStatus.CANCELLED)
        .select_related("slot__workshop", "slot__space", "slot__day")
        .order_by("slot__starts_at", "pk")
    )


def mail_booking(booking: ClassBooking, kind: str, *, dedupe_key: str | None = None, **extra) -> bool:
    """Queue the `kind` mail (templates/schools/mail/<kind>*); False if `dedupe_key` was already queued."""
    rows = booking_rows(booking)
    reserved = [r for r in rows if r.status == SlotStatus.RESERVED]
    context = {
        "booking": booking,
        "rows": rows,
        "reserved": reserved,
        "settings": settings_for(booking.edition),
        "edition": booking.edition,
        "manage_url": manage_url(booking),
        "confirm_url": confirm_url(booking),
        "organizer": settings.ORGANIZER,
        **extra,
    }
    attachments = []
    if kind in WITH_DOCUMENTS and reserved and booking.ticket_id:
        argument = str(booking.pk)
        attachments = [
            (documents.pdf_filename(booking), RenderedWhenSent(PDF_RENDERER, argument), documents.PDF_MIME),
            (documents.ics_filename(booking), RenderedWhenSent(ICS_RENDERER, argument), documents.ICS_MIME),
        ]
    queued = queue_templated_mail(
        to=booking.teacher_email,
        language=booking.language,
        template=f"schools/mail/{kind}",
        context=context,
        attachments=attachments,
        dedupe_key=dedupe_key,
    )
    return queued is not None
