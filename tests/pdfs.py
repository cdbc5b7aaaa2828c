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
