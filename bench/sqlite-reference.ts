// The raw SQLite reference: a plain better-sqlite3 loop of durable single-debit transactions
// (UPDATE balance + INSERT ledger row, WAL, synchronous=FULL), on the same disk, for comparison.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, batch: { type: 'string', default: '1' } },
});
const dir = mkdtempSync(join(tmpdir(), 'kabinet-sqlite-ref-'));
const db = new Database(join(dir, 'ref.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`create table accounts (id integer primary key, balance integer not null);
         create table ledger (id integer primary key autoincrement, account_id integer, amount integer, balance_after integer, at text)`);
const insertAccount = db.prepare('insert into accounts (id, balance) values (?, 1000000000)');
db.transaction(() => {
  for (let i = 1; i <= 100_000; i++) insertAccount.run(i);
})();
const debit = db.prepare(
  'update accounts set balance = balance - ? where id = ? and balance >= ? returning balance',
);
const ledger = db.prepare('insert into ledger (account_id, amount, balance_after, at) values (?, ?, ?, ?)');
const batch = Number(values.batch);
const run = db.transaction((n: number) => {
  for (let i = 0; i < n; i++) {
    const id = 1 + Math.floor(Math.random() * 100_000);
    const row = debit.get(7, id, 7) as { balance: number };
    ledger.run(id, -7, row.balance, new Date().toISOString());
  }
});
const deadline = performance.now() + Number(values.seconds) * 1000;
let ops = 0;
const t0 = performance.now();
while (performance.now() < deadline) {
  run(batch);
  ops += batch;
}
const elapsed = (performance.now() - t0) / 1000;
db.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ batch, opsPerSecond: Math.round(ops / elapsed) })}\n`);
