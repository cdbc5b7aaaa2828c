from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class BookingError(Exception):
    """A refused booking or change. `code` is machine-readable, `field` names the form field the message
    belongs next to (None: the whole form), and the message is in the user's language."""

    code = "booking_error"
    default_message = _("This booking is not possible.")

    def __init__(self, code: str, message: str | None = None, *, field: str | None = None, **details):
        self.code = code
        self.field = field
        self.details = details
        super().__init__(str(message or self.default_message))

    @property
    def message(self) -> str:
        return str(self.args[0])


class DrawError(BookingError):
    pass
