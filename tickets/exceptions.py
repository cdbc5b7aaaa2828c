from django.utils.translation import gettext_lazy as _


class TicketError(Exception):
    """A domain error with a machine-readable code; the message is in the user's language."""

    code = "ticket_error"
    default_message = _("This ticket operation is not possible.")

    def __init__(self, message: str | None = None, **details):
        self.details = details
        super().__init__(str(message or self.default_message))

    @property
    def message(self) -> str:
        return str(self.args[0])


class DayFull(TicketError):
    code = "day_full"
    default_message = _("This day is full.")


class WindowFull(TicketError):
    code = "window_full"
    default_message = _("This arrival time is full. Please choose another.")


class RegistrationClosed(TicketError):
    code = "registration_closed"
    default_message = _("Online registration is closed for this edition.")


class DayNotAvailable(TicketError):
    code = "day_not_available"
    default_message = _("This day is not open to the public or is already over. Please choose another.")


class NoDayChosen(TicketError):
    code = "no_day"
    default_message = _("Choose at least one day.")


class WindowRequired(TicketError):
    code = "window_required"
    default_message = _("Choose the time you will arrive.")


class TooManyPeople(TicketError):
    code = "too_many_people"
    default_message = _("You can register at most 5 companions.")


class AlreadyRegistered(TicketError):
    code = "already_registered"
    default_message = _("This email address already holds tickets for this day.")


class EmailLimitReached(TicketError):
    code = "email_limit"
    default_message = _(
        "This email address has made too many registrations for this edition. "
        "Please call us if you need help."
    )


class AlreadyWaiting(TicketError):
    code = "already_waiting"
    default_message = _("This email address is already on the waiting list for this day.")


class PlacesAvailable(TicketError):
    code = "places_available"
    default_message = _("There are places left on this day: you can register right away.")


class OfferNotOpen(TicketError):
    code = "offer_not_open"
    default_message = _("This offer has expired or was already used.")


class NotAllowed(TicketError):
    code = "not_allowed"
    default_message = _("This change is not possible.")
