import { existsSync } from 'node:fs';
import {
  type DetailItem,
  type DetailsPeriod,
  type DetailTotals,
  type DetailType,
  formatLocalDateTime,
  minorDigits,
  pickText,
} from '@kabinet/core';
import PDFDocument from 'pdfkit';

/**
 * Itemized details as a PDF (pdfkit): operator, line, period, a table of every item, totals.
 *
 * Font decision: the PDF must show Cyrillic (names of services, Russian labels). pdfkit's built-in
 * fonts (Helvetica…) only cover Latin-1, so we embed a TrueType font found on the machine, first of:
 * DejaVu Sans (Debian's fonts-dejavu-core, present on every machine image we run on, CI included),
 * Noto Sans (fonts-noto-core), Liberation Sans, at their Debian, Fedora/Alpine and Arch paths. We do not
 * ship a font in the repository (≈ 700 KB per face) while the OS provides one. If none is found the
 * PDF still renders, in Helvetica, with Cyrillic transliterated to Latin (GOST 7.79 B-like) and other
 * characters Helvetica cannot draw replaced, so the export never fails for want of a font.
 */

export type PdfLang = 'en' | 'ru' | 'id';

interface FontChoice {
  regular: string;
  bold: string;
  /** True when the embedded font draws Cyrillic; false for the Helvetica fallback. */
  unicode: boolean;
}

const FONT_CANDIDATES: [regular: string, bold: string][] = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf', '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf'],
  [
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  ],
  ['/usr/share/fonts/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/TTF/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/noto/NotoSans-Regular.ttf', '/usr/share/fonts/noto/NotoSans-Bold.ttf'],
];

let chosen: FontChoice | undefined;

/** The font the PDFs use on this machine (looked up once). */
export function detailsPdfFont(): FontChoice {
  if (!chosen) {
    const found = FONT_CANDIDATES.find(([regular]) => existsSync(regular));
    chosen = found
      ? { regular: found[0], bold: existsSync(found[1]) ? found[1] : found[0], unicode: true }
      : { regular: 'Helvetica', bold: 'Helvetica-Bold', unicode: false };
  }
  return chosen;
}

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'j',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'c',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};
const PUNCTUATION: Record<string, string> = { '−': '-', '‑': '-', '\u202f': ' ', '₽': 'RUB', '№': 'No.' };

/** Text Helvetica (WinAnsi) can draw: Cyrillic transliterated, the rest of non-Latin-1 replaced. */
export function toLatin(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const translit = CYRILLIC[lower];
    if (translit !== undefined) {
      out += ch === lower ? translit : translit.charAt(0).toUpperCase() + translit.slice(1);
    } else if (PUNCTUATION[ch] !== undefined) {
      out += PUNCTUATION[ch];
    } else if ((ch.codePointAt(0) ?? 0) <= 0xff || '–—‘’“”…•€'.includes(ch)) {
      out += ch;
    } else {
      out += '?';
    }
  }
  return out;
}

const EN = {
  title: 'Itemized details',
  line: 'Line',
  account: 'Account',
  period: 'Period',
  times: 'Times in',
  filter: 'Only',
  generated: 'Generated',
  at: 'Date and time',
  type: 'Type',
  what: 'Number / description',
  quantity: 'Quantity',
  bundle: 'From bundles',
  amount: 'Amount',
  totals: 'Totals',
  items: 'Items',
  charged: 'Total charged',
  empty: 'No usage or charges in this period.',
  roaming: 'roaming',
  page: 'Page',
  of: 'of',
  voice: 'Call',
  sms: 'SMS',
  mms: 'MMS',
  data: 'Internet',
  fee: 'Charge',
  calls: 'Calls',
  internet: 'Internet',
  messages: 'SMS',
  charges: 'Fees and purchases',
};
type Labels = Record<keyof typeof EN, string>;

