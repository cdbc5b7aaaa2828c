// The scanner's offline verdict (static/js/scanner/verify.js) on codes signed with a rotated-out key kept as a
// fallback, the current key and a key not listed: the same file tickets.codes.decode is held to by pytest
// (tests/tickets/test_signing_keys.py), so a key rotation cannot void tickets offline nor let forged ones in.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { offlineVerdict } from "../../static/js/scanner/verify.js";

const vectors = JSON.parse(readFileSync(new URL("../checkin/signing_vectors.json", import.meta.url), "utf8"));

for (const item of vectors.cases) {
  test(item.name, async () => {
    const verdict = await offlineVerdict(item.code, vectors.config, vectors.today, null);
    const expected = item.genuine ? { result: "admitted", reason: null } : { result: "rejected", reason: "invalid" };
    assert.deepEqual({ result: verdict.result, reason: verdict.reason }, expected);
    if (item.genuine) assert.equal(verdict.parsed.ticketId, item.ticket_id);
  });
}

test("a config with only the current key refuses a code signed with the old one", async () => {
  const [current] = vectors.config.public_keys;
  const config = { ...vectors.config, public_keys: undefined, public_key: current.key };
  const old = vectors.cases.find((item) => item.signed_by === "old");
  const verdict = await offlineVerdict(old.code, config, vectors.today, null);
  assert.deepEqual({ result: verdict.result, reason: verdict.reason }, { result: "rejected", reason: "invalid" });
});
