import type { Transaction } from 'kysely';
import type { DB } from '../schema';
import { DemoPrices } from './demo-catalog';
import { type DemoSubscriber, demoSubscribers } from './demo-subscribers';

/**
 * A month of usage events for the demo lines, so itemized details have something real to show.
 *
 * Two kinds of events, and the rules that keep them consistent with the rest of the demo data:
 * - **Charged** events (money, no bundle units): listed below by hand. For each account their amounts
 *   add up exactly to the `usage` money movements of its story in demo-subscribers.ts (e.g. Anna's 54.50
 *   = 42.50 + 6.00 + 6.00), which the ledger already holds as one row per movement. They are priced from
 *   the demo price list where its figures allow an exact total (calls abroad per second or per started
 *   minute, SMS abroad, MMS); the one data session in each story that has to make up the remainder is
 *   illustrative, not re-rated byte by byte.
 * - **Covered** events (bundle units, no money): generated so that, per bundle, their bundle units add
 *   up exactly to what the bundle has used (total − remaining), all within the bundle's validity and
 *   before now (and before a blocked line was blocked); calls are rounded like the tariff rounds them.
 *   Options that make usage free (unlimited on-net calls, zero-rated messengers/social/video) add a
 *   few events with neither money nor units.
 * Generation is deterministic (a PRNG seeded by the number), so the demo looks the same every time.
 */

interface ChargedEvent {
  /** When, in days before now (fractions pick the time of day). */
  daysAgo: number;
  type: 'voice' | 'sms' | 'mms' | 'data';
  otherParty: string | null;
  destinationClass: string | null;
  roamingCountry: string | null;
  /** Seconds, messages or bytes as the network reports them. */
  quantity: number;
  /** Units after the tariff's rounding step (data: rounded to the line's tariff step when inserted). */
  ratedUnits: number;
  rub: number;
}

const voiceAbroad = (daysAgo: number, otherParty: string, seconds: number, ratedUnits: number, rub: number) =>
  ({
    daysAgo,
    type: 'voice',
    otherParty,
    destinationClass: 'international',
    roamingCountry: null,
    quantity: seconds,
    ratedUnits,
    rub,
  }) satisfies ChargedEvent;

const message = (
  daysAgo: number,
  type: 'sms' | 'mms',
  otherParty: string,
  destinationClass: string,
  rub: number,
): ChargedEvent => ({
  daysAgo,
  type,
  otherParty,
  destinationClass,
  roamingCountry: null,
  quantity: 1,
  ratedUnits: 1,
  rub,
});

const roundUp = (q: number, step: number) => Math.ceil(q / step) * step;

/** Charged usage of each demo line, by MSISDN. Per account the sum equals its `usage` movements. */
export const demoChargedUsage: Record<string, ChargedEvent[]> = {
  // Anna, Smart Plus (per second after the first minute), usage 54.50 three days ago:
  // a call to Kazakhstan 102 s × 25.00/min = 42.50; two SMS to Germany at 6.00.
  '+79000000001': [
    voiceAbroad(3.4, '+77012345671', 102, 102, 42.5),
    message(3.35, 'sms', '+4915112345678', 'international', 6),
    message(3.3, 'sms', '+4915112345678', 'international', 6),
  ],
  // Boris, Smart Start (per started minute), usage 37.60 four days ago: a day in Kazakhstan with some
  // mobile data there (5.60), back home a 55-second call to Almaty (1 minute × 25.00) and an MMS (7.00).
  '+79000000002': [
    {
      daysAgo: 5.3,
      type: 'data',
      otherParty: null,
      destinationClass: null,
      roamingCountry: 'KZ',
      quantity: 186_000,
      ratedUnits: 186_000,
      rub: 5.6,
    },
    voiceAbroad(4.45, '+77272501234', 55, 60, 25),
    message(4.4, 'mms', '+79161234567', 'other_mobile', 7),
  ],
  // Citra, Max Unlimited (per second after the first minute): 180.00 forty days ago = 432 s to
  // Kazakhstan × 25.00/min; 96.00 twenty days ago = 180 s to Kazakhstan (75.00) + three MMS (21.00).
  '+79000000003': [
    voiceAbroad(40.6, '+77012223344', 432, 432, 180),
    voiceAbroad(20.7, '+77012223344', 180, 180, 75),
    message(20.6, 'mms', '+79261112233', 'other_mobile', 7),
    message(20.55, 'mms', '+79261112233', 'other_mobile', 7),
    message(20.5, 'mms', '+79261112233', 'other_mobile', 7),
  ],
  // Dmitry, Business Pro, usage 412.80 twelve days ago, on a trip to Germany without a roaming pack:
  // a 300-second call home × 79.00/min in roaming = 395.00, and a little mobile data there (17.80).
  '+79000000004': [
    {
      daysAgo: 12.8,
      type: 'voice',
      otherParty: '+74957654321',
      destinationClass: 'landline',
      roamingCountry: 'DE',
      quantity: 300,
      ratedUnits: 300,
      rub: 395,
    },
    {
      daysAgo: 12.7,
      type: 'data',
      otherParty: null,
      destinationClass: null,
      roamingCountry: 'DE',
      quantity: 118_000,
      ratedUnits: 118_000,
      rub: 17.8,
    },
  ],
  // Elena's account, usage 23.00 yesterday: an MMS (7.00) and an SMS to Georgia (6.00) from her line,
  // and mobile data in Georgia (10.00) from the family line.
  '+79000000005': [
    message(1.4, 'mms', '+79031234567', 'other_mobile', 7),
    message(1.3, 'sms', '+995591234567', 'international', 6),
  ],
  '+79000000006': [
    {
      daysAgo: 1.2,
      type: 'data',
      otherParty: null,
      destinationClass: null,
      roamingCountry: 'GE',
      quantity: 333_000,
      ratedUnits: 333_000,
      rub: 10,
    },
  ],
};

