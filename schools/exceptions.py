"""Why a class booking, a change to it or the draw is refused: one DomainError subclass per refusal.

A refusal whose sentence names slots, counts or dates gets that sentence from the service that raises it
(its default message is then only a fallback);
`field` (given where raised) names the booking form's field the message belongs next to.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError

# --- the booking window and the class ------------------------------------------------------------------


class NotOpenYet(DomainError):
    code = "not_open_yet"
    default_message = _("This booking is not possible.")
    status = 403


class AfterDeadline(DomainError):
    code = "after_deadline"
    default_message = _("This booking is not possible.")
    status = 403


class NoSlotChosen(DomainError):
    code = "no_slot"
    default_message = _("Choose at least one workshop.")


class BadLevel(DomainError):
    code = "bad_level"
    default_message = _("Choose the class's level.")


class ZeroPupils(DomainError):
    code = "zero_pupils"
    default_message = _("Enter the number of pupils: at least 1.")


class TooFewAdults(DomainError):
    code = "too_few_adults"
    default_message = _("This booking is not possible.")


# --- the slots chosen ----------------------------------------------------------------------------------


class SlotClosed(DomainError):
    code = "slot_closed"
    default_message = _("This workshop slot is closed for booking.")
    status = 409


class LevelUnsuitable(DomainError):
    code = "level_unsuitable"
    default_message = _("This booking is not possible.")


class OtherDay(DomainError):
    code = "other_day"
    default_message = _("All the workshops of one booking must be on the same day.")


class SlotPast(DomainError):
    code = "slot_past"
    default_message = _("This workshop has already taken place.")
    status = 409


class TooManyPupils(DomainError):
    code = "too_many_pupils"
    default_message = _("This booking is not possible.")


class DuplicateSlot(DomainError):
    code = "duplicate_slot"
    default_message = _("You chose the same workshop twice.")


class SameWorkshopTwice(DomainError):
    code = "same_workshop_twice"
    default_message = _("A class attends each workshop once: choose another workshop.")


class SameSlot(DomainError):
    code = "same_slot"
    default_message = _("Choose a different slot.")


class Overlap(DomainError):
    code = "overlap"
    default_message = _("This booking is not possible.")


class WaitlistOneSlot(DomainError):
    code = "waitlist_one_slot"
    default_message = _("Join one waiting list at a time.")


# --- places --------------------------------------------------------------------------------------------


class SlotFull(DomainError):
    code = "slot_full"
    default_message = _("Full: waiting list")
    status = 409


class NotEnoughPlaces(DomainError):
    code = "not_enough_places"
    default_message = _("This booking is not possible.")
    status = 409


class NotFull(DomainError):
    code = "not_full"
    default_message = _("This slot still has places: book it instead of waiting.")
    status = 409


class PendingFromAddress(DomainError):
    code = "pending_from_address"
    default_message = _(
        "A booking made from this connection is still waiting for its confirmation. Confirm it with the link "
        "in the mail we sent, or wait until it lapses, then book again."
    )
    status = 429


class PendingForEmail(DomainError):
    code = "pending_for_email"
    default_message = _(
        "Bookings for this email address are still waiting for their confirmation. Confirm them with the "
        "links in the mails we sent, or wait until they lapse, then book again."
    )
    status = 429


class SchoolCap(DomainError):
    code = "school_cap"
    default_message = _("This booking is not possible.")
    status = 409


class VenueFull(DomainError):
    code = "day_full"
    default_message = _("The venue is full on this day: we cannot admit this group. Please call us.")
    status = 409


# --- the booking's state -------------------------------------------------------------------------------


class HoldLost(DomainError):
    """The places held for a booking not confirmed in time were taken meanwhile (never shown: the
    confirmation turns it into HoldExpired)."""

    code = "hold_lost"
    default_message = _("This booking is not possible.")
    status = 409


class HoldExpired(DomainError):
    code = "hold_expired"
    default_message = _(
        "This booking was not confirmed in time and its places were released. Please book again."
    )
    status = 409


class BookingCancelled(DomainError):
    code = "cancelled"
    default_message = _("This booking was cancelled.")
    status = 409


class NotActive(DomainError):
    code = "not_active"
    default_message = _("This booking is no longer active.")
    status = 409


class OfferExpired(DomainError):
    code = "offer_expired"
    default_message = _("This offer has expired. The place went to the next class on the list.")
    status = 409


class EditionNotOver(DomainError):
    code = "not_over"
    default_message = _("The edition is not over yet.")
    status = 409


# --- the draw ------------------------------------------------------------------------------------------


class NotDraw(DomainError):
    code = "not_draw"
    default_message = _("This edition gives places first come, first served: there is no draw.")
    status = 409


class AlreadyDrawn(DomainError):
    code = "already_drawn"
    default_message = _("The draw already ran. Its seed is recorded in the settings.")
    status = 409


class TooEarlyToDraw(DomainError):
    code = "too_early"
    default_message = _("The draw runs after the booking deadline.")
    status = 409
