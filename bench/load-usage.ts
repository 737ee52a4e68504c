// Load generator for POST /api/network/usage, run as its own process by bench/charging.ts.
// Prints one JSON line: requests, events, events/s, latency percentiles, rejects and errors.
import { writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    key: { type: 'string' },
    'first-line': { type: 'string' },
    'last-line': { type: 'string' },
    'batch-size': { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '15' },
    // Requests per second offered on a fixed schedule (open loop); 0: each client sends its next request
    // when the previous one is answered (closed loop, the throughput at saturation).
    rate: { type: 'string', default: '0' },
    run: { type: 'string', default: String(Date.now()) },
    // Writes one line per request, "<epoch ms when it was due> <latency ms>", to find what the tail is made of.
    trace: { type: 'string' },
  },
});
const target = new URL(values.url!);
const batchSize = Number(values['batch-size']);
const concurrency = Number(values.concurrency);
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const firstLine = Number(values['first-line']);
const lines = Number(values['last-line']) - firstLine + 1;
const startedAt = new Date().toISOString();

let sequence = 0;
function event(worker: number) {
  const id = firstLine + Math.floor(Math.random() * lines);
  const msisdn = `+7901${String(id).padStart(7, '0')}`;
  const eventId = `${values.run}-${worker}-${sequence++}`;
  const roll = Math.random();
  if (roll < 0.6)
    return {
      id: eventId,
      msisdn,
      type: 'data',
      startedAt,
      bytes: 10_000 + Math.floor(Math.random() * 5_000_000),
    };
  if (roll < 0.9) {
    const otherParty = Math.random() < 0.5 ? '+79001234567' : '+79161234567';
    return {
      id: eventId,
      msisdn,
      type: 'voice',
      startedAt,
      seconds: 1 + Math.floor(Math.random() * 600),
      otherParty,
    };
  }
  return { id: eventId, msisdn, type: 'sms', startedAt, otherParty: '+79161234567' };
}

/**
 * HTTP/1.1 over plain keep-alive sockets, at most `concurrency` of them, requests beyond that queued.
 * Leaner than node:http's client (about a third of its CPU per request measured here): the load
 * generator shares the two cores with the server and PostgreSQL, so every microsecond it spends is
 * taken from what it measures — the mobile core that sends usage in production runs elsewhere.
 */
class Connections {
  private readonly idle: Connection[] = [];
  private readonly waiting: ((c: Connection) => void)[] = [];
  private opened = 0;

  async post(body: string): Promise<{ status: number; text: string }> {
    const connection = await this.take();
    try {
      return await connection.request(body);
    } finally {
      this.give(connection);
    }
  }

  private take(): Promise<Connection> {
    const idle = this.idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.opened < concurrency) {
      this.opened++;
      return Promise.resolve(new Connection());
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private give(connection: Connection): void {
    const next = this.waiting.shift();
    if (next) next(connection);
    else this.idle.push(connection);
  }

  close(): void {
    for (const c of this.idle) c.close();
  }
}

const head = (length: number) =>
  `POST /api/network/usage HTTP/1.1\r\nHost: ${target.host}\r\nAuthorization: Bearer ${values.key}\r\n` +
  `Content-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

class Connection {
  private socket: Socket | undefined;
  private received: Buffer = Buffer.alloc(0);
  private pending:
    | { resolve: (r: { status: number; text: string }) => void; reject: (e: Error) => void }
    | undefined;

  request(body: string): Promise<{ status: number; text: string }> {
    if (!this.socket || this.socket.destroyed) this.open();
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket!.write(head(Buffer.byteLength(body)) + body);
    });
  }

  private open(): void {
    this.received = Buffer.alloc(0);
    const socket = connect({ host: target.hostname, port: Number(target.port), noDelay: true });
    socket.on('data', (chunk: Buffer) => {
      this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
      this.parse();
    });
    const fail = (error: Error) => {
      const pending = this.pending;
      this.pending = undefined;
      this.socket = undefined;
      pending?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
    this.socket = socket;
  }

  /** One response at a time per connection: the status line, Content-Length, then the body. */
  private parse(): void {
    const end = this.received.indexOf('\r\n\r\n');
    if (end < 0 || !this.pending) return;
    const header = this.received.toString('latin1', 0, end);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(header)?.[1] ?? Number.NaN);
    if (!Number.isFinite(length)) {
      this.socket?.destroy(new Error('response without Content-Length'));
      return;
    }
    if (this.received.length < end + 4 + length) return;
    const text = this.received.toString('utf8', end + 4, end + 4 + length);
    this.received = this.received.subarray(end + 4 + length);
    const pending = this.pending;
    this.pending = undefined;
    pending.resolve({ status: Number(header.slice(9, 12)), text });
  }

  close(): void {
    this.socket?.end();
  }
}

const connections = new Connections();

const latencies: number[] = [];
const trace: string[] = [];
let events = 0;
let charged = 0;
let rejected = 0;
let errors = 0;
const deadline = performance.now() + seconds * 1000;

async function worker(n: number) {
  while (performance.now() < deadline) await send(n, performance.now());
}

/**
 * One request, timed from when it was due: in the open loop a request that waits for a free connection
 * (the server is behind) counts that wait, so a slow moment is not hidden by sending less during it.
 */
async function send(n: number, due: number) {
  const body = JSON.stringify({ events: Array.from({ length: batchSize }, () => event(n)) });
  try {
    const { status, text } = await connections.post(body);
    const latency = performance.now() - due;
    latencies.push(latency);
    if (values.trace) trace.push(`${(performance.timeOrigin + due).toFixed(1)} ${latency.toFixed(2)}`);
    if (status !== 200) {
      errors++;
      return;
    }
    for (const r of (JSON.parse(text) as { results: { status: string }[] }).results) {
      events++;
      if (r.status === 'charged') charged++;
      else rejected++;
    }
  } catch {
    errors++;
  }
}

/** `rate` requests a second on a fixed schedule, over at most `concurrency` connections. */
async function openLoop() {
  const start = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; ; ) {
    const now = performance.now();
    if (now >= deadline) break;
    // Everything due by now goes out (timers fire about every millisecond, requests are due more often).
    for (let due = start + (i * 1000) / rate; due <= now && due < deadline; due = start + (i * 1000) / rate) {
      const request = send(i % concurrency, due);
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
      i++;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
}

const t0 = performance.now();
if (rate > 0) await openLoop();
else await Promise.all(Array.from({ length: concurrency }, (_, n) => worker(n)));
const elapsed = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
process.stdout.write(
  `${JSON.stringify({
    batchSize,
    concurrency,
    offeredRate: rate,
    seconds: Number(elapsed.toFixed(1)),
    requests: latencies.length,
    events,
    charged,
    rejected,
    errors,
    eventsPerSecond: Math.round(events / elapsed),
    requestsPerSecond: Math.round(latencies.length / elapsed),
    p50ms: Number(pct(50).toFixed(2)),
    p99ms: Number(pct(99).toFixed(2)),
    // This process's own CPU: on a machine shared with the server it is load the server does not see.
    clientCpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
  })}\n`,
);
connections.close();
if (values.trace) writeFileSync(values.trace, `${trace.join('\n')}\n`);
