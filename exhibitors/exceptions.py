from django.utils.translation import gettext_lazy as _


class ExhibitorError(Exception):
    """A domain error with a machine-readable code; the message is in the user's language."""

    code = "exhibitor_error"
    default_message = _("This operation on the exhibitor is not possible.")

    def __init__(self, message: str | None = None, *, code: str | None = None, **details):
        self.details = details
        if code:
            self.code = code
        super().__init__(str(message or self.default_message))

    @property
    def message(self) -> str:
        return str(self.args[0])


class StandClash(ExhibitorError):
    """The stand would overlap another one, stick out of its hall, or is already taken."""

    code = "stand_clash"
    default_message = _("This stand clashes with another one.")


class LogoRefused(ExhibitorError):
    code = "logo_refused"
    default_message = _("This file cannot be used as a logo.")


class StaffLimitReached(ExhibitorError):
    code = "staff_limit_reached"
    default_message = _("You have registered as many staff members as your stand allows.")


class NoContactEmail(ExhibitorError):
    code = "no_contact_email"
    default_message = _("This exhibitor has no contact email address.")
