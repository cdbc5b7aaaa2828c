"""Page-number pagination for the API: a bounded page number, and links to the next and previous pages.

django-ninja's PageNumberPagination accepts any page >= 1; a huge one (?page=10**30) overflows the database's
OFFSET and answered 500 (found by tests/api/test_openapi.py). Beyond MAX_PAGE the answer is 422 like any
invalid parameter. Each page answers {"count", "next", "previous", "items"} (the shape pretalx's and Django
REST framework's clients follow): `next`/`previous` are absolute URLs with the same filters, null at the
ends."""

import math
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination as NinjaPageNumberPagination

MAX_PAGE = 100_000


def page_link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return f"{settings.SITE_URL}{request.path}?{query.urlencode()}"


class PageNumberPagination(NinjaPageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE)

    class Output(Schema):
        count: int = Field(description="Items on all pages.")
        next: str | None = Field(description="URL of the next page; null on the last one.")
        previous: str | None = Field(description="URL of the previous page; null on the first one.")
        items: list[Any]

    def paginate_queryset(self, queryset, pagination: Input, request: HttpRequest, **params: Any) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        last = max(1, math.ceil(page["count"] / self._get_page_size(pagination.page_size)))
        number = pagination.page
        page["next"] = page_link(request, number + 1) if number < last else None
        page["previous"] = page_link(request, min(number - 1, last)) if number > 1 else None
        return page
