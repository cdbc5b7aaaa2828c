// Offline verification of a ticket code, mirroring tickets/codes.py:
//   base32 (no padding) of 18 bytes | 64-byte Ed25519 signature; the 18 bytes, big-endian:
//   version (1) | ticket id (10) | edition (2) | days mask (2) | kind (1) | headcount (2)
// Bit i of the days mask means "valid on the edition's first day + i days".
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BODY_BYTES = 18;
const SIGNATURE_BYTES = 64;
const CODE_LENGTH = Math.ceil(((BODY_BYTES + SIGNATURE_BYTES) * 8) / 5);
const VERSION = 1;
const KINDS = { 1: "visitor", 2: "school_group", 3: "exhibitor_staff", 4: "walk_in" };
// A rehearsal ticket's code sets this bit of the kind byte and carries its rehearsal's tag in place of the days
// mask (tickets/codes.py REHEARSAL_FLAG): valid on any day at every gate while the config names that rehearsal.
const REHEARSAL_FLAG = 0x80;

export function base32Decode(text) {
  const bytes = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) return null;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
    buffer &= (1 << bits) - 1;
  }
  return new Uint8Array(bytes);
}

export function base32Encode(bytes) {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

export function cleanCode(text) {
  return String(text || "").replace(/\s+/g, "").toUpperCase();
}

// The ticket id a person typed (the number printed under the QR, "VFLY BY7T EVGY 6SLA"), spaces, dashes and
// case ignored; null when the text is not shaped like a ticket number. Mirrors codes.typed_ticket_id.
const TICKET_NUMBER_LENGTH = 16;
const LOOKALIKES = { 0: "O", 1: "I", 8: "B" };
export function typedTicketId(text) {
  const cleaned = String(text || "").replace(/[\s-]+/g, "").toUpperCase();
  if (Math.abs(cleaned.length - TICKET_NUMBER_LENGTH) > 4 || !/^[A-Z0-9]+$/.test(cleaned)) return null;
  return cleaned.replace(/[018]/g, (char) => LOOKALIKES[char]);
}

// Unpack a code without checking its signature; null when it cannot be one of ours.
export function parseCode(text) {
  const cleaned = cleanCode(text);
  if (cleaned.length !== CODE_LENGTH) return null;
  const raw = base32Decode(cleaned);
  if (!raw || raw.length < BODY_BYTES + SIGNATURE_BYTES) return null;
  // The last character carries padding bits: only the canonical spelling is ours (as in tickets/codes.py).
  if (base32Encode(raw) !== cleaned) return null;
  const body = raw.slice(0, BODY_BYTES);
  const view = new DataView(body.buffer);
  const ticketId = body.slice(1, 11);
  return {
    cleaned,
    body,
    signature: raw.slice(BODY_BYTES, BODY_BYTES + SIGNATURE_BYTES),
    version: view.getUint8(0),
    ticketId: base32Encode(ticketId),
    editionId: view.getUint16(11),
    daysMask: view.getUint16(13),
    kind: KINDS[view.getUint8(15) & ~REHEARSAL_FLAG] || "visitor",
    rehearsal: Boolean(view.getUint8(15) & REHEARSAL_FLAG),
    headcount: view.getUint16(16),
  };
}

function base64Decode(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// Ed25519 through WebCrypto where the browser has it, else through @noble/ed25519 served by the app.
const keyCache = new Map();
let noble = null;

async function webCryptoKey(publicKeyB64) {
  if (!keyCache.has(publicKeyB64)) {
    keyCache.set(
      publicKeyB64,
      crypto.subtle.importKey("raw", base64Decode(publicKeyB64), { name: "Ed25519" }, false, ["verify"]),
    );
  }
  return keyCache.get(publicKeyB64);
}

let webCryptoLacksEd25519 = false;

// Load what verifying needs while the network is there: the fallback library is fetched on first use, and a
// gate's Wi-Fi may drop right after pairing, before the service worker has cached it. Without a fallback,
// WebCrypto's refusal is the caller's error.
export async function prepareVerifier(publicKeyB64, nobleUrl) {
  if (globalThis.crypto && crypto.subtle && !webCryptoLacksEd25519) {
    try {
      return { webCrypto: await webCryptoKey(publicKeyB64) };
    } catch (error) {
      keyCache.delete(publicKeyB64);
      if (!nobleUrl) throw error;
      webCryptoLacksEd25519 = true;
    }
  }
  if (!nobleUrl) throw new Error("no Ed25519 implementation");
  if (!noble) noble = await import(nobleUrl);
  return { noble };
}

export async function verifySignature(publicKeyB64, body, signature, nobleUrl) {
  const verifier = await prepareVerifier(publicKeyB64, nobleUrl);
  if (verifier.webCrypto) return crypto.subtle.verify({ name: "Ed25519" }, verifier.webCrypto, signature, body);
  return verifier.noble.verifyAsync(signature, body, base64Decode(publicKeyB64));
}

// Every key a genuine code may be signed with: the config's list (current key first, then the keys kept after
// a rotation), or its one key from a server older than the list.
export function verificationKeys(config) {
  if (Array.isArray(config.public_keys) && config.public_keys.length) return config.public_keys.map((k) => k.key);
  return config.public_key ? [config.public_key] : [];
}

// True when any of `keys` signed `body`; a code does not say which key signed it, so each is tried in turn.
export async function verifyWithKeys(keys, body, signature, nobleUrl) {
  for (const key of keys) {
    if (await verifySignature(key, body, signature, nobleUrl)) return true;
  }
  return false;
}

// The calendar date in Brussels for a moment, as YYYY-MM-DD.
export function brusselsDate(date) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit",
  }).formatToParts(date);
  const get = (type) => parts.find((part) => part.type === type).value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

