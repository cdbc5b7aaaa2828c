"""Booking workshops for classes: every rule lives here, called by views, admin, API and commands.

The modules import one way, each only from those before it: places (reading and locking places), rules
(the checks), group_ticket, mail, waitlist, then booking and changes (which free places to the waiting
list), draw (which first expires holds), reminders; privacy stands alone. Callers import from here.
"""

from ..links import absolute_url
from .booking import ClassData, SchoolData, book_class, confirm_booking, expire_holds, find_or_create_school
from .changes import add_slot, cancel_booked_slot, cancel_booking, change_headcount, decline_offer, swap_slot
from .draw import DrawResult, run_draw
from .mail import booking_rows
from .places import capacity_guard_enabled, places_left, pupils_taken, settings_for, slots_for_booking
from .privacy import anonymize_bookings, purge_special_needs
from .reminders import send_reminders
from .waitlist import accept_offer, offer_freed_places

__all__ = [
    "ClassData",
    "DrawResult",
    "SchoolData",
    "absolute_url",
    "accept_offer",
    "add_slot",
    "anonymize_bookings",
    "book_class",
    "booking_rows",
    "cancel_booked_slot",
    "cancel_booking",
    "capacity_guard_enabled",
    "change_headcount",
    "confirm_booking",
    "decline_offer",
    "expire_holds",
    "find_or_create_school",
    "offer_freed_places",
    "places_left",
    "pupils_taken",
    "purge_special_needs",
    "run_draw",
    "send_reminders",
    "settings_for",
    "slots_for_booking",
    "swap_slot",
]
