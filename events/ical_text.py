"""iCalendar content lines written directly (RFC 5545): what the icalendar package does for a VEVENT's
properties, without its objects. Building and serializing 300 events through icalendar cost four fifths of
`/programme.ics`'s CPU; these functions write the same bytes (tests/events/test_ical_text.py checks them
against icalendar itself, and the feeds' tests parse the result).
"""

from __future__ import annotations

import datetime as dt

FOLD_OCTETS = 74  # a content line's octets before the line break and the next line's leading space
ESCAPED = "\\^"  # icalendar never ends a folded line on these (it would split an escape)


def escape(text: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11), escaped exactly as icalendar's vText does."""
    return (
        text.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character or an escape, as icalendar."""
    data = line.encode()
    if len(data) <= FOLD_OCTETS:
        return line
    parts = []
    start = 0
    while len(data) - start > FOLD_OCTETS:
        cut = start + FOLD_OCTETS
        while data[cut] & 0xC0 == 0x80:  # inside a character: cut before it
            cut -= 1
        last = data[cut - 1 : cut].decode("latin-1")
        if last in ESCAPED and _characters(data[start : cut - 1]) > 0:
            cut -= 1
        parts.append(data[start:cut])
        start = cut
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode()


def _characters(data: bytes) -> int:
    return sum(1 for byte in data if byte & 0xC0 != 0x80)


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def local(moment: dt.datetime, tz) -> str:
    return moment.astimezone(tz).strftime("%Y%m%dT%H%M%S")


def lines(properties: list[tuple[str, str]]) -> str:
    """`NAME(;PARAMS):value` content lines, folded, each ending with CRLF."""
    return "".join(fold(f"{name}:{value}") + "\r\n" for name, value in properties)
