// npm run bench:charging [-- --subscribers 100000 --seconds 15 --engine both|sqlite|postgres --phases batch,single,rate]
// Seeds N subscribers, starts the real server, drives POST /api/network/usage from a separate process
// in batches of 100 and as single-event requests, then checks the ledger with reconcile, and measures a
// raw reference on the same database (pgbench tpcb-like, closed loop and at the open-loop phase's rate;
// a plain better-sqlite3 debit+insert loop).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '@kabinet/db';
import { startServer } from '../apps/server/test/support/server-process';
import { startTestSmsc } from '../apps/server/test/support/test-smsc';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '15' },
    engine: { type: 'string', default: 'both' },
    'pg-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
    'single-concurrency': { type: 'string', default: '32' },
    // The single-event target is a rate with a latency: p99 at this many requests a second offered.
    'single-rate': { type: 'string', default: '2000' },
    'batch-concurrency': { type: 'string', default: '8' },
    // For iteration on one load shape; the figures come from both phases, in this order.
    phases: { type: 'string', default: 'batch,single,rate' },
    // Databases this run creates and drops, so two runs on one server do not drop each other's.
    database: { type: 'string', default: 'kabinet_bench' },
    // Diagnostics: per-request latencies of each phase into this folder, and flags for the server's node.
    trace: { type: 'string' },
    'server-node-options': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    [
      'npm run bench:charging -- [options]',
      '  --engine both|sqlite|postgres   engines to measure (default both)',
      '  --subscribers N                 seeded population (default 100000)',
      '  --seconds N                     seconds per phase and for the reference (default 15)',
      '  --phases batch,single,rate      phases to run, in this order (default all three)',
      '  --single-rate N                 requests/s offered in the rate phase (default 2000; open loop,',
      '                                  up to 64 connections, latency counted from when each was due)',
      '  --batch-concurrency N           clients in the batches-of-100 phase (default 8)',
      '  --single-concurrency N          clients in the single-event phase (default 32)',
      '  --database NAME                 PostgreSQL databases NAME and NAME_pgbench (default kabinet_bench)',
      '  --pg-url URL                    PostgreSQL server (default $BENCH_DATABASE_URL or 127.0.0.1 test)',
      '  --trace DIR                     write "<epoch ms when due> <latency ms>" per request of each',
      '                                  phase to DIR/<engine>-<phase>.txt',
      "  --server-node-options=FLAGS     flags for the server's node, before its script, separated by spaces,",
      '                                  e.g. --server-node-options="--cpu-prof --cpu-prof-dir=DIR"',
      '',
    ].join('\n'),
  );
  process.exit(0);
}
const loadAtStart = loadavg();
const phases = new Set(values.phases!.split(','));
for (const phase of phases)
  if (!['batch', 'single', 'rate'].includes(phase)) throw new Error(`--phases: unknown phase ${phase}`);
const root = new URL('../', import.meta.url).pathname;
const subscribers = Number(values.subscribers);
const seconds = Number(values.seconds);
const KEY = 'bench-network-key-0123456789abcdef';
const tsx = ['--import', 'tsx'];

function log(line: string) {
  process.stderr.write(`${line}\n`);
}

function run(args: string[], env: Record<string, string>): string {
  const result = spawnSync(process.execPath, [...tsx, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

function runAsync(args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...tsx, ...args], { cwd: root, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      err += c;
    });
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')}: ${err}`))));
  });
}

/**
 * The machine's own tail at the open-loop phase's rate: pgbench tpcb-like with transactions offered on a
 * schedule (-R), each latency counted from when it was due, as our load generator counts. On a shared
 * host both tails move together; this one says how much of ours the machine sets.
 */