const LABELS: Record<PdfLang, Labels> = {
  en: EN,
  ru: {
    title: 'Детализация расходов',
    line: 'Номер',
    account: 'Лицевой счёт',
    period: 'Период',
    times: 'Время',
    filter: 'Только',
    generated: 'Сформировано',
    at: 'Дата и время',
    type: 'Тип',
    what: 'Номер / описание',
    quantity: 'Объём',
    bundle: 'Из пакетов',
    amount: 'Сумма',
    totals: 'Итого',
    items: 'Записей',
    charged: 'Всего списано',
    empty: 'За этот период нет расходов.',
    roaming: 'роуминг',
    page: 'Страница',
    of: 'из',
    voice: 'Звонок',
    sms: 'SMS',
    mms: 'MMS',
    data: 'Интернет',
    fee: 'Списание',
    calls: 'Звонки',
    internet: 'Интернет',
    messages: 'SMS',
    charges: 'Абонентская плата и покупки',
  },
  id: {
    title: 'Rincian pemakaian',
    line: 'Nomor',
    account: 'Akun',
    period: 'Periode',
    times: 'Waktu',
    filter: 'Hanya',
    generated: 'Dibuat',
    at: 'Tanggal dan waktu',
    type: 'Jenis',
    what: 'Nomor / keterangan',
    quantity: 'Jumlah',
    bundle: 'Dari paket',
    amount: 'Biaya',
    totals: 'Total',
    items: 'Catatan',
    charged: 'Total biaya',
    empty: 'Tidak ada pemakaian pada periode ini.',
    roaming: 'roaming',
    page: 'Halaman',
    of: 'dari',
    voice: 'Panggilan',
    sms: 'SMS',
    mms: 'MMS',
    data: 'Internet',
    fee: 'Tagihan',
    calls: 'Panggilan',
    internet: 'Internet',
    messages: 'SMS',
    charges: 'Biaya dan pembelian',
  },
};

const KINDS: Record<PdfLang, Record<string, string>> = {
  en: { fee: 'Fee', pack_purchase: 'Pack purchase', order: 'Order', tariff_change: 'Tariff change' },
  ru: {
    fee: 'Абонентская плата',
    pack_purchase: 'Покупка пакета',
    order: 'Заказ',
    tariff_change: 'Смена тарифа',
  },
  id: {
    fee: 'Biaya langganan',
    pack_purchase: 'Pembelian paket',
    order: 'Pesanan',
    tariff_change: 'Ganti tarif',
  },
};

const UNIT_WORDS: Record<PdfLang, { mb: string; gb: string; kb: string; min: string }> = {
  en: { kb: 'KB', mb: 'MB', gb: 'GB', min: 'min' },
  ru: { kb: 'КБ', mb: 'МБ', gb: 'ГБ', min: 'мин' },
  id: { kb: 'KB', mb: 'MB', gb: 'GB', min: 'mnt' },
};

export interface DetailsPdfInput {
  operatorName: string;
  msisdn: string;
  accountNumber: string;
  period: DetailsPeriod;
  type: DetailType | null;
  currency: string;
  lang: PdfLang;
  items: readonly DetailItem[];
  totals: DetailTotals;
  generatedAt: Date;
}

function formatBytes(bytes: number, lang: PdfLang): string {
  const u = UNIT_WORDS[lang];
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
      value,
    );
  if (bytes >= 1e9) return `${number(bytes / 1e9, 2)} ${u.gb}`;
  if (bytes >= 1e6) return `${number(bytes / 1e6, 1)} ${u.mb}`;
  return `${number(Math.max(bytes, 0) / 1e3, 0)} ${u.kb}`;
}

