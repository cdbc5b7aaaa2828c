"""PDF documents (tickets, school schedules, staff badges) rendered from templates with WeasyPrint.

WeasyPrint writes tagged PDF/UA: real text, a structure tree, a document language and title, so a ticket
reads aloud in a screen reader and prints sharp. Templates get `qr_svg(code)` images inline.

Nothing a visitor types may print as an empty box: WeasyPrint (through Pango and fontconfig) draws each
character with the first installed font that has it, and a character that no font has (an emoji, on a
server without an emoji font) becomes a box. `printable` keeps only characters some installed font can
draw, trying each other one's compatibility form first (a mathematical bold "𝐀" prints as "A").
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import unicodedata
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

FONT_SUFFIXES = {".ttf", ".otf", ".ttc"}


def render_pdf(template: str, context: dict, *, language: str) -> bytes:
    from weasyprint import HTML  # slow to import: only where a PDF is made

    with translation.override(language):
        html = render_to_string(template, {**context, "LANGUAGE_CODE": language})
    return HTML(string=printable(html), base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


def font_files() -> list[str]:
    """The font files fontconfig offers (what Pango falls back through), else those under /usr/share/fonts."""
    if fc_list := shutil.which("fc-list"):
        listed = subprocess.run(  # noqa: S603 (a fixed command, no input from a request)
            [fc_list, "--format", "%{file}\n"], capture_output=True, text=True, timeout=20, check=False
        ).stdout.splitlines()
    else:
        listed = [str(path) for path in Path("/usr/share/fonts").rglob("*")]
    return sorted({path for path in listed if Path(path).suffix.lower() in FONT_SUFFIXES})


@functools.cache
def drawable_characters() -> frozenset[int]:
    """Every code point one of the installed fonts has a glyph for (read once per process)."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    covered: set[int] = set()
    for path in font_files():
        opener = TTCollection if path.lower().endswith(".ttc") else TTFont
        try:
            with opener(path, lazy=True) as font:
                for face in getattr(font, "fonts", [font]):
                    covered.update(face.getBestCmap() or {})
        except (TTLibError, OSError, KeyError, AssertionError):
            continue  # a font fontTools cannot read is one Pango may not use either
    return frozenset(covered)


def printable(text: str) -> str:
    """`text` without the characters no installed font can draw. Without any readable font (fontconfig
    missing), the text is left as it is rather than emptied."""
    covered = drawable_characters()
    if not covered:
        return text
    kept = []
    for char in unicodedata.normalize("NFC", text):
        if ord(char) < 128 or ord(char) in covered:
            kept.append(char)
            continue
        compatible = unicodedata.normalize("NFKC", char)
        if compatible != char and all(ord(c) < 128 or ord(c) in covered for c in compatible):
            kept.append(compatible)
    return "".join(kept)
