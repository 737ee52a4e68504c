import type { DetailType } from '@kabinet/contracts';
import {
  type MailAttachment,
  MailRejectedError,
  type MailSender,
  maskEmail,
  minorToDecimal,
} from '@kabinet/core';
import {
  claimDetailsMailOrder,
  type Database,
  type DetailsMailOrderRow,
  dueDetailsMailOrders,
  markDetailsMailFailed,
  markDetailsMailSent,
} from '@kabinet/db';
import {
  type DetailsExport,
  type DetailsLang,
  detailsCsv,
  detailsPdf,
  loadDetailsExport,
} from './details-export';

/** Attempts before an order that keeps meeting an unavailable relay is given up as failed. */
export const DETAILS_MAIL_MAX_ATTEMPTS = 5;
/** Wait before attempt n+1 after attempt n failed for a reason that may pass (minutes). */
const RETRY_MINUTES = [1, 5, 15, 60];
/** How long a claim lasts: longer than building the files and one SMTP exchange with its timeouts. */
const CLAIM_SECONDS = 600;

interface MailLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const TYPE_WORDS: Record<DetailsLang, Record<DetailType, string>> = {
  en: { voice: 'calls', sms: 'SMS', mms: 'MMS', data: 'mobile internet', fee: 'fees and other charges' },
  ru: {
    voice: 'звонки',
    sms: 'SMS',
    mms: 'MMS',
    data: 'мобильный интернет',
    fee: 'абонентская плата и другие списания',
  },
  id: {
    voice: 'panggilan',
    sms: 'SMS',
    mms: 'MMS',
    data: 'internet seluler',
    fee: 'biaya langganan dan biaya lain',
  },
};

/** The mail's subject and text in the order's language. Nothing here is logged. */
export function detailsMailText(data: DetailsExport): { subject: string; text: string } {
  const { period, msisdn, overview } = data;
  const range = `${period.from} – ${period.to}`;
  const total = `${minorToDecimal(data.totals.amount, overview.currency)} ${overview.currency}`;
  const type = data.type ? TYPE_WORDS[data.lang][data.type] : null;
  const count = data.items.length;
  switch (data.lang) {
    case 'ru':
      return {
        subject: `Детализация ${msisdn} за ${range}`,
        text: [
          'Здравствуйте!',
          '',
          `Во вложении детализация номера ${msisdn} за ${range}${type ? ` (только ${type})` : ''}, ` +
            `которую вы заказали в личном кабинете ${overview.operatorName}.`,
          `Записей: ${count}. Всего списано: ${total}. Время указано по часовому поясу ${period.timeZone}.`,
          '',
          'Если вы не заказывали детализацию, просто удалите это письмо и смените пароль или PIN в личном кабинете.',
          '',
          overview.operatorName,
        ].join('\n'),
      };
    case 'id':
      return {
        subject: `Rincian pemakaian ${msisdn} untuk ${range}`,
        text: [
          'Halo,',
          '',
          `Terlampir rincian pemakaian nomor ${msisdn} untuk ${range}${type ? ` (hanya ${type})` : ''}, ` +
            `yang Anda pesan di aplikasi ${overview.operatorName}.`,
          `Jumlah baris: ${count}. Total biaya: ${total}. Waktu dalam zona ${period.timeZone}.`,
          '',
          'Jika Anda tidak memesannya, hapus saja email ini dan ganti kata sandi atau PIN Anda di aplikasi.',
          '',
          overview.operatorName,
        ].join('\n'),
      };
    default:
      return {
        subject: `Itemized details of ${msisdn} for ${range}`,
        text: [
          'Hello,',
          '',
          `Attached are the itemized details of line ${msisdn} for ${range}${type ? ` (${type} only)` : ''}, ` +
            `as ordered in the ${overview.operatorName} app.`,
          `Items: ${count}. Total charged: ${total}. Times are in the ${period.timeZone} time zone.`,
          '',
          'If you did not order them, delete this mail and change your password or PIN in the app.',
          '',
          overview.operatorName,
        ].join('\n'),
      };
  }
}

