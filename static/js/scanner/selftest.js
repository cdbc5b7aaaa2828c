// The gate self-test, run before doors open: camera, network and the server's answer time, the device's clock
// against the server's, the signing keys and revocation list, offline readiness (the page and its files in the
// service worker's cache), and the queue. Each check shows green, or what to do, in words and an icon.
import { CameraScanner } from "./camera.js";
import { api, page, state } from "./context.js";
import * as store from "./store.js";
import { refreshStatus, setOnline } from "./sync.js";
import * as ui from "./ui.js";
import { verificationKeys } from "./verify.js";

const { $, t } = ui;
const SLOW_MS = 1500;
const CLOCK_TOLERANCE_MS = 60_000;
const ICON = { ok: "✓", warn: "!", fail: "✕" };

async function checkCamera() {
  if (!CameraScanner.available()) return { status: "warn", text: t("selftest.cameraNone") };
  try {
    if (navigator.permissions && navigator.permissions.query) {
      const permission = await navigator.permissions.query({ name: "camera" });
      if (permission.state === "denied") return { status: "fail", text: t("selftest.cameraDenied") };
    }
  } catch (error) { /* this browser cannot say: look for a camera */ }
  const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
  if (!devices.some((device) => device.kind === "videoinput")) return { status: "warn", text: t("selftest.cameraNone") };
  return { status: "ok", text: t("selftest.cameraOk") };
}

// One heartbeat: the server's answer time, and its clock against this device's (the queue goes up with it).
async function checkNetworkAndClock() {
  const queueLength = await store.queuedCount().catch(() => 0);
  const sentAt = Date.now();
  let answer;
  try {
    answer = await api.heartbeat({ queue_length: queueLength, last_sync_at: state.lastSync });
  } catch (error) {
    setOnline(false);
    const fail = { status: "fail", text: t("selftest.networkDown") };
    return [fail, { status: "fail", text: t("selftest.clockUnknown") }];
  }
  const receivedAt = Date.now();
  setOnline(true);
  const elapsed = receivedAt - sentAt;
  const network = elapsed > SLOW_MS
    ? { status: "warn", text: t("selftest.networkSlow", { ms: elapsed }) }
    : { status: "ok", text: t("selftest.networkOk", { ms: elapsed }) };
  const skew = Date.parse(answer.server_time) - (sentAt + receivedAt) / 2;
  const seconds = Math.round(Math.abs(skew) / 1000);
  const clock = Math.abs(skew) > CLOCK_TOLERANCE_MS
    ? { status: "fail", text: t("selftest.clockOff", { seconds }) }
    : { status: "ok", text: t("selftest.clockOk", { seconds }) };
  return [network, clock];
}

function checkKeys() {
  const config = state.config;
  if (!config || !verificationKeys(config).length || !Array.isArray(config.revoked)) {
    return { status: "fail", text: t("selftest.keysMissing") };
  }
  const text = t("selftest.keysOk", { keys: verificationKeys(config).length, revoked: config.revoked.length });
  return { status: "ok", text: config.rehearsal ? `${text} ${t("selftest.rehearsalOpen")}` : text };
}

async function checkOffline() {
  if (!("serviceWorker" in navigator) || !("caches" in window)) return { status: "fail", text: t("selftest.offlineUnsupported") };
  const registration = await navigator.serviceWorker.getRegistration(page.scope).catch(() => null);
  if (!registration || !registration.active) return { status: "fail", text: t("selftest.offlineNotReady") };
  const cacheName = `scanner-${page.version}-${page.language}`;
  if (!(await caches.has(cacheName))) return { status: "fail", text: t("selftest.offlineNotReady") };
  const cache = await caches.open(cacheName);
  const needed = [page.scope, ...document.querySelectorAll("script[src], link[rel=stylesheet]")].map((item) =>
    typeof item === "string" ? item : new URL(item.src || item.href, location.href).pathname);
  for (const url of needed) {
    if (!(await cache.match(url, { ignoreSearch: true }))) return { status: "fail", text: t("selftest.offlineNotReady") };
  }
  return { status: "ok", text: t("selftest.offlineOk") };
}

async function checkQueue() {
  const waiting = await store.queuedCount().catch(() => null);
  if (waiting === null) return { status: "fail", text: t("selftest.queueUnreadable") };
  if (waiting > 0) return { status: "warn", text: t("selftest.queueWaiting", { count: waiting }) };
  return { status: "ok", text: t("selftest.queueEmpty") };
}

function render(results) {
  const list = $("[data-selftest-results]");
  list.replaceChildren();
  for (const [name, result] of results) {
    const item = document.createElement("li");
    item.className = "scan-selftest__item";
    item.dataset.check = name;
    item.dataset.status = result.status;
    const icon = document.createElement("span");
    icon.className = "scan-selftest__icon";
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = ICON[result.status];
    const words = document.createElement("p");
    const title = document.createElement("strong");
    title.textContent = `${t(`selftest.${name}`)} – ${t(`selftest.status.${result.status}`)}`;
    words.append(title, document.createElement("br"), result.text);
    item.append(icon, words);
    list.append(item);
  }
}

export async function runSelfTest() {
  const button = $("[data-selftest-run]");
  const summary = $("[data-selftest-summary]");
  button.disabled = true;
  summary.textContent = t("selftest.running");
  try {
    const [network, clock] = await checkNetworkAndClock();
    const results = [
      ["camera", await checkCamera()],
      ["network", network],
      ["clock", clock],
      ["keys", checkKeys()],
      ["offline", await checkOffline()],
      ["queue", await checkQueue()],
    ];
    render(results);
    const passed = results.filter(([, result]) => result.status === "ok").length;
    const text = passed === results.length ? t("selftest.allGood") : t("selftest.someToDo", { passed, total: results.length });
    summary.textContent = text;
    $("[data-selftest]").dataset.outcome = passed === results.length ? "ok" : "todo";
  } finally {
    button.disabled = false;
    refreshStatus();
  }
}

export function setupSelfTest() {
  const button = $("[data-selftest-run]");
  if (button) button.addEventListener("click", runSelfTest);
}
