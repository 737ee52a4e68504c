import { minorDigits } from '@kabinet/core';
import type { BillDetailView } from '@kabinet/db';
import PDFDocument from 'pdfkit';
import { detailsPdfFont, type PdfLang, toLatin } from './details-pdf';

/** A postpaid invoice as PDF, with the same font choice as the itemized details (see details-pdf.ts). */

const LABELS: Record<PdfLang, Record<string, string>> = {
  en: {
    title: 'Invoice',
    account: 'Account',
    customer: 'Customer',
    period: 'Period',
    issued: 'Issued',
    due: 'Due date',
    status: 'Status',
    fee: 'Fees',
    usage: 'Usage',
    discount: 'Discounts',
    tax_inclusive: 'Tax included ({rate})',
    tax_exclusive: 'Tax ({rate})',
    total: 'Total',
    paid: 'Paid',
    outstanding: 'To pay',
    payments: 'Payments',
    none: 'No payments yet.',
  },
  ru: {
    title: 'Счёт',
    account: 'Лицевой счёт',
    customer: 'Абонент',
    period: 'Период',
    issued: 'Выставлен',
    due: 'Оплатить до',
    status: 'Статус',
    fee: 'Абонентская плата и услуги',
    usage: 'Связь сверх пакетов',
    discount: 'Скидки',
    tax_inclusive: 'В том числе НДС ({rate})',
    tax_exclusive: 'НДС ({rate})',
    total: 'Итого',
    paid: 'Оплачено',
    outstanding: 'К оплате',
    payments: 'Платежи',
    none: 'Платежей пока нет.',
  },
  id: {
    title: 'Tagihan',
    account: 'Akun',
    customer: 'Pelanggan',
    period: 'Periode',
    issued: 'Diterbitkan',
    due: 'Jatuh tempo',
    status: 'Status',
    fee: 'Biaya',
    usage: 'Pemakaian',
    discount: 'Diskon',
    tax_inclusive: 'Termasuk pajak ({rate})',
    tax_exclusive: 'Pajak ({rate})',
    total: 'Total',
    paid: 'Dibayar',
    outstanding: 'Harus dibayar',
    payments: 'Pembayaran',
    none: 'Belum ada pembayaran.',
  },
};

export interface BillPdfInput {
  operatorName: string;
  accountNumber: string;
  customerName: string;
  currency: string;
  lang: PdfLang;
  bill: BillDetailView;
}

export function renderBillPdf(input: BillPdfInput): Promise<Buffer> {
  const font = detailsPdfFont();
  const t = (text: string) => (font.unicode ? text : toLatin(text));
  const L = LABELS[input.lang];
  const digits = minorDigits(input.currency);
  const money = new Intl.NumberFormat(input.lang, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  const amount = (minor: number) => `${money.format(minor / 10 ** digits)} ${input.currency}`;
  const { bill } = input;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: `${L.title} ${bill.number}`, Author: input.operatorName, Creator: 'Kabinet' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', font.regular);
  doc.registerFont('bold', font.bold);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font('bold').fontSize(16).text(t(input.operatorName), left, 48, { width });
  doc
    .font('bold')
    .fontSize(13)
    .text(t(`${L.title} ${bill.number}`));
  doc.moveDown(0.5);
  doc.font('regular').fontSize(10);
  for (const [label, value] of [
    [L.customer, input.customerName],
    [L.account, input.accountNumber],
    [L.period, `${bill.periodStart} – ${bill.periodEnd}`],
    [L.issued, bill.issuedAt.slice(0, 10)],
    [L.due, bill.dueDate],
  ] as const) {
    doc.text(t(`${label}: ${value}`), { width });
  }
  doc.moveDown(1);

  const row = (label: string, value: string, bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'bold' : 'regular').fontSize(11);
    doc.text(t(label), left, y, { width: width - 160 });
    doc.text(t(value), left + width - 160, y, { width: 160, align: 'right' });
    doc.moveDown(0.3);
  };
  const rate =
    bill.taxRateBasisPoints === null
      ? ''
      : `${new Intl.NumberFormat(input.lang, { maximumFractionDigits: 2 }).format(bill.taxRateBasisPoints / 100)} %`;
  for (const line of bill.lines) {
    const key = line.kind === 'tax' ? `tax_${bill.taxMode ?? 'inclusive'}` : line.kind;
    row((L[key] ?? line.kind).replace('{rate}', rate), amount(line.amount));
  }
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .stroke();
  doc.moveDown(0.3);
  row(L.total!, amount(bill.totalAmount), true);
  row(L.paid!, amount(bill.paidAmount));
  row(L.outstanding!, amount(bill.totalAmount - bill.paidAmount), true);
  doc.moveDown(1);
  doc.font('bold').fontSize(12).text(t(L.payments!), left, doc.y, { width });
  doc.moveDown(0.3);
  if (bill.payments.length === 0) doc.font('regular').fontSize(10).text(t(L.none!), { width });
  for (const p of bill.payments) row(p.paidAt.slice(0, 10), amount(p.amount));
  doc.end();
  return done;
}
