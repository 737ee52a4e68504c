import { chargeUsage, type MailSender, type SmsSender, type UsageResult } from '@kabinet/core';
import {
  type AfterTopUpCredited,
  chargingStore,
  type Database,
  loadRatingCatalog,
  repayPromisedPayment,
} from '@kabinet/db';
import { createMailSender, OutboxMailSender } from './adapters/mail/index';
import { createSmsSender, OutboxSmsSender, type SmsLog } from './adapters/sms/index';
import { AuthService } from './auth/auth-service';
import { OidcSignIn } from './auth/oidc-sign-in';
import { RatingCatalogCache } from './charging/rating-catalog-cache';
import { UsageBatcher } from './charging/usage-batcher';
import type { Config } from './config';
import { DetailsMailService } from './exports/details-mail';
import { PaymentService } from './payments/payment-service';

/** Long-lived services the routes use, wired once from the configuration and the database. */
export interface Services {
  usage: { submit(events: readonly unknown[]): Promise<UsageResult[]>; readonly pending: number };
  /** SMS out: SMPP to the operator's SMSC, or the development outbox. */
  sms: SmsSender;
  /** Set when SMS go to the development outbox (then listed at /dev/outbox). */
  smsOutbox: OutboxSmsSender | undefined;
  /** E-mail out: SMTP to the operator's relay, or the development outbox. */
  mail: MailSender;
  /** Set when mail goes to the development outbox (then listed at /dev/mail). */
  mailOutbox: OutboxMailSender | undefined;
  /** Sends itemized details ordered to e-mail (the order rows are the queue). */
  detailsMail: DetailsMailService;
  /** Sign-in, sessions, PIN, password, other numbers, security log. */
  auth: AuthService;
  /** Card top-ups, saved cards, auto top-up, through the configured provider. */
  payments: PaymentService;
  /** Linked OpenID Connect identities; undefined when no provider is configured. */
  oidc: OidcSignIn | undefined;
}

export function createServices(
  config: Config,
  database: Database,
  log: SmsLog & { warn(obj: object, msg: string): void },
  now?: () => Date,
  /** Runs in the transaction that credits a top-up; by default it repays an open promised payment. */
  afterTopUpCredited?: AfterTopUpCredited,
  /** Where the details-mail sender logs (default: `log`). */
  mailLog: SmsLog = log,
): Services {
  const catalog = new RatingCatalogCache(() => loadRatingCatalog(database.db, config.homeCountry), 10_000);
  const store = chargingStore(database);
  const usage = new UsageBatcher(
    async (events) => chargeUsage(store, await catalog.get(), events, new Date().toISOString()),
    // SQLite has one writer: one batch at a time. PostgreSQL: one transaction takes everything that
    // queued while the previous one ran (fewer, fuller commits: less CPU per event, so less queueing on
    // a busy machine); more run side by side for a big queue, or when the one in flight is stuck behind
    // a lock or a slow disk. Account locks keep them apart.
    database.engine === 'postgres'
      ? { maxEventsPerBatch: 1_000, concurrency: 1, maxConcurrency: 6, fullBatch: 200, stalledAfterMs: 10 }
      : { maxEventsPerBatch: 2_000, concurrency: 1 },
  );
  const sms = createSmsSender({ nodeEnv: config.nodeEnv, smpp: config.smpp, log });
  const auth = new AuthService({
    db: database.db,
    sms,
    config: config.signIn,
    homeCountry: config.homeCountry,
    operatorName: config.operatorName,
    publicHost: new URL(config.publicUrl).host,
    log,
    now,
  });
  const oidc =
    config.oidc &&
    new OidcSignIn({
      db: database.db,
      auth,
      config: config.oidc,
      redirectUri: `${config.publicUrl}/api/auth/oidc/callback`,
      now,
    });
  // Money from a card goes to an open promised payment first, in the crediting transaction.
  const repayFromTopUp: AfterTopUpCredited = async (trx, credit) => {
    await repayPromisedPayment(trx, credit.accountId, credit.amount, credit.at);
  };
  const payments = new PaymentService({
    config,
    database,
    log,
    afterCredit: afterTopUpCredited ?? repayFromTopUp,
    now,
  });
  const mail = createMailSender({ nodeEnv: config.nodeEnv, smtp: config.mail.smtp, from: config.mail.from });
  const detailsMail = new DetailsMailService({
    database,
    mail,
    timeZone: config.billingTimeZone,
    log: mailLog,
    ...(now ? { now } : {}),
  });
  return {
    usage,
    sms,
    smsOutbox: sms instanceof OutboxSmsSender ? sms : undefined,
    mail,
    mailOutbox: mail instanceof OutboxMailSender ? mail : undefined,
    detailsMail,
    auth,
    oidc,
    payments,
  };
}
