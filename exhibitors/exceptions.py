"""The refusals of the exhibitors' services: one DomainError subclass each (code, message, API status).

The stand refusals share StandClash, so a caller that only needs "the stand cannot be saved" catches that;
the logo refusals share LogoRefused the same way.
"""

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class StandClash(DomainError):
    """The stand would overlap another one, stick out of its hall, or is already taken."""

    code = "stand_clash"
    default_message = _("This stand clashes with another one.")
    status = 409


class StandOverlap(StandClash):
    code = "stand_overlap"


class StandOutsideHall(StandClash):
    code = "stand_outside_hall"


class StandOtherEdition(StandClash):
    """The stand and its exhibitor belong to different editions."""

    code = "stand_other_edition"


class StandCodeTaken(StandClash):
    code = "stand_code_taken"


class StandTaken(StandClash):
    """The stand is allocated to another exhibitor."""

    code = "stand_taken"


class ExhibitorHasStand(StandClash):
    code = "exhibitor_has_stand"


class StandInvalid(StandClash):
    """The database refused the stand for a reason none of the other refusals names."""

    code = "stand_invalid"


class LogoRefused(DomainError):
    code = "logo_refused"
    default_message = _("This file cannot be used as a logo.")


class LogoNotAnImage(LogoRefused):
    code = "logo_not_an_image"


class LogoTooLarge(LogoRefused):
    """Too many bytes: the upload is refused before it is decoded."""

    code = "logo_too_large"


class LogoTooManyPixels(LogoRefused):
    code = "logo_too_many_pixels"


class LogoTooSmall(LogoRefused):
    code = "logo_too_small"


class StaffLimitReached(DomainError):
    code = "staff_limit_reached"
    default_message = _("You have registered as many staff members as your stand allows.")
    status = 409


class NoContactEmail(DomainError):
    code = "no_contact_email"
    default_message = _("This exhibitor has no contact email address.")
