// The fan-out benchmark's viewers, from a client that shares no code with Nova (node's `ws`): the
// same options and the same one-line JSON report as tests/bench/ws_load.cpp, so that the two can
// be compared on one run.
//   node tests/bench/node/ws_load.mjs --api URL --stream ID --viewers N --seconds S --settle S \
//        --latencies FILE
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const { values: options } = parseArgs({
  options: {
    api: { type: 'string', default: 'http://127.0.0.1:8081' },
    stream: { type: 'string' },
    viewers: { type: 'string', default: '0' },
    seconds: { type: 'string', default: '20' },
    settle: { type: 'string', default: '0' },
    latencies: { type: 'string' },
    event: { type: 'string', default: 'stream_metrics' },
  },
});

const total = Number(options.viewers);
const url = `${options.api.replace(/^http/, 'ws')}/api/v1/streams/${options.stream}/ws`;
const received = Array.from({ length: total }, () => []); // seqs each client got
const latencies = [];
const seqs = new Set();
const sockets = [];
let connected = 0;
let failed = 0;
let recording = false;
let allConnectedMs = -1;
const storm = Date.now();

function finish() {
  if (options.latencies) writeFileSync(options.latencies, latencies.map((ms) => ms.toFixed(2)).join('\n') + '\n');
  // Completeness over the events wholly inside the window (see ws_load.cpp).
  const checked = [...seqs].sort((a, b) => a - b).slice(1, -1);
  const inWindow = new Set(checked);
  let least = total ? Infinity : 0;
  let most = 0;
  for (const got of received) {
    const inside = got.filter((seq) => inWindow.has(seq)).length;
    least = Math.min(least, inside);
    most = Math.max(most, inside);
  }
  console.log(JSON.stringify({
    client: 'node-ws', clients: total, connected, failed, connect_seconds: allConnectedMs / 1000,
    events_seen: seqs.size, events_checked: inWindow.size, least_received: least,
    most_received: most, latencies: latencies.length,
  }));
  for (const socket of sockets) socket.terminate();
  process.exit(0);
}

function startRecording() {
  allConnectedMs = Date.now() - storm;
  setTimeout(() => {
    recording = true;
    setTimeout(finish, Number(options.seconds) * 1000);
  }, Number(options.settle) * 1000);
}

function settled() {
  if (connected + failed === total && !recording && allConnectedMs < 0) startRecording();
}

for (let i = 0; i < total; ++i) {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  let counted = false;
  socket.on('open', () => { ++connected; settled(); });
  const lost = () => { if (!counted && connected + failed < total) { counted = true; ++failed; settled(); } };
  socket.on('error', lost);
  socket.on('close', lost);
  socket.on('message', (data) => {
    const now = Date.now();
    if (!recording) return;
    const message = JSON.parse(data.toString());
    if (message.event !== options.event) return;
    received[i].push(message.data.seq);
    seqs.add(message.data.seq);
    latencies.push(now - Date.parse(message.data.timestamp));
  });
  sockets.push(socket);
}
// Give up on a storm that does not settle.
setTimeout(() => { if (!recording) finish(); }, 120_000);
