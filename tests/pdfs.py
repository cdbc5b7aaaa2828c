"""Reading the PDFs we render without a PDF library: WeasyPrint compresses its objects with zlib."""

from __future__ import annotations

import contextlib
import re
import zlib


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF's object streams, inflated: enough to read its structure."""
    inflated = []
    for match in re.finditer(rb"stream\r?\n", pdf):
        end = pdf.find(b"endstream", match.end())
        with contextlib.suppress(zlib.error):
            inflated.append(zlib.decompress(pdf[match.end() : end]))
    return b"".join(inflated)


def page_count(pdf: bytes) -> int:
    """The page tree counts every page (outlines have a /Count too, so read the /Pages dictionary's)."""
    (count,) = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf_objects(pdf))
    return int(count)


# Reading text, its position and the pictures needs a PDF engine: PDFium (pypdfium2, a dev dependency).
MM_PER_POINT = 25.4 / 72


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, as a reader would extract it."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    return [page.get_textpage().get_text_range() for page in document]


def text_box_mm(pdf: bytes, text: str, *, page: int = 0) -> tuple[float, float, float, float]:
    """Where `text` is printed on `page`: (left, top, right, bottom) in mm from the page's top-left corner."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    pdf_page = document[page]
    _width, height = pdf_page.get_size()
    textpage = pdf_page.get_textpage()
    found = textpage.search(text, match_case=True).get_next()
    assert found is not None, f"{text!r} is not on page {page}"
    index, count = found
    boxes = [textpage.get_charbox(i) for i in range(index, index + count)]
    left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
    bottom, top = min(b[1] for b in boxes), max(b[3] for b in boxes)
    return (
        left * MM_PER_POINT,
        (height - top) * MM_PER_POINT,
        right * MM_PER_POINT,
        (height - bottom) * MM_PER_POINT,
    )


def page_images(pdf: bytes, *, dpi: int = 150) -> list:
    """Each page as a PIL image, as a printer would draw it."""
    import pypdfium2 as pdfium

    return [page.render(scale=dpi / 72).to_pil() for page in pdfium.PdfDocument(pdf)]
