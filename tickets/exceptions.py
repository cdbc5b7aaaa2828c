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
