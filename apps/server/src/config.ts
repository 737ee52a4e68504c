import {
  type DunningStep,
  isKnownCurrency,
  isValidTimeZone,
  type PromisedPaymentRules,
  parseDunningSteps,
  parseMajor,
  type TaxMode,
} from '@kabinet/core';
import ipaddr from 'ipaddr.js';
import type { SmtpSettings } from './adapters/mail/smtp-sender';
import { sourceAddressOf } from './adapters/sms/smpp-sender';

/**
 * Configuration is read once, at start, from the environment. Every variable is parsed here and
 * nowhere else; a bad value stops the start with one line that names the variable.
 */
export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** PostgreSQL connection string; unset means the embedded SQLite database in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  billingTimeZone: string;
  currency: string;
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  operatorName: string;
  /** Create the demo catalogue and subscribers when the database is empty. */
  demoData: boolean;
  /** Addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated IPs or CIDRs). */
  trustProxy: string[];
  /** How long in-flight requests get to finish after SIGTERM before the process gives up. */
  shutdownTimeoutMs: number;
  /** Directory with the built web app, served at `/`. */
  webDist: string;
  /** Bearer key of the mobile core for the network APIs (usage); unset refuses them all. */
  networkApiKey: string | undefined;
  /** Bearer key of the operator's back office for care and line APIs; unset refuses them all. */
  operatorApiKey: string | undefined;
  /** ISO 3166-1 alpha-2 country of the operator's own network: usage there is not roaming. */
  homeCountry: string;
  /** How often the in-server scheduler charges due fees and expires packs; 0 turns it off. */
  chargeDueIntervalSeconds: number;
  /** The operator's SMSC for SMS (sign-in codes); unset sends SMS to the development outbox. */
  smpp: SmppConfig | undefined;
  signIn: SignInConfig;
  payments: PaymentsConfig;
  /** The operator's OpenID Connect provider for linked identities; unset offers none. */
  oidc: OidcConfig | undefined;
  credit: CreditConfig;
  mail: MailConfig;
}

/** E-mail out (itemized details ordered to an address). */
export interface MailConfig {
  /** The operator's SMTP relay; unset sends mail to the development outbox (refused in production). */
  smtp: SmtpSettings | undefined;
  /** The From header of every mail. */
  from: string;
  /** Orders of details by e-mail one line may place per hour. */
  detailsPerLinePerHour: number;
  /** How often the in-server job retries mail that could not go out at once; 0 turns it off. */
  retryIntervalSeconds: number;
}

/** Vouchers, promised payments and postpaid bills (see docs/OPERATIONS.md for every variable). */
export interface CreditConfig {
  /** Key of the HMAC under which voucher codes are stored. */
  voucherSecret: string;
  voucherGuessLimits: { perLine: number; perClient: number; windowSeconds: number };
  promisedPayment: PromisedPaymentRules;
  /** What happens to a line whose promised payment is unpaid at the end of its term. */
  promisedPaymentExpiryAction: 'limit' | 'block';
  taxRateBasisPoints: number;
  taxMode: TaxMode;
  billPaymentTermDays: number;
  dunningSteps: DunningStep[];
  /** How often the in-server scheduler issues bills, expires promised payments and runs dunning; 0 = off. */
  creditDueIntervalSeconds: number;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What subscribers call the provider ("Sign in with …"). */
  providerName: string;
}

export interface PaymentsConfig {
  /** Who takes card payments: the built-in sandbox (test cards only) or Stripe. */
  provider: 'sandbox' | 'stripe';
  /** HMAC-SHA256 key of the sandbox's webhooks (`Kabinet-Signature`). */
  webhookSecret: string;
  /** How old a signed webhook may be before it is refused as stale (replay protection). */
  webhookToleranceSeconds: number;
  /** Where the sandbox posts its webhooks; null: it sends none (the return path still settles). */
  sandboxWebhookUrl: string | null;
  stripeSecretKey: string | undefined;
  stripeWebhookSecret: string | undefined;
  /** Smallest and largest card top-up, minor units. */
  topUpMin: number;
  topUpMax: number;
  /** How often the in-server job makes auto top-ups and closes abandoned payments; 0 turns it off. */
  autoTopUpIntervalSeconds: number;
  /** A payment still pending this long after it started is closed as expired (the payer left). */
  pendingTimeoutMinutes: number;
}

