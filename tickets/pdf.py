"""PDF documents (tickets, school schedules, staff badges) rendered from templates with WeasyPrint.

WeasyPrint writes tagged PDF/UA: real text, a structure tree, a document language and title, so a ticket
reads aloud in a screen reader and prints sharp. Templates get `qr_svg(code)` images inline.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template: str, context: dict, *, language: str) -> bytes:
    from weasyprint import HTML  # slow to import: only where a PDF is made

    with translation.override(language):
        html = render_to_string(template, {**context, "LANGUAGE_CODE": language})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
