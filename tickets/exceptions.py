"""What the tickets services refuse, one class per refusal.

No API endpoint answers these today (the public tickets API only reads); `status` is the answer an endpoint
gets from the shared handler (core.errors) once it lets one through: 409 when the fair's state refuses
(full, closed, already done), 400 when the request itself is incomplete or wrong.
"""

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from core.validators import NAME_WITH_LINK_MESSAGE


class DayFull(DomainError):
    code = "day_full"
    default_message = _("This day is full.")
    status = 409


class WindowFull(DomainError):
    code = "window_full"
    default_message = _("This arrival time is full. Please choose another.")
    status = 409


class RegistrationClosed(DomainError):
    code = "registration_closed"
    default_message = _("Online registration is closed for this edition.")
    status = 409


class DayNotAvailable(DomainError):
    code = "day_not_available"
    default_message = _("This day is not open to the public or is already over. Please choose another.")
    status = 400


class NoDayChosen(DomainError):
    code = "no_day"
    default_message = _("Choose at least one day.")
    status = 400


class WindowRequired(DomainError):
    code = "window_required"
    default_message = _("Choose the time you will arrive.")
    status = 400


class TooManyPeople(DomainError):
    code = "too_many_people"
    default_message = _("You can register at most 5 companions.")
    status = 400


class AlreadyRegistered(DomainError):
    code = "already_registered"
    default_message = _("This email address already holds tickets for this day.")
    status = 409


class EmailLimitReached(DomainError):
    code = "email_limit"
    default_message = _(
        "This email address has made too many registrations for this edition. "
        "Please call us if you need help."
    )
    status = 409


class AlreadyWaiting(DomainError):
    code = "already_waiting"
    default_message = _("This email address is already on the waiting list for this day.")
    status = 409


class PlacesAvailable(DomainError):
    code = "places_available"
    default_message = _("There are places left on this day: you can register right away.")
    status = 409


class OfferNotOpen(DomainError):
    code = "offer_not_open"
    default_message = _("This offer has expired or was already used.")
    status = 409


class PersonAlreadyAdded(DomainError):
    code = "person_already_added"
    default_message = _(
        "This person was already added (the form was sent twice). The list below shows everyone; "
        "add another person from there if you need to."
    )
    status = 409


class NameWithLink(DomainError):
    code = "name_with_link"
    default_message = NAME_WITH_LINK_MESSAGE
    status = 400


class NotAllowed(DomainError):
    code = "not_allowed"
    default_message = _("This change is not possible.")
    status = 400


class NotByPost(DomainError):
    code = "not_by_post"
    default_message = _("This registration has no postal address: its tickets are not sent by post.")
    status = 400


class CapacityBelowIssued(DomainError):
    code = "capacity_below_issued"
    default_message = _("The capacity cannot be lower than the places already taken.")
    status = 409


# Every refusal of the tickets services, for a caller that handles them all alike: `except TICKET_ERRORS`.
TICKET_ERRORS = (
    DayFull,
    WindowFull,
    RegistrationClosed,
    DayNotAvailable,
    NoDayChosen,
    WindowRequired,
    TooManyPeople,
    AlreadyRegistered,
    EmailLimitReached,
    AlreadyWaiting,
    PlacesAvailable,
    OfferNotOpen,
    PersonAlreadyAdded,
    NameWithLink,
    NotAllowed,
    NotByPost,
    CapacityBelowIssued,
)


class AlreadyPending(DomainError):
    """A twin request registered the same address first: its link is the one to use."""

    code = "already_pending"
    default_message = _("This email address already has places waiting for their confirmation.")
    status = 409


class HoldLapsed(DomainError):
    code = "hold_lapsed"
    default_message = _(
        "The places held for you were released when the time to confirm ran out, and the day is now full. "
        "Join the waiting list: freed places are offered in order."
    )
    status = 409
