// Load generator for POST /api/network/usage, run as its own process by bench/charging.ts.
// Prints one JSON line: requests, events, events/s, latency percentiles, rejects and errors.
import { writeFileSync } from 'node:fs';
import http from 'node:http';
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
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
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

function post(body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: '/api/network/usage',
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${values.key}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

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
    const { status, text } = await post(body);
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
  })}\n`,
);
agent.destroy();
if (values.trace) writeFileSync(values.trace, `${trace.join('\n')}\n`);
