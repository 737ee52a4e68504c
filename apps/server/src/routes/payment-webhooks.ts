import { Problem } from '@kabinet/contracts';
import { Type } from 'typebox';
import type { AppInstance } from '../app';
import { SIGNATURE_HEADER } from '../payments/webhook-signature';

const Received = Type.Object({
  received: Type.Literal(true),
  outcome: Type.String({
    description: '`settled`, `unchanged` (a repeat or a late event), `mismatch` or `ignored`',
  }),
});

/**
 * Webhooks from the payment provider. They carry no session and no CSRF key: the signature over the
 * exact raw body is the proof, so these routes keep the body as text (JSON parsing would lose the bytes
 * the signature covers). A bad or stale signature is 400 and changes nothing.
 */
export async function paymentWebhookRoutes(app: AppInstance): Promise<void> {
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
      done(null, body),
    );
    const payments = app.deps.services.payments;
    const response = { 200: Received, 400: Problem, 404: Problem };

    scope.post(
      '/api/payments/webhooks/sandbox',
      {
        schema: {
          tags: ['payments'],
          summary: 'Payment events from the sandbox provider',
          description: `Signed: \`Kabinet-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">\` with PAYMENT_WEBHOOK_SECRET, at most PAYMENT_WEBHOOK_TOLERANCE_SECONDS old.`,
          response,
        },
      },
      async (request) => {
        const header = request.headers[SIGNATURE_HEADER];
        const result = await payments.sandboxWebhook(
          typeof request.body === 'string' ? request.body : '',
          typeof header === 'string' ? header : undefined,
        );
        request.log.info({ payment: result.paymentId, outcome: result.outcome }, 'sandbox webhook');
        return { received: true as const, outcome: result.outcome };
      },
    );

    scope.post(
      '/api/payments/webhooks/stripe',
      {
        schema: {
          tags: ['payments'],
          summary: 'Payment events from Stripe',
          description: 'Verified with the `Stripe-Signature` header and STRIPE_WEBHOOK_SECRET.',
          response,
        },
      },
      async (request) => {
        const header = request.headers['stripe-signature'];
        const result = await payments.stripeWebhook(
          typeof request.body === 'string' ? request.body : '',
          typeof header === 'string' ? header : undefined,
        );
        request.log.info({ payment: result.paymentId, outcome: result.outcome }, 'stripe webhook');
        return { received: true as const, outcome: result.outcome };
      },
    );
  });
}
