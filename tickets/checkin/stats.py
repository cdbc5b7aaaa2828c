"""Figures for the organizers' dashboard: who is inside, arrivals per quarter hour per gate, tickets
against check-ins, no-shows, the waiting list, where the visitors come from. Reads only."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import Day, Edition
from tickets import models as ticket_models
from tickets.enums import Channel, Language, TicketStatus
from tickets.models import Registration, Ticket

from .communes import COMMUNES, OTHER_BRUSSELS, OUTSIDE, UNKNOWN, commune_key, commune_label
from .enums import Direction, Reason, Result
from .models import CheckIn, Gate, ScannerDevice

SLOT = dt.timedelta(minutes=15)
CHART_WIDTH = 720
CHART_HEIGHT = 260
CHART_LEFT = 44
CHART_RIGHT = 8
CHART_TOP = 12
CHART_BOTTOM = 36
GATE_COLOURS = 6
# checkin.css's .chart__bar--N colours, as SVG attributes for renderers without the stylesheet (PDF).
GATE_FILLS = ("#0b6049", "#a3125c", "#2f5ea8", "#8a4b00", "#5b3a8c", "#4a4a55")


def people_inside(*, edition: Edition, on_date: dt.date) -> int:
    """Entries minus exits of the day, by headcount (a class counts its pupils)."""
    counted = CheckIn.objects.counted().filter(gate__edition=edition, on_date=on_date)
    totals = counted.aggregate(
        entries=Sum("headcount", filter=Q(direction=Direction.IN)),
        exits=Sum("headcount", filter=Q(direction=Direction.OUT)),
    )
    return max((totals["entries"] or 0) - (totals["exits"] or 0), 0)


def people_inside_by_date(*, edition: Edition, dates: list[dt.date]) -> dict[dt.date, int]:
    """people_inside for each of `dates`, in one query: a date without a scan is left out (0 inside)."""
    if not dates:
        return {}
    rows = (
        CheckIn.objects.counted()
        .filter(gate__edition=edition, on_date__in=dates)
        .values("on_date")
        .annotate(
            entries=Sum("headcount", filter=Q(direction=Direction.IN)),
            exits=Sum("headcount", filter=Q(direction=Direction.OUT)),
        )
        .order_by()
    )
    return {row["on_date"]: max((row["entries"] or 0) - (row["exits"] or 0), 0) for row in rows}


@dataclass
class DayFigures:
    day: Day
    tickets: int
    admitted: int
    started: bool
    waiting: int | None

    @property
    def no_shows(self) -> int:
        return max(self.tickets - self.admitted, 0)

    @property
    def no_show_rate(self) -> float | None:
        if not self.started or not self.tickets:
            return None
        return self.no_shows / self.tickets

    @property
    def no_show_percent(self) -> int | None:
        rate = self.no_show_rate
        return None if rate is None else round(rate * 100)


def waiting_list_lengths(*, edition: Edition) -> dict[int, int] | None:
    """Places asked for by people waiting, per day id, if the tickets app has a waiting list (else None)."""
    entry_model = getattr(ticket_models, "WaitingListEntry", None)
    if entry_model is None:
        return None
    queryset = entry_model.objects.filter(day__edition=edition)
    in_line = getattr(queryset, "in_line", None)
    queryset = in_line() if in_line else queryset
    rows = queryset.order_by().values("day").annotate(total=Sum("places")).values_list("day", "total")
    return {day_id: total or 0 for day_id, total in rows}


def days_figures(*, edition: Edition) -> list[DayFigures]:
    """Per day: people with a valid ticket and people arrived (by headcount), in one query for all days."""
    today = timezone.localdate()
    valid = Ticket.objects.filter(day=OuterRef("pk"), status=TicketStatus.VALID)
    entered = CheckIn.objects.entries().filter(ticket=OuterRef("pk"), on_date=OuterRef(OuterRef("date")))
    arrived = Ticket.objects.filter(day=OuterRef("pk")).filter(Exists(entered))

    def headcount_of(queryset):
        total = queryset.order_by().values("day").annotate(total=Sum("headcount")).values("total")
        return Coalesce(Subquery(total[:1]), 0)

    days = edition.days.order_by("date").annotate(
        ticket_headcount=headcount_of(valid), arrived_headcount=headcount_of(arrived)
    )
    waiting = waiting_list_lengths(edition=edition)
    return [
        DayFigures(
            day=day,
            tickets=day.ticket_headcount,
            admitted=day.arrived_headcount,
            started=day.date <= today,
            waiting=None if waiting is None else waiting.get(day.pk, 0),
        )
        for day in days
    ]


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    gate_index: int
    title: str

    @property
    def fill(self) -> str:
        return GATE_FILLS[self.gate_index]


@dataclass
class ArrivalsChart:
    gates: list[Gate]
    slots: list[dt.datetime]
    counts: dict[int, list[int]]  # gate id -> people per slot
    bars: list[Bar] = field(default_factory=list)
    y_ticks: list[tuple[float, int]] = field(default_factory=list)
    x_labels: list[tuple[float, str]] = field(default_factory=list)
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    left: int = CHART_LEFT
    baseline: int = CHART_HEIGHT - CHART_BOTTOM

    @property
    def total(self) -> int:
        return sum(sum(series) for series in self.counts.values())

    @property
    def rows(self) -> list[dict]:
        """The text alternative: one row per quarter hour that saw arrivals."""
        rows = []
        for index, start in enumerate(self.slots):
            per_gate = [self.counts[gate.pk][index] for gate in self.gates]
            if sum(per_gate):
                rows.append(
                    {"start": start, "end": start + SLOT, "per_gate": per_gate, "total": sum(per_gate)}
                )
        return rows

    @property
    def legend(self) -> list[tuple[int, Gate, int]]:
        return [
            (index % GATE_COLOURS, gate, sum(self.counts[gate.pk])) for index, gate in enumerate(self.gates)
        ]


def _nice_ceiling(value: int) -> int:
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if value <= step * 4:
            return step * 4
    return value


def arrivals_chart(*, edition: Edition, day: Day) -> ArrivalsChart:
    """People arriving (first entry of the day, by headcount) per quarter hour and gate, as SVG geometry."""
    gates = list(Gate.objects.filter(edition=edition).order_by("kind", "name"))
    entries = list(
        CheckIn.objects.entries()
        .filter(gate__edition=edition, on_date=day.date)
        .filter(Q(seq=1) | Q(seq__isnull=True))
        .values_list("gate_id", "scanned_at", "headcount")
    )
    slots = _slots(day, [scanned_at for _gate, scanned_at, _n in entries])
    start = slots[0] if slots else day.starts
    counts = {gate.pk: [0] * len(slots) for gate in gates}
    for gate_id, scanned_at, headcount in entries:
        index = int((scanned_at - start) / SLOT)
        if gate_id in counts:
            counts[gate_id][index] += headcount
    chart = ArrivalsChart(gates=gates, slots=slots, counts=counts)
    peak = max((sum(counts[g.pk][i] for g in gates) for i in range(len(slots))), default=0)
    top = _nice_ceiling(max(peak, 4))
    plot_height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    plot_width = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
    slot_width = plot_width / max(len(slots), 1)
    for tick in range(5):
        value = top * tick // 4
        chart.y_ticks.append((round(chart.baseline - plot_height * value / top, 1), value))
    for index, slot_start in enumerate(slots):
        x = CHART_LEFT + index * slot_width
        local = timezone.localtime(slot_start)
        if local.minute == 0:
            chart.x_labels.append((round(x, 1), local.strftime("%H:%M")))
        stacked = 0
        for gate_index, gate in enumerate(gates):
            value = counts[gate.pk][index]
            if not value:
                continue
            height = plot_height * value / top
            y = chart.baseline - plot_height * stacked / top - height
            stacked += value
            chart.bars.append(
                Bar(
                    x=round(x + 1, 1),
                    y=round(y, 1),
                    width=round(max(slot_width - 2, 1), 1),
                    height=round(height, 1),
                    gate_index=gate_index % GATE_COLOURS,
                    title=f"{local:%H:%M} {gate.name}: {value}",
                )
            )
    return chart


def _slots(day: Day, moments: list[dt.datetime]) -> list[dt.datetime]:
    """The quarter hours from half an hour before opening to closing, stretched to early or late scans."""
    start = day.starts - dt.timedelta(minutes=30)
    end = day.ends
    if moments:
        first, last = min(moments), max(moments)
        while first < start:
            start -= SLOT
        while last >= end:
            end += SLOT
    slots = []
    cursor = start
    while cursor < end:
        slots.append(cursor)
        cursor += SLOT
    return slots


@dataclass
class Share:
    label: str
    count: int
    percent: int
    bar: int = 0  # bar length, 100 for the largest share


def _shares(counter: Counter, labels: dict[str, str], order: list[str]) -> list[Share]:
    total = sum(counter.values()) or 1
    largest = max(counter.values(), default=0) or 1
    return [
        Share(
            label=labels[key],
            count=counter[key],
            percent=round(100 * counter[key] / total),
            bar=round(100 * counter[key] / largest),
        )
        for key in order
        if counter[key]
    ]


def registrations_by_commune(*, edition: Edition) -> list[Share]:
    counter = Counter(
        commune_key(code)
        for code in Registration.objects.filter(edition=edition).values_list("postal_code", flat=True)
    )
    keys = [*sorted((key for key in counter if key in COMMUNES), key=lambda k: -counter[k])]
    keys += [OTHER_BRUSSELS, OUTSIDE, UNKNOWN]
    return _shares(counter, {key: commune_label(key) for key in counter}, keys)


def registrations_by_language(*, edition: Edition) -> list[Share]:
    counter = Counter(
        dict(
            Registration.objects.filter(edition=edition)
            .values_list("language")
            .annotate(n=Count("pk"))
            .values_list("language", "n")
        )
    )
    labels = {value: str(label) for value, label in Language.choices}
    return _shares(counter, labels, list(Language.values))


def refusals_by_reason(*, edition: Edition, on_date: dt.date) -> list[tuple[str, int]]:
    rows = (
        CheckIn.objects.filter(gate__edition=edition, on_date=on_date, result=Result.REJECTED)
        .values_list("reason")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    labels = dict(Reason.choices)
    return [(str(labels.get(reason, reason)), count) for reason, count in rows]


def conflicts(*, edition: Edition):
    return (
        CheckIn.objects.filter(gate__edition=edition, conflict=True, undone_at__isnull=True)
        .select_related(
            "ticket", "ticket__registration", "gate", "device", "first_checkin__gate", "first_checkin__device"
        )
        .order_by("-scanned_at")
    )


def gate_activity(*, edition: Edition, on_date: dt.date) -> dict[int, dict]:
    """Per gate: people in, people out, last scan."""
    rows = (
        CheckIn.objects.counted()
        .filter(gate__edition=edition, on_date=on_date)
        .values("gate_id")
        .annotate(
            entries=Sum("headcount", filter=Q(direction=Direction.IN)),
            exits=Sum("headcount", filter=Q(direction=Direction.OUT)),
        )
    )
    return {row["gate_id"]: row for row in rows}


def devices_holding_scans(*, edition: Edition) -> list[ScannerDevice]:
    """Devices of the edition's gates that last reported scans not yet uploaded, most waiting first."""
    return list(
        ScannerDevice.objects.active()
        .filter(gate__edition=edition, queue_length__gt=0)
        .select_related("gate")
        .order_by("-queue_length", "name")
    )


def registrations_by_channel(*, edition: Edition) -> list[Share]:
    """Registrations by how they were made (online, at the desk, by phone, by post)."""
    counter = Counter(
        dict(
            Registration.objects.filter(edition=edition)
            .values_list("channel")
            .annotate(n=Count("pk"))
            .values_list("channel", "n")
        )
    )
    labels = {value: str(label) for value, label in Channel.choices}
    return _shares(counter, labels, list(Channel.values))
