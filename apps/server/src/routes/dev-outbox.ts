import { Type } from 'typebox';
import type { OutboxMessage, OutboxSmsSender } from '../adapters/sms/outbox-sender';
import type { AppInstance } from '../app';

const OutboxEntry = Type.Object({
  messageId: Type.String(),
  to: Type.String(),
  text: Type.String(),
  reference: Type.String(),
  at: Type.String({ format: 'date-time' }),
  encoding: Type.Union([Type.Literal('gsm7'), Type.Literal('ucs2')]),
  parts: Type.Integer({ minimum: 1 }),
});
const OutboxQuery = Type.Object({
  to: Type.Optional(Type.String({ description: 'Only messages to this E.164 number', maxLength: 16 })),
});

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

function filtered(outbox: OutboxSmsSender, to: string | undefined): OutboxMessage[] {
  const messages = outbox.list();
  // An unencoded '+' in a query string arrives as a space: accept `?to=+7900…` as typed.
  const wanted = to?.trim().replace(/^(?=\d)/, '+');
  return wanted ? messages.filter((message) => message.to === wanted) : messages;
}

export function renderOutboxPage(messages: readonly OutboxMessage[]): string {
  const rows = messages
    .map(
      (m) => `<tr>
  <td><time datetime="${escapeHtml(m.at)}">${escapeHtml(m.at.replace('T', ' ').slice(0, 19))}</time></td>
  <td class="to">${escapeHtml(m.to)}</td>
  <td class="text">${escapeHtml(m.text)}</td>
  <td>${m.encoding === 'ucs2' ? 'UCS-2' : 'GSM 7-bit'}, ${m.parts} ${m.parts === 1 ? 'part' : 'parts'}</td>
  <td class="ref">${escapeHtml(m.reference)}</td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="3">
<title>Dev SMS outbox · Kabinet</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1b1b1f; }
  h1 { font-size: 1.25rem; margin: 0 0 .25rem; }
  p { color: #5b5b66; margin: 0 0 1rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid #e3e3ea; }
  th { font-weight: 600; background: #f5f5f8; }
  .text { white-space: pre-wrap; word-break: break-word; font-size: 1rem; }
  .to, .ref, time { font-family: ui-monospace, monospace; white-space: nowrap; }
</style>
</head>
<body>
<h1>Development SMS outbox</h1>
<p>The last ${messages.length === 1 ? 'message' : `${messages.length} messages`} this server "sent", newest first. Nothing leaves this machine; the page refreshes itself. JSON: <a href="/dev/outbox.json">/dev/outbox.json</a>.</p>
${
  messages.length === 0
    ? '<p>No messages yet.</p>'
    : `<table>
<thead><tr><th>Sent (UTC)</th><th>To</th><th>Text</th><th>Encoding</th><th>Reference</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}
</body>
</html>
`;
}

/**
 * The development outbox pages. Registered only when SMS go to the outbox (never in production, which
 * the outbox refuses), so sign-in codes can be read in development and by browser tests.
 */
export function devOutboxRoutes(app: AppInstance, outbox: OutboxSmsSender): void {
  app.get(
    '/dev/outbox',
    {
      schema: {
        hide: true,
        summary: 'Development only: recent SMS as an HTML page, newest first',
        querystring: OutboxQuery,
      },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderOutboxPage(filtered(outbox, request.query.to))),
  );

  app.get(
    '/dev/outbox.json',
    {
      schema: {
        hide: true,
        summary: 'Development only: recent SMS, newest first',
        querystring: OutboxQuery,
        response: { 200: Type.Object({ messages: Type.Array(OutboxEntry) }) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { messages: filtered(outbox, request.query.to) };
    },
  );
}
