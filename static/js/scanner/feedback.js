// A sound and a vibration for each verdict, so staff need not look at the screen to know.
// Tones are synthesised (no audio files to cache): rising = admitted, two level = already in, low buzz = rejected.
let audio = null;

function context() {
  const Ctx = window.AudioContext || window.webkitAudioContext;
  if (!Ctx) return null;
  if (!audio) audio = new Ctx();
  if (audio.state === "suspended") audio.resume().catch(() => {});
  return audio;
}

// Browsers only let a page make sound after a gesture: call this from the first tap or key press.
export function unlockAudio() {
  try { context(); } catch (error) { /* no sound on this device */ }
}

function tone(ctx, frequency, start, duration, type = "sine", volume = 0.35) {
  const oscillator = ctx.createOscillator();
  const gain = ctx.createGain();
  oscillator.type = type;
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, ctx.currentTime + start);
  gain.gain.exponentialRampToValueAtTime(volume, ctx.currentTime + start + 0.015);
  gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + start + duration);
  oscillator.connect(gain).connect(ctx.destination);
  oscillator.start(ctx.currentTime + start);
  oscillator.stop(ctx.currentTime + start + duration + 0.02);
}

const PATTERNS = {
  admitted: { tones: [[880, 0, 0.12], [1320, 0.13, 0.18]], vibrate: [80] },
  already: { tones: [[660, 0, 0.16, "triangle"], [660, 0.24, 0.16, "triangle"]], vibrate: [120, 80, 120] },
  rejected: { tones: [[196, 0, 0.55, "square", 0.25]], vibrate: [400] },
};

export function signal(kind) {
  const pattern = PATTERNS[kind];
  if (!pattern) return;
  try {
    const ctx = context();
    if (ctx) for (const [frequency, start, duration, type, volume] of pattern.tones) {
      tone(ctx, frequency, start, duration, type, volume);
    }
  } catch (error) { /* sound is a help, never a blocker */ }
  if (navigator.vibrate) navigator.vibrate(pattern.vibrate);
}
