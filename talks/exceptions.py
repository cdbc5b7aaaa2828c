"""The refusals of the talks services: one DomainError subclass each (code, message, API status)."""

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class CallClosed(DomainError):
    code = "call_closed"
    default_message = _(
        "The call for proposals is closed: proposals can no longer be sent or changed. "
        "Write to the organizers if you have a question."
    )
    status = 409


class ProposalLocked(DomainError):
    code = "proposal_locked"
    default_message = _("This proposal can no longer be changed: the organizers have already decided on it.")
    status = 409


class AlreadyReviewed(DomainError):
    code = "already_reviewed"
    default_message = _("You have already reviewed this proposal.")
    status = 409


class AlreadyDecided(DomainError):
    code = "already_decided"
    default_message = _("This proposal has already been decided: no second mail was sent.")
    status = 409


class NotConfirmable(DomainError):
    code = "not_confirmable"
    default_message = _("Only an accepted proposal can be confirmed or declined.")
    status = 409


class ScheduleClash(DomainError):
    code = "schedule_clash"
    default_message = _("This slot is not free.")
    status = 409


class SlidesRefused(DomainError):
    code = "slides_refused"
    default_message = _("These slides cannot be used.")
    status = 400
