// Camera scanning: the browser's BarcodeDetector where it has one, else jsQR (from npm, served by the app).
export class CameraScanner {
  constructor(video, { onCode, jsqrUrl, onError }) {
    this.video = video;
    this.onCode = onCode;
    this.onError = onError;
    this.jsqrUrl = jsqrUrl;
    this.stream = null;
    this.running = false;
    this.detector = null;
    this.canvas = null;
    this.lastText = "";
    this.lastAt = 0;
  }

  static available() {
    return Boolean(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
  }

  async loadDecoder() {
    if ("BarcodeDetector" in window) {
      try {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (formats.includes("qr_code")) {
          this.detector = new window.BarcodeDetector({ formats: ["qr_code"] });
          return;
        }
      } catch (error) { /* fall back to jsQR */ }
    }
    if (!window.jsQR) {
      if (!this.jsqrUrl) throw new Error("no-decoder");
      await new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = this.jsqrUrl;
        script.onload = resolve;
        script.onerror = () => reject(new Error("no-decoder"));
        document.head.appendChild(script);
      });
    }
    this.canvas = document.createElement("canvas");
  }

  async start() {
    await this.loadDecoder();
    this.stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: false,
    });
    this.video.srcObject = this.stream;
    this.video.setAttribute("playsinline", "");
    this.video.muted = true;
    await this.video.play();
    this.running = true;
    this.loop();
  }

  stop() {
    this.running = false;
    if (this.stream) for (const track of this.stream.getTracks()) track.stop();
    this.stream = null;
    this.video.srcObject = null;
  }

  async detect() {
    if (this.video.readyState < 2) return null;
    if (this.detector) {
      const found = await this.detector.detect(this.video);
      return found.length ? found[0].rawValue : null;
    }
    const width = this.video.videoWidth;
    const height = this.video.videoHeight;
    if (!width || !height) return null;
    const scale = Math.min(1, 800 / Math.max(width, height));
    this.canvas.width = Math.round(width * scale);
    this.canvas.height = Math.round(height * scale);
    const ctx = this.canvas.getContext("2d", { willReadFrequently: true });
    ctx.drawImage(this.video, 0, 0, this.canvas.width, this.canvas.height);
    const image = ctx.getImageData(0, 0, this.canvas.width, this.canvas.height);
    const result = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
    return result ? result.data : null;
  }

  async loop() {
    while (this.running) {
      try {
        const text = await this.detect();
        const now = Date.now();
        // The same code held in front of the camera counts once; another code goes through at once.
        if (text && (text !== this.lastText || now - this.lastAt > 3000)) {
          this.lastText = text;
          this.lastAt = now;
          this.onCode(text);
        }
      } catch (error) {
        if (this.onError) this.onError(error);
      }
      await new Promise((resolve) => setTimeout(resolve, this.detector ? 120 : 200));
    }
  }
}
