"""Slides made in the test: images of a given size, and real PDFs of a given number of pages (WeasyPrint)."""

import functools
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_file(name: str, size=(1600, 900), fmt="PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def images(count: int, size=(1600, 900)) -> list[SimpleUploadedFile]:
    return [image_file(f"slide-{n:02d}.png", size) for n in range(1, count + 1)]


@functools.cache
def pdf_bytes(pages: int) -> bytes:
    from weasyprint import HTML

    body = "".join(
        f'<section style="page-break-after: always"><h1>Slide {n}</h1></section>' for n in range(1, pages + 1)
    )
    html = f"<style>@page {{ size: 320mm 180mm; margin: 10mm }}</style>{body}"
    return HTML(string=html).write_pdf()


def pdf_file(pages: int) -> SimpleUploadedFile:
    return SimpleUploadedFile("deck.pdf", pdf_bytes(pages), content_type="application/pdf")
