// The gate scanner: pairing (pairing.js), scanning with verdicts, undo, groups and search (scanning.js), the
// screens and cameras (screens.js), and offline operation: verify with the cached key and revocation list,
// queue, sync exactly once by nonce (sync.js, verify.js).
import { UNDO_WINDOW_MS, hooks, page, state } from "./context.js";
import { unlockAudio } from "./feedback.js";
import { lostAuthorization, pair, pairingCodeFrom, setupPairingScreen } from "./pairing.js";
import { updateUndo } from "./scanning.js";
import { setupScanningScreen, startScanning } from "./screens.js";
import { setupSelfTest } from "./selftest.js";
import * as store from "./store.js";
import { applyConfig, refreshStatus, setOnline, syncNow } from "./sync.js";
import * as ui from "./ui.js";

const { $ } = ui;
const CONFIG_REFRESH_MS = 60_000;
const SYNC_RETRY_MS = 15_000;

hooks.lostAuthorization = lostAuthorization;

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
  setupSelfTest();
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
