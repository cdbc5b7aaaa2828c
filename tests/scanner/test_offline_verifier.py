"""The scanner's own verifier (static/js/scanner/verify.js), run by Node on codes signed by the server, gives
the verdict the server would: same signature check, same order of refusals, same days mask arithmetic."""

import base64
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import DayFactory, EditionFactory, RegistrationFactory, TicketFactory
from tickets import codes
from tickets.services import cancel_ticket

pytestmark = pytest.mark.django_db

NODE = shutil.which("node")
VERIFY = Path(settings.BASE_DIR) / "static" / "js" / "scanner" / "verify.js"
RUNNER = """
import { offlineVerdict, parseCode, base32Encode, base32Decode } from %(module)s;
const { cases, config } = JSON.parse(process.argv[2]);
const out = {};
for (const [name, item] of Object.entries(cases)) {
  const verdict = await offlineVerdict(item.code, config, item.today, null, item.direction || "in");
  out[name] = [verdict.result, verdict.reason, verdict.ticket ? verdict.ticket.id : null];
}
const parsed = parseCode(cases.visitor.code);
out.parsed = [parsed.editionId, parsed.daysMask, parsed.kind, parsed.headcount];
out.roundTrip = base32Encode(base32Decode("ABCDEFGHIJKLMNOP")) === "ABCDEFGHIJKLMNOP";
console.log(JSON.stringify(out));
"""


def run_verifier(cases: dict, config: dict, tmp_path: Path) -> dict:
    script = tmp_path / "run.mjs"
    script.write_text(RUNNER % {"module": json.dumps(VERIFY.as_uri())})
    completed = subprocess.run(
        [NODE, str(script), json.dumps({"cases": cases, "config": config})],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


@pytest.mark.skipif(NODE is None, reason="node not found: the offline verifier test needs Node.js")
def test_offline_verdicts_match_the_server(tmp_path):
    edition = EditionFactory()
    first, second = (
        DayFactory(edition=edition, date=edition.starts_on),
        DayFactory(edition=edition, date=edition.ends_on),
    )
    other_edition = EditionFactory()
    other_day = DayFactory(edition=other_edition, date=other_edition.starts_on)
    visitor = TicketFactory(day=first, holder_name="Amélie Dupont")
    saturday = TicketFactory(day=second)
    group = TicketFactory(
        day=first, kind="school_group", headcount=24, registration=RegistrationFactory(edition=edition)
    )
    badge = TicketFactory(
        day=None, edition=edition, kind="exhibitor_staff", registration=None, holder_name="Stand A"
    )
    cancelled = TicketFactory(day=first)
    cancel_ticket(ticket=cancelled)
    elsewhere = TicketFactory(day=other_day)
    genuine = visitor.signed_code()
    # Flip one bit of the ticket id inside the signed body: the signature no longer matches.
    raw = bytearray(base64.b32decode(genuine + "=" * (-len(genuine) % 8)))
    raw[3] ^= 0x01
    altered = base64.b32encode(bytes(raw)).decode().rstrip("=")
    day_one, day_two = first.date.isoformat(), second.date.isoformat()
    cases = {
        "visitor": {"code": genuine, "today": day_one},
        "visitor lowercase with spaces": {
            "code": " " + genuine.lower()[:40] + " " + genuine.lower()[40:],
            "today": day_one,
        },
        "visitor next day": {"code": genuine, "today": day_two},
        "visitor day before": {"code": genuine, "today": (first.date - dt.timedelta(days=1)).isoformat()},
        "saturday on saturday": {"code": saturday.signed_code(), "today": day_two},
        "group": {"code": group.signed_code(), "today": day_one},
        "group at a gate for visitors only": {
            "code": group.signed_code(),
            "today": day_one,
            "gate": "visitors",
        },
        "group leaving there": {
            "code": group.signed_code(),
            "today": day_one,
            "gate": "visitors",
            "direction": "out",
        },
        "badge day two": {"code": badge.signed_code(), "today": day_two},
        "cancelled": {"code": cancelled.signed_code(), "today": day_one},
        "other edition": {"code": elsewhere.signed_code(), "today": day_one},
        "altered": {"code": altered, "today": day_one},
        "truncated": {"code": genuine[:-1], "today": day_one},
        "garbage": {"code": "HELLO-WORLD", "today": day_one},
    }
    config = {
        "edition_id": edition.pk,
        "first_day": edition.starts_on.isoformat(),
        "public_key": codes.public_key_base64(),
        "revoked": [cancelled.public_id],
        "gate": {"admits": ["visitor", "school_group", "exhibitor_staff", "walk_in"]},
    }
    visitors_only = {**config, "gate": {"admits": ["visitor", "walk_in"]}}
    results = {}
    for gate_name, gate_config in (("all", config), ("visitors", visitors_only)):
        subset = {name: case for name, case in cases.items() if case.get("gate", "all") == gate_name}
        subset.setdefault("visitor", cases["visitor"])
        results.update(run_verifier(subset, gate_config, tmp_path))

    assert results["parsed"] == [edition.pk, 1, "visitor", 1]
    assert results["roundTrip"] is True
    verdicts = {name: value for name, value in results.items() if name in cases}
    assert verdicts == {
        "visitor": ["admitted", None, visitor.public_id],
        "visitor lowercase with spaces": ["admitted", None, visitor.public_id],
        "visitor next day": ["rejected", "wrong_day", visitor.public_id],
        "visitor day before": ["rejected", "wrong_day", visitor.public_id],
        "saturday on saturday": ["admitted", None, saturday.public_id],
        "group": ["admitted", None, group.public_id],
        "group at a gate for visitors only": ["rejected", "wrong_gate", group.public_id],
        "group leaving there": ["admitted", None, group.public_id],
        "badge day two": ["admitted", None, badge.public_id],
        "cancelled": ["rejected", "cancelled", cancelled.public_id],
        "other edition": ["rejected", "wrong_edition", elsewhere.public_id],
        "altered": ["rejected", "invalid", None],
        "truncated": ["rejected", "invalid", None],
        "garbage": ["rejected", "invalid", None],
    }


@pytest.mark.skipif(NODE is None, reason="node not found: the offline verifier test needs Node.js")
def test_offline_verifier_admits_open_rehearsal_tickets_any_day_and_refuses_closed_ones(tmp_path):
    from tickets.checkin.services.rehearsal import issue_rehearsal_tickets, open_rehearsal
    from tickets.models import Ticket

    edition = EditionFactory()
    rehearsal = open_rehearsal(edition=edition)
    registration = issue_rehearsal_tickets(rehearsal=rehearsal, names=["Anna Test"], language="fr")
    code = Ticket.with_rehearsals.get(registration=registration).signed_code()
    weeks_before = (edition.starts_on - dt.timedelta(days=30)).isoformat()
    cases = {"visitor": {"code": code, "today": weeks_before}}
    config = {
        "edition_id": edition.pk,
        "first_day": edition.starts_on.isoformat(),
        "public_key": codes.public_key_base64(),
        "revoked": [],
        "gate": {"admits": ["exhibitor_staff"]},
    }
    opened = run_verifier(cases, {**config, "rehearsal": {"tag": rehearsal.tag}}, tmp_path)
    assert opened["visitor"][:2] == ["admitted", None]
    closed = run_verifier(cases, {**config, "rehearsal": None}, tmp_path)
    assert closed["visitor"][:2] == ["rejected", "rehearsal_closed"]
    other = run_verifier(cases, {**config, "rehearsal": {"tag": rehearsal.tag + 1}}, tmp_path)
    assert other["visitor"][:2] == ["rejected", "rehearsal_closed"]
