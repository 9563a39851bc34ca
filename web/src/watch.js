// The watch page, /watch/{id}: the stream's title, state and viewers from the API and its live
// events, the picture once the stream says it is playable, and the viewer's own measurements
// reported back. window.novaWatch shows what the page knows, for people and for tests.
import { Player } from './player.js';
import { StreamEvents } from './stream-events.js';
import { ViewerReports } from './viewer-reports.js';

const $ = (id) => document.getElementById(id);

const MESSAGES = {
  loading: 'Loading…',
  missing: 'There is no such stream.',
  pending: 'The stream has not started yet. It will play here as soon as it does.',
  starting: 'The stream is live: the picture is on its way…',
  reconnecting: 'The streamer’s connection dropped. Waiting for them to come back…',
  ended: 'This stream has ended.',
  failed: 'This stream ended unexpectedly.',
  offline: 'Cannot reach the server. Trying again…',
};

// A random name for this viewer, kept while the tab lives (so a reload counts once).
function viewerId() {
  let id = sessionStorage.getItem('nova-viewer');
  if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_')
      .replace(/=+$/, '');
    sessionStorage.setItem('nova-viewer', id);
  }
  return id;
}

class WatchPage {
  constructor(streamId) {
    this.streamId = streamId;
    this.viewer = viewerId();
    this.stream = null;
    this.state = 'loading';
    this.viewerCount = null;
    this.reportedStalls = 0;
    this.startupReported = false;
    this.playableAt = null; // when stream_playable came (ms since the epoch)
    this.player = new Player($('video'), (levels) => this.showLevels(levels));
    this.reports = new ViewerReports(streamId, this.viewer, () => this.measure(),
                                     (measured) => this.reported(measured));
    this.events = new StreamEvents(streamId, this.viewer, (name, data) => this.onEvent(name, data),
                                   (connected) => this.onConnection(connected));
    $('quality').addEventListener('change', (e) => this.player.chooseLevel(Number(e.target.value)));
    $('video').addEventListener('playing', () => this.show());
    window.addEventListener('pagehide', () => this.reports.stop());
    // Back from the browser's back/forward cache: still watching.
    window.addEventListener('pageshow', (e) => {
      if (e.persisted && this.state === 'live') this.reports.start();
    });
    setInterval(() => this.showLatency(), 1000);
    // Read when asked, so it is never behind.
    Object.defineProperty(window, 'novaWatch', { get: () => this.snapshot() });
  }

  async load() {
    let response;
    try {
      response = await fetch(`/api/v1/streams/${this.streamId}`);
    } catch {
      this.setState('offline');
      setTimeout(() => this.load(), 2000);
      return;
    }
    if (response.status === 404) return this.setState('missing');
    if (!response.ok) {
      this.setState('offline');
      setTimeout(() => this.load(), 2000);
      return;
    }
    this.stream = await response.json();
    $('title').textContent = this.stream.title;
    document.title = `${this.stream.title} · Nova`;
    this.setViewers(this.stream.viewer_count);
    this.applyStatus(this.stream.status, this.stream.playable);
    this.events.open();
  }

  applyStatus(status, playable) {
    switch (status) {
      case 'PENDING': return this.setState('pending');
      case 'ACTIVE': return playable ? this.play() : this.setState('starting');
      case 'RECONNECTING': return this.setState('reconnecting');
      case 'COMPLETED': return this.end('ended');
      case 'FAILED': return this.end('failed');
    }
  }

  onEvent(name, data) {
    switch (name) {
      case 'stream_started': return this.setState('starting');
      case 'stream_playable':
        this.playableAt = Date.now();
        if (data.hls_url) this.stream.hls_url = data.hls_url;
        return this.play();
      case 'stream_interrupted': return this.setState('reconnecting');
      case 'stream_resumed':
        // The player rides out the gap by itself; it starts again if it gave up.
        if (this.player.active) return this.setState('live');
        return this.play();
      case 'stream_ended': return this.end(data.status === 'FAILED' ? 'failed' : 'ended');
      case 'viewer_count_changed': return this.setViewers(data.viewer_count);
    }
  }

  onConnection(connected) {
    // The picture plays on without the socket; only the count and the state wait for it.
    if (!connected && this.state !== 'ended' && this.state !== 'failed') this.setViewers(null);
  }

  play() {
    this.setState('live');
    if (!this.player.active) this.player.start(this.stream.hls_url);
    this.reports.start();
  }

  end(state) {
    this.player.stop();
    this.reports.stop();
    this.events.close();
    this.setViewers(null);
    this.setState(state);
  }

  setState(state) {
    this.state = state;
    this.show();
  }

  show() {
    const label = { live: 'Live', starting: 'Live', reconnecting: 'Reconnecting',
                    pending: 'Soon', ended: 'Ended', failed: 'Ended', missing: '',
                    loading: '', offline: '' }[this.state];
    const badge = $('state');
    badge.textContent = label;
    badge.hidden = !label;
    badge.className = 'state ' +
      ({ live: 'live', starting: 'live', reconnecting: 'waiting', pending: 'waiting' }[this.state] ||
       '');
    const message = $('message');
    const picture = this.state === 'live' && this.player.playing;
    message.hidden = picture;
    message.textContent = this.state === 'live' ? MESSAGES.starting : MESSAGES[this.state] || '';
  }

  setViewers(count) {
    this.viewerCount = count;
    $('viewers').textContent =
      count === null || count === undefined ? '' : `${count} watching`;
  }

  showLevels(levels) {
    const select = $('quality');
    select.replaceChildren(new Option('Auto', '-1'));
    for (const level of [...levels].sort((a, b) => b.height - a.height))
      select.add(new Option(level.name, String(level.index)));
    select.disabled = levels.length < 2;
  }

  showLatency() {
    const latency = this.player.latencyMs();
    $('latency').textContent =
      latency === null ? '' : `${(latency / 1000).toFixed(1)} s behind the camera`;
  }

  // One report's measurements: stalls since the last report the server took, the startup time
  // until it has taken one with it.
  measure() {
    const latency = this.player.latencyMs();
    const report = {
      rendition: this.player.rendition(),
      latency_ms: latency === null || latency < 0 ? null : Math.round(latency),
      stalls: this.player.stalls - this.reportedStalls,
    };
    if (!this.startupReported && this.player.startupMs !== null)
      report.startup_ms = this.player.startupMs;
    return report;
  }

  reported(measured) {
    this.reportedStalls += measured.stalls;
    if (measured.startup_ms !== undefined) this.startupReported = true;
  }

  snapshot() {
    return {
      streamId: this.streamId,
      state: this.state,
      playing: this.player.playing,
      viewerCount: this.viewerCount,
      rendition: this.player.rendition(),
      latencyMs: this.player.latencyMs(),
      programDateLatencyMs: this.player.programDateLatencyMs(),
      stalls: this.player.stalls,
      startupMs: this.player.startupMs,
      playableAt: this.playableAt,
      firstPictureAt: this.player.firstPictureAt,
      currentTime: $('video').currentTime,
      reportsSent: this.reports.sent,
      lastReportStatus: this.reports.lastStatus,
    };
  }
}

const match = /^\/watch\/([0-9a-fA-F-]{36})$/.exec(location.pathname);
if (match) {
  new WatchPage(match[1].toLowerCase()).load();
} else {
  $('message').textContent = MESSAGES.missing;
}
