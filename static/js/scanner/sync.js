// The device's status, the edition's offline kit, the offline queue and its sync (exactly once by nonce).
import { HttpError, NetworkError } from "./api.js";
import { api, hooks, now, page, state } from "./context.js";
import * as store from "./store.js";
import * as ui from "./ui.js";
import { brusselsDate, offlineVerdict, prepareVerifier, verificationKeys } from "./verify.js";

const { $, t } = ui;
const SYNC_BATCH = 200;

// --- status -----------------------------------------------------------------------------------------------
export async function refreshStatus() {
  try {
    state.waiting = await store.queuedCount();
  } catch (error) {
    /* keep the last count */
  }
  const rehearsal = Boolean(state.config && state.config.rehearsal);
  ui.renderStatus({ online: state.online, lastSync: state.lastSync, waiting: state.waiting, device: state.device, rehearsal });
  document.body.dataset.online = state.online ? "true" : "false";
}

export function setOnline(value) {
  if (state.online === value) return;
  state.online = value;
  refreshStatus();
  if (value) syncSoon();
}

export function renderDeviceDetails() {
  const details = $("[data-device-details]");
  if (!details || !state.device) return;
  details.textContent = [state.device.name, state.device.gate].filter(Boolean).join(" · ");
  refreshStatus();
}

// --- the edition's offline kit --------------------------------------------------------------------------------
export function applyConfig(config) {
  state.config = config;
  state.revoked = new Set(config.revoked || []);
  document.body.dataset.config = "ready";
  if (config.device || config.gate) {
    state.device = {
      name: config.device ? config.device.name : state.device && state.device.name,
      gate: config.gate ? config.gate.name : state.device && state.device.gate,
    };
  }
  renderDeviceDetails();
}

async function refreshConfig() {
  const sentAt = Date.now();
  const config = await api.config();
  const receivedAt = Date.now();
  if (config.server_time) {
    state.skewMs = Date.parse(config.server_time) - (sentAt + receivedAt) / 2;
  }
  config.skew_ms = state.skewMs;
  for (const key of verificationKeys(config)) {
    await prepareVerifier(key, page.vendor["vendor/noble-ed25519.js"]).catch((error) =>
      console.error("offline verification not ready", error));
  }
  applyConfig(config);
  await store.set("config", config);
  await store.set("device", state.device);
  return config;
}

// Upload the offline queue in scan order, then refresh the key and revocation list.
export async function syncNow() {
  if (!state.token) return;
  if (state.syncing) return state.syncing;
  state.syncing = (async () => {
    try {
      let conflicts = 0;
      for (;;) {
        const scans = await store.queued();
        if (!scans.length) break;
        const batch = scans.slice(0, SYNC_BATCH);
        const answer = await api.sync(
          batch.map(({ code, nonce, direction: dir, scanned_at: scannedAt, result }) => ({
            code, nonce, direction: dir, scanned_at: scannedAt, result,
          })),
        );
        setOnline(true);
        const acknowledged = (answer.results || []).map((item) => String(item.nonce));
        conflicts += (answer.results || []).filter((item) => item.conflict).length;
        await store.dequeue(acknowledged.length ? acknowledged : batch.map((scan) => scan.nonce));
        await refreshStatus();
      }
      await refreshConfig();
      state.lastSync = new Date().toISOString();
      await store.set("lastSync", state.lastSync);
      setOnline(true);
      if (conflicts) showNotice(t("syncConflicts", { count: conflicts }));
      // Tell the server what is left on this device (scans made while this sync ran), for its dashboard.
      const waiting = await store.queuedCount();
      await api.heartbeat({ queue_length: waiting, last_sync_at: state.lastSync }).catch(() => {});
    } catch (error) {
      if (error instanceof NetworkError) setOnline(false);
      else if (error instanceof HttpError && error.status === 401) await hooks.lostAuthorization();
    } finally {
      state.syncing = null;
      await refreshStatus();
    }
  })();
  return state.syncing;
}

let syncTimer = null;
export function syncSoon() {
  clearTimeout(syncTimer);
  syncTimer = setTimeout(syncNow, 300);
}

function showNotice(text) {
  const message = $("[data-undo-message]");
  if (message) message.textContent = text;
}

// --- the offline queue -----------------------------------------------------------------------------------------
function seenKeyFor(ticketId) {
  const config = state.config || {};
  return store.seenKey(config.edition_id || 0, brusselsDate(now()), ticketId);
}

export async function rememberScan({ ticketId, dir, gate, offline, at = null }) {
  const key = seenKeyFor(ticketId);
  const previous = (await store.getSeen(key)) || null;
  const record = {
    key, ticketId, direction: dir, at: now().toISOString(),
    firstAt: at || (previous && previous.firstAt && dir === "in" ? previous.firstAt : now().toISOString()),
    gate: gate || "", offline,
  };
  await store.putSeen(record);
  return { key, previous };
}

// A scan from any source: handheld scanner, keyboard, camera, or a search result (ticketId).
// Offline: the device decides with the edition's key, days and revocation list, and queues the scan.
export async function scanOffline({ text, nonce, dir, scannedAt }) {
  if (!state.config || !state.config.public_key) {
    return { result: "rejected", reason: "unknown", message: t("noConfig"), direction: dir, offline: true };
  }
  let local;
  let seen = null;
  // What this device knows of the ticket's presence: inside when it recorded an entry; otherwise it cannot
  // know (the person may have come in through another gate), and the server decides when it syncs.
  const presenceOf = async (ticketId) => {
    seen = (await store.getSeen(seenKeyFor(ticketId))) || null;
    return { inside: seen && seen.direction === "in" ? true : null, entered_here: true };
  };
  try {
    local = await offlineVerdict(
      text, { ...state.config, revoked: state.revoked }, brusselsDate(now()), page.vendor["vendor/noble-ed25519.js"], dir, presenceOf,
    );
  } catch (error) {
    console.error("offline verification failed", error);
    return { result: "rejected", reason: "unknown", message: t("notSecure"), direction: dir, offline: true };
  }
  const verdict = { result: local.result, reason: local.reason, ticket: local.ticket, direction: dir, offline: true };
  let remembered = null;
  if (local.result === "already_checked_in") {
    verdict.first_checkin = { at: seen.firstAt || seen.at, gate: seen.gate, here: true };
  } else if (local.result === "admitted") {
    remembered = await rememberScan({ ticketId: local.ticket.id, dir, gate: "", offline: true });
  }
  // Every scan goes up, refusals included, so that the server's record of the gate is complete.
  await store.enqueue({
    nonce, code: text, direction: dir, scanned_at: scannedAt,
    result: verdict.result, ticket_id: local.ticket ? local.ticket.id : null,
  });
  state.lastScan = {
    nonce, at: Date.now(), offline: true, result: verdict.result,
    seenKey: remembered && remembered.key, previousSeen: remembered && remembered.previous,
  };
  await store.set("lastScan", state.lastScan);
  return verdict;
}

