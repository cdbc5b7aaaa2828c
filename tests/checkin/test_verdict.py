"""The server's verdict (tickets.checkin.verdict.decide) on the shared test vectors; the scanner's offline
verifier is run on the same file by `node --test tests/js/` (make test-js)."""

import json
from pathlib import Path

import pytest

from tickets.checkin.verdict import GateFacts, OfflineFacts, PresenceFacts, TicketFacts, decide

VECTORS = json.loads((Path(__file__).parent / "verdict_vectors.json").read_text())["cases"]


@pytest.mark.parametrize("case", VECTORS, ids=[case["name"] for case in VECTORS])
def test_verdict(case):
    ticket = TicketFacts(**case["ticket"]) if case["ticket"] is not None else None
    offline = OfflineFacts(**case["offline"]) if case["offline"] is not None else None
    verdict = decide(
        ticket,
        PresenceFacts(**case["presence"]),
        GateFacts(**case["gate"]),
        case["direction"],
        offline,
        today=case["today"],
    )
    answer = {"result": verdict.result, "reason": verdict.reason, "conflict": verdict.conflict}
    assert answer == case["expect"]


def test_the_vectors_cover_every_refusal_and_result():
    expected = {(case["expect"]["result"], case["expect"]["reason"]) for case in VECTORS}
    reasons = {reason for _result, reason in expected}
    assert {"not_found", "wrong_edition", "cancelled", "wrong_day", "wrong_gate", "not_inside"} <= reasons
    assert "rehearsal_closed" in reasons
    assert {"admitted", "already_checked_in", "rejected"} <= {result for result, _reason in expected}
    assert any(case["expect"]["conflict"] for case in VECTORS)
