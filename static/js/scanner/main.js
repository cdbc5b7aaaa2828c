// The gate scanner: pairing, scanning (handheld scanner, typed code, camera, search), verdicts, undo, groups,
// and offline operation (verify with the cached key and revocation list, queue, sync exactly once by nonce).
import { HttpError, NetworkError, createApi } from "./api.js";
import { CameraScanner } from "./camera.js";
import { signal, unlockAudio } from "./feedback.js";
import * as store from "./store.js";
import * as ui from "./ui.js";
import { brusselsDate, cleanCode, offlineVerdict, prepareVerifier } from "./verify.js";

const { $, $$, t } = ui;
const page = JSON.parse(document.getElementById("scanner-config").textContent);
const CONFIG_REFRESH_MS = 60_000;
const SYNC_RETRY_MS = 15_000;
const UNDO_WINDOW_MS = 15 * 60_000;
const SYNC_BATCH = 200;

const state = {
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
};

const api = createApi(page.api, async () => state.token);

function now() {
  return new Date(Date.now() + state.skewMs);
}

function newNonce() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function direction() {
  const checked = $("[data-direction]:checked");
  return checked ? checked.value : "in";
}

// --- status -----------------------------------------------------------------------------------------------
async function refreshStatus() {
  try {
    state.waiting = await store.queuedCount();
  } catch (error) {
    /* keep the last count */
  }
  ui.renderStatus({ online: state.online, lastSync: state.lastSync, waiting: state.waiting, device: state.device });
  document.body.dataset.online = state.online ? "true" : "false";
}

function setOnline(value) {
  if (state.online === value) return;
  state.online = value;
  refreshStatus();
  if (value) syncSoon();
}

// --- the edition's offline kit --------------------------------------------------------------------------------
function applyConfig(config) {
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
  if (config.public_key) {
    await prepareVerifier(config.public_key, page.vendor["vendor/noble-ed25519.js"]).catch((error) =>
      console.error("offline verification not ready", error));
  }
  applyConfig(config);
  await store.set("config", config);
  await store.set("device", state.device);
  return config;
}

// Upload the offline queue in scan order, then refresh the key and revocation list.
async function syncNow() {
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
    } catch (error) {
      if (error instanceof NetworkError) setOnline(false);
      else if (error instanceof HttpError && error.status === 401) await lostAuthorization();
    } finally {
      state.syncing = null;
      await refreshStatus();
    }
  })();
  return state.syncing;
}

let syncTimer = null;
function syncSoon() {
  clearTimeout(syncTimer);
  syncTimer = setTimeout(syncNow, 300);
}

function showNotice(text) {
  const message = $("[data-undo-message]");
  if (message) message.textContent = text;
}

// --- verdicts -------------------------------------------------------------------------------------------------
const SOUND = { admitted: "admitted", already_checked_in: "already", rejected: "rejected" };

function showVerdict(verdict) {
  clearTimeout(state.resultTimer);
  state.lastVerdict = verdict;
  ui.renderResult(verdict);
  const companions = verdict.companions || [];
  const admittable = companions.length ? ui.renderCompanions(companions, ui.updateCompanionButton) : 0;
  signal(SOUND[verdict.result]);
  // Admitted clears itself quickly; a problem stays longer so that staff can read it. Any new scan replaces it.
  const delay = verdict.result === "admitted" ? (admittable ? 20_000 : 2_500) : 8_000;
  state.resultTimer = setTimeout(closeResult, delay);
  updateUndo();
}

function closeResult() {
  clearTimeout(state.resultTimer);
  ui.hideResult();
  focusCodeInput();
}

function focusCodeInput() {
  const input = $("[data-code-input]");
  if (input && document.body.dataset.screen === "scanning" && document.activeElement !== input) {
    input.focus({ preventScroll: true });
  }
}

function seenKeyFor(ticketId) {
  const config = state.config || {};
  return store.seenKey(config.edition_id || 0, brusselsDate(now()), ticketId);
}

