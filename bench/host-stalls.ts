// npx tsx bench/host-stalls.ts [--seconds 5] [--over-ms 5]
// How often this machine fails to run a ready process on time: a 1 ms timer in an otherwise idle
// process, counting the ticks that came more than --over-ms late. On a quiet dedicated machine there
// are none; on a shared virtual machine the host's scheduler shows here as pauses of several
// milliseconds, and every process on a request's path (load generator, server, PostgreSQL) takes such
// pauses in turn — a floor under any p99 measured on that machine.
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    'over-ms': { type: 'string', default: '5' },
  },
});
const seconds = Number(values.seconds);
const overMs = Number(values['over-ms']);

const stalls: number[] = [];
const started = performance.now();
let last = started;
const timer = setInterval(() => {
  const now = performance.now();
  if (now - last > overMs) stalls.push(now - last);
  last = now;
  if (now - started >= seconds * 1000) {
    clearInterval(timer);
    stalls.sort((a, b) => a - b);
    process.stdout.write(
      `${JSON.stringify({
        seconds,
        overMs,
        stalls: stalls.length,
        perSecond: Number((stalls.length / seconds).toFixed(1)),
        longestMs: Number((stalls.at(-1) ?? 0).toFixed(1)),
      })}\n`,
    );
  }
}, 1);
