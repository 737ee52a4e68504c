import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '@kabinet/db';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import helmet from 'helmet';
import type { Config } from './config';
import { registerMetrics } from './plugins/metrics';
import { registerProblemHandler, sendProblem } from './plugins/problem';
import { registerSessions } from './plugins/session';
import { registerValidation } from './plugins/validation';
import { appShellScriptSources, isAppNavigation, registerWeb, sendAppShell } from './plugins/web';
import { authRoutes } from './routes/auth';
import { callForwardingRoutes } from './routes/call-forwarding';
import { catalogRoutes } from './routes/catalog';
import { creditRoutes } from './routes/credit';
import { dailyUseRoutes } from './routes/daily-use';
import { detailsMailRoutes } from './routes/details-mail';
import { devMailRoutes } from './routes/dev-mail';
import { devOutboxRoutes } from './routes/dev-outbox';
import { healthRoutes } from './routes/health';
import { lineRoutes } from './routes/lines';
import { moneyHistoryRoutes } from './routes/money-history';
import { networkUsageRoutes } from './routes/network-usage';
import { notificationRoutes } from './routes/notifications';
import { orderRoutes } from './routes/orders';
import { paymentWebhookRoutes } from './routes/payment-webhooks';
import { paymentRoutes } from './routes/payments';
import { sandboxPageRoutes } from './routes/sandbox-pages';
import { usageDetailsRoutes } from './routes/usage-details';
import { createServices, type Services } from './services';

/** Everything a route may use, built once in main.ts (the composition root) and passed in. */
export interface AppDeps {
  config: Config;
  database: Database;
  services: Services;
}

export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
> & { deps: AppDeps };

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Header and body fields that must never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

export async function buildApp(
  input: Omit<AppDeps, 'services'> & {
    services?: Services;
    /** Where log lines go instead of stdout (tests read them back). */
    logStream?: { write(line: string): void };
  },
): Promise<AppInstance> {
  const { config, logStream, ...rest } = input;
  const fastify = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      ...(logStream ? { stream: logStream } : {}),
    },
    // A proxy's request id is kept so one id follows a request across hops; anything odd is replaced.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const app = fastify as unknown as AppInstance;
  // Services need the app's logger; the ones built here close with the app (SMS: unbind from the SMSC).
  const services =
    input.services ??
    createServices(
      config,
      input.database,
      app.log.child({ module: 'sms' }),
      undefined,
      undefined,
      app.log.child({ module: 'mail' }),
    );

  if (!input.services) {
    app.addHook('onClose', async () => {
      services.payments.close();
      // Mail being sent now finishes before the relay connection closes.
      await services.detailsMail.idle();
      await Promise.all([services.sms.close(), services.mail.close()]);
    });
  }
  const deps: AppDeps = { ...rest, config, services };
  app.decorate('deps', deps);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // The app is never framed (clickjacking a PIN pad or a payment), scripts come only from this origin
  // (and the app shell's own inline boot script, allowed by its hash),
  // and under https browsers are told never to try plain http again.
  // Built once: @fastify/helmet rebuilt this middleware and re-parsed the CSP on every request (about
  // 9 µs of CPU each, against 0.2 µs), paid by every single-event charging request. Same headers.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...appShellScriptSources(config.webDist)],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    hsts: config.signIn.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    // The mobile core's API is machine to machine: no browser renders, frames or sniffs its answers, and
    // the dozen headers were 5 % of the server's CPU per single-event charging request (perf).
    if (request.url.startsWith('/api/network/')) return done();
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  await app.register(rateLimit, { global: false });
  await registerSessions(app);

  registerValidation(app);
  registerProblemHandler(app);
  registerMetrics(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kabinet API',
        version: '0.1.0',
        description:
          'Self-care and charging APIs of Kabinet. Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: config.publicUrl }],
      tags: [
        { name: 'catalogue', description: 'Tariffs, services, packs, roaming and rewards' },
        { name: 'operations', description: 'Health, readiness and metrics for operators' },
        { name: 'network', description: 'Usage from the mobile core (Bearer NETWORK_API_KEY)' },
        { name: 'orders', description: 'Priced, idempotent orders on a line: tariff, services, packs' },
        { name: 'payments', description: 'Card top-ups, saved cards, auto top-up, provider webhooks' },
        {
          name: 'money-in',
          description: 'Vouchers, promised payment, postpaid bills and their payments',
        },
        { name: 'sign-in', description: 'Subscriber sign-in, PIN, password, devices, other numbers' },
        {
          name: 'lines',
          description: 'A line as the self-care app reads it: summary, services, catalogue, details',
        },
      ],
      components: {
        securitySchemes: {
          networkKey: { type: 'http', scheme: 'bearer', description: 'NETWORK_API_KEY' },
          operatorKey: { type: 'http', scheme: 'bearer', description: 'OPERATOR_API_KEY' },
          subscriberSession: {
            type: 'apiKey',
            in: 'cookie',
            name: 'kabinet_session',
            description: 'A signed-in subscriber; also send X-CSRF-Token from the session answer',
          },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  healthRoutes(app);
  authRoutes(app);
  catalogRoutes(app);
  networkUsageRoutes(app);
  orderRoutes(app);
  lineRoutes(app);
  usageDetailsRoutes(app);
  detailsMailRoutes(app);
  moneyHistoryRoutes(app);
  callForwardingRoutes(app);
  dailyUseRoutes(app);
  notificationRoutes(app);
  paymentRoutes(app);
  await paymentWebhookRoutes(app);
  if (services.payments.sandbox) await sandboxPageRoutes(app, services.payments.sandbox);
  creditRoutes(app);
  if (services.smsOutbox) devOutboxRoutes(app, services.smsOutbox);
  if (services.mailOutbox) devMailRoutes(app, services.mailOutbox);

  const webServed = await registerWeb(app, config.webDist);
  app.setNotFoundHandler((request, reply) => {
    if (webServed && isAppNavigation(request)) return sendAppShell(reply);
    return sendProblem(
      reply,
      request,
      404,
      'not_found',
      `No route for ${request.method} ${request.url.split('?')[0]}`,
    );
  });

  return app;
}
