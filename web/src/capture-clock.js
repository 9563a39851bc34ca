// The broadcaster's capture clock, as it travels inside the picture: H.264 SEI "user data
// unregistered" with the UUID "NovaCaptureClock" and then 8 bytes, big-endian microseconds since
// the Unix epoch (shared/capture_timestamp_sei.h). hls.js hands these over with
// FRAG_PARSING_USERDATA, stamped with the media time of their picture.

export const CAPTURE_CLOCK_UUID = '4e6f7661-4361-7074-7572-65436c6f636b';

// Milliseconds since the epoch from one of hls.js's user-data samples; null if it is not ours.
export function captureTimeMs(sample) {
  if (sample.payloadType !== 5 || sample.uuid !== CAPTURE_CLOCK_UUID) return null;
  const bytes = sample.userDataBytes;
  if (!bytes || bytes.length < 8) return null;
  let micros = 0n;
  for (let i = 0; i < 8; i++) micros = (micros << 8n) | BigInt(bytes[i]);
  return Number(micros) / 1000;
}

// Pairs of media time and capture time, so that the picture on screen can be dated.
export class CaptureClock {
  static KEEP = 300; // about five minutes of one mark a second

  constructor() {
    this.marks = [];
  }

  add(samples) {
    for (const sample of samples) {
      const capturedMs = captureTimeMs(sample);
      if (capturedMs !== null && Number.isFinite(sample.pts))
        this.marks.push({ pts: sample.pts, capturedMs });
    }
    this.marks.sort((a, b) => a.pts - b.pts);
    if (this.marks.length > CaptureClock.KEEP)
      this.marks.splice(0, this.marks.length - CaptureClock.KEEP);
  }

  // Glass to glass for the picture at media time `mediaTime`, shown at `nowMs`; null when no mark
  // is close enough before it to date it.
  latencyMs(mediaTime, nowMs) {
    let mark = null;
    for (let i = this.marks.length - 1; i >= 0; i--) {
      if (this.marks[i].pts <= mediaTime + 0.001) {
        mark = this.marks[i];
        break;
      }
    }
    if (!mark || mediaTime - mark.pts > 3) return null;
    return nowMs - (mark.capturedMs + (mediaTime - mark.pts) * 1000);
  }
}
