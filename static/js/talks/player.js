// The Pecha Kucha player: each deck's slides advance by themselves every SECONDS seconds with a countdown,
// the next speaker's name shows between decks, and the operator can pause, go back, skip and black the
// screen from the keyboard or a presenter clicker (arrows, PageUp/PageDown, B, Space, F).
//
// The clock is injectable: a page (or a test) that sets `window.talksPlayerClock = {now, every}` before this
// script runs drives time itself; otherwise it is performance.now() and setInterval.
(function () {
  "use strict";
  const root = document.getElementById("player");
  if (!root) return;
  const decks = JSON.parse(document.getElementById("decks").textContent);
  const text = JSON.parse(document.getElementById("player-text").textContent);
  const seconds = Number(root.dataset.seconds || 20);
  const clock = window.talksPlayerClock || {
    now: () => performance.now(),
    every: (fn, ms) => setInterval(fn, ms),
  };
  const el = (name) => root.querySelector(`[data-${name}]`);
  const image = el("slide");
  const countdown = el("countdown");
  const position = el("position");
  const between = el("between");
  const status = el("status");
  const state = { deck: 0, slide: 0, phase: "ready", left: seconds * 1000, paused: false, black: false, last: clock.now() };

  // Every slide is fetched before the session starts: the stage keeps playing if the network drops.
  let loaded = 0;
  const total = decks.reduce((sum, deck) => sum + deck.slides.length, 0);
  decks.forEach((deck) => deck.slides.forEach((url) => {
    const probe = new Image();
    probe.onload = () => { loaded += 1; render(); };
    probe.src = url;
  }));

  function currentDeck() { return decks[state.deck]; }

  function render() {
    const deck = currentDeck();
    root.classList.toggle("player--black", state.black);
    root.classList.toggle("player--paused", state.paused);
    const showing = state.phase === "slide" && deck;
    image.hidden = !showing;
    between.hidden = showing;
    if (showing) {
      image.src = deck.slides[state.slide];
      image.alt = text.slideOf.replace("{n}", state.slide + 1).replace("{total}", deck.slides.length);
      position.textContent = `${state.slide + 1} / ${deck.slides.length}`;
      countdown.textContent = String(Math.max(0, Math.ceil(state.left / 1000)));
    } else {
      const next = state.phase === "ready" ? deck : decks[state.deck + 1];
      between.querySelector("[data-next-title]").textContent = next ? next.title : text.end;
      between.querySelector("[data-next-speakers]").textContent = next ? next.speakers : "";
      between.querySelector("[data-next-label]").hidden = !next;
      position.textContent = "";
      countdown.textContent = "";
    }
    const ready = offline ? Math.max(0, offline.count - 1) : loaded;
    status.textContent = (state.paused ? text.paused + " · " : "") + text.loaded.replace("{n}", Math.min(ready, total)).replace("{total}", total);
  }

  function startDeck(index) {
    if (index >= decks.length) return;
    Object.assign(state, { deck: index, slide: 0, phase: "slide", left: seconds * 1000 });
    render();
  }

  function next() {
    if (state.phase !== "slide") {
      startDeck(state.phase === "ready" ? state.deck : state.deck + 1);
      return;
    }
    if (state.slide + 1 < currentDeck().slides.length) {
      state.slide += 1;
      state.left = seconds * 1000;
    } else {
      state.phase = "between";
    }
    render();
  }

  function back() {
    if (state.phase === "slide" && state.slide > 0) state.slide -= 1;
    else if (state.phase === "between") { state.phase = "slide"; }
    state.left = seconds * 1000;
    render();
  }

  function tick() {
    const now = clock.now();
    const elapsed = now - state.last;
    state.last = now;
    if (state.phase !== "slide" || state.paused) return;
    state.left -= elapsed;
    if (state.left <= 0) next();
    else countdown.textContent = String(Math.ceil(state.left / 1000));
  }

  const actions = {
    next, back,
    pause: () => { state.paused = !state.paused; render(); },
    black: () => { state.black = !state.black; render(); },
    fullscreen: () => {
      if (document.fullscreenElement) document.exitFullscreen();
      else root.requestFullscreen().catch(() => {});
    },
  };
  const keys = {
    ArrowRight: "next", PageDown: "next", ArrowDown: "next",
    ArrowLeft: "back", PageUp: "back", ArrowUp: "back",
    " ": "pause", p: "pause", P: "pause", b: "black", B: "black", ".": "black", f: "fullscreen", F: "fullscreen",
  };
  document.addEventListener("keydown", (event) => {
    const action = keys[event.key];
    if (!action || event.target.closest("input, textarea, select")) return;
    if (event.target.closest("button") && (event.key === " " || event.key === "Enter")) return;
    event.preventDefault();
    actions[action]();
  });
  root.querySelectorAll("[data-action]").forEach((button) => {
    button.addEventListener("click", () => actions[button.dataset.action]());
  });

  // On the stage: a service worker keeps the page and every slide, and says how many are ready offline.
  let offline = null;
  if ("serviceWorker" in navigator && root.dataset.worker) {
    const urls = [window.location.pathname, ...decks.flatMap((deck) => deck.slides)];
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data && event.data.type === "cached") { offline = event.data; render(); }
    });
    navigator.serviceWorker.register(root.dataset.worker, { scope: root.dataset.scope })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => registration.active.postMessage({ type: "precache", urls }))
      .catch(() => {});
  }
  clock.every(tick, 100);
  render();
})();
