"""The refusals of check-in operations, one class each. The codes are a contract: the scanner's JavaScript
(static/js/scanner/) branches on them, and the API answers them with their status (core.errors)."""

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class ScanNotFound(DomainError):
    code = "not_found"
    default_message = _("No such scan for this device.")
    status = 404


class UndoExpired(DomainError):
    code = "undo_expired"
    default_message = _("A scan can only be undone within 15 minutes.")
    status = 409


class NothingToUndo(DomainError):
    code = "nothing_to_undo"
    default_message = _("Only an admission can be undone.")
    status = 409


class LaterScan(DomainError):
    code = "later_scan"
    default_message = _("This ticket was scanned again since; undo the latest scan first.")
    status = 409


class PairingInvalid(DomainError):
    code = "pairing_invalid"
    default_message = _("This pairing code is wrong, expired or already used.")


class DeviceRevoked(DomainError):
    code = "device_revoked"
    default_message = _("This device has been revoked.")


class BadDirection(DomainError):
    code = "bad_direction"
    default_message = _("The direction must be in or out.")


class NoTicket(DomainError):
    code = "no_ticket"
    default_message = _("Give a ticket code or a ticket id.")


class TooMany(DomainError):
    code = "too_many"
    default_message = _("Too many items at once.")


class QueryTooShort(DomainError):
    code = "query_too_short"
    default_message = _("Type at least 2 characters.")


class SearchRateLimited(DomainError):
    code = "search_rate_limited"
    default_message = _(
        "Too many searches from this scanner: wait a minute and search again, or scan the ticket's QR code."
    )
    status = 429


class WrongEdition(DomainError):
    code = "wrong_edition"
    default_message = _("This belongs to another edition.")


class NotToday(DomainError):
    code = "not_today"
    default_message = _("Walk-in visitors can only be admitted on the day itself.")


class AlreadyDone(DomainError):
    code = "already_done"
    default_message = _("This visitor was already registered and admitted.")


class Busy(DomainError):
    code = "busy"
    default_message = _("The ticket is being scanned elsewhere at this moment. Please scan again.")
    status = 409


class RehearsalAlreadyOpen(DomainError):
    code = "rehearsal_open"
    default_message = _("A rehearsal is already open for this edition: close it first.")
    status = 409


class RehearsalClosed(DomainError):
    code = "rehearsal_closed"
    default_message = _("This rehearsal is closed: open a new one to issue tickets.")
    status = 409


class PaperTimeInFuture(DomainError):
    code = "paper_time_in_future"
    default_message = _("The time is later than now: enter the time the people were let in.")
