import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../src/config';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration from the environment', () => {
  it('starts with defaults that run the embedded database', () => {
    const config = readConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('./data');
    expect(config.currency).toBe('RUB');
    expect(config.billingTimeZone).toBe('Europe/Moscow');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.demoData).toBe(true);
  });

  it('reads every documented variable', () => {
    const config = readConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://kabinet@db.internal:5432/kabinet',
      DATA_DIR: '/var/lib/kabinet',
      BILLING_TIME_ZONE: 'Asia/Jakarta',
      CURRENCY: 'idr',
      PUBLIC_URL: 'https://my.example.net/',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      TRUST_PROXY: '10.0.0.0/8, 192.0.2.1',
      SMPP_HOST: 'smsc.example.net',
      SMPP_PORT: '2776',
      SMPP_SYSTEM_ID: 'kabinet',
      SMPP_PASSWORD: 'secret',
      SMPP_SYSTEM_TYPE: 'OTP',
      SMPP_SOURCE_ADDRESS: 'Kabinet',
      SMPP_ENQUIRE_LINK_SECONDS: '15',
      SMPP_SUBMIT_TIMEOUT_MS: '3000',
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_0123456789abcdefghijklmnop',
      STRIPE_WEBHOOK_SECRET: 'whsec_0123456789abcdefghijklmnop',
      TOP_UP_MIN: '5000',
      TOP_UP_MAX: '2000000',
      AUTO_TOP_UP_INTERVAL_SECONDS: '600',
      PAYMENT_PENDING_TIMEOUT_MINUTES: '30',
      VOUCHER_SECRET: 'voucher-secret-of-at-least-24-chars',
      VOUCHER_MAX_FAILURES_PER_LINE: '3',
      VOUCHER_MAX_FAILURES_PER_CLIENT: '9',
      VOUCHER_LOCKOUT_MINUTES: '30',
      PROMISED_PAYMENT_AMOUNTS: '50000, 10000,25000',
      PROMISED_PAYMENT_FEE: '2500',
      PROMISED_PAYMENT_TERM_DAYS: '5',
      PROMISED_PAYMENT_MIN_LINE_AGE_DAYS: '90',
      PROMISED_PAYMENT_MIN_TOP_UPS: '50000',
      PROMISED_PAYMENT_TOP_UP_WINDOW_DAYS: '60',
      PROMISED_PAYMENT_MAX_BLOCKED_DAYS: '14',
      PROMISED_PAYMENT_EXPIRY_ACTION: 'block',
      BILL_TAX_RATE_BASIS_POINTS: '1100',
      BILL_TAX_MODE: 'exclusive',
      BILL_PAYMENT_TERM_DAYS: '20',
      DUNNING_STEPS: '1:reminder,7:block',
      CREDIT_DUE_INTERVAL_SECONDS: '600',
      SMTP_URL: 'smtps://kabinet:relay-pass@mail.example.net:465',
      MAIL_FROM: 'My Operator <no-reply@my.example.net>',
      SMTP_TIMEOUT_MS: '5000',
      DETAILS_MAIL_PER_LINE_PER_HOUR: '2',
      DETAILS_MAIL_RETRY_INTERVAL_SECONDS: '120',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgres://kabinet@db.internal:5432/kabinet',
      dataDir: '/var/lib/kabinet',
      billingTimeZone: 'Asia/Jakarta',
      currency: 'IDR',
      publicUrl: 'https://my.example.net',
      logLevel: 'debug',
      nodeEnv: 'production',
      demoData: false,
      trustProxy: ['10.0.0.0/8', '192.0.2.1'],
      smpp: {
        host: 'smsc.example.net',
        port: 2776,
        systemId: 'kabinet',
        password: 'secret',
        systemType: 'OTP',
        sourceAddress: 'Kabinet',
        enquireLinkSeconds: 15,
        submitTimeoutMs: 3000,
      },
      payments: {
        provider: 'stripe',
        stripeSecretKey: 'sk_test_0123456789abcdefghijklmnop',
        stripeWebhookSecret: 'whsec_0123456789abcdefghijklmnop',
        topUpMin: 5000,
        topUpMax: 2_000_000,
        autoTopUpIntervalSeconds: 600,
        pendingTimeoutMinutes: 30,
        webhookToleranceSeconds: 300,
      },
      credit: {
        voucherSecret: 'voucher-secret-of-at-least-24-chars',
        // 30 minutes = 1,800 s.
        voucherGuessLimits: { perLine: 3, perClient: 9, windowSeconds: 1800 },
        // Intl gives IDR no minor digits, so amounts in rupiah are minor units as they are, sorted.
        promisedPayment: {
          amounts: [10_000, 25_000, 50_000],
          feeAmount: 2_500,
          termDays: 5,
          minLineAgeDays: 90,
          minTopUpAmount: 50_000,
          topUpWindowDays: 60,
          maxBlockedDays: 14,
        },
        promisedPaymentExpiryAction: 'block',
        taxRateBasisPoints: 1100,
        taxMode: 'exclusive',
        billPaymentTermDays: 20,
        dunningSteps: [
          { daysOverdue: 1, action: 'reminder' },
          { daysOverdue: 7, action: 'block' },
        ],
        creditDueIntervalSeconds: 600,
      },
      mail: {
        smtp: {
          url: 'smtps://kabinet:relay-pass@mail.example.net:465',
          from: 'My Operator <no-reply@my.example.net>',
          timeoutMs: 5000,
        },
        from: 'My Operator <no-reply@my.example.net>',
        detailsPerLinePerHour: 2,
        retryIntervalSeconds: 120,
      },
    });
  });

  it('sends mail to the development outbox unless SMTP_URL is set, and never in production', () => {
    const development = readConfig({ OPERATOR_NAME: 'Acme, "Mobile"', PUBLIC_URL: 'https://my.acme.test' });
    expect(development.mail.smtp).toBeUndefined();
    // Characters that would break the header are dropped from the default name.
    expect(development.mail.from).toBe('Acme Mobile <no-reply@my.acme.test>');
    expect(development.mail.detailsPerLinePerHour).toBe(5);
    const production = {
      NODE_ENV: 'production',
      SMPP_HOST: 'smsc',
      SMPP_SYSTEM_ID: 'k',
      SMPP_PASSWORD: 'p',
      SMPP_SOURCE_ADDRESS: 'K',
      VOUCHER_SECRET: 'voucher-secret-of-at-least-24-chars',
      PAYMENT_SANDBOX_IN_PRODUCTION: 'true',
      PAYMENT_WEBHOOK_SECRET: 'a-demo-secret-of-24-chars-or-more',
    };
    expect(errorOf(production).variable).toBe('SMTP_URL');
    expect(errorOf({ ...production, SMTP_URL: 'smtp://relay:25' }).variable).toBe('MAIL_FROM');
    expect(errorOf({ SMTP_URL: 'http://relay' }).variable).toBe('SMTP_URL');
    expect(errorOf({ MAIL_FROM: 'a@b.example, c@d.example' }).variable).toBe('MAIL_FROM');
    expect(errorOf({ MAIL_FROM: 'Name <a@b.example>\r\nBcc: c@d.example' }).variable).toBe('MAIL_FROM');
    expect(errorOf({ DETAILS_MAIL_PER_LINE_PER_HOUR: '0' }).variable).toBe('DETAILS_MAIL_PER_LINE_PER_HOUR');
    const config = readConfig({
      ...production,
      SMTP_URL: 'smtp://relay:25',
      MAIL_FROM: 'no-reply@op.example',
    });
    expect(config.mail.smtp).toEqual({
      url: 'smtp://relay:25',
      from: 'no-reply@op.example',
      timeoutMs: 10_000,
    });
  });

  it('never echoes an SMTP URL, which may hold the relay password', () => {
    const error = errorOf({ SMTP_URL: 'smtp//kabinet:s3cret@relay' });
    expect(error.message).not.toContain('s3cret');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/kabinet' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ BILLING_TIME_ZONE: 'Mars/Olympus' }, 'BILLING_TIME_ZONE'],
    [{ CURRENCY: 'XYZW' }, 'CURRENCY'],
    [{ VOUCHER_SECRET: 'short' }, 'VOUCHER_SECRET'],
    [{ PROMISED_PAYMENT_AMOUNTS: '100,abc' }, 'PROMISED_PAYMENT_AMOUNTS'],
    [{ PROMISED_PAYMENT_AMOUNTS: '0' }, 'PROMISED_PAYMENT_AMOUNTS'],
    [{ PROMISED_PAYMENT_FEE: '-1' }, 'PROMISED_PAYMENT_FEE'],
    [{ PROMISED_PAYMENT_EXPIRY_ACTION: 'terminate' }, 'PROMISED_PAYMENT_EXPIRY_ACTION'],
    [{ BILL_TAX_RATE_BASIS_POINTS: '10001' }, 'BILL_TAX_RATE_BASIS_POINTS'],
    [{ BILL_TAX_MODE: 'both' }, 'BILL_TAX_MODE'],
    [{ DUNNING_STEPS: '10:limit,3:reminder' }, 'DUNNING_STEPS'],
    [{ DUNNING_STEPS: '3:nag' }, 'DUNNING_STEPS'],
    [{ PUBLIC_URL: 'ftp://example.net' }, 'PUBLIC_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
    [{ TRUST_PROXY: 'everyone' }, 'TRUST_PROXY'],
    [{ PAYMENT_PROVIDER: 'paypal' }, 'PAYMENT_PROVIDER'],
    [{ PAYMENT_PROVIDER: 'stripe' }, 'STRIPE_SECRET_KEY'],
    [{ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_x' }, 'STRIPE_WEBHOOK_SECRET'],
    [{ TOP_UP_MIN: '5000', TOP_UP_MAX: '100' }, 'TOP_UP_MAX'],
    [{ TOP_UP_MIN: '10.5' }, 'TOP_UP_MIN'],
    [{ PAYMENT_WEBHOOK_SECRET: 'short' }, 'PAYMENT_WEBHOOK_SECRET'],
    // The test-card sandbox never takes real money, so production refuses it unless told it is a demo.
    [
      {
        NODE_ENV: 'production',
        SMPP_HOST: 'smsc',
        SMPP_SYSTEM_ID: 'k',
        SMPP_PASSWORD: 'p',
        SMPP_SOURCE_ADDRESS: 'K',
      },
      'PAYMENT_PROVIDER',
    ],
  ])('refuses %o and names %s', (env, variable) => {
    const error = errorOf(env as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(variable)).toBe(true);
  });

  it('runs the sandbox in production only when told to, and then with its own webhook secret', () => {
    const production = {
      NODE_ENV: 'production',
      SMPP_HOST: 'smsc',
      SMPP_SYSTEM_ID: 'k',
      SMPP_PASSWORD: 'p',
      SMPP_SOURCE_ADDRESS: 'K',
      VOUCHER_SECRET: 'voucher-secret-of-at-least-24-chars',
      PAYMENT_SANDBOX_IN_PRODUCTION: 'true',
      SMTP_URL: 'smtp://relay.example:25',
      MAIL_FROM: 'no-reply@operator.example',
    };
    expect(errorOf(production).variable).toBe('PAYMENT_WEBHOOK_SECRET');
    const config = readConfig({ ...production, PAYMENT_WEBHOOK_SECRET: 'a-demo-secret-of-24-chars-or-more' });
    expect(config.payments.provider).toBe('sandbox');
    expect(config.payments.webhookSecret).toBe('a-demo-secret-of-24-chars-or-more');
  });

  it('never echoes a database URL, which may hold a password', () => {
    const error = errorOf({ DATABASE_URL: 'postgres//kabinet:s3cret@db' });
    expect(error.message).not.toContain('s3cret');
  });
});
