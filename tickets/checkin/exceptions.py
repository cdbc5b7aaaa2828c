from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckInError(Exception):
    """A check-in operation that cannot be done; `code` is machine-readable, the message translated."""

    class Code(models.TextChoices):
        NOT_FOUND = "not_found", _("No such scan for this device.")
        UNDO_EXPIRED = "undo_expired", _("A scan can only be undone within 15 minutes.")
        NOTHING_TO_UNDO = "nothing_to_undo", _("Only an admission can be undone.")
        LATER_SCAN = "later_scan", _("This ticket was scanned again since; undo the latest scan first.")
        PAIRING_INVALID = "pairing_invalid", _("This pairing code is wrong, expired or already used.")
        DEVICE_REVOKED = "device_revoked", _("This device has been revoked.")
        BAD_DIRECTION = "bad_direction", _("The direction must be in or out.")
        NO_TICKET = "no_ticket", _("Give a ticket code or a ticket id.")
        TOO_MANY = "too_many", _("Too many items at once.")
        QUERY_TOO_SHORT = "query_too_short", _("Type at least 2 characters.")
        WRONG_EDITION = "wrong_edition", _("This belongs to another edition.")
        NOT_TODAY = "not_today", _("Walk-in visitors can only be admitted on the day itself.")
        ALREADY_DONE = "already_done", _("This visitor was already registered and admitted.")
        BUSY = "busy", _("The ticket is being scanned elsewhere at this moment. Please scan again.")

    def __init__(self, code: str, message: str | None = None, **details):
        self.code = str(code)
        self.details = details
        super().__init__(str(message or self.Code(code).label))

    @property
    def message(self) -> str:
        return str(self.args[0])
