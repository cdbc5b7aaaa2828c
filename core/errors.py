"""The one base class of domain errors, and how the API answers them.

A service refuses an action by raising a subclass of `DomainError`. Each subclass names one refusal: a
machine-readable `code` that scanners, htmx views and API clients branch on, a `default_message` in the
user's language, and the HTTP `status` the API answers with. `field` names the form field a message belongs
next to (None: the whole form); `details` carries values a caller may show (places left, a time).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Schema


class DomainError(Exception):
    code: str = "not_possible"
    default_message = _("This is not possible.")
    status: int = 400

    def __init__(
        self, message: str | None = None, *, code: str | None = None, field: str | None = None, **details
    ):
        if code:
            self.code = code
        self.field = field
        self.details = details
        super().__init__(str(message or self.default_message))

    @property
    def message(self) -> str:
        return str(self.args[0])


class ErrorOut(Schema):
    """Every error the API answers: a code to branch on and a sentence in the request's language."""

    code: str
    detail: str


def error_body(exc: DomainError) -> dict[str, str]:
    return {"code": exc.code, "detail": exc.message}


def register_api_handler(api: NinjaAPI) -> None:
    """Answer every DomainError raised by an endpoint with its status and {"code", "detail"}; a refusal that
    knows how long to wait (a rate limit's `retry_after` detail) says so in Retry-After as well."""

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        response = api.create_response(request, error_body(exc), status=exc.status)
        if retry_after := exc.details.get("retry_after"):
            response["Retry-After"] = str(retry_after)
        return response
