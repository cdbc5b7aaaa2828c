"""Why a request about the programme is refused: one DomainError subclass per refusal."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class UnknownEdition(DomainError):
    """An edition named (by its slug) that is not published: the same answer on every API endpoint."""

    code = "unknown_edition"
    default_message = _("There is no published edition with this name.")
    status = 422


class NoEdition(DomainError):
    """No edition named and none published yet."""

    code = "no_edition"
    default_message = _("No edition is published yet.")
    status = 404
