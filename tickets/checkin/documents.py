"""Printed documents of check-in: the paper list staff read names from when the scanners cannot be used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings

from tickets.pdf import render_pdf

if TYPE_CHECKING:
    from .services import PaperList

PDF_MIME = "application/pdf"


def paper_list_pdf(paper: PaperList, *, language: str) -> bytes:
    """A4, at most 40 people a page, black on white: name, headcount, ticket number and a box to tick."""
    return render_pdf(
        "checkin/pdf/paper_list.html",
        {"paper": paper, "organizer": settings.ORGANIZER},
        language=language,
    )


def paper_list_filename(paper: PaperList) -> str:
    gate = f"-gate-{paper.gate.pk}" if paper.gate else ""
    return f"paper-list-{paper.edition.slug}-{paper.day.date:%Y-%m-%d}{gate}.pdf"
