"""Demo gates for the demo editions: main, school and staff entrances (idempotent)."""

from __future__ import annotations

from events.models import Edition

from .models import Gate, GateKind

GATES = [
    # name, kind, visitors, school groups, exhibitor staff, walk-ins
    ("Main entrance", GateKind.MAIN, True, True, True, True),
    ("School entrance", GateKind.SCHOOL, False, True, False, False),
    ("Staff entrance", GateKind.STAFF, False, False, True, False),
]


def load_gates(edition: Edition) -> list[Gate]:
    gates = []
    for name, kind, visitor, school_group, staff, walk_in in GATES:
        gate, _created = Gate.objects.get_or_create(
            edition=edition,
            name=name,
            defaults={
                "kind": kind,
                "admits_visitor": visitor,
                "admits_school_group": school_group,
                "admits_exhibitor_staff": staff,
                "admits_walk_in": walk_in,
            },
        )
        gates.append(gate)
    return gates


def load(stdout=None) -> None:
    for edition in Edition.objects.all():
        gates = load_gates(edition)
        if stdout is not None:
            stdout.write(f"checkin: {len(gates)} gates for {edition}")