/** National numbers the covered calls and messages go to, by destination class. */
const NATIONAL: Record<'on_net' | 'other_mobile' | 'landline', string[]> = {
  on_net: ['+79000000005', '+79000000006', '+79001234567', '+79017654321'],
  other_mobile: ['+79161234567', '+79261112233', '+79031234567', '+79857778899', '+79219876543'],
  landline: ['+74951234567', '+78123456789', '+73432109876'],
};

/** Data rating groups the demo's zero-rating options cover (see demo-catalog.ts). */
const FREE_DATA: Record<string, number> = { messengers: 10, social: 20, video: 30 };

/** mulberry32: a tiny deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY = 86_400_000;

type UsageRow = Omit<DB['usage_events'], 'id'>;

interface LineContext {
  lineId: number;
  accountId: number;
  msisdn: string;
  status: string;
  statusChangedAt: string;
  voiceCharging: string;
  dataRoundingBytes: number;
  services: Set<string>;
  balance: number;
  /** Events written so far for this line: numbers the event ids. */
  count: number;
}

/** Adds the demo lines' usage events. Called once, inside the demo seed's transaction. */
export async function insertDemoUsage(
  trx: Transaction<DB>,
  options: { currency: string; now: Date },
): Promise<void> {
  const prices = new DemoPrices(options.currency);
  for (const subscriber of demoSubscribers) {
    const rows: UsageRow[] = [];
    const charged = chargedRowsOf(subscriber, prices);
    for (const line of subscriber.lines) {
      const context = await loadLineContext(trx, line.msisdn);
      rows.push(...(charged.get(line.msisdn) ?? []).map((e) => toRow(context, e, options.now)));
      rows.push(...(await coveredRows(trx, context, options.now)));
    }
    rows.sort((a, b) => (a.started_at < b.started_at ? -1 : a.started_at > b.started_at ? 1 : 0));
    for (let i = 0; i < rows.length; i += 200) {
      await trx
        .insertInto('usage_events')
        .values(rows.slice(i, i + 200))
        .execute();
    }
  }
}

interface PricedEvent extends ChargedEvent {
  amount: number;
}

/**
 * The charged events of a subscriber with amounts in minor units. In roubles every amount is exact; in
 * another currency each is converted like the movements are, and the last event absorbs the rounding
 * so that the account's events still add up to its usage movements to the minor unit.
 */
function chargedRowsOf(subscriber: DemoSubscriber, prices: DemoPrices): Map<string, PricedEvent[]> {
  const target = subscriber.movements
    .filter((m) => m.kind === 'usage')
    .reduce((sum, m) => sum + prices.exactMinor(m.rub), 0);
  const events = subscriber.lines.flatMap((line) =>
    (demoChargedUsage[line.msisdn] ?? []).map((e) => ({
      msisdn: line.msisdn,
      event: { ...e, amount: prices.exactMinor(e.rub) },
    })),
  );
  // Rounding residue goes to the last events, none of which may go below zero.
  let residue = target - events.reduce((sum, e) => sum + e.event.amount, 0);
  for (let i = events.length - 1; i >= 0 && residue !== 0; i--) {
    const event = events[i]!.event;
    const change = Math.max(residue, -event.amount);
    event.amount += change;
    residue -= change;
  }
  const byLine = new Map<string, PricedEvent[]>();
  for (const { msisdn, event } of events) byLine.set(msisdn, [...(byLine.get(msisdn) ?? []), event]);
  return byLine;
}

