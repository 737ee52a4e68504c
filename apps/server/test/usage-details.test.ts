import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DetailItem, UsageDetails } from '@kabinet/contracts';
import { testEngine, usageEventRow } from '@kabinet/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { detailsPdfFont } from '../src/exports/details-pdf';
import { createTestApp, DEMO_NOW, type TestApp } from './support/test-app';

const KEY = 'k'.repeat(32);
const auth = { authorization: `Bearer ${KEY}` };
let t: TestApp;

const ANNA = '/api/lines/%2B79000000001';
const DMITRY = '/api/lines/%2B79000000004';
// 2026-11-02 10:00 UTC = 13:00 in Moscow: a day on which Dmitry's demo data has nothing.
const TIE = '2026-11-02T10:00:00.000Z';
const tieIds: { usage: number[]; charges: number[] } = { usage: [], charges: [] };

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(DEMO_NOW); // 2026-11-26 12:00 in Moscow
  t = await createTestApp({ OPERATOR_API_KEY: KEY });
  await addRowsAtOneInstant();
});
afterAll(async () => {
  await t?.close();
  vi.useRealTimers();
});

/**
 * Rows that share one instant on Dmitry's line, to prove the (time, source, id) order and the paging
 * across both sources; plus rows that must never be listed (a rejected event, a top-up, a usage row).
 */
