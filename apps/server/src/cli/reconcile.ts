// npm run reconcile: proves that the ledger explains every balance and every bundle.
// Exit 0: everything matches; 1: at least one mismatch (listed); 2: the check could not run.
import { openDatabase, type ReconciliationReport, reconcileLedger } from '@kabinet/db';
import { ConfigError, readConfig } from '../config';

const SHOWN = 50;

function print(report: ReconciliationReport, location: string, seconds: number): void {
  const out: string[] = [
    `Reconciled ${location} in ${seconds.toFixed(2)} s`,
    `  accounts checked: ${report.accountsChecked.toLocaleString('en')}`,
    `  bundles checked:  ${report.bundlesChecked.toLocaleString('en')}`,
    `  ledger rows:      ${report.ledgerRows.toLocaleString('en')}`,
  ];
  const section = <T>(title: string, rows: T[], line: (row: T) => string) => {
    if (rows.length === 0) return;
    out.push(`${title}: ${rows.length}`);
    for (const row of rows.slice(0, SHOWN)) out.push(`  ${line(row)}`);
    if (rows.length > SHOWN) out.push(`  … and ${rows.length - SHOWN} more`);
  };
  section(
    'ACCOUNT MISMATCHES (balance vs sum of money ledger rows / balance_after of the latest row)',
    report.accountMismatches,
    (m) =>
      `account ${m.accountId} (${m.accountNumber}): balance ${m.balance}, ledger sum ${m.ledgerSum}, ` +
      `latest balance_after ${m.lastBalanceAfter ?? 'none'}`,
  );
  section(
    'BUNDLE MISMATCHES (remaining vs sum of unit ledger rows)',
    report.bundleMismatches,
    (m) =>
      `bundle ${m.bundleId} (line ${m.lineId}, ${m.unit}): remaining ${m.remaining}, ledger sum ${m.ledgerSum}`,
  );
  section(
    'LEDGER ROWS BELONGING TO NO BALANCE',
    report.strayRows,
    (r) => `ledger row ${r.ledgerId} (account ${r.accountId}, ${r.unit}): ${r.problem}`,
  );
  section(
    'ROWS NAMING A LINE, ACCOUNT OR BUNDLE THAT DOES NOT EXIST',
    report.danglingReferences,
    (r) => `${r.table} row ${r.rowId}: ${r.column} ${r.value}`,
  );
  out.push(
    report.ok ? 'OK: every balance and bundle matches its ledger rows' : 'FAILED: see the mismatches above',
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

let exitCode = 0;
try {
  const config = readConfig();
  const database = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    const started = performance.now();
    const report = await reconcileLedger(database.db);
    print(report, database.location, (performance.now() - started) / 1000);
    exitCode = report.ok ? 0 : 1;
  } finally {
    await database.close();
  }
} catch (error) {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`reconcile could not run: ${message}\n`);
  exitCode = 2;
}
process.exit(exitCode);
