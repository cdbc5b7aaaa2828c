"""Page-number pagination for the API with a bounded page number.

django-ninja's PageNumberPagination accepts any page >= 1; a huge one (?page=10**30) overflows the database's
OFFSET and answered 500 (found by tests/api/test_openapi.py). Beyond MAX_PAGE the answer is 422 like any
invalid parameter."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination as NinjaPageNumberPagination

MAX_PAGE = 100_000


class PageNumberPagination(NinjaPageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE)
