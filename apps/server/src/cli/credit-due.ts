// npm run credit-due: issues the bills whose bill-cycle day has come, makes promised payments past their
// term overdue (limiting their lines), runs the dunning steps of unpaid bills, prints what it did and
// exits. Safe to run at any time, repeatedly, and beside servers running the same job. It sends no SMS:
// new bills stay `new` until a server's scheduled run sends them.
import { openDatabase, pendingMigrations } from '@kabinet/db';
import { ConfigError, readConfig } from '../config';
import { runCreditDue } from '../jobs/credit-due';

try {
  const config = readConfig();
  const database = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const pending = await pendingMigrations(database.db);
    if (pending.length > 0) {
      throw new Error(
        `${database.location} lacks migrations ${pending.join(', ')}: run npm run migrate first`,
      );
    }
    const r = await runCreditDue(database, { credit: config.credit, timeZone: config.billingTimeZone });
    process.stdout.write(
      `Issued ${r.billsIssued} bill(s) (the servers' own run tells subscribers by SMS); ${r.promisedPaymentsOverdue} promised payment(s) overdue; ` +
        `${r.overdue} bill(s) became overdue; dunning: ${r.reminders} reminder(s), ${r.limited} line(s) ` +
        `limited, ${r.blocked} line(s) blocked; ${database.location}\n`,
    );
  } finally {
    await database.close();
  }
} catch (error) {
  process.stderr.write(
    `credit-due failed: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
