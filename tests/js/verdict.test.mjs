// The scanner's verdict (static/js/scanner/verify.js, decide) on the test vectors the server's verdict
// (tickets/checkin/verdict.py) is held to by pytest: an online and an offline scan cannot disagree.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { decide, typedTicketId } from "../../static/js/scanner/verify.js";

const { cases } = JSON.parse(readFileSync(new URL("../checkin/verdict_vectors.json", import.meta.url), "utf8"));

for (const item of cases) {
  test(item.name, () => {
    const verdict = decide(item.ticket, item.presence, item.gate, item.direction, item.offline, item.today);
    assert.deepEqual({ result: verdict.result, reason: verdict.reason, conflict: verdict.conflict }, item.expect);
  });
}

const { typed_numbers: typedNumbers } = JSON.parse(
  readFileSync(new URL("../checkin/verdict_vectors.json", import.meta.url), "utf8"),
);

for (const item of typedNumbers) {
  test(`typed number ${JSON.stringify(item.text.slice(0, 30))}`, () => {
    assert.equal(typedTicketId(item.text), item.expect);
  });
}
