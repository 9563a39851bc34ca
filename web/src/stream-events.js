// One stream's live events (GET /api/v1/streams/{id}/ws), as a viewer's socket: it names the
// viewer, so that its socket and its playback reports count once, and after a lost connection it
// comes back with ?since= and gets what it missed.

export class StreamEvents {
  constructor(streamId, viewerId, onEvent, onConnection) {
    this.streamId = streamId;
    this.viewerId = viewerId;
    this.onEvent = onEvent;
    this.onConnection = onConnection;
    // From the start: what happened between the page reading the stream and this socket opening
    // (its stream_playable, say) comes as a replay.
    this.lastSeq = 0;
    this.retryMs = 500;
    this.closed = false;
  }

  open() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const query = new URLSearchParams({ viewer: this.viewerId });
    query.set('since', String(this.lastSeq));
    const url = `${scheme}//${location.host}/api/v1/streams/${this.streamId}/ws?${query}`;
    this.socket = new WebSocket(url);
    this.socket.onopen = () => {
      this.retryMs = 500;
      this.onConnection(true);
    };
    this.socket.onmessage = (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      if (!event || typeof event.event !== 'string' || !event.data) return;
      if (Number.isInteger(event.data.seq)) this.lastSeq = event.data.seq;
      this.onEvent(event.event, event.data);
    };
    this.socket.onclose = () => {
      this.onConnection(false);
      if (this.closed) return;
      setTimeout(() => this.open(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 10000);
    };
  }

  close() {
    this.closed = true;
    if (this.socket) this.socket.close();
  }
}