export function dayOffset(firstDay, today) {
  const start = Date.UTC(...firstDay.split("-").map((n, i) => (i === 1 ? Number(n) - 1 : Number(n))));
  const now = Date.UTC(...today.split("-").map((n, i) => (i === 1 ? Number(n) - 1 : Number(n))));
  return Math.round((now - start) / 86400000);
}

// The dates (YYYY-MM-DD) a days mask covers, counted from the edition's first day.
export function datesOfMask(firstDay, mask) {
  if (!firstDay) return [];
  const [year, month, day] = firstDay.split("-").map(Number);
  const dates = [];
  for (let offset = 0; offset < 16; offset += 1) {
    if (mask & (1 << offset)) dates.push(new Date(Date.UTC(year, month - 1, day + offset)).toISOString().slice(0, 10));
  }
  return dates;
}

// The verdict of a scan, from plain facts: the same function as the server's (tickets/checkin/verdict.py),
// held to the same test vectors (tests/checkin/verdict_vectors.json). `ticket` is {edition, kind, cancelled,
// dates} or null; `presence` {inside: true|false|null (cannot know), entered_here}; `gate` {edition, admits
// (null: every kind)}; `offline` null or {shown_result}; `today` YYYY-MM-DD. Refusals in the server's order.
export function decide(ticket, presence, gate, direction, offline, today) {
  let reason = null;
  if (!ticket) reason = "not_found";
  else if (ticket.edition !== gate.edition) reason = "wrong_edition";
  else if (ticket.rehearsal === "closed") reason = "rehearsal_closed";
  else if (ticket.cancelled) reason = "cancelled";
  // A ticket of the open rehearsal is valid on any day at every gate.
  else if (ticket.rehearsal === "open") reason = null;
  else if (!ticket.dates.includes(today)) reason = "wrong_day";
  // Anyone may leave through any gate; entering needs a gate that admits the ticket's kind.
  else if (direction === "in" && gate.admits && !gate.admits.includes(ticket.kind)) reason = "wrong_gate";
  if (!reason && direction === "out" && presence.inside === false) reason = "not_inside";
  if (reason) return { result: "rejected", reason, conflict: false };
  if (direction === "in" && presence.inside) {
    const shown = offline ? offline.shown_result : null;
    // An offline entry let in elsewhere: the gate could not know; kept admitted, not counted twice.
    if (offline && (shown === "admitted" || (shown == null && !presence.entered_here))) {
      return { result: "admitted", reason: null, conflict: true };
    }
    return { result: "already_checked_in", reason: null, conflict: false };
  }
  return { result: "admitted", reason: null, conflict: false };
}

const UNKNOWN_PRESENCE = { inside: null, entered_here: true };

// The verdict this device gives on its own: {result, reason, ticket} like the server's answer.
// `config` holds edition_id, first_day, public_keys (or public_key), the gate and the revocation list; `today` is YYYY-MM-DD in
// Brussels. `presenceOf(ticketId)` tells what the device knows of the ticket's presence (by default: nothing).
export async function offlineVerdict(text, config, today, nobleUrl, direction = "in", presenceOf = null) {
  const parsed = parseCode(text);
  if (!parsed || parsed.version !== VERSION) return { result: "rejected", reason: "invalid", parsed: null };
  const genuine = await verifyWithKeys(verificationKeys(config), parsed.body, parsed.signature, nobleUrl);
  if (!genuine) return { result: "rejected", reason: "invalid", parsed: null };
  const ticket = {
    id: parsed.ticketId,
    kind: parsed.kind,
    headcount: parsed.headcount,
    holder_name: "",
    valid_dates: parsed.rehearsal ? [] : datesOfMask(config.first_day, parsed.daysMask),
    rehearsal: parsed.rehearsal,
  };
  let rehearsal = null;
  if (parsed.rehearsal) rehearsal = config.rehearsal && config.rehearsal.tag === parsed.daysMask ? "open" : "closed";
  const revoked = config.revoked instanceof Set ? config.revoked : new Set(config.revoked || []);
  const facts = {
    edition: parsed.editionId, kind: parsed.kind, cancelled: revoked.has(parsed.ticketId), dates: ticket.valid_dates, rehearsal,
  };
  const admits = config.gate && Array.isArray(config.gate.admits) ? config.gate.admits : null;
  const presence = presenceOf ? await presenceOf(parsed.ticketId) : UNKNOWN_PRESENCE;
  const gate = { edition: config.edition_id, admits };
  const { result, reason } = decide(facts, presence, gate, direction, { shown_result: null }, today);
  return { result, reason, parsed, ticket };
}
