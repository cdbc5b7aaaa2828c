import base64

from django import template
from django.utils.safestring import mark_safe

from tickets.qr import qr_png, qr_svg

register = template.Library()


@register.simple_tag
def ticket_qr(ticket, title: str = "") -> str:
    """The ticket's QR code as inline SVG, named for screen readers."""
    return mark_safe(qr_svg(ticket.signed_code(), title=title))  # noqa: S308 (our own SVG, title escaped)


@register.filter
def chunk_code(code: str, size: int = 4) -> str:
    """The ticket id in groups of four, easier to read out on the phone."""
    return " ".join(code[i : i + size] for i in range(0, len(code), size))


@register.simple_tag
def ticket_qr_data_uri(ticket) -> str:
    """A PNG data URI of the QR code, for PDFs: WeasyPrint draws a bitmap far faster than an SVG path."""
    return "data:image/png;base64," + base64.b64encode(qr_png(ticket.signed_code(), box_size=8)).decode()
