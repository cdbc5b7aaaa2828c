// Rendering: the status bar, the verdict that fills the screen, search results, companions.
const strings = JSON.parse(document.getElementById("scanner-strings").textContent);
const language = document.documentElement.lang || "fr";

export function t(key, values = {}) {
  const text = strings[key] !== undefined ? strings[key] : key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (values[name] !== undefined ? String(values[name]) : match));
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

const timeFormat = new Intl.DateTimeFormat(language, {
  timeZone: "Europe/Brussels", hour: "2-digit", minute: "2-digit", second: "2-digit",
});
const dateTimeFormat = new Intl.DateTimeFormat(language, {
  timeZone: "Europe/Brussels", weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit",
});

export function formatTime(value) {
  if (!value) return "";
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const sameDay = new Date().toDateString() === date.toDateString();
  return sameDay ? timeFormat.format(date) : dateTimeFormat.format(date);
}

export function showScreen(name) {
  document.body.dataset.screen = name;
  for (const section of $$("[data-screen-name]")) section.hidden = section.dataset.screenName !== name;
}

// --- status bar -----------------------------------------------------------------------------------------------
export function renderStatus({ online, lastSync, waiting, device, rehearsal = false }) {
  const status = $("[data-status]");
  status.dataset.online = online ? "true" : "false";
  $("[data-status-icon]").textContent = online ? "●" : "⚠";
  $("[data-status-net]").textContent = online ? t("online") : t("offline");
  $("[data-status-sync]").textContent = lastSync ? t("lastSync", { time: formatTime(lastSync) }) : t("neverSynced");
  $("[data-status-queue]").textContent =
    waiting === 0 ? t("waitingNone") : waiting === 1 ? t("waitingOne") : t("waitingMany", { count: waiting });
  status.dataset.waiting = String(waiting);
  $("[data-status-rehearsal]").hidden = !rehearsal;
  const label = $("[data-device-label]");
  if (device && device.name) {
    label.hidden = false;
    label.textContent = device.gate ? `${device.name} · ${device.gate}` : device.name;
  } else {
    label.hidden = true;
  }
}

// --- the verdict ----------------------------------------------------------------------------------------------
const ICONS = { admitted: "✓", already: "!", rejected: "✕", pending: "?" };

export function ticketName(ticket) {
  if (!ticket) return "";
  return ticket.holder_name || ticket.name || t("unnamed", { id: ticket.id || "" });
}

function headcountText(ticket) {
  const count = ticket && ticket.headcount ? ticket.headcount : 1;
  return count === 1 ? t("headcountOne") : t("headcountMany", { count });
}

function kindText(ticket) {
  if (!ticket || !ticket.kind) return "";
  return ticket.kind_label || t(`kind.${ticket.kind}`);
}

