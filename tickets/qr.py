"""QR images of signed codes: alphanumeric mode, error correction M, version 7 or lower."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from django.utils.html import escape
from qrcode.util import MODE_ALPHA_NUM, QRData

MAX_VERSION = 7


def _qr(text: str, *, box_size: int = 10, border: int = 4) -> qrcode.QRCode:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=border)
    qr.add_data(QRData(text.upper(), mode=MODE_ALPHA_NUM) if text.isalnum() else text)
    qr.make(fit=True)
    return qr


def qr_version(text: str) -> int:
    return _qr(text).version


def qr_png(text: str, *, box_size: int = 10) -> bytes:
    buffer = io.BytesIO()
    _qr(text, box_size=box_size).make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def qr_svg(text: str, *, title: str = "") -> str:
    """An SVG path image (scales to any size, prints sharp); `title` names it for screen readers."""
    image = _qr(text).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    # The library names every path id="qr-path": a page (or PDF) with several codes needs unique ids.
    svg = image.to_string(encoding="unicode").replace(' id="qr-path"', "")
    if title:
        svg = svg.replace(">", f' role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>', 1)
    return svg
