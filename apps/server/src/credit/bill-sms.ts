import { formatMoney } from '@kabinet/core';

export type BillSmsKind = 'issued' | 'reminder';

const TEXTS: Record<string, Record<BillSmsKind, (number: string, amount: string, due: string) => string>> = {
  en: {
    issued: (n, a, d) => `Your bill ${n} is ready: ${a} to pay by ${d}. Details and PDF in the app.`,
    reminder: (n, a, d) =>
      `Bill ${n} is overdue: ${a} was due on ${d}. Please pay to keep your line working.`,
  },
  ru: {
    issued: (n, a, d) => `Счёт ${n} выставлен: ${a} к оплате до ${d}. Подробности и PDF в приложении.`,
    reminder: (n, a, d) =>
      `Счёт ${n} просрочен: ${a} нужно было оплатить до ${d}. Оплатите, чтобы номер не ограничили.`,
  },
  id: {
    issued: (n, a, d) => `Tagihan ${n} sudah terbit: ${a} dibayar sebelum ${d}. Rincian dan PDF di aplikasi.`,
    reminder: (n, a, d) =>
      `Tagihan ${n} lewat jatuh tempo: ${a} harus dibayar pada ${d}. Bayar agar nomor tetap aktif.`,
  },
};

/** The bill SMS in the subscriber's language (due dates as YYYY-MM-DD, unambiguous in every language). */
export function billSmsText(
  kind: BillSmsKind,
  language: string,
  bill: { number: string; outstanding: number; dueDate: string },
  currency: string,
): string {
  const texts = TEXTS[language] ?? TEXTS.en!;
  const lang = TEXTS[language] ? language : 'en';
  return texts[kind](bill.number, formatMoney(bill.outstanding, currency, lang), bill.dueDate);
}
