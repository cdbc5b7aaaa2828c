// The screens: the cameras, the scanning screen's wiring, and keeping the data and the screen on at a gate.
import { CameraScanner } from "./camera.js";
import { direction, page, state } from "./context.js";
import { unlockAudio } from "./feedback.js";
import * as store from "./store.js";
import { admitCompanions, closeResult, focusCodeInput, queueTyped, scan, search, showVerdict, undoLast } from "./scanning.js";
import { refreshStatus, renderDeviceDetails } from "./sync.js";
import * as ui from "./ui.js";

const { $, $$, t } = ui;

// --- camera --------------------------------------------------------------------------------------------------
const cameras = [];

export function setupCamera(block, onCode, labels) {
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

export function stopCameras() {
  for (const stop of cameras) stop();
}

// --- screens -------------------------------------------------------------------------------------------------
export async function startScanning() {
  ui.showScreen("scanning");
  keepDataAndScreen();
  renderDeviceDetails();
  await refreshStatus();
  focusCodeInput();
}

export function setupScanningScreen() {
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
  $("[data-result-queue]").addEventListener("click", queueTyped);
  $("[data-companions]").addEventListener("submit", admitCompanions);
  $("[data-search-form]").addEventListener("submit", search);
  // A handheld scanner types wherever the focus is: bring stray keystrokes back to the code field.
  document.addEventListener("keydown", (event) => {
    if (document.body.dataset.screen !== "scanning") return;
    const target = event.target;
    const typing = target && (target.matches("input[type=text], input[type=search], textarea") || target.isContentEditable);
    if (!typing && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) input.focus();
  });
  setupCamera($("[data-screen-name=scanning] [data-camera-block]"), (text) => scan({ code: text }), { stop: t("cameraStop") });
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

