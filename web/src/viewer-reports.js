// What this page tells the server about its viewer while it plays (POST
// /api/v1/streams/{id}/viewers): that it is still watching, which rendition, the glass-to-glass
// latency, stalls since the last report, and once the startup time. An HLS-only viewer counts by
// these reports alone; the last one, as the page goes, says it leaves.

export class ViewerReports {
  static EVERY_MS = 5000;

  constructor(streamId, viewerId, measure, taken) {
    this.url = `/api/v1/streams/${streamId}/viewers`;
    this.viewerId = viewerId;
    this.measure = measure; // () => {rendition, latency_ms, stalls, startup_ms}
    this.taken = taken;     // (what was measured) once the server has it
    this.timer = null;
    this.sent = 0;
    this.lastStatus = null;
  }

  start() {
    if (this.timer !== null) return;
    this.send();
    this.timer = setInterval(() => this.send(), ViewerReports.EVERY_MS);
  }

  stop() {
    if (this.timer === null) return;
    this.halt();
    this.leave();
  }

  body(fields) {
    const report = { viewer: this.viewerId };
    for (const [key, value] of Object.entries(fields))
      if (value !== null && value !== undefined) report[key] = value;
    return JSON.stringify(report);
  }

  async send() {
    const measured = this.measure();
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: this.body(measured),
        keepalive: true,
      });
      this.lastStatus = response.status;
      this.sent += 1;
      if (response.ok) {
        this.taken(measured);
      } else if (response.status === 404 || response.status === 409) {
        this.halt(); // the stream is gone or over: nothing more to report
      }
    } catch {
      this.lastStatus = 0; // the next one tries again, with these figures in it
    }
  }

  halt() {
    if (this.timer === null) return;
    clearInterval(this.timer);
    this.timer = null;
  }

  // Also when the page is closed: a beacon outlives it.
  leave() {
    navigator.sendBeacon(this.url, this.body({ leaving: true }));
  }
}