async function loadLineContext(trx: Transaction<DB>, msisdn: string): Promise<LineContext> {
  const line = await trx
    .selectFrom('lines')
    .innerJoin('tariffs', 'tariffs.id', 'lines.tariff_id')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .select([
      'lines.id',
      'lines.account_id',
      'lines.msisdn',
      'lines.status',
      'lines.status_changed_at',
      'tariffs.voice_charging',
      'tariffs.data_rounding_bytes',
      'accounts.balance',
    ])
    .where('lines.msisdn', '=', msisdn)
    .executeTakeFirstOrThrow();
  const services = await trx
    .selectFrom('line_services')
    .innerJoin('services', 'services.id', 'line_services.service_id')
    .select('services.code')
    .where('line_services.line_id', '=', line.id)
    .execute();
  return {
    lineId: line.id,
    accountId: line.account_id,
    msisdn: line.msisdn,
    status: line.status,
    statusChangedAt: line.status_changed_at,
    voiceCharging: line.voice_charging,
    dataRoundingBytes: line.data_rounding_bytes,
    services: new Set(services.map((s) => s.code)),
    balance: line.balance,
    count: 0,
  };
}

function row(
  context: LineContext,
  e: {
    at: Date;
    type: string;
    otherParty: string | null;
    destinationClass: string | null;
    roamingCountry: string | null;
    ratingGroup: number | null;
    quantity: number;
    ratedUnits: number;
    amount: number;
    bundleUnits: number;
    charges: { source: 'bundle' | 'balance'; bundleId?: number; units: number; amount: number }[];
  },
): UsageRow {
  context.count += 1;
  const eventId = `demo-${context.msisdn.slice(1)}-${context.count}`;
  const seconds = e.type === 'voice' ? e.quantity : 0;
  return {
    event_id: eventId,
    msisdn: context.msisdn,
    line_id: context.lineId,
    account_id: context.accountId,
    type: e.type,
    started_at: e.at.toISOString(),
    quantity: e.quantity,
    rated_units: e.ratedUnits,
    other_party: e.otherParty,
    destination_class: e.destinationClass,
    roaming_country: e.roamingCountry,
    rating_group: e.ratingGroup,
    status: 'charged',
    reason: null,
    amount: e.amount,
    bundle_units: e.bundleUnits,
    result: JSON.stringify({
      id: eventId,
      status: 'charged',
      charges: e.charges,
      balanceAfter: context.balance,
    }),
    received_at: new Date(e.at.getTime() + seconds * 1000 + 2000).toISOString(),
  };
}

function toRow(context: LineContext, e: PricedEvent, now: Date): UsageRow {
  const ratedUnits = e.type === 'data' ? roundUp(e.quantity, context.dataRoundingBytes) : e.ratedUnits;
  return row(context, {
    at: new Date(now.getTime() - e.daysAgo * DAY),
    type: e.type,
    otherParty: e.otherParty,
    destinationClass: e.destinationClass,
    roamingCountry: e.roamingCountry,
    ratingGroup: e.type === 'data' ? 1 : null,
    quantity: e.quantity,
    ratedUnits,
    amount: e.amount,
    bundleUnits: 0,
    charges: [{ source: 'balance', units: ratedUnits, amount: e.amount }],
  });
}

/** Splits `used` into parts drawn by `draw`, never leaving a last part smaller than `min`. */
function split(used: number, draw: () => number, min: number): number[] {
  const parts: number[] = [];
  let left = used;
  while (left > 0) {
    let part = Math.min(left, draw());
    if (left - part < min) part = left;
    parts.push(part);
    left -= part;
  }
  return parts;
}

/** `count` instants spread over [from, to) with some jitter, oldest first. */
function spread(count: number, from: number, to: number, random: () => number): Date[] {
  const step = (to - from) / Math.max(count, 1);
  return Array.from(
    { length: count },
    (_, i) => new Date(Math.floor(from + step * (i + 0.1 + random() * 0.8))),
  );
}