const dayFormat = new Intl.DateTimeFormat(language, { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" });

function dayText(isoDate) {
  if (!isoDate) return "";
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : dayFormat.format(date);
}

// verdict: {result, reason, ticket, first_checkin, companions, offline, direction, seenHere}
export function renderResult(verdict) {
  const panel = $("[data-result]");
  const kinds = { admitted: "admitted", already_checked_in: "already", needs_network: "pending" };
  const kind = kinds[verdict.result] || "rejected";
  panel.dataset.verdict = kind;
  const rehearsal = Boolean(verdict.ticket && verdict.ticket.rehearsal);
  panel.dataset.rehearsal = rehearsal ? "true" : "false";
  $("[data-result-rehearsal]").hidden = !rehearsal;
  $("[data-result-icon]").textContent = ICONS[kind];
  let title;
  if (kind === "admitted") title = verdict.direction === "out" ? t("exitRecorded") : t("admitted");
  else if (kind === "already") title = t("alreadyIn");
  else if (kind === "pending") title = t("typedNeedsNetworkTitle");
  else title = t("rejected");
  $("[data-result-title]").textContent = title;

  const ticket = verdict.ticket;
  $("[data-result-name]").textContent = kind === "rejected" && !ticket ? "" : ticketName(ticket);
  const details = [];
  if (ticket && kind !== "rejected") details.push(headcountText(ticket));
  if (ticket && ticket.kind && ticket.kind !== "visitor") details.push(kindText(ticket));
  if (verdict.offline) details.push(t("checkedOffline"));
  $("[data-result-detail]").textContent = details.join(" · ");

  let reason = "";
  if (kind === "rejected") reason = t(`reason.${verdict.reason}`) === `reason.${verdict.reason}` ? t("reason.unknown") : t(`reason.${verdict.reason}`);
  if (kind === "rejected" && verdict.reason === "wrong_day" && ticket) {
    const dates = ticket.day ? [ticket.day] : ticket.valid_dates || [];
    if (dates.length) reason = `${reason} ${t("validOn", { day: dates.map(dayText).join(", ") })}`;
  }
  if (kind === "already" && verdict.first_checkin) {
    const first = verdict.first_checkin;
    reason = first.here
      ? t("firstCheckinHere", { time: formatTime(first.at) })
      : t("firstCheckin", { time: formatTime(first.at), gate: first.gate || "?" });
  }
  if (verdict.message) reason = verdict.message;
  $("[data-result-reason]").textContent = reason;
  $("[data-result-undo]").hidden = !verdict.undoable;
  $("[data-result-queue]").hidden = !verdict.queueable;
  $("[data-result-queue-message]").textContent = "";
  panel.hidden = false;
  const spoken = [rehearsal ? t("rehearsal") : "", title, $("[data-result-name]").textContent, $("[data-result-detail]").textContent, reason]
    .filter(Boolean)
    .join(". ");
  announce(spoken);
  document.body.dataset.verdict = kind;
}

// The same words twice in a row are still read out: the region is emptied first.
export function announce(text) {
  const region = $("[data-announce]");
  region.textContent = "";
  setTimeout(() => { region.textContent = text; }, 50);
}

export function hideResult() {
  const panel = $("[data-result]");
  panel.hidden = true; // its data-verdict stays: the last verdict, for whoever reads it after it closed
  document.body.dataset.verdict = "none";
  $("[data-companions]").hidden = true;
}

function blockedCompanion(c) {
  return c.status === "cancelled" || c.inside || c.valid_today === false;
}

export function renderCompanions(companions, onChange) {
  const form = $("[data-companions]");
  const list = $("[data-companions-list]");
  list.replaceChildren();
  $("[data-companions-message]").textContent = "";
  const admittable = companions.filter((c) => !blockedCompanion(c));
  if (!companions.length) {
    form.hidden = true;
    return;
  }
  for (const companion of companions) {
    const id = `companion-${companion.id}`;
    const row = document.createElement("div");
    row.className = "choice scan-companion";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = id;
    box.value = companion.id;
    box.dataset.companion = "";
    const blocked = blockedCompanion(companion);
    box.checked = !blocked;
    box.disabled = blocked;
    const label = document.createElement("label");
    label.htmlFor = id;
    let text = `${ticketName(companion)} – ${headcountText(companion)}`;
    if (companion.inside) text += ` (${t("statusInside")})`;
    if (companion.status === "cancelled") text += ` (${t("statusCancelled")})`;
    else if (companion.valid_today === false) text += ` (${t("notToday")})`;
    label.textContent = text;
    box.addEventListener("change", onChange);
    row.append(box, label);
    list.append(row);
  }
  form.hidden = false;
  updateCompanionButton();
  return admittable.length;
}

export function selectedCompanions() {
  return $$("[data-companion]").filter((box) => box.checked && !box.disabled).map((box) => box.value);
}

export function updateCompanionButton() {
  const count = selectedCompanions().length;
  const button = $("[data-companions-submit]");
  button.textContent = t("admitTogether", { count });
  button.disabled = count === 0;
}

// --- search results ------------------------------------------------------------------------------------------
export function renderSearch(results, query, onAdmit) {
  const list = $("[data-search-results]");
  list.replaceChildren();
  const message = $("[data-search-message]");
  if (!results.length) {
    message.textContent = t("searchEmpty", { query });
    return;
  }
  message.textContent = results.length === 1 ? t("searchCountOne") : t("searchCount", { count: results.length });
  for (const result of results) {
    const item = document.createElement("li");
    item.className = "scan-results__item";
    const name = document.createElement("p");
    name.className = "scan-results__name";
    name.textContent = ticketName(result);
    const detail = document.createElement("p");
    detail.className = "scan-results__detail";
    const bits = [headcountText(result)];
    if (result.kind) bits.push(kindText(result));
    if (result.day) bits.push(dayText(result.day));
    if (result.registration_name && result.registration_name !== result.holder_name) {
      bits.push(t("registeredBy", { name: result.registration_name }));
    }
    if (result.inside) bits.push(`✓ ${t("statusInside")}`);
    if (result.status === "cancelled") bits.push(`✕ ${t("statusCancelled")}`);
    else if (result.valid_today === false) bits.push(`✕ ${t("notToday")}`);
    detail.textContent = bits.join(" · ");
    item.append(name, detail);
    if (!blockedCompanion(result)) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button button--primary scan-button";
      button.textContent = `${t("admitThis")} – ${ticketName(result)}`;
      button.addEventListener("click", () => onAdmit(result));
      item.append(button);
    }
    list.append(item);
  }
}
