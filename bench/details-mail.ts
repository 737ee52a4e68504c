// npm run bench:details-mail [-- --runs 15 --msisdn +79000000001]
// What ordering itemized details to e-mail costs the subscriber's request: starts the real server
// (development, so mail goes to the in-memory outbox) on a fresh demo database and, interleaved per
// run, measures (a) the synchronous downloads of the same month as CSV and PDF, i.e. what a request
// that built the files before answering would take at least; (b) `POST …/usage/email-orders` (CSV+PDF)
// until its 202; (c) from that POST until the mail is in the outbox (/dev/mail.json). Prints medians.

import { parseArgs } from 'node:util';
import { startServer } from '../apps/server/test/support/server-process';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, msisdn: { type: 'string', default: '+79000000001' } },
});
const runs = Number(values.runs);
const msisdn = values.msisdn!;
const KEY = 'bench-operator-key-of-at-least-24-chars';
const auth = { authorization: `Bearer ${KEY}` };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const server = await startServer({
  LOG_LEVEL: 'warn',
  NODE_ENV: 'development',
  OPERATOR_API_KEY: KEY,
  DETAILS_MAIL_PER_LINE_PER_HOUR: '100',
});
const line = `${server.url}/api/lines/${encodeURIComponent(msisdn)}`;
const downloads: number[] = [];
const accepted: number[] = [];
const delivered: number[] = [];
try {
  const mailCount = async () =>
    ((await (await fetch(`${server.url}/dev/mail.json`)).json()) as { mails: unknown[] }).mails.length;
  for (let run = 0; run < runs + 1; run++) {
    let started = performance.now();
    for (const format of ['csv', 'pdf']) {
      const response = await fetch(`${line}/usage.${format}`, { headers: auth });
      if (response.status !== 200) throw new Error(`download ${format}: ${response.status}`);
      await response.arrayBuffer();
    }
    const download = performance.now() - started;

    const before = await mailCount();
    started = performance.now();
    const response = await fetch(`${line}/usage/email-orders`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ clientKey: `bench-${Date.now()}-${run}`, formats: ['csv', 'pdf'] }),
    });
    if (response.status !== 202) throw new Error(`order: ${response.status} ${await response.text()}`);
    const accept = performance.now() - started;
    while ((await mailCount()) === before) await new Promise((r) => setTimeout(r, 2));
    const deliver = performance.now() - started;
    // The first run warms up (JIT, font loading, statement caches) and is not counted.
    if (run === 0) continue;
    downloads.push(download);
    accepted.push(accept);
    delivered.push(deliver);
  }
} finally {
  await server.stop();
}
const row = (name: string, values: number[]) =>
  console.log(
    `${name.padEnd(44)} median ${median(values).toFixed(1)} ms (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)})`,
  );
console.log(`${msisdn}, this month so far, ${runs} runs after one warm-up, interleaved:`);
row('GET usage.csv + usage.pdf (synchronous build)', downloads);
row('POST usage/email-orders until 202', accepted);
row('POST until the mail is in the outbox', delivered);
console.log(`202 ÷ synchronous build: ${(median(accepted) / median(downloads)).toFixed(2)}`);
