import { buildApp } from './app';
import { openAndPrepareDatabase } from './boot';
import { type Config, ConfigError, readConfig } from './config';
import { startAutoTopUpScheduler } from './jobs/auto-top-up';
import { startChargeDueScheduler } from './jobs/charge-due';
import { startCreditDueScheduler } from './jobs/credit-due';
import { startDetailsMailScheduler } from './jobs/details-mail';
import type { Scheduler } from './jobs/scheduler';
import { ensureWebBuilt } from './web-build';

/** The composition root: configuration, database, app, signals. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = readConfig();
  } catch (error) {
    return fail(error);
  }

  const database = await openAndPrepareDatabase(config).catch(fail);
  if (!database) return;
  try {
    ensureWebBuilt(config);
  } catch (error) {
    await database.close();
    return fail(error);
  }
  const app = await buildApp({ config, database });
  let chargeDue: Scheduler | undefined;
  let autoTopUp: Scheduler | undefined;
  let creditDue: Scheduler | undefined;
  let detailsMail: Scheduler | undefined;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting with requests still open');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    try {
      // The scheduled jobs finish their runs before the database closes.
      await Promise.all([
        app.close(),
        chargeDue?.stop(),
        autoTopUp?.stop(),
        creditDue?.stop(),
        detailsMail?.stop(),
      ]);
      await database.close();
      app.log.info('stopped');
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    await database.close();
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      return fail(new ConfigError('PORT', `cannot listen on ${config.host}:${config.port} (${code})`));
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      return fail(new ConfigError('HOST', `cannot listen on ${config.host} (${code})`));
    }
    throw error;
  }
  if (config.chargeDueIntervalSeconds > 0 && !stopping) {
    chargeDue = startChargeDueScheduler({
      database,
      timeZone: config.billingTimeZone,
      intervalSeconds: config.chargeDueIntervalSeconds,
      log: app.log,
    });
  }
  if (config.payments.autoTopUpIntervalSeconds > 0 && !stopping) {
    autoTopUp = startAutoTopUpScheduler({
      payments: app.deps.services.payments,
      intervalSeconds: config.payments.autoTopUpIntervalSeconds,
      log: app.log,
    });
  }
  if (config.credit.creditDueIntervalSeconds > 0 && !stopping) {
    creditDue = startCreditDueScheduler({
      database,
      credit: config.credit,
      timeZone: config.billingTimeZone,
      notices: { sms: app.deps.services.sms, currency: config.currency, log: app.log },
      log: app.log,
    });
  }
  if (config.mail.retryIntervalSeconds > 0 && !stopping) {
    detailsMail = startDetailsMailScheduler({
      detailsMail: app.deps.services.detailsMail,
      intervalSeconds: config.mail.retryIntervalSeconds,
      log: app.log,
    });
  }
  app.log.info(
    { database: database.engine, location: database.location, url: config.publicUrl },
    `Kabinet is serving on ${config.publicUrl}`,
  );
}

function fail(error: unknown): undefined {
  if (error instanceof ConfigError) {
    process.stderr.write(`Kabinet cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(`Kabinet cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
}

void main();
