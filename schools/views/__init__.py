"""The schools pages: catalogue, booking, the teacher's page, the organizers' pages and CSV export."""

from .booking import book, booking_sent, confirm
from .catalogue import catalogue, catalogue_slots, places
from .common import places_text
from .exports import bookings_csv
from .manage import (
    booking_ics,
    booking_pdf,
    manage,
    manage_accept,
    manage_add,
    manage_cancel,
    manage_drop,
    manage_headcount,
    manage_swap,
)
from .organizers import attendance_leader, attendance_slot, organizer_book, organizer_overview, organizer_slot

__all__ = [
    "attendance_leader",
    "attendance_slot",
    "book",
    "booking_ics",
    "booking_pdf",
    "booking_sent",
    "bookings_csv",
    "catalogue",
    "catalogue_slots",
    "confirm",
    "manage",
    "manage_accept",
    "manage_add",
    "manage_cancel",
    "manage_drop",
    "manage_headcount",
    "manage_swap",
    "organizer_book",
    "organizer_overview",
    "organizer_slot",
    "places",
    "places_text",
]
