"""The exports page (each export of an edition, whole or per day, as CSV or XLSX) and the downloads."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.access import staff_required
from core.tabular import FORMATS, table_response

from ..exports import EXPORTS, EXPORTS_BY_SLUG
from ..forms import EditionForm, ExportScopeForm
from ..roles import EXPORT_PERMISSION


@staff_required(EXPORT_PERMISSION)
@require_GET
def exports(request: HttpRequest) -> HttpResponse:
    edition_form, edition = EditionForm.from_query(request.GET)
    days = list(edition.days.order_by("date")) if edition else []
    return render(
        request,
        "console/exports.html",
        {
            "edition_form": edition_form,
            "edition": edition,
            "days": days,
            "exports": EXPORTS,
            "formats": FORMATS,
        },
    )


@staff_required(EXPORT_PERMISSION)
@require_GET
def download(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    export = EXPORTS_BY_SLUG.get(slug)
    scope = ExportScopeForm(request.GET)
    if export is None or file_format not in FORMATS or not scope.is_valid():
        raise Http404
    edition, day = scope.cleaned_data["edition"], scope.cleaned_data["day"]
    if day is not None and not export.per_day:
        raise Http404
    return table_response(
        export.make(edition=edition, day=day),
        filename=export.filename(edition=edition, day=day),
        file_format=file_format,
    )
