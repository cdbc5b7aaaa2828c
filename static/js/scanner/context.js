// What every part of the scanner shares: the page's settings, the device's state, the API client, the clock.
import { createApi } from "./api.js";

export const page = JSON.parse(document.getElementById("scanner-config").textContent);
export const UNDO_WINDOW_MS = 15 * 60_000;

export const state = {
  token: null,
  device: null, // {name, gate}
  config: null, // the edition's offline kit, from /checkins/config
  revoked: new Set(),
  skewMs: 0, // server clock minus device clock
  online: navigator.onLine !== false,
  lastSync: null,
  waiting: 0,
  lastScan: null, // {nonce, at, offline, seenKey, previousSeen, result}
  syncing: null,
  busy: false,
  resultTimer: null,
  lastVerdict: null,
  pendingTyped: null, // a number typed offline, ready to be queued if staff choose to

};

export const api = createApi(page.api, async () => state.token);

// Set by main.js: what to do when the server no longer knows this device's token (pairing.js).
export const hooks = { lostAuthorization: async () => {} };

export function now() {
  return new Date(Date.now() + state.skewMs);
}

export function newNonce() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function direction() {
  const checked = document.querySelector("[data-direction]:checked");
  return checked ? checked.value : "in";
}
