import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type CardInputProblem, formatMoney } from '@kabinet/core';
import type { SandboxCharge } from '@kabinet/db';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppInstance } from '../app';
import type { SandboxProvider, SandboxStep } from '../payments/sandbox-provider';

const ChargeParams = Type.Object({ chargeId: Type.String({ pattern: '^sbx_[0-9a-f]{24}$' }) });
const CardForm = Type.Object({
  number: Type.Optional(Type.String({ maxLength: 40 })),
  expiry: Type.Optional(Type.String({ maxLength: 10 })),
  cvc: Type.Optional(Type.String({ maxLength: 8 })),
  action: Type.Optional(Type.Union([Type.Literal('pay'), Type.Literal('cancel')])),
});
const ChallengeForm = Type.Object({ action: Type.Union([Type.Literal('approve'), Type.Literal('fail')]) });

const PROBLEM_TEXT: Record<CardInputProblem, string> = {
  number: 'The card number is not valid (check the digits).',
  expiry: 'Enter the expiry as MM/YY.',
  expired: 'This card has expired.',
  cvc: 'The security code is 3 digits (4 on American Express).',
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body{font-family:system-ui,sans-serif;background:#eef1f6;margin:0;color:#1b2333}
  main{max-width:420px;margin:0 auto;padding:24px 16px}
  .box{background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 4px rgba(0,0,0,.1)}
  .badge{display:inline-block;background:#ffe9a8;color:#6b4e00;border-radius:6px;padding:2px 8px;font-size:13px}
  h1{font-size:20px;margin:12px 0} .amount{font-size:28px;font-weight:700;margin:8px 0 16px}
  label{display:block;font-weight:600;margin:12px 0 4px} input{width:100%;box-sizing:border-box;font-size:18px;padding:10px;border:1px solid #b8c0cc;border-radius:8px}
  .row{display:flex;gap:12px} .row>div{flex:1}
  button{width:100%;font-size:17px;padding:12px;border:0;border-radius:8px;margin-top:16px;cursor:pointer}
  .primary{background:#1f5eff;color:#fff} .secondary{background:#e4e8ef;color:#1b2333}
  .error{color:#b00020;margin:4px 0} details{margin-top:16px;font-size:14px} code{font-size:13px}
</style></head><body><main>${body}</main></body></html>`;
}

function cardPage(charge: SandboxCharge, problems: CardInputProblem[]): string {
  const errors = problems
    .map((p) => `<p class="error" role="alert">${escapeHtml(PROBLEM_TEXT[p])}</p>`)
    .join('');
  return page(
    'Sandbox payment',
    `<div class="box">
  <span class="badge">Sandbox: test cards only, no real money</span>
  <h1>Pay by card</h1>
  <div class="amount">${escapeHtml(formatMoney(charge.amount, charge.currency, 'en'))}</div>
  ${errors}
  <form method="post" action="/sandbox/pay/${charge.id}" autocomplete="off">
    <label for="number">Card number</label>
    <input id="number" name="number" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required>
    <div class="row">
      <div><label for="expiry">Expiry (MM/YY)</label><input id="expiry" name="expiry" inputmode="numeric" autocomplete="cc-exp" placeholder="12/30" required></div>
      <div><label for="cvc">Security code</label><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="123" required></div>
    </div>
    ${charge.save_card === 1 ? '<p>The card will be saved for future top-ups.</p>' : ''}
    <button class="primary" name="action" value="pay" type="submit">Pay ${escapeHtml(formatMoney(charge.amount, charge.currency, 'en'))}</button>
  </form>
  <form method="post" action="/sandbox/pay/${charge.id}"><button class="secondary" name="action" value="cancel" type="submit">Cancel and return</button></form>
  <details><summary>Test cards</summary><ul>
    <li><code>4242 4242 4242 4242</code> succeeds</li>
    <li><code>4000 0000 0000 0002</code> is declined</li>
    <li><code>4000 0000 0000 9995</code> fails: insufficient funds</li>
    <li><code>4000 0000 0000 3220</code> asks for 3-D Secure</li>
  </ul><p>Any future expiry, any 3 digits.</p></details>
</div>`,
  );
}

function challengePage(charge: SandboxCharge): string {
  return page(
    '3-D Secure check',
    `<div class="box">
  <span class="badge">Sandbox: 3-D Secure test</span>
  <h1>Confirm this payment</h1>
  <p>Your bank asks you to confirm a payment of <strong>${escapeHtml(formatMoney(charge.amount, charge.currency, 'en'))}</strong>
  with the card ending in ${escapeHtml(charge.card_last4 ?? '····')}.</p>
  <form method="post" action="/sandbox/pay/${charge.id}/3ds">
    <button class="primary" name="action" value="approve" type="submit">Confirm payment</button>
    <button class="secondary" name="action" value="fail" type="submit">Fail authentication</button>
  </form>
</div>`,
  );
}

const GONE = page('Payment not found', '<div class="box"><h1>This payment link is not valid.</h1></div>');

/**
 * The sandbox provider's hosted pages, served by this server and working without the app: the card
 * form, the 3-D Secure challenge, and the redirect back. Card fields go to the sandbox and nowhere
 * else; no log line carries them (the request log has method and URL only).
 */
export async function sandboxPageRoutes(app: AppInstance, sandbox: SandboxProvider): Promise<void> {
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );

    const answer = async (reply: FastifyReply, step: SandboxStep) => {
      if (step.next === 'gone') return reply.status(404).type('text/html; charset=utf-8').send(GONE);
      if (step.next === 'form')
        return reply.status(400).type('text/html; charset=utf-8').send(cardPage(step.charge, step.problems));
      return reply.redirect(step.url, 303);
    };
    const html = { 200: Type.String(), 404: Type.String() };

    scope.get(
      '/sandbox/pay/:chargeId',
      { schema: { hide: true, params: ChargeParams, response: html } },
      async (request, reply) => {
        const charge = await sandbox.findCharge(request.params.chargeId);
        if (!charge) return reply.status(404).type('text/html; charset=utf-8').send(GONE);
        if (charge.status !== 'requires_payment_method') {
          return reply.redirect(
            charge.status === 'requires_action' ? `/sandbox/pay/${charge.id}/3ds` : charge.return_url,
            303,
          );
        }
        return reply.type('text/html; charset=utf-8').send(cardPage(charge, []));
      },
    );

    scope.post(
      '/sandbox/pay/:chargeId',
      { schema: { hide: true, params: ChargeParams, body: CardForm } },
      async (request, reply) => {
        const { chargeId } = request.params;
        if (request.body.action === 'cancel') return answer(reply, await sandbox.cancel(chargeId));
        const step = await sandbox.submitCard(chargeId, {
          number: request.body.number ?? '',
          expiry: request.body.expiry ?? '',
          cvc: request.body.cvc ?? '',
        });
        return answer(reply, step);
      },
    );

    scope.get(
      '/sandbox/pay/:chargeId/3ds',
      { schema: { hide: true, params: ChargeParams, response: html } },
      async (request, reply) => {
        const charge = await sandbox.findCharge(request.params.chargeId);
        if (!charge) return reply.status(404).type('text/html; charset=utf-8').send(GONE);
        if (charge.status !== 'requires_action') return reply.redirect(charge.return_url, 303);
        return reply.type('text/html; charset=utf-8').send(challengePage(charge));
      },
    );

    scope.post(
      '/sandbox/pay/:chargeId/3ds',
      { schema: { hide: true, params: ChargeParams, body: ChallengeForm } },
      async (request, reply) =>
        answer(
          reply,
          await sandbox.completeChallenge(request.params.chargeId, request.body.action === 'approve'),
        ),
    );
  });
}
