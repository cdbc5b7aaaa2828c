"""The class's group ticket, kept in step with its booking."""

from __future__ import annotations

from tickets.enums import TicketKind, TicketStatus
from tickets.exceptions import DayFull
from tickets.services import cancel_ticket, issue_ticket

from ..enums import SlotStatus
from ..exceptions import VenueFull
from ..models import ClassBooking


def sync_ticket(booking: ClassBooking) -> None:
    """One valid school-group ticket while the class has a confirmed place; its headcount is pupils plus
    adults. The headcount is inside the signed code, so a change means cancel and reissue. Issuing takes
    the places on the day (locking its row until the transaction ends); raises VenueFull if they lack."""
    wanted = booking.is_confirmed and booking.booked_slots.filter(status=SlotStatus.RESERVED).exists()
    ticket = booking.ticket
    if ticket is not None and ticket.status == TicketStatus.VALID:
        if wanted and ticket.headcount == booking.headcount and ticket.day_id == booking.day_id:
            return
        cancel_ticket(ticket=ticket)
    if not wanted:
        return
    try:
        booking.ticket = issue_ticket(
            edition=booking.edition,
            kind=TicketKind.SCHOOL_GROUP,
            day=booking.day,
            headcount=booking.headcount,
            holder_name=f"{booking.school.name} – {booking.class_name}"[:120],
        )
    except DayFull as error:
        raise VenueFull() from error
    booking.save(update_fields=["ticket"])
