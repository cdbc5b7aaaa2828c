// The scanning screen's actions: a scan from any source and its verdict, undo, admitting companions, search.
import { HttpError, NetworkError } from "./api.js";
import { UNDO_WINDOW_MS, api, direction, hooks, newNonce, now, state } from "./context.js";
import { signal, unlockAudio } from "./feedback.js";
import * as store from "./store.js";
import { refreshStatus, rememberScan, scanOffline, setOnline } from "./sync.js";
import * as ui from "./ui.js";
import { cleanCode, typedTicketId } from "./verify.js";

const { $, $$, t } = ui;

// --- verdicts -------------------------------------------------------------------------------------------------
const SOUND = { admitted: "admitted", already_checked_in: "already", rejected: "rejected", needs_network: "already" };
export function showVerdict(verdict) {
  clearTimeout(state.resultTimer);
  state.lastVerdict = verdict;
  ui.renderResult(verdict);
  const companions = verdict.companions || [];
  const admittable = companions.length ? ui.renderCompanions(companions, ui.updateCompanionButton) : 0;
  signal(SOUND[verdict.result]);
  // Admitted clears itself quickly; a problem stays longer so that staff can read it. Any new scan replaces it.
  const delay = verdict.result === "admitted" ? (admittable ? 20_000 : 2_500) : verdict.queueable ? 30_000 : 8_000;
  state.resultTimer = setTimeout(closeResult, delay);
  updateUndo();
}

export function closeResult() {
  clearTimeout(state.resultTimer);
  ui.hideResult();
  focusCodeInput();
}

export function focusCodeInput() {
  const input = $("[data-code-input]");
  if (input && document.body.dataset.screen === "scanning" && document.activeElement !== input) {
    input.focus({ preventScroll: true });
  }
}

// A scan from any source: handheld scanner, keyboard, camera, or a search result (ticketId).
export async function scan({ code, ticketId } = {}) {
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
  const typed = text ? typedTicketId(text) : null;
  if (!state.online && !ticketId) {
    verdict = typed ? typedNeedsNetwork({ typed, nonce, dir, scannedAt }) : await scanOffline({ text, nonce, dir, scannedAt });
    verdict.undoable = Boolean(state.lastScan && state.lastScan.nonce === nonce && state.lastScan.result === "admitted");
    showVerdict(verdict);
    refreshStatus();
    return;
  }
  try {
    const answer = await api.checkIn(ticketId ? { ticket_id: ticketId, nonce, direction: dir } : { code: text, nonce, direction: dir });
    setOnline(true);
    verdict = { ...answer, direction: dir, offline: false };
    if (typed && answer.reason === "not_found") verdict.message = t("typedUnknown");
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
        await hooks.lostAuthorization();
        return;
      }
      const body = error.body || {};
      verdict = { result: "rejected", reason: body.code || "unknown", message: body.detail || "", direction: dir };
      state.lastScan = null;
    } else if (ticketId) {
      verdict = { result: "rejected", reason: "unknown", message: t("searchNeedsNetwork"), direction: dir };
    } else {
      setOnline(false);
      verdict = typed ? typedNeedsNetwork({ typed, nonce, dir, scannedAt }) : await scanOffline({ text, nonce, dir, scannedAt });
    }
  }
  verdict.undoable = Boolean(state.lastScan && state.lastScan.nonce === nonce && state.lastScan.result === "admitted");
  showVerdict(verdict);
  refreshStatus();
}

// --- typed numbers offline --------------------------------------------------------------------------------------
// A typed number carries no signature: only the server can tell whose ticket it is. Offline, the device says so
// and offers to queue it, to be checked (and recorded) with the other scans when the network is back.
function typedNeedsNetwork({ typed, nonce, dir, scannedAt }) {
  state.pendingTyped = { nonce, code: typed, direction: dir, scanned_at: scannedAt, result: null, ticket_id: typed };
  return { result: "needs_network", reason: null, message: t("typedNeedsNetwork"), direction: dir, offline: true, queueable: true };
}

export async function queueTyped() {
  const pending = state.pendingTyped;
  const message = $("[data-result-queue-message]");
  if (!pending) return;
  await store.enqueue(pending);
  state.pendingTyped = null;
  $("[data-result-queue]").hidden = true;
  message.textContent = t("typedQueued");
  ui.announce(t("typedQueued"));
  clearTimeout(state.resultTimer);
  state.resultTimer = setTimeout(closeResult, 4_000);
  refreshStatus();
}

// --- undo ----------------------------------------------------------------------------------------------------
export function updateUndo() {
  const button = $("[data-undo]");
  if (!button) return;
  const last = state.lastScan;
  button.disabled = !(last && last.result === "admitted" && Date.now() - last.at < UNDO_WINDOW_MS);
}

export async function undoLast() {
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
      await hooks.lostAuthorization();
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
export async function admitCompanions(event) {
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
      await hooks.lostAuthorization();
      return;
    } else {
      message.textContent = t("groupFailed");
    }
    signal("rejected");
  }
  state.resultTimer = setTimeout(closeResult, 8_000);
}

// --- search --------------------------------------------------------------------------------------------------
export async function search(event) {
  event.preventDefault();
  const input = $("[data-search-input]");
  const query = input.value.trim();
  const message = $("[data-search-message]");
  if (query.length < 3) {
    message.textContent = t("searchTooShort");
    return;
  }
  try {
    const answer = await api.search(query);
    setOnline(true);
    ui.renderSearch(answer.results || [], query, async (hit) => {
      // Search hits carry no signed code (the server never lists codes): the server admits by ticket id.
      await scan({ ticketId: hit.id });
      ui.renderSearch([], query, () => {});
      message.textContent = "";
      input.value = "";
    });
  } catch (error) {
    if (error instanceof NetworkError) {
      setOnline(false);
      message.textContent = t("searchNeedsNetwork");
    } else if (error instanceof HttpError && error.status === 401) {
      await hooks.lostAuthorization();
    } else {
      message.textContent = (error.body && error.body.detail) || t("searchFailed");
    }
  }
}
