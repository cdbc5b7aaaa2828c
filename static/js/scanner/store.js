// Everything the scanner keeps on the device, in IndexedDB:
//   kv     settings and state: the device token, the edition config (public key, revocation list), the last sync
//   queue  scans made offline, waiting to upload (key: nonce), in the order they were made
//   seen   tickets this device let in or out, per edition and day, to spot a second scan while offline
const DB_NAME = "printemps-scanner";
const DB_VERSION = 1;

let dbPromise = null;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function open() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains("kv")) db.createObjectStore("kv");
        if (!db.objectStoreNames.contains("queue")) {
          const queue = db.createObjectStore("queue", { keyPath: "nonce" });
          queue.createIndex("scanned_at", "scanned_at");
        }
        if (!db.objectStoreNames.contains("seen")) db.createObjectStore("seen", { keyPath: "key" });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error("IndexedDB blocked"));
    });
  }
  return dbPromise;
}

async function run(storeName, mode, fn) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(storeName, mode);
    const store = tx.objectStore(storeName);
    let result;
    Promise.resolve(fn(store)).then((value) => { result = value; }, reject);
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("transaction aborted"));
  });
}

export function get(key) {
  return run("kv", "readonly", (store) => request(store.get(key)));
}

export function set(key, value) {
  return run("kv", "readwrite", (store) => request(store.put(value, key)));
}

export function remove(key) {
  return run("kv", "readwrite", (store) => request(store.delete(key)));
}

// --- the offline queue -------------------------------------------------------------------------------------
export function enqueue(scan) {
  return run("queue", "readwrite", (store) => request(store.put(scan)));
}

export function dequeue(nonces) {
  return run("queue", "readwrite", (store) => Promise.all(nonces.map((nonce) => request(store.delete(nonce)))));
}

export function queued() {
  return run("queue", "readonly", (store) => request(store.index("scanned_at").getAll()));
}

export function queuedCount() {
  return run("queue", "readonly", (store) => request(store.count()));
}

export function queuedScan(nonce) {
  return run("queue", "readonly", (store) => request(store.get(nonce)));
}

// --- tickets seen on this device ----------------------------------------------------------------------------
export function seenKey(editionId, dayKey, ticketId) {
  return `${editionId}:${dayKey}:${ticketId}`;
}

export function getSeen(key) {
  return run("seen", "readonly", (store) => request(store.get(key)));
}

export function putSeen(record) {
  return run("seen", "readwrite", (store) => request(store.put(record)));
}

export function deleteSeen(key) {
  return run("seen", "readwrite", (store) => request(store.delete(key)));
}