async function rememberScan({ ticketId, dir, gate, offline, at = null }) {
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
async function scan({ code, ticketId } = {}) {
  unlockAudio();
  const text = code ? cleanCode(code) : "";
  if (!text && !ticketId) return;
  if (text.includes("PAIR=")) return; // a pairing QR shown by mistake
  const nonce = newNonce();
  const dir = direction();
  const scannedAt = now().toISOString();
  let verdict;
  // After a network failure the device answers by itself at once, instead of waiting for a timeout at every
  // scan; the background sync (every 15 s while scans wait) notices when the server answers again.
  if (!state.online && !ticketId) {
    verdict = await scanOffline({ text, nonce, dir, scannedAt });
    verdict.undoable = Boolean(state.lastScan && state.lastScan.nonce === nonce && state.lastScan.result === "admitted");
    showVerdict(verdict);
    refreshStatus();
    return;
  }
  try {
    const answer = await api.checkIn(ticketId ? { ticket_id: ticketId, nonce, direction: dir } : { code: text, nonce, direction: dir });
    setOnline(true);
    verdict = { ...answer, direction: dir, offline: false };
    let remembered = null;
    if (answer.result === "admitted" && answer.ticket) {
      remembered = await rememberScan({ ticketId: answer.ticket.id, dir, gate: state.device && state.device.gate, offline: false });
    } else if (answer.result === "already_checked_in" && answer.ticket && dir === "in") {
      const first = answer.first_checkin || {};
      await rememberScan({ ticketId: answer.ticket.id, dir, gate: first.gate, at: first.at, offline: false });
    }
    state.lastScan = {
      nonce, at: Date.now(), offline: false, result: answer.result,
      seenKey: remembered && remembered.key, previousSeen: remembered && remembered.previous,
    };
    await store.set("lastScan", state.lastScan);
  } catch (error) {
    if (error instanceof HttpError) {
      if (error.status === 401) {
        await lostAuthorization();
        return;
      }
      const body = error.body || {};
      verdict = { result: "rejected", reason: body.code || "unknown", message: body.detail || "", direction: dir };
      state.lastScan = null;
    } else if (ticketId) {
      verdict = { result: "rejected", reason: "unknown", message: t("searchNeedsNetwork"), direction: dir };
    } else {
      setOnline(false);
      verdict = await scanOffline({ text, nonce, dir, scannedAt });
    }
  }
  verdict.undoable = Boolean(state.lastScan && state.lastScan.nonce === nonce && state.lastScan.result === "admitted");
  showVerdict(verdict);
  refreshStatus();
}

// Offline: the device decides with the edition's key, days and revocation list, and queues the scan.
async function scanOffline({ text, nonce, dir, scannedAt }) {
  if (!state.config || !state.config.public_key) {
    return { result: "rejected", reason: "unknown", message: t("noConfig"), direction: dir, offline: true };
  }
  let local;
  try {
    local = await offlineVerdict(text, { ...state.config, revoked: state.revoked }, brusselsDate(now()), page.vendor["vendor/noble-ed25519.js"], dir);
  } catch (error) {
    console.error("offline verification failed", error);
    return { result: "rejected", reason: "unknown", message: t("notSecure"), direction: dir, offline: true };
  }
  let verdict = { result: local.result, reason: local.reason, ticket: local.ticket, direction: dir, offline: true };
  let remembered = null;
  if (local.result === "admitted") {
    const key = seenKeyFor(local.ticket.id);
    const seen = await store.getSeen(key);
    if (dir === "in" && seen && seen.direction === "in") {
      verdict = {
        result: "already_checked_in", reason: null, ticket: local.ticket, direction: dir, offline: true,
        first_checkin: { at: seen.firstAt || seen.at, gate: seen.gate, here: true },
      };
    } else if (dir === "out" && !(seen && seen.direction === "in")) {
      // Without the network the device cannot know whether the person came in through another gate:
      // record the exit and let the server decide when it syncs.
      remembered = await rememberScan({ ticketId: local.ticket.id, dir, gate: "", offline: true });
    } else {
      remembered = await rememberScan({ ticketId: local.ticket.id, dir, gate: "", offline: true });
    }
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

// --- undo ----------------------------------------------------------------------------------------------------
function updateUndo() {
  const button = $("[data-undo]");
  if (!button) return;
  const last = state.lastScan;
  button.disabled = !(last && last.result === "admitted" && Date.now() - last.at < UNDO_WINDOW_MS);
}

async function undoLast() {
  const last = state.lastScan;
  const message = $("[data-undo-message]");
  if (!last || last.result !== "admitted") {
    message.textContent = t("nothingToUndo");
    return;
  }
  if (Date.now() - last.at >= UNDO_WINDOW_MS) {
    message.textContent = t("undoTooLate");
    return;
  }
  try {
    const stillQueued = last.offline && (await store.queuedScan(last.nonce));
    if (stillQueued) {
      await store.dequeue([last.nonce]);
    } else {
      await api.undo(last.nonce);
    }
    if (last.seenKey) {
      if (last.previousSeen) await store.putSeen(last.previousSeen);
      else await store.deleteSeen(last.seenKey);
    }
    state.lastScan = null;
    await store.remove("lastScan");
    message.textContent = t("undone");
    closeResult();
  } catch (error) {
    if (error instanceof NetworkError) {
      setOnline(false);
      message.textContent = t("undoNeedsNetwork");
    } else if (error instanceof HttpError && error.status === 401) {
      await lostAuthorization();
    } else {
      const code = error instanceof HttpError && error.body && error.body.code;
      const known = { undo_expired: "undoTooLate", later_scan: "undoLaterScan", nothing_to_undo: "nothingToUndo" };
      message.textContent = known[code] ? t(known[code]) : t("undoFailed");
    }
  }
  updateUndo();
  refreshStatus();
}

// --- groups --------------------------------------------------------------------------------------------------
async function admitCompanions(event) {
  event.preventDefault();
  const ids = ui.selectedCompanions();
  const message = $("[data-companions-message]");
  if (!ids.length) return;
  clearTimeout(state.resultTimer);
  try {
    const answer = await api.group({ items: ids.map((id) => ({ ticket_id: id, nonce: newNonce() })), direction: direction() });
    const admitted = (answer.results || []).filter((item) => item.result === "admitted");
    for (const item of admitted) {
      if (item.ticket) await rememberScan({ ticketId: item.ticket.id, dir: direction(), gate: state.device && state.device.gate, offline: false });
    }
    const people = answer.admitted_headcount || admitted.length;
    message.textContent = t("groupAdmitted", { count: people });
    for (const box of $$("[data-companion]")) {
      if (admitted.some((item) => item.ticket && item.ticket.id === box.value)) {
        box.checked = false;
        box.disabled = true;
      }
    }
    ui.updateCompanionButton();
    signal("admitted");
  } catch (error) {
    if (error instanceof NetworkError) {
      setOnline(false);
      message.textContent = t("groupNeedsNetwork");
    } else if (error instanceof HttpError && error.status === 401) {
      await lostAuthorization();
      return;
    } else {
      message.textContent = t("groupFailed");
    }
    signal("rejected");
  }
  state.resultTimer = setTimeout(closeResult, 8_000);
}

// --- search --------------------------------------------------------------------------------------------------
async function search(event) {
  event.preventDefault();
  const input = $("[data-search-input]");
  const query = input.value.trim();
  const message = $("[data-search-message]");
  if (query.length < 2) {
    message.textContent = t("searchTooShort");
    return;
  }
  try {
    const answer = await api.search(query);
    setOnline(true);
    ui.renderSearch(answer.results || [], query, async (hit) => {
      await scan(hit.code ? { code: hit.code } : { ticketId: hit.id });
      ui.renderSearch([], query, () => {});
      message.textContent = "";
      input.value = "";
    });
  } catch (error) {
    if (error instanceof NetworkError) {
      setOnline(false);
      message.textContent = t("searchNeedsNetwork");
    } else if (error instanceof HttpError && error.status === 401) {
      await lostAuthorization();
    } else {
      message.textContent = (error.body && error.body.detail) || t("searchFailed");
    }
  }
}

// --- pairing -------------------------------------------------------------------------------------------------
function pairingCodeFrom(text) {
  const value = String(text || "").trim();
  const match = value.match(/[#?&]pair=([A-Za-z0-9-]+)/);
  return (match ? match[1] : value).replace(/[\s-]/g, "").toUpperCase();
}

function showPairError(text) {
  const error = $("[data-pair-error]");
  const field = $("[data-pair-field]");
  const input = $("#pairing-code");
  error.hidden = !text;
  error.textContent = text || "";
  field.classList.toggle("field--error", Boolean(text));
  if (text) {
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", "pairing-code-hint pairing-code-error");
    input.focus();
  } else {
    input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", "pairing-code-hint");
  }
}

async function pair(code) {
  const pairingCode = pairingCodeFrom(code);
  if (!pairingCode) {
    showPairError(t("pairCodeMissing"));
    return;
  }
  showPairError("");
  const status = $("[data-pair-form] button[type=submit]");
  status.disabled = true;
  try {
    const answer = await api.pair(pairingCode);
    state.token = answer.token;
    state.device = { name: answer.device && answer.device.name, gate: answer.gate && answer.gate.name };
    await store.set("token", state.token);
    await store.set("device", state.device);
    setOnline(true);
    await startScanning();
    await syncNow();
    ui.$("[data-undo-message]").textContent = t("paired", { device: state.device.name || "", gate: state.device.gate || "" });
  } catch (error) {
    if (error instanceof NetworkError) showPairError(t("pairNeedsNetwork"));
    else if (error instanceof HttpError && error.status === 429) showPairError(t("tooManyTries"));
    else showPairError(t("pairFailed"));
  } finally {
    status.disabled = false;
  }
}

async function lostAuthorization() {
  state.token = null;
  await store.remove("token");
  stopCameras();
  ui.hideResult();
  ui.showScreen("pairing");
  showPairError(t("unpaired"));
}

async function unpair() {
  if (!window.confirm(t("unpairConfirm"))) return;
  state.token = null;
  await store.remove("token");
  await store.remove("config");
  state.config = null;
  stopCameras();
  ui.showScreen("pairing");
  $("#pairing-code").focus();
  refreshStatus();
}

function renderDeviceDetails() {
  const details = $("[data-device-details]");
  if (!details || !state.device) return;
  details.textContent = [state.device.name, state.device.gate].filter(Boolean).join(" · ");
  refreshStatus();
}

// --- camera --------------------------------------------------------------------------------------------------
const cameras = [];

function setupCamera(block, onCode, labels) {
  const toggle = $("[data-camera-toggle]", block);
  const view = $("[data-camera-view]", block);
  const message = $("[data-camera-message]", block);
  const label = $("[data-camera-label]", block);
  const startLabel = label.textContent;
  if (!CameraScanner.available()) {
    toggle.disabled = true;
    message.textContent = t("cameraUnavailable");
    return;
  }
  const scanner = new CameraScanner($("video", block), {
    onCode,
    jsqrUrl: page.vendor["vendor/jsQR.js"],
  });
  const stop = () => {
    scanner.stop();
    view.hidden = true;
    toggle.setAttribute("aria-pressed", "false");
    label.textContent = startLabel;
  };
  cameras.push(stop);
  toggle.addEventListener("click", async () => {
    unlockAudio();
    if (scanner.running) {
      stop();
      return;
    }
    message.textContent = "";
    view.hidden = false;
    try {
      await scanner.start();
      toggle.setAttribute("aria-pressed", "true");
      label.textContent = labels.stop;
    } catch (error) {
      stop();
      message.textContent = error && error.name === "NotAllowedError" ? t("cameraDenied") : t("cameraUnavailable");
    }
  });
}

function stopCameras() {
  for (const stop of cameras) stop();
}

// --- screens -------------------------------------------------------------------------------------------------
async function startScanning() {
  ui.showScreen("scanning");
  keepDataAndScreen();
  renderDeviceDetails();
  await refreshStatus();
  focusCodeInput();
}

function setupScanningScreen() {
  const form = $("[data-code-form]");
  const input = $("[data-code-input]");
  // On touch screens the on-screen keyboard stays away (a handheld scanner types by itself) until someone
  // taps the field to type a code by hand.
  const coarse = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
  if (coarse) input.inputMode = "none";
  input.addEventListener("pointerdown", () => { input.inputMode = "text"; });
  // Some handheld scanners end a code with Tab instead of Enter.
  input.addEventListener("keydown", (event) => {
    if (event.key === "Tab" && !event.shiftKey && input.value.trim()) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = input.value;
    input.value = "";
    if (coarse) input.inputMode = "none";
    if (!value.trim() || state.busy) return;
    state.busy = true;
    try {
      await scan({ code: value });
    } catch (error) {
      showVerdict({ result: "rejected", reason: "unknown", message: t("unexpected"), direction: direction() });
    } finally {
      state.busy = false;
      focusCodeInput();
    }
  });
  for (const radio of $$("[data-direction]")) {
    radio.addEventListener("change", async () => {
      await store.set("direction", direction());
      document.body.dataset.direction = direction();
      focusCodeInput();
    });
  }
  $("[data-undo]").addEventListener("click", undoLast);
  $("[data-result-undo]").addEventListener("click", undoLast);
  $("[data-result-close]").addEventListener("click", closeResult);
  $("[data-companions]").addEventListener("submit", admitCompanions);
  $("[data-search-form]").addEventListener("submit", search);
  $("[data-unpair]").addEventListener("click", unpair);
  // A handheld scanner types wherever the focus is: bring stray keystrokes back to the code field.
  document.addEventListener("keydown", (event) => {
    if (document.body.dataset.screen !== "scanning") return;
    const target = event.target;
    const typing = target && (target.matches("input[type=text], input[type=search], textarea") || target.isContentEditable);
    if (!typing && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) input.focus();
  });
  setupCamera($("[data-screen-name=scanning] [data-camera-block]"), (text) => scan({ code: text }), { stop: t("cameraStop") });
}

function setupPairingScreen() {
  const form = $("[data-pair-form]");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    pair($("#pairing-code").value);
  });
  setupCamera(
    $("[data-screen-name=pairing] [data-camera-block]"),
    (text) => {
      stopCameras();
      $("#pairing-code").value = pairingCodeFrom(text);
      pair(text);
    },
    { stop: t("cameraStop") },
  );
}

// Scans waiting to upload must survive storage pressure, and the screen must stay on at a gate.
let keepingDataAndScreen = false;
async function keepDataAndScreen() {
  if (keepingDataAndScreen) return;
  keepingDataAndScreen = true;
  try {
    if (navigator.storage && navigator.storage.persist && !(await navigator.storage.persisted())) {
      await navigator.storage.persist();
    }
  } catch (error) { /* best effort */ }
  let lock = null;
  const acquire = async () => {
    if (!("wakeLock" in navigator) || document.visibilityState !== "visible" || lock) return;
    try {
      lock = await navigator.wakeLock.request("screen");
      lock.addEventListener("release", () => { lock = null; });
    } catch (error) { /* refused (battery saver): the screen may dim */ }
  };
  document.addEventListener("visibilitychange", acquire);
  acquire();
}

async function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  try {
    await navigator.serviceWorker.register(page.serviceWorker, { scope: page.scope });
  } catch (error) {
    /* the scanner still works online */
  }
}

async function boot() {
  setupPairingScreen();
  setupScanningScreen();
  registerServiceWorker();
  window.addEventListener("online", () => setOnline(true));
  window.addEventListener("offline", () => setOnline(false));
  document.addEventListener("pointerdown", unlockAudio, { once: true });

  const [token, device, config, lastSync, savedDirection, lastScan] = await Promise.all(
    ["token", "device", "config", "lastSync", "direction", "lastScan"].map((key) => store.get(key).catch(() => undefined)),
  );
  state.device = device || null;
  state.lastSync = lastSync || null;
  if (config) {
    state.skewMs = config.skew_ms || 0;
    applyConfig(config);
  }
  if (lastScan && Date.now() - lastScan.at < UNDO_WINDOW_MS) state.lastScan = lastScan;
  if (savedDirection === "out") {
    $("[data-direction][value=out]").checked = true;
    document.body.dataset.direction = "out";
  }
  updateUndo();

  const fromLink = pairingCodeFrom(location.hash.includes("pair=") ? location.hash : location.search.includes("pair=") ? location.search : "");
  if (token) {
    state.token = token;
    await startScanning();
    syncNow();
  } else {
    ui.showScreen("pairing");
    await refreshStatus();
    if (fromLink) {
      $("#pairing-code").value = fromLink;
      history.replaceState(null, "", location.pathname);
      pair(fromLink);
    } else {
      $("#pairing-code").focus();
    }
  }
  setInterval(() => { if (state.token) syncNow(); }, CONFIG_REFRESH_MS);
  setInterval(async () => {
    updateUndo();
    if (state.token && (state.waiting > 0 || !state.online)) syncNow();
  }, SYNC_RETRY_MS);
  document.body.dataset.ready = "true";
}

boot();