function pgbenchAtRate(url: string, rate: number): Record<string, number> {
  const dir = mkdtempSync(join(tmpdir(), 'kabinet-pgbench-'));
  try {
    const args = ['-c', '8', '-j', '2', '-T', String(seconds), '-R', String(rate), '-n', '-b', 'tpcb-like'];
    spawnSync('pgbench', [...args, '-l', `--log-prefix=${join(dir, 'log')}`, url], { encoding: 'utf8' });
    // One line per transaction: client, number, latency in µs (schedule lag included), …
    const latencies: number[] = [];
    for (const file of readdirSync(dir))
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n'))
        if (line) latencies.push(Number(line.split(' ')[2]) / 1000);
    latencies.sort((a, b) => a - b);
    const at = (q: number) => Number((latencies[Math.floor(latencies.length * q)] ?? Number.NaN).toFixed(2));
    return { pgbenchAtRateP50Ms: at(0.5), pgbenchAtRateP99Ms: at(0.99) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function psql(url: string, query: string) {
  const result = spawnSync('psql', [url, '-qAtc', query], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.trim();
}

function databaseUrl(base: string, name: string) {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

interface LoadResult {
  batchSize: number;
  concurrency: number;
  offeredRate: number;
  requests: number;
  events: number;
  charged: number;
  rejected: number;
  errors: number;
  eventsPerSecond: number;
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  clientCpuMs: number;
  /** CPU milliseconds per request over the phase: the load generator, the server, PostgreSQL's processes. */
  cpuPerRequest?: { client: number; server: number; database: number };
  /** PostgreSQL: write-ahead log written per event over the phase (all databases on the server). */
  walBytesPerEvent?: number;
}

const TICKS_PER_SECOND = 100;

/** User + system CPU of these processes so far, in milliseconds (Linux /proc; 0 for one that is gone). */
function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited meanwhile
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Every PostgreSQL process on this machine: backends, WAL writer, checkpointer (the server is local). */
function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

async function benchEngine(engine: 'sqlite' | 'postgres') {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (engine === 'postgres') {
    const name = values.database!;
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error('--database: lower-case letters, digits and _');
    const url = databaseUrl(values['pg-url']!, name);
    await psql(values['pg-url']!, `drop database if exists ${name} with (force)`);
    await psql(values['pg-url']!, `create database ${name}`);
    env = { DATABASE_URL: url };
    cleanup = async () => {
      await psql(values['pg-url']!, `drop database if exists ${name} with (force)`);
    };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'kabinet-bench-'));
    env = { DATA_DIR: dataDir };
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  env = {
    ...env,
    DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    NETWORK_API_KEY: KEY,
    CHARGE_DUE_INTERVAL_SECONDS: '0',
  };

  log(`[${engine}] seeding ${subscribers.toLocaleString('en')} subscribers`);
  const seedStarted = performance.now();
  run(['apps/server/src/cli/seed.ts', '--subscribers', String(subscribers)], env);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  // The seed writes ~500 MB of WAL, enough to start a checkpoint by volume in the middle of a phase;
  // which phase it lands in depended on timing. A checkpoint now makes runs comparable. One that the
  // load itself causes is part of the measure (about 1.4 kB of WAL per event).
  if (engine === 'postgres') await psql(env.DATABASE_URL!, 'checkpoint');

  const database = openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  const range = await database.db
    .selectFrom('lines')
    .select((eb) => [eb.fn.min<number>('id').as('first'), eb.fn.max<number>('id').as('last')])
    .where('msisdn', 'like', '+7901%')
    .executeTakeFirstOrThrow();
  await database.close();

  // Production refuses the development SMS outbox: bind to a loopback SMSC as a deployment binds to a real one.
  const smsc = await startTestSmsc({ systemId: 'bench', password: 'bench' });
  const server = await startServer(
    {
      ...env,
      NODE_ENV: 'production',
      SMPP_HOST: '127.0.0.1',
      SMPP_PORT: String(smsc.port),
      SMPP_SYSTEM_ID: 'bench',
      SMPP_PASSWORD: 'bench',
      SMPP_SOURCE_ADDRESS: 'Kabinet',
      // Nor the development mail outbox; the bench sends no mail, so nothing listens at this relay.
      SMTP_URL: 'smtp://127.0.0.1:2525',
      MAIL_FROM: 'Kabinet bench <no-reply@bench.example>',
      // Production refuses the test-card sandbox unless told; the bench takes no card payments.
      PAYMENT_SANDBOX_IN_PRODUCTION: 'true',
      // Random per run: production refuses the development defaults, and nothing outside this run uses them.
      PAYMENT_WEBHOOK_SECRET: randomBytes(24).toString('hex'),
      VOUCHER_SECRET: randomBytes(24).toString('hex'),
    },
    undefined,
    values['server-node-options']?.split(/\s+/).filter(Boolean),
  );
  if (values.trace) mkdirSync(values.trace, { recursive: true });
  const traceOf = (phase: string) =>
    values.trace ? ['--trace', join(values.trace, `${engine}-${phase}.txt`)] : [];
  const load = async (
    batchSize: number,
    concurrency: number,
    secs: number,
    runId: string,
    rate = 0,
    trace: string[] = [],
  ) => {
    const walBefore =
      engine === 'postgres' ? await psql(values['pg-url']!, 'select pg_current_wal_lsn()') : '';
    const databaseBefore = new Map(postgresPids().map((pid) => [pid, cpuMs([pid])]));
    const serverBefore = cpuMs([server.child.pid!]);
    const result = JSON.parse(
      await runAsync([
        'bench/load-usage.ts',
        '--url',
        server.url,
        '--key',
        KEY,
        '--first-line',
        String(range.first),
        '--last-line',
        String(range.last),
        '--batch-size',
        String(batchSize),
        '--concurrency',
        String(concurrency),
        '--seconds',
        String(secs),
        '--run',
        runId,
        '--rate',
        String(rate),
        ...trace,
      ]),
    ) as LoadResult;
    // Backends started during the phase count whole; one that exited during it is missed (the pool
    // closes only idle connections, so that is rare within a phase).
    let databaseMs = 0;
    for (const pid of postgresPids()) databaseMs += cpuMs([pid]) - (databaseBefore.get(pid) ?? 0);
    const perRequest = (ms: number) => Number((ms / Math.max(1, result.requests)).toFixed(3));
    result.cpuPerRequest = {
      client: perRequest(result.clientCpuMs),
      server: perRequest(cpuMs([server.child.pid!]) - serverBefore),
      database: engine === 'postgres' ? perRequest(databaseMs) : 0,
    };
    if (engine === 'postgres') {
      const wal = Number(
        await psql(values['pg-url']!, `select pg_wal_lsn_diff(pg_current_wal_lsn(), '${walBefore}')`),
      );
      result.walBytesPerEvent = Math.round(wal / Math.max(1, result.events));
    }
    return result;
  };

  log(`[${engine}] warming up`);
  await load(100, 4, 3, `${engine}-warm`);
  // A server warmed only by batches pays for its first second of single-event traffic (150–300 ms
  // latencies at 4,000/s offered, 2026-11-27): the phases measure steady state, whichever runs first.
  if (phases.has('single') || phases.has('rate'))
    await load(1, Number(values['single-concurrency']), 3, `${engine}-warm-single`);
  let batched: LoadResult | undefined;
  if (phases.has('batch')) {
    log(`[${engine}] batches of 100 for ${seconds} s`);
    batched = await load(
      100,
      Number(values['batch-concurrency']),
      seconds,
      `${engine}-batch`,
      0,
      traceOf('batch'),
    );
  }
  let single: LoadResult | undefined;
  if (phases.has('single')) {
    log(`[${engine}] single-event requests for ${seconds} s`);
    single = await load(
      1,
      Number(values['single-concurrency']),
      seconds,
      `${engine}-single`,
      0,
      traceOf('single'),
    );
  }
  let atRate: LoadResult | undefined;
  if (phases.has('rate')) {
    const offered = Number(values['single-rate']);
    log(`[${engine}] single-event requests at ${offered}/s offered for ${seconds} s`);
    atRate = await load(1, 64, seconds, `${engine}-rate`, offered, traceOf('rate'));
  }
  const exitCode = await server.stop();
  await smsc.close();

  let reconcile = 'not available';
  if (existsSync(join(root, 'apps/server/src/cli/reconcile.ts'))) {
    const result = spawnSync(process.execPath, [...tsx, 'apps/server/src/cli/reconcile.ts'], {
      cwd: root,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    reconcile =
      result.status === 0 ? 'passed' : `FAILED (exit ${result.status}): ${result.stdout}${result.stderr}`;
  }

  log(`[${engine}] reference`);
  let reference: Record<string, number>;
  if (engine === 'postgres') {
    const refName = values.database === 'kabinet_bench' ? 'kabinet_pgbench' : `${values.database}_pgbench`;
    const refUrl = databaseUrl(values['pg-url']!, refName);
    await psql(values['pg-url']!, `drop database if exists ${refName} with (force)`);
    await psql(values['pg-url']!, `create database ${refName}`);
    spawnSync('pgbench', ['-i', '-s', '10', '-q', refUrl], { encoding: 'utf8' });
    const out = spawnSync(
      'pgbench',
      ['-c', '8', '-j', '2', '-T', String(seconds), '-n', '-b', 'tpcb-like', refUrl],
      {
        encoding: 'utf8',
      },
    ).stdout;
    reference = { pgbenchTpcbTps: Math.round(Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? 'NaN')) };
    if (phases.has('rate')) Object.assign(reference, pgbenchAtRate(refUrl, Number(values['single-rate'])));
    await psql(values['pg-url']!, `drop database if exists ${refName} with (force)`);
  } else {
    const one = JSON.parse(
      run(['bench/sqlite-reference.ts', '--seconds', String(seconds), '--batch', '1'], {}),
    );
    const hundred = JSON.parse(
      run(['bench/sqlite-reference.ts', '--seconds', String(seconds), '--batch', '100'], {}),
    );
    reference = {
      sqliteDebitsPerSecondSingle: one.opsPerSecond,
      sqliteDebitsPerSecondBatch100: hundred.opsPerSecond,
    };
  }
  await cleanup();
  return {
    engine,
    subscribers,
    seedSeconds: Number(seedSeconds.toFixed(1)),
    batched,
    single,
    atRate,
    serverExit: exitCode,
    reconcile,
    reference,
  };
}

// Before anything of ours runs: the host's own scheduling pauses, the floor under every p99 below.
const hostStalls = JSON.parse(await runAsync(['bench/host-stalls.ts', '--seconds', '5'])) as {
  stalls: number;
  perSecond: number;
  longestMs: number;
  overMs: number;
  seconds: number;
};

const engines =
  values.engine === 'both' ? (['sqlite', 'postgres'] as const) : [values.engine as 'sqlite' | 'postgres'];
const results = [];
for (const engine of engines) results.push(await benchEngine(engine));

const pauses = `idle 1 ms timer late by > ${hostStalls.overMs} ms ${hostStalls.stalls} times in ${hostStalls.seconds} s (longest ${hostStalls.longestMs} ms)`;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} at the start, ${loadavg()
  .map((l) => l.toFixed(2))
  .join(' ')} at the end; ${pauses}`;
const lines = [
  `Machine: ${machine}; ${subscribers.toLocaleString('en')} subscribers; ${seconds} s per phase; ${new Date().toISOString()}`,
  '',
  '| Engine | Mode | Events/s | Requests/s | p50 ms | p99 ms | Charged | Rejected | Errors | CPU ms per request: client / server / database | Reference |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
];
for (const r of results) {
  const ref = Object.entries(r.reference)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  for (const [mode, l] of [
    [`batches of 100 × ${l100(r.batched)}`, r.batched],
    [`single events × ${l100(r.single)}`, r.single],
    [`single events, ${r.atRate?.offeredRate} req/s offered (open loop, ≤ 64 in flight)`, r.atRate],
  ] as const) {
    if (!l) continue;
    lines.push(
      `| ${r.engine} | ${mode} | ${l.eventsPerSecond} | ${l.requestsPerSecond} | ${l.p50ms} | ${l.p99ms} | ${l.charged} | ${l.rejected} | ${l.errors} | ${cpu(l)} | ${ref} |`,
    );
  }
  lines.push(
    `| ${r.engine} | reconcile after the run: ${r.reconcile}; server exit ${r.serverExit}; seed ${r.seedSeconds} s | | | | | | | | | |`,
  );
}
function cpu(l: LoadResult) {
  const c = l.cpuPerRequest;
  const wal = l.walBytesPerEvent === undefined ? '' : `; WAL ${l.walBytesPerEvent} B/event`;
  return c ? `${c.client} / ${c.server} / ${c.database || 'in the server'}${wal}` : '';
}
function l100(l: LoadResult | undefined) {
  return `${l?.concurrency} clients`;
}
process.stdout.write(`${lines.join('\n')}\n`);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(
  join(root, `bench/results/charging-${Date.now()}.json`),
  JSON.stringify({ machine, results }, null, 2),
);
