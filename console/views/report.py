"""The report of an edition after the fair: a page with charts and tables, and the same as a PDF."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from core.access import staff_required
from tickets.pdf import render_pdf

from ..forms import EditionForm
from ..report import edition_report
from ..roles import REPORT_PERMISSION


@staff_required(REPORT_PERMISSION)
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    edition_form, edition = EditionForm.from_query(request.GET)
    context = {
        "edition_form": edition_form,
        "edition": edition,
        "report": edition and edition_report(edition=edition),
    }
    return render(request, "console/report.html", context)


@staff_required(REPORT_PERMISSION)
@require_GET
def report_pdf(request: HttpRequest) -> HttpResponse:
    _, edition = EditionForm.from_query(request.GET)
    if edition is None:
        raise Http404
    pdf = render_pdf(
        "console/pdf/report.html",
        {"edition": edition, "report": edition_report(edition=edition), "pdf": True},
        language=(get_language() or "fr")[:2],
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="report-{edition.slug}.pdf"'
    return response