function formatSeconds(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mmss = `${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

function formatQuantity(type: DetailType, quantity: number | null, lang: PdfLang): string {
  if (quantity === null) return '';
  if (type === 'voice') return formatSeconds(quantity);
  if (type === 'data') return formatBytes(quantity, lang);
  return String(quantity);
}

/** Renders the PDF into memory; a year of heavy use is a few thousand rows, well within reason. */
export function renderDetailsPdf(input: DetailsPdfInput): Promise<Buffer> {
  const font = detailsPdfFont();
  const t = (text: string) => (font.unicode ? text : toLatin(text));
  const L = LABELS[input.lang];
  const digits = minorDigits(input.currency);
  const money = new Intl.NumberFormat(input.lang, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  const amount = (minor: number) => money.format(minor / 10 ** digits);

  const doc = new PDFDocument({
    size: 'A4',
    margin: 36,
    bufferPages: true,
    info: {
      Title: `${L.title} ${input.msisdn} ${input.period.from} – ${input.period.to}`,
      Author: input.operatorName,
      Creator: 'Kabinet',
      CreationDate: input.generatedAt,
    },
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
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = doc.page.height - doc.page.margins.bottom - 14;

  // Header.
  doc.font('bold').fontSize(16).text(t(input.operatorName), left, 36, { width });
  doc.font('bold').fontSize(13).text(t(L.title));
  doc.moveDown(0.3);
  doc.font('regular').fontSize(9);
  const header: [string, string][] = [
    [L.line, input.msisdn],
    [L.account, input.accountNumber],
    [L.period, `${input.period.from} – ${input.period.to}`],
    [L.times, input.period.timeZone],
    [L.generated, `${formatLocalDateTime(input.generatedAt, input.period.timeZone)}`],
  ];
  if (input.type) header.push([L.filter, L[input.type]]);
  for (const [label, value] of header) doc.text(t(`${label}: ${value}`), { width });
  doc.moveDown(0.8);

  // Table.
  const columns = [
    { key: 'at', label: L.at, width: 92, align: 'left' as const },
    { key: 'type', label: L.type, width: 62, align: 'left' as const },
    { key: 'what', label: L.what, width: 165, align: 'left' as const },
    { key: 'quantity', label: L.quantity, width: 62, align: 'right' as const },
    { key: 'bundle', label: L.bundle, width: 68, align: 'right' as const },
    {
      key: 'amount',
      label: `${L.amount}, ${input.currency}`,
      width: width - 92 - 62 - 165 - 62 - 68,
      align: 'right' as const,
    },
  ];
  const rowHeight = 13;
  let y = doc.y;

  const fit = (text: string, w: number) => {
    let s = t(text);
    if (doc.widthOfString(s) <= w) return s;
    while (s.length > 1 && doc.widthOfString(`${s}…`) > w) s = s.slice(0, -1);
    return `${s}…`;
  };
  const drawRow = (cells: Record<string, string>, bold = false) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(8);
    let x = left;
    for (const c of columns) {
      doc.text(fit(cells[c.key] ?? '', c.width - 4), x + 2, y + 2, {
        width: c.width - 4,
        align: c.align,
        lineBreak: false,
      });
      x += c.width;
    }
    y += rowHeight;
  };
  const drawHeaderRow = () => {
    doc.rect(left, y, width, rowHeight).fill('#eeeeee').fillColor('#000000');
    drawRow(Object.fromEntries(columns.map((c) => [c.key, c.label])), true);
  };
  const ensureRoom = (height: number) => {
    if (y + height <= bottom) return;
    doc.addPage();
    y = doc.page.margins.top;
    drawHeaderRow();
  };

  drawHeaderRow();
  if (input.items.length === 0) {
    doc
      .font('regular')
      .fontSize(9)
      .text(t(L.empty), left, y + 6, { width });
    y = doc.y + 6;
  }
  for (const item of input.items) {
    ensureRoom(rowHeight);
    let what: string;
    if (item.source === 'charge') {
      const kind = (item.kind && KINDS[input.lang][item.kind]) ?? item.kind ?? '';
      const name = item.description ? pickText(item.description, input.lang) : '';
      what = name ? `${kind}: ${name}` : kind;
    } else {
      const roaming = item.roamingCountry ? `${L.roaming} ${item.roamingCountry}` : '';
      what = [item.otherParty ?? '', roaming].filter(Boolean).join(' · ');
    }
    drawRow({
      at: formatLocalDateTime(item.at, input.period.timeZone),
      type: L[item.type],
      what,
      quantity: formatQuantity(item.type, item.quantity, input.lang),
      bundle: item.bundleUnits ? formatQuantity(item.type, item.bundleUnits, input.lang) : '',
      amount: amount(item.amount),
    });
  }

  // Totals.
  const totals = input.totals;
  const lines: [string, string][] = [
    [L.items, String(totals.count)],
    [
      `${L.calls}: ${totals.byType.voice.count}, ${Math.ceil(totals.voiceSeconds / 60)} ${UNIT_WORDS[input.lang].min}`,
      amount(totals.byType.voice.amount),
    ],
    [`${L.messages}: ${totals.smsCount}`, amount(totals.byType.sms.amount)],
    [`MMS: ${totals.mmsCount}`, amount(totals.byType.mms.amount)],
    [`${L.internet}: ${formatBytes(totals.dataBytes, input.lang)}`, amount(totals.byType.data.amount)],
    [`${L.charges}: ${totals.byType.fee.count}`, amount(totals.byType.fee.amount)],
  ];
  ensureRoom(rowHeight * (lines.length + 3));
  y += rowHeight / 2;
  doc.font('bold').fontSize(10).text(t(L.totals), left, y, { width });
  y = doc.y + 4;
  doc.font('regular').fontSize(9);
  for (const [label, value] of lines) {
    doc.text(t(label), left, y, { width: width - 120, lineBreak: false });
    doc.text(t(value), left + width - 120, y, { width: 120, align: 'right', lineBreak: false });
    y += rowHeight;
  }
  doc.font('bold').fontSize(10);
  doc.text(t(`${L.charged}, ${input.currency}`), left, y + 2, { width: width - 120, lineBreak: false });
  doc.text(amount(totals.amount), left + width - 120, y + 2, {
    width: 120,
    align: 'right',
    lineBreak: false,
  });

  // Page numbers, once every page exists.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make pdfkit start a new page; lift the margin meanwhile.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(7).fillColor('#666666');
    doc.text(
      t(
        `${input.msisdn} · ${input.period.from} – ${input.period.to} · ${L.page} ${i + 1} ${L.of} ${range.count}`,
      ),
      left,
      doc.page.height - margin + 10,
      { width, align: 'right', lineBreak: false },
    );
    doc.fillColor('#000000');
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
