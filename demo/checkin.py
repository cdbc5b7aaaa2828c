"""Demo gates for the demo editions: the main, school and staff entrances (idempotent)."""

from __future__ import annotations

from events.models import Edition
from tickets.checkin.enums import GateKind
from tickets.checkin.models import Gate

GATES = [
    # name (bilingual, as signposted in Brussels), kind, visitors, school groups, exhibitor staff, walk-ins
    ("Entrée principale – Hoofdingang", GateKind.MAIN, True, True, True, True),
    ("Entrée des écoles – Scholeningang", GateKind.SCHOOL, False, True, False, False),
    ("Entrée du personnel – Personeelsingang", GateKind.STAFF, False, False, True, False),
]


# The first demo named the gates in English only; a database loaded then gets the bilingual names.
FORMER_NAMES = {"Main entrance": GATES[0][0], "School entrance": GATES[1][0], "Staff entrance": GATES[2][0]}


def load_gates(edition: Edition) -> list[Gate]:
    for former, name in FORMER_NAMES.items():
        if not Gate.objects.filter(edition=edition, name=name).exists():
            Gate.objects.filter(edition=edition, name=former).update(name=name)
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
