"""The one base class of domain errors, and how the API answers every error.

A service refuses an action by raising a subclass of `DomainError`. Each subclass names one refusal: a
machine-readable `code` that scanners, htmx views and API clients branch on, a `default_message` in the
user's language, and the HTTP `status` the API answers with. `field` names the form field (or query
parameter) a message belongs next to (None: the whole form); `details` carries values a caller may show
(places left, a time).

Every error answer of the API has the one shape `ErrorOut`: {"code", "detail"}, plus "errors" (each invalid
parameter) on a 422. django-ninja's own errors (validation, authentication, 404) are answered in that shape
too, and `error_responses(...)` is how an operation documents the ones it can answer
(tests/api/test_openapi.py checks that each operation lists every status it answers).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError


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


class FieldErrorOut(Schema):
    loc: list[str | int] = Field(description='Where the invalid value is: ["query", "edition"], ["body", …].')
    msg: str
    type: str


class ErrorOut(Schema):
    """Every error the API answers: a code to branch on and a sentence; on 422, each invalid parameter."""

    code: str
    detail: str
    errors: list[FieldErrorOut] | None = Field(None, description="On 422: each invalid parameter.")


# The code of an error django-ninja or Django raises itself, by status.
HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    422: "invalid",
    429: "rate_limited",
}


def error_responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error part of an operation's `response=`: `{200: X, **error_responses(404, 422)}`."""
    return dict.fromkeys(statuses, ErrorOut)


def error_body(exc: DomainError) -> dict:
    body: dict = {"code": exc.code, "detail": exc.message}
    if exc.status == 422 and exc.field:
        body["errors"] = [{"loc": ["query", exc.field], "msg": exc.message, "type": exc.code}]
    return body


def validation_body(errors: list[dict]) -> dict:
    """django-ninja's validation errors as an ErrorOut: one sentence naming each parameter, and the list."""
    items = [
        {
            "loc": [str(part) for part in error.get("loc", [])],
            "msg": str(error.get("msg", "")),
            "type": str(error.get("type", "value_error")),
        }
        for error in errors
    ]
    named = "; ".join(f"{'.'.join(item['loc'][1:]) or 'request'}: {item['msg']}" for item in items)
    return {"code": "invalid", "detail": f"Invalid request ({named}).", "errors": items}


def invalid_query(field: str, message: str) -> ValidationError:
    """A query parameter of the right type that names nothing (an unknown slug, a day the edition has not):
    answered 422 like any parameter the schema refuses, naming the parameter."""
    return ValidationError([{"type": "value_error", "loc": ["query", field], "msg": message}])


def register_api_handler(api: NinjaAPI) -> None:
    """Answer every error in the ErrorOut shape: a DomainError with its status (and Retry-After when it knows
    the wait), django-ninja's validation errors as 422, its HttpErrors (401, 429…) and Http404 by status."""

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        response = api.create_response(request, error_body(exc), status=exc.status)
        if retry_after := exc.details.get("retry_after"):
            response["Retry-After"] = str(retry_after)
        return response

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, validation_body(exc.errors), status=422)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        body = {"code": HTTP_CODES.get(exc.status_code, "error"), "detail": str(exc)}
        return api.create_response(request, body, status=exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"code": "not_found", "detail": "Not found."}, status=404)