async function addRowsAtOneInstant() {
  const db = t.database.db;
  const line = await db
    .selectFrom('lines')
    .select(['id', 'account_id'])
    .where('msisdn', '=', '+79000000004')
    .executeTakeFirstOrThrow();
  const usage = (n: number, over: Partial<Parameters<typeof usageEventRow>[0]>) =>
    usageEventRow({
      event_id: `tie-${n}`,
      msisdn: '+79000000004',
      line_id: line.id,
      account_id: line.account_id,
      started_at: TIE,
      bundle_units: 1,
      ...over,
    });
  const inserted = await db
    .insertInto('usage_events')
    .values([
      usage(1, {
        type: 'voice',
        quantity: 65,
        rated_units: 65,
        other_party: 'ACME, "Bank"',
        amount: 100,
        bundle_units: 0,
      }),
      usage(2, { other_party: '=HYPERLINK("http://x")', amount: 200, bundle_units: 0 }),
      usage(3, {
        type: 'data',
        quantity: 1_000,
        rated_units: 100_000,
        other_party: null,
        destination_class: null,
      }),
      usage(4, { status: 'rejected', reason: 'insufficient_funds', amount: 0, bundle_units: 0 }),
    ])
    .returning('id')
    .execute();
  tieIds.usage = inserted.slice(0, 3).map((r) => r.id);

  const pack = await db
    .insertInto('orders')
    .values({
      line_id: line.id,
      client_key: 'tie-order',
      kind: 'buy_pack',
      subject_code: 'internet-1gb-7d',
      status: 'completed',
      reason: null,
      price: 10_000,
      effective_at: TIE,
      result: '{}',
      created_at: TIE,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const voicemail = await db
    .selectFrom('services')
    .select('id')
    .where('code', '=', 'voicemail')
    .executeTakeFirstOrThrow();
  const fee = await db
    .insertInto('fee_charges')
    .values({
      line_id: line.id,
      subject: 'service',
      subject_id: voicemail.id,
      period_start: TIE,
      period_end: '2026-12-02T10:00:00.000Z',
      amount: 4_000,
      created_at: TIE,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const money = (kind: string, amount: number, referenceType: string | null, referenceId: string | null) => ({
    account_id: line.account_id,
    line_id: line.id,
    bundle_id: null,
    kind,
    unit: 'money',
    amount,
    balance_after: 0,
    reference_type: referenceType,
    reference_id: referenceId,
    created_at: TIE,
  });
  const charges = await db
    .insertInto('ledger_entries')
    .values([
      money('pack_purchase', -10_000, 'order', String(pack.id)),
      money('fee', -4_000, 'fee_charge', String(fee.id)),
      money('top_up', 50_000, 'payment', 'p-1'), // a credit: not a charge
      money('usage', -300, 'usage_event', 'tie-1'), // listed through its usage events instead
    ])
    .returning('id')
    .execute();
  tieIds.charges = charges.slice(0, 2).map((r) => r.id);
}

async function details(url: string): Promise<UsageDetails> {
  const response = await t.app.inject({ url, headers: auth });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as UsageDetails;
}

/** Follows nextCursor to the end and returns every item. */
async function walk(base: string, limit: number): Promise<{ items: DetailItem[]; pages: number }> {
  const items: DetailItem[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = base.includes('?') ? '&' : '?';
    const page: UsageDetails = await details(
      `${base}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
    expect(pages).toBeLessThan(500);
  } while (cursor);
  return { items, pages };
}

const sumOf = (items: DetailItem[], pick: (i: DetailItem) => number | null) =>
  items.reduce((sum, i) => sum + (pick(i) ?? 0), 0);

describe(`itemized details on ${testEngine}`, () => {
  it("lists Anna's month so far with totals worked out by hand", async () => {
    const page = await details(`${ANNA}/usage`);
    expect(page.period).toEqual({ from: '2026-11-01', to: '2026-11-26', timeZone: 'Europe/Moscow' });
    expect(page.currency).toBe('RUB');
    expect(page.items).toHaveLength(50); // the default limit
    expect(page.nextCursor).not.toBeNull();
    const t0 = page.totals;
    // Charged usage: a 102-second call to Kazakhstan 42.50 and two SMS to Germany at 6.00.
    expect(t0.byType.voice.amount).toBe(4_250);
    expect(t0.byType.sms.amount).toBe(1_200);
    expect(t0.byType.data.amount).toBe(0);
    expect(t0.byType.mms).toEqual({ count: 0, amount: 0 });
    // Charges this month: fee 650.00 (Nov 14), 5 GB pack 250.00 (Nov 20), fee 300.00 (Nov 24).
    expect(t0.byType.fee).toEqual({ count: 3, amount: 120_000 });
    expect(t0.amount).toBe(125_450); // 42.50 + 12.00 + 1200.00
    // 30 SMS from the bundle (10 % of 300) + the 2 abroad.
    expect(t0.smsCount).toBe(32);
    expect(t0.byType.sms.count).toBe(32);
    // Smart Plus bills per second after the first minute, so calls from the bundle lasted exactly the
    // 16,800 s the bundle has used (35 % of 48,000); plus the 102 s call abroad.
    expect(t0.voiceSeconds).toBe(16_902);
  });

  it('walks every item exactly once, newest first, whatever the page size', async () => {
    const all = await details(`${ANNA}/usage?limit=200`);
    expect(all.nextCursor).toBeNull();
    expect(all.items).toHaveLength(all.totals.count);
    for (const limit of [1, 7, 50]) {
      const { items, pages } = await walk(`${ANNA}/usage`, limit);
      expect(items.map((i) => i.id)).toEqual(all.items.map((i) => i.id));
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
      expect(pages).toBe(Math.ceil(all.totals.count / limit));
    }
    const times = all.items.map((i) => i.at);
    expect(times).toEqual([...times].sort().reverse());
    // The totals agree with the items, and the data from bundles is what the bundles have used:
    // 14.7 GB of the tariff's 35 GB (42 %) + 1 GB of the 5 GB pack (20 %).
    expect(sumOf(all.items, (i) => i.amount)).toBe(all.totals.amount);
    expect(
      sumOf(
        all.items.filter((i) => i.type === 'data'),
        (i) => i.bundleUnits,
      ),
    ).toBe(15_700_000_000);
    expect(
      sumOf(
        all.items.filter((i) => i.type === 'data'),
        (i) => i.quantity,
      ),
    ).toBe(all.totals.dataBytes);
    expect(all.items.filter((i) => i.type === 'voice')).toHaveLength(all.totals.byType.voice.count);
  });

  it('orders rows of one instant by source then id, and pages through them without loss', async () => {
    const url = `${DMITRY}/usage?from=2026-11-02&to=2026-11-02`;
    const all = await details(`${url}&limit=200`);
    expect(all.items.map((i) => i.id)).toEqual([
      ...[...tieIds.usage].reverse().map((id) => `usage:${id}`),
      ...[...tieIds.charges].reverse().map((id) => `charge:${id}`),
    ]);
    for (const limit of [1, 2, 3, 4]) {
      expect((await walk(url, limit)).items.map((i) => i.id)).toEqual(all.items.map((i) => i.id));
    }
    // Not listed: the rejected event, the top-up (a credit) and the ledger's usage row.
    expect(all.totals).toMatchObject({ count: 5, amount: 100 + 200 + 10_000 + 4_000 });
    // Charges name what they were for: the order's pack, the fee's service.
    const [fee, pack] = all.items.slice(3);
    expect(pack).toMatchObject({
      type: 'fee',
      kind: 'pack_purchase',
      amount: 10_000,
      description: { en: '1 GB for 7 days', ru: '1 ГБ на 7 дн.' },
    });
    expect(pack!.reference?.type).toBe('order');
    expect(fee).toMatchObject({ kind: 'fee', amount: 4_000, reference: { type: 'fee_charge' } });
    expect(fee!.description?.en).toBe('Voicemail');
  });

  it('filters by type, totals included', async () => {
    const fees = await details(`${ANNA}/usage?type=fee`);
    expect(fees.type).toBe('fee');
    expect(fees.items.map((i) => [i.kind, i.amount, i.at])).toEqual([
      ['fee', 30_000, '2026-11-24T09:00:00.000Z'],
      ['pack_purchase', 25_000, '2026-11-20T09:00:00.000Z'],
      ['fee', 65_000, '2026-11-14T09:00:00.000Z'],
    ]);
    expect(fees.totals.count).toBe(3);
    expect(fees.totals.amount).toBe(120_000);
    expect(fees.totals.byType.voice).toEqual({ count: 0, amount: 0 });

    const sms = await walk(`${ANNA}/usage?type=sms`, 200);
    expect(sms.items).toHaveLength(32);
    expect(sms.items.every((i) => i.type === 'sms' && i.unit === 'messages')).toBe(true);
    const charged = sms.items.filter((i) => i.amount > 0);
    expect(charged.map((i) => [i.otherParty, i.destinationClass, i.amount, i.bundleUnits])).toEqual([
      ['+4915112345678', 'international', 600, 0],
      ['+4915112345678', 'international', 600, 0],
    ]);
  });

  it('reads dates as local days in the billing time zone', async () => {
    // The call abroad started 2026-11-22T23:24Z: the 22nd in UTC but 02:24 on the 23rd in Moscow.
    const the23rd = await details(`${ANNA}/usage?from=2026-11-23&to=2026-11-23&type=voice&limit=200`);
    const call = the23rd.items.find((i) => i.amount > 0)!;
    expect(call).toMatchObject({
      at: '2026-11-22T23:24:00.000Z',
      otherParty: '+77012345671',
      destinationClass: 'international',
      quantity: 102,
      unit: 'seconds',
      ratedUnits: 102,
      bundleUnits: 0,
      amount: 4_250,
    });
    expect(the23rd.totals.byType.voice.amount).toBe(4_250);
    const the22nd = await details(`${ANNA}/usage?from=2026-11-22&to=2026-11-22&type=voice`);
    expect(the22nd.totals.byType.voice.amount).toBe(0);
    // Nothing on Nov 1–5: her money moved on Nov 14, 20, 23 and 24, her bundles were used from Nov 20,
    // and the free messenger sessions fall in the last 20 days.
    const early = await details(`${ANNA}/usage?from=2026-11-01&to=2026-11-05`);
    expect(early.items).toEqual([]);
    expect(early.nextCursor).toBeNull();
    expect(early.totals.count).toBe(0);
  });

  it('refuses bad dates, ranges, limits, types and cursors as validation problems', async () => {
    const cases: [string, string][] = [
      ['from=2026-11-27&to=2026-11-26', 'querystring.from'],
      ['from=2025-11-01&to=2026-11-26', 'querystring.from'], // 391 days
      ['from=2026-02-30', 'querystring.from'],
      ['to=2026-1-5', 'querystring.to'],
      ['limit=0', 'querystring.limit'],
      ['limit=201', 'querystring.limit'],
      ['type=roaming', 'querystring.type'],
      ['cursor=bm90LWEtY3Vyc29y', 'querystring.cursor'],
    ];
    for (const [query, field] of cases) {
      const response = await t.app.inject({ url: `${ANNA}/usage?${query}`, headers: auth });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = response.json() as { code: string; errors: { field: string }[] };
      expect(body.code).toBe('validation_failed');
      expect(body.errors.map((e) => e.field)).toContain(field);
    }
    // 366 days is allowed.
    expect(
      (await t.app.inject({ url: `${ANNA}/usage?from=2025-11-26&to=2026-11-26`, headers: auth })).statusCode,
    ).toBe(200);
  });
});

/** RFC 4180 parser for the test: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

describe(`details exports on ${testEngine}`, () => {
  it("exports Anna's month as CSV: BOM, header, every row, amounts two ways", async () => {
    const response = await t.app.inject({ url: `${ANNA}/usage.csv`, headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="details-79000000001-2026-11-01-2026-11-26.csv"',
    );
    expect(response.body.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(response.body.slice(1));
    expect(header).toEqual([
      'local_time',
      'utc_time',
      'type',
      'kind',
      'other_party',
      'destination',
      'roaming_country',
      'quantity',
      'unit',
      'rated_units',
      'bundle_units',
      'amount',
      'amount_minor',
      'currency',
      'description',
      'reference',
    ]);
    const col = (name: string) => header!.indexOf(name);
    const json = await details(`${ANNA}/usage?limit=1`);
    expect(rows).toHaveLength(json.totals.count);
    expect(rows.reduce((sum, r) => sum + Number(r[col('amount_minor')]), 0)).toBe(125_450);
    const call = rows.find((r) => r[col('other_party')] === '+77012345671')!;
    expect(call[col('local_time')]).toBe('2026-11-23 02:24:00');
    expect(call[col('utc_time')]).toBe('2026-11-22T23:24:00.000Z');
    expect(call[col('amount')]).toBe('42.50');
    expect(call[col('amount_minor')]).toBe('4250');
    expect(call[col('quantity')]).toBe('102');
    expect(
      rows.filter((r) => r[col('type')] === 'fee').map((r) => [r[col('kind')], r[col('amount')]]),
    ).toEqual([
      ['fee', '300.00'],
      ['pack_purchase', '250.00'],
      ['fee', '650.00'],
    ]);
    for (const r of rows) expect(r[col('amount')]).toBe((Number(r[col('amount_minor')]) / 100).toFixed(2));
  });

  it("quotes awkward text and names charges in the owner's language", async () => {
    const response = await t.app.inject({
      url: `${DMITRY}/usage.csv?from=2026-11-02&to=2026-11-02`,
      headers: auth,
    });
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="details-79000000004-2026-11-02-2026-11-02.csv"',
    );
    const body = response.body;
    expect(body).toContain(',"ACME, ""Bank""",');
    expect(body).toContain(',"\'=HYPERLINK(""http://x"")",');
    const [header, ...rows] = parseCsv(body.slice(1));
    const description = rows.map((r) => r[header!.indexOf('description')]);
    // Dmitry's language is Russian.
    expect(description).toContain('1 ГБ на 7 дн.');
    expect(description).toContain('Голосовая почта');
    // lang overrides it, and the type filter narrows the file.
    const en = await t.app.inject({
      url: `${DMITRY}/usage.csv?from=2026-11-02&to=2026-11-02&type=fee&lang=en`,
      headers: auth,
    });
    const [, ...feeRows] = parseCsv(en.body.slice(1));
    expect(feeRows.map((r) => r[14])).toEqual(['Voicemail', '1 GB for 7 days']);
    expect(en.headers['content-disposition']).toContain('2026-11-02-2026-11-02-fee.csv');
  });

  it('refuses a bad period for exports too', async () => {
    const response = await t.app.inject({
      url: `${ANNA}/usage.pdf?from=2026-11-27&to=2026-11-01`,
      headers: auth,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed' });
  });

  const pdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
  // CI installs poppler-utils; elsewhere the text check is skipped rather than failed.
  const textCheck = pdftotext || process.env.CI ? it : it.skip;

  async function pdfOf(url: string): Promise<Buffer> {
    const response = await t.app.inject({ url, headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    return pdf;
  }

  function textOf(pdf: Buffer): string {
    if (!pdftotext) throw new Error('pdftotext is missing: apt-get install poppler-utils (see .ci/run)');
    const dir = mkdtempSync(join(tmpdir(), 'kabinet-pdf-'));
    try {
      writeFileSync(join(dir, 'd.pdf'), pdf);
      const result = spawnSync('pdftotext', ['-layout', join(dir, 'd.pdf'), '-'], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      return result.stdout;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('exports a PDF with the operator, the line, the period and an attachment name', async () => {
    const response = await t.app.inject({ url: `${ANNA}/usage.pdf`, headers: auth });
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="details-79000000001-2026-11-01-2026-11-26.pdf"',
    );
    await pdfOf(`${ANNA}/usage.pdf`);
  });

  textCheck('puts the text in the PDF, in Russian when asked (Cyrillic font permitting)', async () => {
    const en = textOf(await pdfOf(`${ANNA}/usage.pdf?lang=en`));
    expect(en).toContain('Kabinet Mobile');
    expect(en).toContain('Itemized details');
    expect(en).toContain('+79000000001');
    expect(en).toContain('2026-11-01 – 2026-11-26');
    expect(en).toContain('+77012345671'); // the call abroad
    expect(en).toMatch(/Total charged, RUB\s+1,254\.50/); // 42.50 + 12.00 + 1200.00
    expect(en).toMatch(/Page 1 of \d/);

    const ru = textOf(await pdfOf(`${ANNA}/usage.pdf?lang=ru`));
    expect(ru).toContain('+79000000001');
    if (detailsPdfFont().unicode) {
      expect(ru).toContain('Детализация расходов');
      expect(ru).toContain('Всего списано');
    } else {
      expect(ru).toContain('Detalizaciya raskhodov'); // transliterated with Helvetica
    }

    const empty = textOf(await pdfOf(`${ANNA}/usage.pdf?from=2025-01-01&to=2025-01-31&lang=en`));
    expect(empty).toContain('No usage or charges in this period.');
  });
});
