// The offline service workers (static/js/scanner/sw.js, static/js/talks/stage-sw.js) run on their shared core
// (static/js/offline-sw-core.js) in a sandbox standing in for the browser: a fake Cache Storage, a fetch the
// test answers, and events dispatched by hand. Each worker keeps its own routing: which requests it answers,
// network first or cache first, and which older caches it drops.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const ORIGIN = "https://printemps.test";
const source = (path) => readFileSync(new URL(`../../static/js/${path}`, import.meta.url), "utf8");
const plainUrl = (url) => url.split("?")[0];

class FakeCache {
  constructor() { this.entries = new Map(); }
  async match(key, options = {}) {
    const url = new URL(typeof key === "string" ? key : key.url, ORIGIN).href;
    for (const [stored, response] of this.entries) {
      if (stored === url || (options.ignoreSearch && plainUrl(stored) === plainUrl(url))) return response;
    }
    return undefined;
  }
  async put(key, response) { this.entries.set(new URL(typeof key === "string" ? key : key.url, ORIGIN).href, response); }
  async addAll(requests) { for (const request of requests) this.entries.set(new URL(request.url, ORIGIN).href, request); }
}

function sandbox(worker, constants) {
  const caches = new Map();
  const listeners = {};
  const timers = [];
  const context = {
    self: { location: new URL(`${ORIGIN}/sw.js`), addEventListener: (type, fn) => { listeners[type] = fn; },
      skipWaiting: async () => {}, clients: { claim: async () => {} } },
    caches: {
      open: async (name) => { if (!caches.has(name)) caches.set(name, new FakeCache()); return caches.get(name); },
      keys: async () => [...caches.keys()],
      delete: async (name) => caches.delete(name),
    },
    fetch: async () => { throw new TypeError("offline"); },
    Request: class { constructor(url, init) { Object.assign(this, { url, ...init }); } },
    Response: { error: () => ({ type: "error" }) },
    URL,
    setTimeout: (fn, ms) => { timers.push(ms); setImmediate(fn); },
    clearTimeout: () => {},
    console,
  };
  context.importScripts = (url) => {
    assert.equal(url, "/static/js/offline-sw-core.js");
    vm.runInContext(source("offline-sw-core.js"), context);
  };
  vm.createContext(context);
  const header = Object.entries({ ...constants, OFFLINE_CORE: "/static/js/offline-sw-core.js" })
    .map(([name, value]) => `const ${name} = ${JSON.stringify(value)};\n`).join("");
  vm.runInContext(header + source(worker), context);
  const fetchEvent = (url, { method = "GET", mode = "no-cors" } = {}) => {
    const event = { request: { url: new URL(url, ORIGIN).href, method, mode }, response: null };
    event.respondWith = (promise) => { event.response = promise; };
    listeners.fetch(event);
    return event.response;
  };
  const lifecycle = async (type) => {
    let done;
    listeners[type]({ waitUntil: (promise) => { done = promise; } });
    await done;
  };
  return { context, caches, listeners, timers, fetchEvent, lifecycle };
}

const ok = (body) => ({ ok: true, body, clone() { return this; } });

const scanner = () => sandbox("scanner/sw.js", {
  VERSION: "abc-fr", SCOPE: "/fr/scan/", PRECACHE: ["/fr/scan/", "/static/js/scanner/main.js"],
});
const stage = () => sandbox("talks/stage-sw.js", { VERSION: "def-en", PRECACHE: ["/static/js/talks/player.js"] });

test("each worker precaches its list at install, fetched past the HTTP cache", async () => {
  for (const [worker, name] of [[scanner(), "scanner-abc-fr"], [stage(), "stage-def-en"]]) {
    await worker.lifecycle("install");
    const requests = [...worker.caches.get(name).entries.values()];
    assert.ok(requests.length > 0);
    assert.ok(requests.every((request) => request.cache === "reload" && request.credentials === "same-origin"));
  }
});

test("the scanner drops its older caches in its own language only; the stage drops its older caches", async () => {
  const others = ["scanner-old-fr", "scanner-old-nl", "stage-old-en", "other"];
  const gate = scanner();
  const player = stage();
  for (const worker of [gate, player]) for (const name of others) await worker.context.caches.open(name);
  await gate.lifecycle("activate");
  await player.lifecycle("activate");
  assert.deepEqual([...gate.caches.keys()], ["scanner-old-nl", "stage-old-en", "other"]);
  assert.deepEqual([...player.caches.keys()], ["scanner-old-fr", "scanner-old-nl", "other"]);
});

test("the scanner answers its page network first, kept under the scope, with a 3 s timeout", async () => {
  const gate = scanner();
  gate.context.fetch = async () => ok("fresh page");
  assert.equal((await gate.fetchEvent("/fr/scan/?from=home", { mode: "navigate" })).body, "fresh page");
  gate.context.fetch = () => new Promise(() => {}); // the network never answers
  assert.equal((await gate.fetchEvent("/fr/scan/", { mode: "navigate" })).body, "fresh page");
  assert.deepEqual(gate.timers, [3000, 3000]);
  assert.deepEqual([...gate.caches.get("scanner-abc-fr").entries.keys()], [`${ORIGIN}/fr/scan/`]);
});

test("the scanner answers precached assets cache first and leaves everything else to the browser", async () => {
  const gate = scanner();
  gate.context.fetch = async () => ok("module");
  assert.equal((await gate.fetchEvent("/static/js/scanner/main.js")).body, "module");
  gate.context.fetch = async () => { throw new TypeError("offline"); };
  assert.equal((await gate.fetchEvent("/static/js/scanner/main.js?v=2")).body, "module");
  assert.equal(gate.fetchEvent("/api/v1/checkins"), null);
  assert.equal(gate.fetchEvent("/fr/scan/", { method: "POST", mode: "navigate" }), null);
  assert.equal(gate.fetchEvent("https://elsewhere.test/static/js/scanner/main.js"), null);
});

test("the stage answers pages network first without a timeout, and the rest cache first", async () => {
  const player = stage();
  player.context.fetch = async (request) => ok(`network ${request.url}`);
  const page = `${ORIGIN}/en/talks/stage/1/2/`;
  assert.equal((await player.fetchEvent(page, { mode: "navigate" })).body, `network ${page}`);
  assert.equal((await player.fetchEvent("/en/talks/slides/x/1/")).body, `network ${ORIGIN}/en/talks/slides/x/1/`);
  assert.equal((await player.fetchEvent("https://elsewhere.test/a.png")).body, "network https://elsewhere.test/a.png");
  player.context.fetch = async () => { throw new TypeError("offline"); };
  assert.equal((await player.fetchEvent(page, { mode: "navigate" })).body, `network ${page}`);
  assert.equal((await player.fetchEvent("/en/talks/slides/x/1/")).body, `network ${ORIGIN}/en/talks/slides/x/1/`);
  await assert.rejects(player.fetchEvent("https://elsewhere.test/a.png"), TypeError); // never kept
  assert.equal(player.fetchEvent(page, { method: "POST", mode: "navigate" }), null);
  assert.deepEqual(player.timers, []);
});
