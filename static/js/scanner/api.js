// The check-in API, with a device token and a short timeout: at a gate, waiting is worse than going offline.
export class NetworkError extends Error {}

export class HttpError extends Error {
  constructor(status, body) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export function createApi(base, getToken, { timeoutMs = 4000 } = {}) {
  async function call(method, path, body, { timeout = timeoutMs, auth = true } = {}) {
    if (navigator.onLine === false) throw new NetworkError("offline");
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    // The API answers (ticket kinds, error details) in the page's language.
    const headers = { Accept: "application/json", "Accept-Language": document.documentElement.lang || "fr" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (auth) {
      const token = await getToken();
      if (token) headers.Authorization = `Bearer ${token}`;
    }
    let response;
    try {
      response = await fetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        cache: "no-store",
        credentials: "omit",
      });
    } catch (error) {
      throw new NetworkError(error && error.message);
    } finally {
      clearTimeout(timer);
    }
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = null;
    }
    if (response.status >= 500) throw new NetworkError(`server ${response.status}`);
    if (!response.ok) throw new HttpError(response.status, data);
    return data;
  }

  return {
    pair: (pairingCode, deviceName) =>
      call("POST", "devices/pair", { pairing_code: pairingCode, device_name: deviceName || null }, { auth: false }),
    config: () => call("GET", "checkins/config"),
    checkIn: (scan) => call("POST", "checkins", scan, { timeout: 3000 }),
    undo: (nonce) => call("POST", `checkins/${encodeURIComponent(nonce)}/undo`, {}),
    search: (query) => call("GET", `checkins/search?q=${encodeURIComponent(query)}`),
    group: (payload) => call("POST", "checkins/group", payload),
    sync: (scans) => call("POST", "checkins/sync", { scans }, { timeout: 15000 }),
    heartbeat: (report) => call("POST", "devices/heartbeat", report),
  };
}