/**
 * Sends ordered itemized details. The order row is the queue: the request only inserts it and kicks
 * this service, which claims the row (a conditional update, so one node sends it), builds the CSV
 * and/or PDF exactly as the downloads would for the stored period, and hands the mail to the relay.
 * A relay that cannot take it now is retried by the job with growing waits; a permanent refusal or
 * the last attempt marks the order failed. The log names the order and the masked address only.
 */
export class DetailsMailService {
  readonly #inFlight = new Set<Promise<void>>();

  constructor(
    private readonly deps: {
      database: Database;
      mail: MailSender;
      timeZone: string;
      log: MailLog;
      now?: () => Date;
    },
  ) {}

  #now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Starts sending one order in the background (the request that queued it has answered). */
  kick(orderId: number): void {
    this.#track(this.attempt(orderId));
  }

  /** Attempts every due order (queued, retry time reached, or a claim that ran out); for the job. */
  async runDue(limit = 50): Promise<number> {
    const ids = await dueDetailsMailOrders(this.deps.database.db, this.#now(), limit);
    for (const id of ids) await this.attempt(id);
    return ids.length;
  }

  /** Resolves when every send started by `kick` has finished (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  #track(work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'details mail attempt failed'))
      .finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
  }

  /** One attempt at one order, if it is still due; never throws for a mail that cannot go out. */
  async attempt(orderId: number): Promise<void> {
    const { db } = this.deps.database;
    const order = await claimDetailsMailOrder(db, orderId, this.#now(), CLAIM_SECONDS);
    if (!order) return; // sent, failed, or another node or run holds it
    const logged = { detailsMailOrder: order.id, to: maskEmail(order.recipient), attempt: order.attempts };
    try {
      const { subject, text, attachments } = await this.#compose(order);
      await this.deps.mail.send({
        to: order.recipient,
        subject,
        text,
        attachments,
        reference: `details-mail-${order.id}`,
      });
    } catch (error) {
      const permanent = error instanceof MailRejectedError;
      const last = order.attempts >= DETAILS_MAIL_MAX_ATTEMPTS;
      const diagnostic =
        (error as { diagnostic?: string }).diagnostic ??
        (error instanceof Error ? error.message : String(error));
      const retryAt =
        permanent || last
          ? null
          : new Date(this.#now().getTime() + RETRY_MINUTES[Math.min(order.attempts - 1, 3)]! * 60_000);
      await markDetailsMailFailed(db, order.id, diagnostic.slice(0, 500), retryAt);
      this.deps.log.warn(
        { ...logged, reason: diagnostic, retryAt: retryAt?.toISOString() ?? null },
        retryAt ? 'details mail not sent; will retry' : 'details mail failed for good',
      );
      return;
    }
    // Outside the catch: once the relay has the mail, a failure to record it must not count as a
    // failed send (the claim runs out and the job sends again: at least once, never silently lost).
    await markDetailsMailSent(db, order.id, this.#now());
    this.deps.log.info(logged, 'details mail sent');
  }

  async #compose(
    order: DetailsMailOrderRow,
  ): Promise<{ subject: string; text: string; attachments: MailAttachment[] }> {
    const { db } = this.deps.database;
    const line = await db
      .selectFrom('lines')
      .select(['id', 'msisdn'])
      .where('id', '=', order.line_id)
      .executeTakeFirstOrThrow();
    const data = await loadDetailsExport(
      db,
      line,
      {
        from: order.period_from,
        to: order.period_to,
        type: (order.detail_type ?? undefined) as DetailType | undefined,
        lang: order.lang as DetailsLang,
      },
      this.deps.timeZone,
      this.#now(),
    );
    const formats = order.formats.split(',');
    const attachments: MailAttachment[] = [];
    if (formats.includes('csv')) {
      attachments.push({
        fileName: `${data.fileName}.csv`,
        contentType: 'text/csv; charset=utf-8',
        content: Buffer.from(detailsCsv(data), 'utf8'),
      });
    }
    if (formats.includes('pdf')) {
      attachments.push({
        fileName: `${data.fileName}.pdf`,
        contentType: 'application/pdf',
        content: await detailsPdf(data),
      });
    }
    return { ...detailsMailText(data), attachments };
  }
}
