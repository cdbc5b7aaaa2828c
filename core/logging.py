"""Request logging for production: one line per request with a request id, nothing personal.

Lines name the URL *route* ("fr/tickets/manage/<str:token>/"), never the path, so secret tokens, ticket codes
and emails in URLs stay out of the logs; a filter also masks emails and long tokens in every message and
traceback, since exception texts (an IntegrityError's detail, say) can quote them. Names a reader needs
to understand a failure stay readable: exception classes (CamelCase words, "ObjectDoesNotExist") and
constraint or table names (snake_case, "ticket_code_unique"), which random tokens and codes never look like.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
access_logger = logging.getLogger("printemps.access")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
TOKEN = re.compile(r"\b[A-Za-z0-9_-]{16,}\b")
# A word of CamelCase runs (each capital run followed by two or more small letters) or of snake_case parts:
# the shape of code names, which a random token (letters, digits, "-" and "_" mixed) almost never has.
CODE_NAME = re.compile(r"(?:[A-Z]+[a-z]{2,})+|[a-z]+(?:_[a-z0-9]+)+")


def _mask_token(match: re.Match) -> str:
    word = match.group(0)
    return word if CODE_NAME.fullmatch(word) else "[redacted]"


def redact(text: str) -> str:
    return TOKEN.sub(_mask_token, EMAIL.sub("[email]", text))


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.msg = redact(record.getMessage())
        record.args = ()
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


class RequestLogMiddleware:
    """Gives each request an id (from X-Request-ID when the proxy sets one) and logs one line for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if re.fullmatch(r"[A-Za-z0-9-]{8,64}", incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            match = request.resolver_match
            access_logger.info(
                "%s %s %s %.1fms",
                request.method,
                "/" + match.route if match else "(unmatched)",
                response.status_code,
                (time.perf_counter() - started) * 1000,
            )
            return response
        finally:
            request_id_var.reset(token)
