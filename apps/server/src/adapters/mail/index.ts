import { OutboxMailSender } from './outbox-sender';
import { SmtpMailSender, type SmtpSettings } from './smtp-sender';

export { type OutboxMail, OutboxMailSender } from './outbox-sender';
export { SmtpMailSender, type SmtpSettings } from './smtp-sender';

/**
 * The mail sender for this configuration: SMTP when SMTP_URL is set, else the development outbox.
 * The outbox throws in production, so a production server without SMTP_URL does not start.
 */
export function createMailSender(options: {
  nodeEnv: string;
  smtp: SmtpSettings | undefined;
  from: string;
}): SmtpMailSender | OutboxMailSender {
  if (options.smtp) return new SmtpMailSender(options.smtp);
  return new OutboxMailSender({ nodeEnv: options.nodeEnv, from: options.from });
}
