// Pairing this device with a gate: a code typed, scanned with the camera or given in the link; unpairing.
import { HttpError, NetworkError } from "./api.js";
import { api, state } from "./context.js";
import * as store from "./store.js";
import { setupCamera, startScanning, stopCameras } from "./screens.js";
import { refreshStatus, setOnline, syncNow } from "./sync.js";
import * as ui from "./ui.js";

const { $, t } = ui;

export function pairingCodeFrom(text) {
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

export async function pair(code) {
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

export async function lostAuthorization() {
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

export function setupPairingScreen() {
  const form = $("[data-pair-form]");
  $("[data-unpair]").addEventListener("click", unpair);
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

