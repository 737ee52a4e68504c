import { classifyDestination, type NumberPlan } from '../rating/classify-destination';
import { rateUsage } from '../rating/rate-usage';
import type { Charge, RatingBundle, RatingEffects, RatingTariff } from '../rating/types';
import { parseUsageEvent, type UsageEvent } from './usage-event';

export type RejectReason = 'unknown_subscriber' | 'insufficient_funds' | 'line_blocked' | 'invalid';

/** The answer for one event; stored with the event and returned unchanged for every repeat. */
export interface UsageResult {
  id: string | null;
  status: 'charged' | 'rejected';
  reason?: RejectReason;
  detail?: string;
  charges?: Charge[];
  balanceAfter?: number;
}

export interface LineForCharging {
  lineId: number;
  accountId: number;
  status: string;
  tariffId: number;
  balance: number;
  creditLimit: number;
  effects: RatingEffects;
}

/** What the transaction writes for one newly seen event. */
export interface RatedUsage {
  event: UsageEvent;
  line: LineForCharging | null;
  destinationClass: string | null;
  ratedUnits: number;
  amount: number;
  bundleUnits: number;
  result: UsageResult;
  /** Balance after this event's debit (set when amount > 0). */
  balanceAfter: number | null;
  /** Each bundle charge with the bundle's remaining after it. */
  bundleMoves: { bundleId: number; units: number; remainingAfter: number }[];
}

/** What one batch reads under its locks. */
export interface ChargingRead {
  msisdns: string[];
  eventIds: string[];
  /** The batch's earliest and latest `startedAt`: bundles valid at any instant between may cover it. */
  earliest: string;
  latest: string;
}

/** The batch's lines, locked, and what was read after the lock. */
export interface LockedForCharging {
  lines: Map<string, LineForCharging>;
  /** Results already stored for the batch's event ids (a concurrent batch with the same id has committed). */
  results: Map<string, UsageResult>;
  /** Each line's bundles with units left, by line id. */
  bundles: Map<number, RatingBundle[]>;
}

export interface ChargingStore {
  /**
   * One transaction: locks the lines of `read.msisdns` with their accounts (in account order), reads
   * the stored results and the bundles *after* the lock (so a batch that held the same accounts just
   * before is seen), hands them to `rate` and writes what it returns before committing. `rate` is
   * synchronous and may run again: the whole transaction is retried on a deadlock or when a racing
   * batch stored one of the same event ids first.
   */
  chargeLocked(
    read: ChargingRead,
    rate: (locked: LockedForCharging) => RatedUsage[],
    receivedAt: string,
  ): Promise<void>;
}

export interface RatingCatalog {
  tariff(id: number): RatingTariff | undefined;
  plan: NumberPlan;
}

/**
 * Rates a batch of raw usage events in one transaction: repeats get their first result, malformed
 * events are refused alone, and each line's bundles and balance are applied in order, so several
 * events of one account in a batch see each other. Results come back in request order.
 */
export async function chargeUsage(
  store: ChargingStore,
  catalog: RatingCatalog,
  rawEvents: readonly unknown[],
  receivedAt: string,
): Promise<UsageResult[]> {
  const results: UsageResult[] = new Array(rawEvents.length);
  const valid: { index: number; event: UsageEvent }[] = [];
  rawEvents.forEach((raw, index) => {
    const parsed = parseUsageEvent(raw);
    if (parsed.ok) valid.push({ index, event: parsed.event });
    else results[index] = { id: parsed.id, status: 'rejected', reason: 'invalid', detail: parsed.detail };
  });
  if (valid.length === 0) return results;

  const startedAts = valid.map((v) => v.event.startedAt).sort();
  const read: ChargingRead = {
    msisdns: [...new Set(valid.map((v) => v.event.msisdn))],
    eventIds: [...new Set(valid.map((v) => v.event.id))],
    earliest: startedAts[0]!,
    latest: startedAts[startedAts.length - 1]!,
  };
  await store.chargeLocked(
    read,
    ({ lines, results: known, bundles }) => {
      const funds = new Map<number, { balance: number; creditLimit: number }>();
      for (const line of lines.values())
        funds.set(line.accountId, { balance: line.balance, creditLimit: line.creditLimit });
      const firstInBatch = new Map<string, UsageResult>();
      const rated: RatedUsage[] = [];
      for (const { index, event } of valid) {
        const earlier = known.get(event.id) ?? firstInBatch.get(event.id);
        if (earlier) {
          results[index] = earlier;
          continue;
        }
        const line = lines.get(event.msisdn) ?? null;
        const outcome = rateOne(
          event,
          line,
          line ? (bundles.get(line.lineId) ?? []) : [],
          line ? funds.get(line.accountId)! : null,
          catalog,
        );
        firstInBatch.set(event.id, outcome.result);
        results[index] = outcome.result;
        rated.push(outcome);
      }
      return rated;
    },
    receivedAt,
  );
  return results;
}

function rejected(
  event: UsageEvent,
  line: LineForCharging | null,
  reason: RejectReason,
  detail?: string,
): RatedUsage {
  return {
    event,
    line,
    destinationClass: null,
    ratedUnits: 0,
    amount: 0,
    bundleUnits: 0,
    result: { id: event.id, status: 'rejected', reason, ...(detail ? { detail } : {}) },
    balanceAfter: null,
    bundleMoves: [],
  };
}

/** Rates one event against the in-memory state of its line, and applies the result to that state. */
function rateOne(
  event: UsageEvent,
  line: LineForCharging | null,
  bundles: RatingBundle[],
  funds: { balance: number; creditLimit: number } | null,
  catalog: RatingCatalog,
): RatedUsage {
  if (!line || !funds) return rejected(event, null, 'unknown_subscriber');
  if (line.status !== 'active') return rejected(event, line, 'line_blocked');
  const tariff = catalog.tariff(line.tariffId);
  if (!tariff) return rejected(event, line, 'invalid', 'the line has no rateable tariff');
  const where = classifyDestination(catalog.plan, event.type, event.otherParty, event.roamingCountry);
  if (!where.ok) return rejected(event, line, 'invalid', where.reason);

  const rating = rateUsage(event, where.destination, tariff, bundles, line.effects, funds);
  if (rating.status === 'rejected') {
    return rating.reason === 'insufficient_funds'
      ? rejected(event, line, 'insufficient_funds')
      : rejected(event, line, 'invalid', 'the tariff has no price for this usage');
  }

  const bundleMoves: RatedUsage['bundleMoves'] = [];
  for (const charge of rating.charges) {
    if (charge.source !== 'bundle') continue;
    const bundle = bundles.find((b) => b.id === charge.bundleId)!;
    bundle.remaining -= charge.units;
    bundleMoves.push({ bundleId: bundle.id, units: charge.units, remainingAfter: bundle.remaining });
  }
  funds.balance -= rating.amount;
  return {
    event,
    line,
    destinationClass: where.destination.destinationClass,
    ratedUnits: rating.ratedUnits,
    amount: rating.amount,
    bundleUnits: rating.bundleUnits,
    result: { id: event.id, status: 'charged', charges: rating.charges, balanceAfter: funds.balance },
    balanceAfter: rating.amount > 0 ? funds.balance : null,
    bundleMoves,
  };
}
