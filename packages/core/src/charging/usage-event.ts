import type { UsageType } from '../rating/types';

/** A usage event from the mobile core after validation: one call, message batch or data session. */
export interface UsageEvent {
  /** The network's idempotency key. */
  id: string;
  msisdn: string;
  type: UsageType;
  /** ISO-8601 UTC. */
  startedAt: string;
  /** Seconds (voice), bytes (data) or messages (sms/mms). */
  quantity: number;
  otherParty: string | null;
  roamingCountry: string | null;
  ratingGroup: number | null;
}

export type ParsedUsageEvent =
  | { ok: true; event: UsageEvent }
  | { ok: false; id: string | null; detail: string };

const E164 = /^\+[1-9]\d{7,14}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
/**
 * Control characters and unpaired surrogates (with the u flag a pair is one code point, so only a lone
 * half matches): a database stores neither as text, and no network key needs them.
 */
const UNSTORABLE = /[\p{Cc}\ud800-\udfff]/u;
const MAX_VOICE_SECONDS = 86_400;
const MAX_DATA_BYTES = 1_000_000_000_000;
const MAX_MESSAGES = 100;

const isInteger = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/**
 * Checks one raw event on its own, so a malformed event is refused without failing its batch.
 * Unknown fields are ignored: the network may send more than we rate on.
 */
export function parseUsageEvent(raw: unknown): ParsedUsageEvent {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, id: null, detail: 'an event must be an object' };
  const e = raw as Record<string, unknown>;
  const id =
    typeof e.id === 'string' && e.id.length >= 1 && e.id.length <= 128 && !UNSTORABLE.test(e.id)
      ? e.id
      : null;
  const fail = (detail: string): ParsedUsageEvent => ({ ok: false, id, detail });
  if (id === null) return fail('id must be 1 to 128 characters, none of them control characters');
  if (typeof e.msisdn !== 'string' || !E164.test(e.msisdn))
    return fail('msisdn must be an E.164 number like +79001234567');
  if (e.type !== 'voice' && e.type !== 'sms' && e.type !== 'mms' && e.type !== 'data') {
    return fail('type must be voice, sms, mms or data');
  }
  const startedAt =
    typeof e.startedAt === 'string' && ISO_INSTANT.test(e.startedAt) ? Date.parse(e.startedAt) : Number.NaN;
  if (Number.isNaN(startedAt)) return fail('startedAt must be an ISO 8601 instant with a time zone');
  let quantity: number;
  if (e.type === 'voice') {
    if (!isInteger(e.seconds, 0, MAX_VOICE_SECONDS))
      return fail(`seconds must be an integer from 0 to ${MAX_VOICE_SECONDS}`);
    quantity = e.seconds;
  } else if (e.type === 'data') {
    if (!isInteger(e.bytes, 0, MAX_DATA_BYTES))
      return fail(`bytes must be an integer from 0 to ${MAX_DATA_BYTES}`);
    quantity = e.bytes;
  } else {
    const count = e.count ?? 1;
    if (!isInteger(count, 1, MAX_MESSAGES)) return fail(`count must be an integer from 1 to ${MAX_MESSAGES}`);
    quantity = count;
  }
  let otherParty: string | null = null;
  if (e.type !== 'data') {
    if (typeof e.otherParty !== 'string' || !E164.test(e.otherParty))
      return fail('otherParty must be an E.164 number');
    otherParty = e.otherParty;
  }
  let roamingCountry: string | null = null;
  if (e.roamingCountry !== undefined && e.roamingCountry !== null) {
    if (typeof e.roamingCountry !== 'string' || !/^[A-Z]{2}$/.test(e.roamingCountry)) {
      return fail('roamingCountry must be an ISO 3166-1 alpha-2 code');
    }
    roamingCountry = e.roamingCountry;
  }
  let ratingGroup: number | null = null;
  if (e.ratingGroup !== undefined && e.ratingGroup !== null) {
    if (!isInteger(e.ratingGroup, 0, 4_294_967_295))
      return fail('ratingGroup must be a non-negative integer');
    ratingGroup = e.ratingGroup;
  }
  return {
    ok: true,
    event: {
      id,
      msisdn: e.msisdn,
      type: e.type,
      startedAt: new Date(startedAt).toISOString(),
      quantity,
      otherParty,
      roamingCountry,
      ratingGroup,
    },
  };
}
