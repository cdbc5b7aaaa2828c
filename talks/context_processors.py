from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .services.submission import open_call


def call_for_proposals(request: HttpRequest) -> dict:
    """`open_call`: the call visitors may answer now, or None; read only by the pages that link to it."""
    return {"open_call": SimpleLazyObject(open_call)}