export interface SignInConfig {
  /** SMS codes one number may receive per hour (sign-in, password reset and number checks together). */
  codesPerNumberPerHour: number;
  /** SMS codes one client address may ask for per hour, whatever the numbers. */
  codesPerClientPerHour: number;
  /** Wait before the same code may be sent again. */
  resendSeconds: number;
  /** A device unused this long is signed out. */
  sessionIdleHours: number;
  /** A device is signed out this long after signing in, however busy. */
  sessionMaxDays: number;
  /** Requests per minute per client address on every sign-in endpoint. */
  requestsPerMinute: number;
  /** Header enrichment: the operator's proxy puts the subscriber's number in this header. */
  msisdnHeader: string;
  /** Addresses of the proxies trusted to set msisdnHeader; empty turns header enrichment off. */
  msisdnHeaderTrustedCidrs: [ipaddr.IPv4 | ipaddr.IPv6, number][];
  /** Whether cookies carry Secure (PUBLIC_URL is https). */
  secureCookies: boolean;
}

export interface SmppConfig {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType: string | undefined;
  sourceAddress: string;
  enquireLinkSeconds: number;
  submitTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = read(env, name) ?? fallback;
  if (!allowed.includes(value as T)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false (got "${raw}")`);
}

function secret(env: Env, name: string): string | undefined {
  const raw = read(env, name);
  if (raw !== undefined && raw.length < 24)
    throw new ConfigError(name, 'must be at least 24 characters long');
  return raw;
}

function country(env: Env, name: string, fallback: string): string {
  const value = (read(env, name) ?? fallback).toUpperCase();
  if (!/^[A-Z]{2}$/.test(value))
    throw new ConfigError(name, `must be an ISO 3166-1 alpha-2 country code (got "${value}")`);
  return value;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    // Never echo the value: a database URL may carry a password.
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

/** SMPP_* variables; SMPP_HOST unset means the development outbox, which production may not use. */
function smppConfig(env: Env, nodeEnv: Config['nodeEnv']): SmppConfig | undefined {
  const host = read(env, 'SMPP_HOST');
  if (host === undefined) {
    if (nodeEnv === 'production') {
      throw new ConfigError(
        'SMPP_HOST',
        'must be set in production (the development SMS outbox cannot run there)',
      );
    }
    return undefined;
  }
  // SMPP 3.4 limits (C-octet strings with their NUL): system_id 16, password 9, system_type 13 octets.
  const text = (name: string, maxLength: number, required: boolean): string | undefined => {
    const value = read(env, name);
    if (value === undefined) {
      if (required) throw new ConfigError(name, 'must be set when SMPP_HOST is set');
      return undefined;
    }
    if (value.length > maxLength || !/^[\x20-\x7e]+$/.test(value)) {
      throw new ConfigError(name, `must be at most ${maxLength} printable ASCII characters (SMPP 3.4)`);
    }
    return value;
  };
  const sourceAddress = read(env, 'SMPP_SOURCE_ADDRESS');
  if (sourceAddress === undefined)
    throw new ConfigError('SMPP_SOURCE_ADDRESS', 'must be set when SMPP_HOST is set');
  try {
    sourceAddressOf(sourceAddress);
  } catch (error) {
    throw new ConfigError('SMPP_SOURCE_ADDRESS', `${(error as Error).message} (got "${sourceAddress}")`);
  }
  return {
    host,
    port: integer(env, 'SMPP_PORT', 2775, 1, 65535),
    systemId: text('SMPP_SYSTEM_ID', 15, true)!,
    password: text('SMPP_PASSWORD', 8, true)!,
    systemType: text('SMPP_SYSTEM_TYPE', 12, false),
    sourceAddress,
    enquireLinkSeconds: integer(env, 'SMPP_ENQUIRE_LINK_SECONDS', 30, 1, 3_600),
    submitTimeoutMs: integer(env, 'SMPP_SUBMIT_TIMEOUT_MS', 5_000, 100, 120_000),
  };
}

const IPV4_CIDR = /^(\d{1,3})(\.\d{1,3}){3}(\/\d{1,2})?$/;
const IPV6_CIDR = /^[0-9a-fA-F:]+(\/\d{1,3})?$/;

function cidrList(env: Env, name: string): [ipaddr.IPv4 | ipaddr.IPv6, number][] {
  const entries = (read(env, name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    try {
      return entry.includes('/')
        ? ipaddr.parseCIDR(entry)
        : ipaddr.parseCIDR(`${entry}/${entry.includes(':') ? 128 : 32}`);
    } catch {
      throw new ConfigError(name, `must be a comma-separated list of IP addresses or CIDRs (got "${entry}")`);
    }
  });
}

function signInConfig(env: Env, publicUrl: string): SignInConfig {
  const msisdnHeader = (read(env, 'MSISDN_HEADER') ?? 'x-msisdn').toLowerCase();
  if (!/^[a-z0-9-]{1,64}$/.test(msisdnHeader))
    throw new ConfigError('MSISDN_HEADER', `must be an HTTP header name (got "${msisdnHeader}")`);
  return {
    codesPerNumberPerHour: integer(env, 'SIGN_IN_CODES_PER_NUMBER_PER_HOUR', 5, 1, 100),
    codesPerClientPerHour: integer(env, 'SIGN_IN_CODES_PER_CLIENT_PER_HOUR', 30, 1, 100_000),
    resendSeconds: integer(env, 'SIGN_IN_RESEND_SECONDS', 60, 0, 3_600),
    sessionIdleHours: integer(env, 'SESSION_IDLE_HOURS', 720, 1, 8_760),
    sessionMaxDays: integer(env, 'SESSION_MAX_DAYS', 180, 1, 3_650),
    requestsPerMinute: integer(env, 'SIGN_IN_REQUESTS_PER_MINUTE', 60, 1, 100_000),
    msisdnHeader,
    msisdnHeaderTrustedCidrs: cidrList(env, 'MSISDN_HEADER_TRUSTED_CIDRS'),
    secureCookies: publicUrl.startsWith('https:'),
  };
}

/** A development-only default, so the sandbox works out of the box; production must set its own. */
const DEV_WEBHOOK_SECRET = 'kabinet-sandbox-webhook-secret-for-development';

function paymentsConfig(env: Env, nodeEnv: Config['nodeEnv'], publicUrl: string): PaymentsConfig {
  const provider = oneOf(env, 'PAYMENT_PROVIDER', ['sandbox', 'stripe'] as const, 'sandbox');
  if (
    provider === 'sandbox' &&
    nodeEnv === 'production' &&
    !boolean(env, 'PAYMENT_SANDBOX_IN_PRODUCTION', false)
  ) {
    throw new ConfigError(
      'PAYMENT_PROVIDER',
      'is the test-card sandbox, which does not run in production (set PAYMENT_PROVIDER=stripe, or PAYMENT_SANDBOX_IN_PRODUCTION=true for a demo)',
    );
  }
  const webhookSecret = secret(env, 'PAYMENT_WEBHOOK_SECRET');
  if (webhookSecret === undefined && provider === 'sandbox' && nodeEnv === 'production') {
    throw new ConfigError('PAYMENT_WEBHOOK_SECRET', 'must be set in production');
  }
  const stripeSecretKey = read(env, 'STRIPE_SECRET_KEY');
  const stripeWebhookSecret = read(env, 'STRIPE_WEBHOOK_SECRET');
  if (provider === 'stripe') {
    if (!stripeSecretKey?.startsWith('sk_') && !stripeSecretKey?.startsWith('rk_')) {
      throw new ConfigError(
        'STRIPE_SECRET_KEY',
        'must be set to a Stripe secret key (sk_…) when PAYMENT_PROVIDER=stripe',
      );
    }
    if (!stripeWebhookSecret?.startsWith('whsec_')) {
      throw new ConfigError(
        'STRIPE_WEBHOOK_SECRET',
        'must be set to a webhook signing secret (whsec_…) when PAYMENT_PROVIDER=stripe',
      );
    }
  }
  const topUpMin = integer(env, 'TOP_UP_MIN', 1_000, 1, 1_000_000_000_000);
  const topUpMax = integer(env, 'TOP_UP_MAX', 1_500_000, 1, 1_000_000_000_000);
  if (topUpMax < topUpMin) throw new ConfigError('TOP_UP_MAX', `must be at least TOP_UP_MIN (${topUpMin})`);
  const hookUrl = read(env, 'PAYMENT_SANDBOX_WEBHOOK_URL');
  return {
    provider,
    webhookSecret: webhookSecret ?? DEV_WEBHOOK_SECRET,
    webhookToleranceSeconds: integer(env, 'PAYMENT_WEBHOOK_TOLERANCE_SECONDS', 300, 1, 3_600),
    sandboxWebhookUrl:
      hookUrl === 'off'
        ? null
        : (url(env, 'PAYMENT_SANDBOX_WEBHOOK_URL', ['http:', 'https:']) ??
          `${publicUrl}/api/payments/webhooks/sandbox`),
    stripeSecretKey,
    stripeWebhookSecret,
    topUpMin,
    topUpMax,
    autoTopUpIntervalSeconds: integer(env, 'AUTO_TOP_UP_INTERVAL_SECONDS', 300, 0, 86_400),
    pendingTimeoutMinutes: integer(env, 'PAYMENT_PENDING_TIMEOUT_MINUTES', 60, 5, 10_080),
  };
}

function amountList(env: Env, name: string, fallback: string, currency: string): number[] {
  const raw = read(env, name) ?? fallback;
  const amounts = raw.split(',').map((s) => {
    try {
      const amount = parseMajor(s, currency);
      if (amount <= 0) throw new RangeError('not positive');
      return amount;
    } catch {
      throw new ConfigError(
        name,
        `must be a comma-separated list of positive amounts in ${currency} (got "${raw}")`,
      );
    }
  });
  return [...new Set(amounts)].sort((a, b) => a - b);
}

function amount(env: Env, name: string, fallback: string, currency: string): number {
  const raw = read(env, name) ?? fallback;
  try {
    const value = parseMajor(raw, currency);
    if (value < 0) throw new RangeError('negative');
    return value;
  } catch {
    throw new ConfigError(name, `must be an amount in ${currency} such as 10 or 10.50 (got "${raw}")`);
  }
}

/** A development-only voucher key, so `npm start` works out of the box; production must set its own. */
const DEVELOPMENT_VOUCHER_SECRET = 'kabinet-development-voucher-secret-not-for-production';

function creditConfig(env: Env, nodeEnv: Config['nodeEnv'], currency: string): CreditConfig {
  const voucherSecret = secret(env, 'VOUCHER_SECRET');
  if (voucherSecret === undefined && nodeEnv === 'production') {
    throw new ConfigError('VOUCHER_SECRET', 'must be set in production (at least 24 characters)');
  }
  const stepsText = read(env, 'DUNNING_STEPS') ?? '3:reminder,10:limit,20:block';
  let dunningSteps: DunningStep[];
  try {
    dunningSteps = parseDunningSteps(stepsText);
  } catch (error) {
    throw new ConfigError('DUNNING_STEPS', (error as Error).message);
  }
  return {
    voucherSecret: voucherSecret ?? DEVELOPMENT_VOUCHER_SECRET,
    voucherGuessLimits: {
      perLine: integer(env, 'VOUCHER_MAX_FAILURES_PER_LINE', 5, 1, 1_000),
      perClient: integer(env, 'VOUCHER_MAX_FAILURES_PER_CLIENT', 20, 1, 100_000),
      windowSeconds: integer(env, 'VOUCHER_LOCKOUT_MINUTES', 60, 1, 10_080) * 60,
    },
    promisedPayment: {
      amounts: amountList(env, 'PROMISED_PAYMENT_AMOUNTS', '100,300,500', currency),
      feeAmount: amount(env, 'PROMISED_PAYMENT_FEE', '10', currency),
      termDays: integer(env, 'PROMISED_PAYMENT_TERM_DAYS', 3, 1, 90),
      minLineAgeDays: integer(env, 'PROMISED_PAYMENT_MIN_LINE_AGE_DAYS', 60, 0, 3_650),
      minTopUpAmount: amount(env, 'PROMISED_PAYMENT_MIN_TOP_UPS', '100', currency),
      topUpWindowDays: integer(env, 'PROMISED_PAYMENT_TOP_UP_WINDOW_DAYS', 90, 1, 3_650),
      maxBlockedDays: integer(env, 'PROMISED_PAYMENT_MAX_BLOCKED_DAYS', 30, 0, 3_650),
    },
    promisedPaymentExpiryAction: oneOf(
      env,
      'PROMISED_PAYMENT_EXPIRY_ACTION',
      ['limit', 'block'] as const,
      'limit',
    ),
    taxRateBasisPoints: integer(env, 'BILL_TAX_RATE_BASIS_POINTS', 2000, 0, 10_000),
    taxMode: oneOf(env, 'BILL_TAX_MODE', ['inclusive', 'exclusive'] as const, 'inclusive'),
    billPaymentTermDays: integer(env, 'BILL_PAYMENT_TERM_DAYS', 15, 0, 365),
    dunningSteps,
    creditDueIntervalSeconds: integer(env, 'CREDIT_DUE_INTERVAL_SECONDS', 300, 0, 86_400),
  };
}

export function readConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = read(env, 'HOST') ?? '0.0.0.0';

  const currency = (read(env, 'CURRENCY') ?? 'RUB').toUpperCase();
  if (!isKnownCurrency(currency))
    throw new ConfigError('CURRENCY', `must be an ISO 4217 code such as RUB, USD or IDR (got "${currency}")`);

  const billingTimeZone = read(env, 'BILLING_TIME_ZONE') ?? 'Europe/Moscow';
  if (!isValidTimeZone(billingTimeZone)) {
    throw new ConfigError(
      'BILLING_TIME_ZONE',
      `must be an IANA time zone such as Europe/Moscow (got "${billingTimeZone}")`,
    );
  }

  const trustProxy = (read(env, 'TRUST_PROXY') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of trustProxy) {
    if (!IPV4_CIDR.test(entry) && !IPV6_CIDR.test(entry)) {
      throw new ConfigError(
        'TRUST_PROXY',
        `must be a comma-separated list of IP addresses or CIDRs (got "${entry}")`,
      );
    }
  }

  const publicUrl = (url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(
    /\/$/,
    '',
  );

  return {
    nodeEnv,
    port,
    host,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: read(env, 'DATA_DIR') ?? './data',
    billingTimeZone,
    currency,
    publicUrl,
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    operatorName: read(env, 'OPERATOR_NAME') ?? 'Kabinet Mobile',
    demoData: boolean(env, 'DEMO_DATA', nodeEnv !== 'production'),
    trustProxy,
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    webDist: read(env, 'WEB_DIST') ?? new URL('../../web/dist', import.meta.url).pathname,
    networkApiKey: secret(env, 'NETWORK_API_KEY'),
    operatorApiKey: secret(env, 'OPERATOR_API_KEY'),
    homeCountry: country(env, 'HOME_COUNTRY', 'RU'),
    chargeDueIntervalSeconds: integer(env, 'CHARGE_DUE_INTERVAL_SECONDS', 60, 0, 86_400),
    smpp: smppConfig(env, nodeEnv),
    signIn: signInConfig(env, publicUrl),
    payments: paymentsConfig(env, nodeEnv, publicUrl),
    oidc: oidcConfig(env, nodeEnv),
    credit: creditConfig(env, nodeEnv, currency),
    mail: mailConfig(env, nodeEnv, publicUrl, read(env, 'OPERATOR_NAME') ?? 'Kabinet Mobile'),
  };
}

/** A From header: `address` or `Display Name <address>`, one line, no commas or quotes to misparse. */
const MAIL_ADDRESS = '[^\\s<>",;@]+@[^\\s<>",;@]+';
const MAIL_FROM = new RegExp(`^(?:${MAIL_ADDRESS}|(?:[^\\r\\n<>",;@]{1,100} )?<${MAIL_ADDRESS}>)$`);

/** SMTP_URL, MAIL_FROM and the details-by-mail limits; SMTP_URL unset means the development outbox. */
function mailConfig(
  env: Env,
  nodeEnv: Config['nodeEnv'],
  publicUrl: string,
  operatorName: string,
): MailConfig {
  const smtpUrl = url(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  if (smtpUrl === undefined && nodeEnv === 'production') {
    throw new ConfigError(
      'SMTP_URL',
      'must be set in production (the development mail outbox cannot run there)',
    );
  }
  const configuredFrom = read(env, 'MAIL_FROM');
  if (configuredFrom === undefined && smtpUrl !== undefined) {
    throw new ConfigError(
      'MAIL_FROM',
      'must be set when SMTP_URL is set (e.g. "Kabinet Mobile <no-reply@operator.example>")',
    );
  }
  if (configuredFrom !== undefined && !MAIL_FROM.test(configuredFrom)) {
    throw new ConfigError('MAIL_FROM', `must be an address or "Name <address>" (got "${configuredFrom}")`);
  }
  const from =
    configuredFrom ?? `${operatorName.replace(/[<>",;]/g, '')} <no-reply@${new URL(publicUrl).hostname}>`;
  const timeoutMs = integer(env, 'SMTP_TIMEOUT_MS', 10_000, 100, 120_000);
  return {
    smtp: smtpUrl === undefined ? undefined : { url: smtpUrl, from, timeoutMs },
    from,
    detailsPerLinePerHour: integer(env, 'DETAILS_MAIL_PER_LINE_PER_HOUR', 5, 1, 100),
    retryIntervalSeconds: integer(env, 'DETAILS_MAIL_RETRY_INTERVAL_SECONDS', 60, 0, 86_400),
  };
}

function oidcConfig(env: Env, nodeEnv: Config['nodeEnv']): OidcConfig | undefined {
  const issuer = url(env, 'OIDC_ISSUER', ['https:', 'http:']);
  if (!issuer) return undefined;
  // Plain http is for a provider on this machine (development and the tests); anywhere else the
  // authorization code and the ID token would cross the network in the clear.
  const host = new URL(issuer).hostname;
  if (
    issuer.startsWith('http:') &&
    (nodeEnv === 'production' || !['127.0.0.1', 'localhost', '[::1]'].includes(host))
  )
    throw new ConfigError(
      'OIDC_ISSUER',
      'must be https (plain http is allowed for a loopback provider in development)',
    );
  const clientId = read(env, 'OIDC_CLIENT_ID');
  if (!clientId) throw new ConfigError('OIDC_CLIENT_ID', 'is required when OIDC_ISSUER is set');
  const clientSecret = secret(env, 'OIDC_CLIENT_SECRET');
  if (!clientSecret) throw new ConfigError('OIDC_CLIENT_SECRET', 'is required when OIDC_ISSUER is set');
  return {
    issuer,
    clientId,
    clientSecret,
    providerName: read(env, 'OIDC_PROVIDER_NAME') ?? new URL(issuer).hostname,
  };
}
