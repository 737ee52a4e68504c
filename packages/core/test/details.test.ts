import { describe, expect, it } from 'vitest';
import {
  compareDetailsKeys,
  type DetailItem,
  DomainError,
  decodeDetailsCursor,
  encodeDetailsCursor,
  formatDetailsCsv,
  formatLocalDateTime,
  minorToDecimal,
  resolveDetailsPeriod,
} from '../src';

const MOSCOW = 'Europe/Moscow'; // UTC+3 all year
const now = new Date('2026-11-26T09:00:00Z');

function failure(run: () => unknown): { field: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('validation_failed');
    return (error as DomainError).details?.errors as { field: string; message: string }[];
  }
  throw new Error('expected a validation failure');
}

describe('details period', () => {
  it('defaults to this month so far, in the billing time zone', () => {
    expect(resolveDetailsPeriod({}, now, MOSCOW)).toEqual({
      from: '2026-11-01',
      to: '2026-11-26',
      timeZone: MOSCOW,
      start: '2026-10-31T21:00:00.000Z', // Nov 1 00:00 in Moscow
      end: '2026-11-26T21:00:00.000Z', // Nov 27 00:00 in Moscow: `to` is inclusive
    });
    // 22:30 UTC on Nov 30 is already Dec 1 in Moscow.
    expect(resolveDetailsPeriod({}, new Date('2026-11-30T22:30:00Z'), MOSCOW).from).toBe('2026-12-01');
  });

  it('takes from and to as inclusive local days', () => {
    const p = resolveDetailsPeriod({ from: '2026-02-01', to: '2026-02-28' }, now, 'Europe/Berlin');
    expect(p.start).toBe('2026-01-31T23:00:00.000Z'); // CET = UTC+1
    expect(p.end).toBe('2026-02-28T23:00:00.000Z');
    // Only `from`: to is today. Only `to`: from is the 1st of its month.
    expect(resolveDetailsPeriod({ from: '2026-11-20' }, now, MOSCOW).to).toBe('2026-11-26');
    expect(resolveDetailsPeriod({ to: '2026-10-15' }, now, MOSCOW).from).toBe('2026-10-01');
  });

  it('allows up to 366 days and refuses more, reversed ranges and impossible dates', () => {
    // 2024-01-01 … 2024-12-31 is 366 days (a leap year).
    expect(resolveDetailsPeriod({ from: '2024-01-01', to: '2024-12-31' }, now, MOSCOW).from).toBe(
      '2024-01-01',
    );
    expect(
      failure(() => resolveDetailsPeriod({ from: '2024-01-01', to: '2025-01-01' }, now, MOSCOW)),
    ).toEqual([{ field: 'querystring.from', message: 'must be at most 366 days before to' }]);
    expect(
      failure(() => resolveDetailsPeriod({ from: '2026-11-27', to: '2026-11-26' }, now, MOSCOW)),
    ).toEqual([{ field: 'querystring.from', message: 'must not be after to' }]);
    expect(failure(() => resolveDetailsPeriod({ from: '2026-02-30' }, now, MOSCOW))[0]!.field).toBe(
      'querystring.from',
    );
    expect(failure(() => resolveDetailsPeriod({ to: '2026-13-01' }, now, MOSCOW))[0]!.field).toBe(
      'querystring.to',
    );
    expect(failure(() => resolveDetailsPeriod({ to: '26-11-01' }, now, MOSCOW))[0]!.field).toBe(
      'querystring.to',
    );
  });
});

describe('details cursor', () => {
  it('round-trips the sort key as base64url', () => {
    const key = { at: '2026-11-23T00:36:00.000Z', source: 'usage' as const, id: 12345 };
    const cursor = encodeDetailsCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeDetailsCursor(cursor)).toEqual(key);
  });

  it('refuses anything that is not a cursor it made', () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const bad of [
      'not base64!',
      b64({ at: 'x' }),
      b64(['2026-11-23T00:36:00.000Z', 'usage', -1]),
      b64(['2026-11-23T00:36:00.000Z', 'other', 1]),
      b64(["2026-11-23'; drop table x", 'usage', 1]),
      b64(['2026-11-23T00:36:00.000Z', 'usage', 1.5]),
    ]) {
      expect(failure(() => decodeDetailsCursor(bad))).toEqual([
        { field: 'querystring.cursor', message: 'is not a cursor from a previous page' },
      ]);
    }
  });

  it('orders newest first, usage before charges at the same instant, then higher id first', () => {
    const keys = [
      { at: '2026-11-01T00:00:00.000Z', source: 'usage' as const, id: 9 },
      { at: '2026-11-02T00:00:00.000Z', source: 'charge' as const, id: 1 },
      { at: '2026-11-02T00:00:00.000Z', source: 'usage' as const, id: 2 },
      { at: '2026-11-02T00:00:00.000Z', source: 'usage' as const, id: 3 },
    ];
    expect([...keys].sort(compareDetailsKeys).map((k) => `${k.source}:${k.id}`)).toEqual([
      'usage:3',
      'usage:2',
      'charge:1',
      'usage:9',
    ]);
  });
});

