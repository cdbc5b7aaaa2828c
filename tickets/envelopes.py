"""Window envelopes: where an A4 letter folded in three shows its address.

bpost and its European neighbours use the window envelopes of EN ISO 269 as DIN 5008 lays out their
letters: a DL (220 × 110 mm) or C5/6 (229 × 114 mm) envelope whose window, 90 × 45 mm, lies 20 mm from
the envelope's left edge and 15 mm from its bottom edge. The A4 sheet is folded in three (panels of 99 mm),
address panel outwards, and may slide in the envelope by the difference of their sizes: the address must
sit where every envelope shows it, whatever the slide, with a margin so no letter touches the window's edge.
"""

from __future__ import annotations

from dataclasses import dataclass

A4_WIDTH_MM = 210
A4_HEIGHT_MM = 297
FOLD_MM = 99  # A4 folded in three: the top panel faces the window

WINDOW_WIDTH_MM = 90
WINDOW_HEIGHT_MM = 45
WINDOW_LEFT_MM = 20  # from the envelope's left edge
WINDOW_BOTTOM_MM = 15  # from the envelope's bottom edge
WINDOW_MARGIN_MM = 4  # clear space kept between the address and the window's edges


@dataclass(frozen=True)
class Envelope:
    name: str
    width_mm: float
    height_mm: float

    def window_on_sheet(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) in mm from the sheet's top-left corner: the part of the folded sheet
        that shows through the window wherever the sheet sits in the envelope."""
        window_top = self.height_mm - WINDOW_BOTTOM_MM - WINDOW_HEIGHT_MM
        slide_down = self.height_mm - FOLD_MM  # the sheet may sit this much lower than the envelope's top
        slide_right = self.width_mm - A4_WIDTH_MM
        return (
            WINDOW_LEFT_MM,
            window_top,
            WINDOW_LEFT_MM + WINDOW_WIDTH_MM - slide_right,
            window_top + WINDOW_HEIGHT_MM - slide_down,
        )


DL = Envelope("DL", 220, 110)
C5_6 = Envelope("C5/6", 229, 114)
ENVELOPES = (DL, C5_6)


def address_zone() -> tuple[float, float, float, float]:
    """Where the address block goes: inside the window of every envelope, less the margin."""
    windows = [envelope.window_on_sheet() for envelope in ENVELOPES]
    return (
        max(w[0] for w in windows) + WINDOW_MARGIN_MM,
        max(w[1] for w in windows) + WINDOW_MARGIN_MM,
        min(w[2] for w in windows) - WINDOW_MARGIN_MM,
        min(w[3] for w in windows) - WINDOW_MARGIN_MM,
    )
