"""The floor plan, drawn as SVG from the data: halls with their stands, stages, rooms, entrances, facilities.

Coordinates are metres on the site plan; a stand's position is relative to its hall. `build_plan` makes
three queries (spaces, stands with their exhibitors, markers), whatever the number of stands.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse

from events.enums import SpaceKind
from events.models import Edition, Space

from .enums import MarkerKind
from .models import PlanMarker, Stand

MARGIN = Decimal(4)
# Short symbols drawn in the markers' circles; the legend and the text list spell them out.
MARKER_SYMBOLS = {
    MarkerKind.ENTRANCE: "→",
    MarkerKind.STAFF_ENTRANCE: "S",
    MarkerKind.TOILETS: "WC",
    MarkerKind.ACCESSIBLE_TOILETS: "♿",
    MarkerKind.FIRST_AID: "+",
    MarkerKind.INFO_DESK: "i",
}


@dataclass
class PlanStand:
    stand: Stand
    x: Decimal
    y: Decimal
    url: str = ""
    state: str = ""  # "chosen", "match", "dimmed" or ""

    @property
    def cx(self) -> Decimal:
        return self.x + self.stand.width / 2

    @property
    def cy(self) -> Decimal:
        return self.y + self.stand.height / 2

    @property
    def font_size(self) -> Decimal:
        return min(Decimal("1.6"), self.stand.width / 4, self.stand.height / 2)


@dataclass
class PlanSpace:
    space: Space

    @property
    def label_size(self) -> Decimal:
        """Big enough to read, small enough for the name to fit across the space."""
        room = Decimal(self.space.plan_width) - Decimal("1.6")
        fit = room / (Decimal(len(str(self.space.name)) or 1) * Decimal("0.62"))
        return max(Decimal("0.8"), min(Decimal("2.4"), fit)).quantize(Decimal("0.1"), rounding="ROUND_DOWN")

    @property
    def label_x(self) -> Decimal:
        return Decimal(self.space.plan_x) + Decimal("0.8")

    @property
    def label_y(self) -> Decimal:
        return Decimal(self.space.plan_y) + self.label_size + Decimal("0.6")


@dataclass
class PlanMarker_:
    marker: PlanMarker
    symbol: str


@dataclass
class Plan:
    edition: Edition
    view_box: tuple[Decimal, Decimal, Decimal, Decimal]
    halls: list[Space] = field(default_factory=list)
    spaces: list[PlanSpace] = field(default_factory=list)
    stands: list[PlanStand] = field(default_factory=list)
    markers: list[PlanMarker_] = field(default_factory=list)
    hall: Space | None = None
    chosen: PlanStand | None = None

    @property
    def view_box_text(self) -> str:
        return " ".join(format(Decimal(value).normalize(), "f") for value in self.view_box)

    @property
    def aspect_height(self) -> Decimal:
        return self.view_box[3]

    def stands_by_hall(self) -> list[tuple[Space, list[PlanStand]]]:
        return [(hall, [s for s in self.stands if s.stand.hall_id == hall.pk]) for hall in self.halls]

    def other_spaces(self) -> list[Space]:
        return [item.space for item in self.spaces if item.space.kind != SpaceKind.HALL]

    def legend(self) -> list[tuple[str, str]]:
        seen: dict[str, str] = {}
        for item in self.markers:
            seen.setdefault(item.marker.kind, item.symbol)
        return [(symbol, MarkerKind(kind).label) for kind, symbol in seen.items()]


def build_plan(
    *,
    edition: Edition,
    hall: Space | None = None,
    chosen: Stand | None = None,
    matches: Collection[int] | None = None,
) -> Plan:
    """`hall` crops the view to one hall; `chosen` highlights one stand; `matches` (stand ids) highlights
    the directory's results and dims the rest."""
    spaces = list(Space.objects.filter(edition=edition).order_by("position", "slug"))
    halls = [space for space in spaces if space.kind == SpaceKind.HALL]
    by_id = {space.pk: space for space in spaces}
    stands = []
    for stand in Stand.objects.filter(edition=edition).select_related("exhibitor").order_by("code"):
        hall_of = by_id.get(stand.hall_id)
        if hall_of is None:
            continue
        item = PlanStand(stand=stand, x=hall_of.plan_x + stand.x, y=hall_of.plan_y + stand.y)
        if stand.exhibitor_id and stand.exhibitor.is_published:
            item.url = reverse("exhibitors:exhibitor", kwargs={"slug": stand.exhibitor.slug})
        if chosen is not None and stand.pk == chosen.pk:
            item.state = "chosen"
        elif matches is not None:
            item.state = "match" if stand.pk in matches else "dimmed"
        stands.append(item)
    markers = [
        PlanMarker_(marker=marker, symbol=MARKER_SYMBOLS.get(marker.kind, "•"))
        for marker in PlanMarker.objects.filter(edition=edition)
    ]
    plan = Plan(
        edition=edition,
        view_box=view_box(spaces if hall is None else [hall], markers if hall is None else []),
        halls=halls,
        spaces=[PlanSpace(space) for space in spaces if space.plan_width and space.plan_height],
        stands=stands,
        markers=markers,
        hall=hall,
    )
    plan.chosen = next((item for item in stands if item.state == "chosen"), None)
    return plan


def view_box(spaces: list[Space], markers: list[PlanMarker_]) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    xs: list[Decimal] = []
    ys: list[Decimal] = []
    for space in spaces:
        if space.plan_width and space.plan_height:
            xs += [Decimal(space.plan_x), Decimal(space.plan_x + space.plan_width)]
            ys += [Decimal(space.plan_y), Decimal(space.plan_y + space.plan_height)]
    for item in markers:
        xs.append(item.marker.x)
        ys.append(item.marker.y)
    if not xs:
        return (Decimal(0), Decimal(0), Decimal(100), Decimal(60))
    left, top = min(xs) - MARGIN, min(ys) - MARGIN
    return (left, top, max(xs) + MARGIN - left, max(ys) + MARGIN - top)
