// The stream's HLS in the page's <video>, with hls.js (or the browser's own HLS where it has
// one): quality levels for the picker, stalls and startup time measured, the capture clock read
// from the picture, and recovery from the errors a live stream meets (a playlist not there yet,
// a reconnecting streamer).
import { CaptureClock } from './capture-clock.js';

// How far behind the newest segment's end playback stays, in target durations: below one the
// player runs dry before the next segment is out; hls.js's own default is three. ?sync=N on the
// page's URL sets another (for measuring, docs/PERFORMANCE.md).
const SYNC_TARGETS = (() => {
  const asked = Number(new URLSearchParams(location.search).get('sync'));
  return asked >= 0.5 && asked <= 5 ? asked : 1.25;
})();

// Buffered ahead before the first picture, in target durations (a little under one: a segment may
// be a few frames short of it).
const START_BUFFER_TARGETS = 0.9;

function bufferedAhead(video) {
  const now = video.currentTime;
  for (let i = 0; i < video.buffered.length; i++) {
    if (video.buffered.start(i) <= now + 0.1 && video.buffered.end(i) > now)
      return video.buffered.end(i) - now;
  }
  return 0;
}

export class Player {
  constructor(video, onLevels) {
    this.video = video;
    this.onLevels = onLevels;
    this.hls = null;
    this.clock = new CaptureClock();
    this.stalls = 0;
    this.startupMs = null;
    this.startedAt = null;
    this.firstPictureAt = null; // ms since the epoch
    this.targetSeconds = 2;     // the playlists' target duration, once known
    this.playing = false;
    this.video.addEventListener('playing', () => {
      this.playing = true;
      if (this.firstPictureAt === null) this.firstPictureAt = Date.now();
      if (this.startupMs === null && this.startedAt !== null)
        this.startupMs = Math.round(performance.now() - this.startedAt);
    });
    this.video.addEventListener('waiting', () => {
      if (this.playing) this.stalls += 1; // it ran out of picture once it had some
    });
  }

  get active() {
    return this.hls !== null || !!this.video.src;
  }

  start(url) {
    this.stop();
    this.clock = new CaptureClock(); // a new player, a new media timeline
    this.startedAt = performance.now();
    this.startupMs = null;
    this.playing = false;
    const Hls = window.Hls;
    if (Hls && Hls.isSupported()) {
      const hls = new Hls({
        liveSyncDuration: 2.5, // set from the target duration once the first playlist is in
        liveMaxLatencyDuration: 10,
        maxLiveSyncPlaybackRate: 1.1, // catch up gently after a stall instead of jumping
        manifestLoadingMaxRetry: 6,
        manifestLoadingRetryDelay: 500,
        levelLoadingMaxRetry: 6,
        fragLoadingMaxRetry: 6,
        backBufferLength: 30,
      });
      this.hls = hls;
      hls.on(Hls.Events.MANIFEST_PARSED, (_, data) => {
        this.onLevels(data.levels.map((level, index) => ({ index, height: level.height,
                                                           name: levelName(level) })));
      });
      // A stream that has just become playable has one short segment: starting on it alone means
      // a freeze a second later. The picture starts once a segment's worth is buffered, at the
      // live-sync distance from its end rather than at its beginning, a second further back.
      hls.on(Hls.Events.FRAG_BUFFERED, () => {
        if (this.startupMs !== null || !this.video.paused) return;
        const ahead = bufferedAhead(this.video);
        if (ahead < this.targetSeconds * START_BUFFER_TARGETS) return;
        const skip = ahead - this.targetSeconds * SYNC_TARGETS;
        if (skip > 0) this.video.currentTime += skip;
        this.video.play().catch(() => {});
      });
      hls.on(Hls.Events.LEVEL_LOADED, (_, data) => {
        const target = data.details.targetduration;
        if (target > 0) {
          this.targetSeconds = target;
          hls.config.liveSyncDuration = target * SYNC_TARGETS;
          hls.config.liveMaxLatencyDuration = Math.max(target * 5, 10);
        }
      });
      hls.on(Hls.Events.FRAG_PARSING_USERDATA, (_, data) => this.clock.add(data.samples));
      hls.on(Hls.Events.ERROR, (_, data) => {
        if (!data.fatal) return;
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
          hls.recoverMediaError();
        } else {
          // A live stream's playlist can be late or gone for a moment: start again soon.
          setTimeout(() => { if (this.hls === hls) this.start(url); }, 1000);
        }
      });
      hls.loadSource(url);
      hls.attachMedia(this.video);
    } else if (this.video.canPlayType('application/vnd.apple.mpegurl')) {
      this.video.src = url;
      this.video.play().catch(() => {});
      this.onLevels([]);
    }
  }

  stop() {
    if (this.hls) {
      this.hls.destroy();
      this.hls = null;
    }
    if (this.video.src) {
      this.video.removeAttribute('src');
      this.video.load();
    }
    this.playing = false;
  }

  // -1: automatic.
  chooseLevel(index) {
    if (this.hls) this.hls.currentLevel = index;
  }

  rendition() {
    if (!this.hls || this.hls.currentLevel < 0) return null;
    const level = this.hls.levels[this.hls.currentLevel];
    return level ? levelName(level) : null;
  }

  // Glass to glass now, from the capture clock in the picture shown.
  latencyMs() {
    if (!this.playing) return null;
    return this.clock.latencyMs(this.video.currentTime, Date.now());
  }

  // The same from the playlist's EXT-X-PROGRAM-DATE-TIME (the capture time of each segment's
  // first picture): a second opinion.
  programDateLatencyMs() {
    if (!this.playing || !this.hls || !this.hls.playingDate) return null;
    return Date.now() - this.hls.playingDate.getTime();
  }
}

// The ladder's names: "source" for the first variant, the height for the others.
function levelName(level) {
  const uri = (level.url && level.url[0]) || level.uri || '';
  const match = /(?:^|\/)([^/]+)\/index\.m3u8/.exec(uri);
  if (match) return match[1];
  return level.height ? `${level.height}p` : 'source';
}