async function coveredRows(trx: Transaction<DB>, context: LineContext, now: Date): Promise<UsageRow[]> {
  const random = prng(Number(context.msisdn.slice(-9)));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const bundles = await trx
    .selectFrom('bundles')
    .select(['id', 'unit', 'total', 'remaining', 'valid_from', 'expires_at', 'roaming_zone_id'])
    .where('line_id', '=', context.lineId)
    .orderBy('id')
    .execute();
  // Usage stops when the line was blocked, and the last half hour is left quiet.
  const end = Math.min(
    now.getTime() - 30 * 60_000,
    context.status === 'active' ? Number.POSITIVE_INFINITY : Date.parse(context.statusChangedAt),
  );
  const monthAgo = now.getTime() - 30 * DAY;
  const rows: UsageRow[] = [];
  const unlimitedOnNet = context.services.has('unlimited-on-net');
  const nationalClasses = unlimitedOnNet
    ? (['other_mobile', 'landline'] as const)
    : (['on_net', 'other_mobile', 'other_mobile', 'landline'] as const);

  for (const b of bundles) {
    const used = b.total - b.remaining;
    if (used <= 0) continue;
    const start = Math.max(Date.parse(b.valid_from), monthAgo);
    const stop = Math.min(end, Date.parse(b.expires_at));
    if (stop <= start) continue;
    const charge = (units: number) => [{ source: 'bundle' as const, bundleId: b.id, units, amount: 0 }];

    if (b.unit === 'voice_seconds') {
      // Rated units as the tariff rounds them: whole minutes, or at least one minute then seconds.
      const perMinute = context.voiceCharging === 'per_minute';
      const parts = split(
        used,
        () => (perMinute ? 60 * (1 + Math.floor(random() * 14)) : 60 + Math.floor(random() * 840)),
        60,
      );
      const times = spread(parts.length, start, stop, random);
      parts.forEach((rated, i) => {
        const destinationClass = pick(nationalClasses);
        // A per-minute call lasted up to 59 s less than the minutes it was rounded up to.
        const quantity = perMinute && rated % 60 === 0 ? rated - Math.floor(random() * 59) : rated;
        rows.push(
          row(context, {
            at: times[i]!,
            type: 'voice',
            otherParty: pick(NATIONAL[destinationClass]),
            destinationClass,
            roamingCountry: null,
            ratingGroup: null,
            quantity,
            ratedUnits: rated,
            amount: 0,
            bundleUnits: rated,
            charges: charge(rated),
          }),
        );
      });
    } else if (b.unit === 'sms') {
      const times = spread(used, start, stop, random);
      for (const at of times) {
        const destinationClass = pick(['on_net', 'other_mobile', 'other_mobile'] as const);
        rows.push(
          row(context, {
            at,
            type: 'sms',
            otherParty: pick(NATIONAL[destinationClass]),
            destinationClass,
            roamingCountry: null,
            ratingGroup: null,
            quantity: 1,
            ratedUnits: 1,
            amount: 0,
            bundleUnits: 1,
            charges: charge(1),
          }),
        );
      }
    } else if (b.unit === 'data_bytes') {
      // Sessions of 20-900 MB, each rounded up to the tariff's step; the last one takes what is left.
      const stepBytes = context.dataRoundingBytes;
      const parts = split(
        used,
        () => roundUp(20_000_000 + Math.floor(random() * 880_000_000), stepBytes),
        stepBytes,
      );
      const times = spread(parts.length, start, stop, random);
      parts.forEach((rated, i) => {
        const quantity = rated % stepBytes === 0 ? rated - Math.floor(random() * (stepBytes - 1)) : rated;
        rows.push(
          row(context, {
            at: times[i]!,
            type: 'data',
            otherParty: null,
            destinationClass: null,
            roamingCountry: null,
            ratingGroup: 1,
            quantity,
            ratedUnits: rated,
            amount: 0,
            bundleUnits: rated,
            charges: charge(rated),
          }),
        );
      });
    }
  }

  // Options at work: calls in network that use no minutes, messengers/social/video that use no traffic.
  const freeFrom = Math.max(monthAgo, end - 20 * DAY);
  if (unlimitedOnNet) {
    for (const at of spread(5, freeFrom, end, random)) {
      const seconds = 30 + Math.floor(random() * 600);
      rows.push(
        row(context, {
          at,
          type: 'voice',
          otherParty: pick(NATIONAL.on_net.filter((n) => n !== context.msisdn)),
          destinationClass: 'on_net',
          roamingCountry: null,
          ratingGroup: null,
          quantity: seconds,
          ratedUnits: context.voiceCharging === 'per_minute' ? roundUp(seconds, 60) : Math.max(60, seconds),
          amount: 0,
          bundleUnits: 0,
          charges: [],
        }),
      );
    }
  }
  for (const [code, ratingGroup] of Object.entries(FREE_DATA)) {
    if (!context.services.has(code)) continue;
    for (const at of spread(4, freeFrom, end, random)) {
      const bytes = 1_000_000 + Math.floor(random() * 150_000_000);
      rows.push(
        row(context, {
          at,
          type: 'data',
          otherParty: null,
          destinationClass: null,
          roamingCountry: null,
          ratingGroup,
          quantity: bytes,
          ratedUnits: roundUp(bytes, context.dataRoundingBytes),
          amount: 0,
          bundleUnits: 0,
          charges: [],
        }),
      );
    }
  }
  return rows;
}