describe('details CSV', () => {
  const item = (over: Partial<DetailItem>): DetailItem => ({
    id: 'usage:1',
    source: 'usage',
    type: 'voice',
    at: '2026-11-22T23:24:00.000Z',
    amount: 4_250,
    otherParty: '+77012345671',
    destinationClass: 'international',
    roamingCountry: null,
    quantity: 102,
    unit: 'seconds',
    ratedUnits: 102,
    bundleUnits: 0,
    kind: null,
    reference: null,
    description: null,
    ...over,
  });

  it('writes a BOM, a header, CRLF rows, local and UTC times and amounts two ways', () => {
    const csv = formatDetailsCsv(
      [
        item({}),
        item({
          id: 'charge:7',
          source: 'charge',
          type: 'fee',
          amount: 25_000,
          otherParty: null,
          destinationClass: null,
          quantity: null,
          unit: null,
          ratedUnits: null,
          bundleUnits: null,
          kind: 'pack_purchase',
          reference: { type: 'order', id: '7' },
          description: { en: '5 GB for 30 days', ru: '5 ГБ на 30 дн.' },
        }),
      ],
      { currency: 'RUB', timeZone: MOSCOW, lang: 'ru' },
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'local_time,utc_time,type,kind,other_party,destination,roaming_country,quantity,unit,rated_units,bundle_units,amount,amount_minor,currency,description,reference',
      // 23:24 UTC on the 22nd is 02:24 on the 23rd in Moscow.
      '2026-11-23 02:24:00,2026-11-22T23:24:00.000Z,voice,,+77012345671,international,,102,seconds,102,0,42.50,4250,RUB,,',
      '2026-11-23 02:24:00,2026-11-22T23:24:00.000Z,fee,pack_purchase,,,,,,,,250.00,25000,RUB,5 ГБ на 30 дн.,order:7',
      '',
    ]);
  });

  it('quotes per RFC 4180 and defuses text a spreadsheet would run as a formula', () => {
    const csv = formatDetailsCsv(
      [
        item({ otherParty: 'ACME, "Bank"' }),
        item({ otherParty: '=HYPERLINK("http://x")' }),
        item({ otherParty: '-sender' }),
        item({ otherParty: 'two\nlines' }),
      ],
      { currency: 'RUB', timeZone: MOSCOW, lang: 'en' },
    );
    const rows = csv.slice(1).split('\r\n');
    expect(rows[1]).toContain(',"ACME, ""Bank""",');
    expect(rows[2]).toContain(',"\'=HYPERLINK(""http://x"")",');
    expect(rows[3]).toContain(",'-sender,");
    expect(rows[4]).toContain(',"two\nlines",');
  });

  it('formats minor units as exact decimals for any currency', () => {
    expect(minorToDecimal(5_450, 'RUB')).toBe('54.50');
    expect(minorToDecimal(-291_280, 'RUB')).toBe('-2912.80');
    expect(minorToDecimal(5, 'USD')).toBe('0.05');
    expect(minorToDecimal(1_500, 'JPY')).toBe('1500'); // no minor unit
    expect(minorToDecimal(1_234, 'KWD')).toBe('1.234'); // three digits
  });

  it('shows instants on the billing zone’s wall clock', () => {
    expect(formatLocalDateTime('2026-11-26T21:00:00.000Z', MOSCOW)).toBe('2026-11-27 00:00:00');
    expect(formatLocalDateTime('2026-07-01T12:00:00.000Z', 'Europe/Berlin')).toBe('2026-07-01 14:00:00'); // CEST
  });
});
