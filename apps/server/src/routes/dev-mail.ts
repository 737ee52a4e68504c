import { Type } from 'typebox';
import type { OutboxMail, OutboxMailSender } from '../adapters/mail/outbox-sender';
import type { AppInstance } from '../app';
import { escapeHtml } from './dev-outbox';

const MailEntry = Type.Object({
  messageId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  reference: Type.String(),
  at: Type.String({ format: 'date-time' }),
  attachments: Type.Array(
    Type.Object({
      fileName: Type.String(),
      contentType: Type.String(),
      size: Type.Integer({ minimum: 0 }),
      url: Type.String({ description: 'Where this server serves the file' }),
    }),
  ),
});
const MailQuery = Type.Object({
  to: Type.Optional(Type.String({ description: 'Only mail to this address', maxLength: 254 })),
});

const attachmentUrl = (mail: OutboxMail, index: number) =>
  `/dev/mail/${encodeURIComponent(mail.messageId)}/attachments/${index}`;

function filtered(outbox: OutboxMailSender, to: string | undefined): OutboxMail[] {
  const wanted = to?.trim().toLowerCase();
  const mails = outbox.list();
  return wanted ? mails.filter((mail) => mail.to.toLowerCase() === wanted) : mails;
}

export function renderMailPage(mails: readonly OutboxMail[]): string {
  const items = mails
    .map(
      (m) => `<article class="mail">
  <header>
    <time datetime="${escapeHtml(m.at)}">${escapeHtml(m.at.replace('T', ' ').slice(0, 19))}</time>
    <span class="to">To: ${escapeHtml(m.to)}</span>
    <span class="ref">${escapeHtml(m.reference)}</span>
  </header>
  <h2>${escapeHtml(m.subject)}</h2>
  <pre>${escapeHtml(m.text)}</pre>
  ${
    m.attachments.length === 0
      ? ''
      : `<ul class="files">${m.attachments
          .map(
            (a, i) =>
              `<li><a href="${escapeHtml(attachmentUrl(m, i))}" download="${escapeHtml(a.fileName)}">${escapeHtml(a.fileName)}</a> <span>${escapeHtml(a.contentType)}, ${a.content.length} bytes</span></li>`,
          )
          .join('')}</ul>`
  }
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="5">
<title>Dev mail outbox · Kabinet</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1b1b1f; max-width: 60rem; }
  h1 { font-size: 1.25rem; margin: 0 0 .25rem; }
  p { color: #5b5b66; margin: 0 0 1rem; }
  .mail { border: 1px solid #e3e3ea; border-radius: .5rem; padding: .75rem 1rem; margin: 0 0 1rem; }
  .mail header { display: flex; flex-wrap: wrap; gap: .25rem 1rem; color: #5b5b66; }
  .mail h2 { font-size: 1rem; margin: .5rem 0; }
  pre { white-space: pre-wrap; word-break: break-word; font: inherit; margin: 0 0 .5rem; }
  .to, .ref, time { font-family: ui-monospace, monospace; }
  .files { margin: 0; padding-left: 1.25rem; }
  .files span { color: #5b5b66; }
</style>
</head>
<body>
<h1>Development mail outbox</h1>
<p>The last ${mails.length === 1 ? 'mail' : `${mails.length} mails`} this server "sent", newest first. Nothing leaves this machine; the page refreshes itself. SMS: <a href="/dev/outbox">/dev/outbox</a>. JSON: <a href="/dev/mail.json">/dev/mail.json</a>.</p>
${mails.length === 0 ? '<p>No mail yet.</p>' : items}
</body>
</html>
`;
}

/**
 * The development mail outbox pages, registered only when mail goes to the outbox (never in
 * production, which the outbox refuses): ordered details can be read and their files opened in
 * development and by browser tests.
 */
export function devMailRoutes(app: AppInstance, outbox: OutboxMailSender): void {
  app.get(
    '/dev/mail',
    {
      schema: {
        hide: true,
        summary: 'Development only: recent mail as an HTML page, newest first',
        querystring: MailQuery,
      },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderMailPage(filtered(outbox, request.query.to))),
  );

  app.get(
    '/dev/mail.json',
    {
      schema: {
        hide: true,
        summary: 'Development only: recent mail, newest first',
        querystring: MailQuery,
        response: { 200: Type.Object({ mails: Type.Array(MailEntry) }) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return {
        mails: filtered(outbox, request.query.to).map((m) => ({
          messageId: m.messageId,
          from: m.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          reference: m.reference,
          at: m.at,
          attachments: m.attachments.map((a, i) => ({
            fileName: a.fileName,
            contentType: a.contentType,
            size: a.content.length,
            url: attachmentUrl(m, i),
          })),
        })),
      };
    },
  );

  app.get(
    '/dev/mail/:messageId/attachments/:index',
    {
      schema: {
        hide: true,
        summary: 'Development only: one attachment of a mail in the outbox',
        params: Type.Object({
          messageId: Type.String({ maxLength: 100 }),
          index: Type.Integer({ minimum: 0, maximum: 20 }),
        }),
      },
    },
    async (request, reply) => {
      const attachment = outbox.find(request.params.messageId)?.attachments[request.params.index];
      if (!attachment) {
        return reply.status(404).type('text/plain; charset=utf-8').send('No such mail or attachment.');
      }
      return reply
        .type(attachment.contentType)
        .header('content-disposition', `attachment; filename="${attachment.fileName}"`)
        .header('cache-control', 'no-store')
        .send(attachment.content);
    },
  );
}
