import type { LocalizedText } from '../lines/types';

export type DetailType = 'voice' | 'sms' | 'mms' | 'data' | 'fee';

/** One row of itemized details: a usage event, or money charged for something other than usage. */
export interface DetailItem {
  id: string;
  source: 'usage' | 'charge';
  type: DetailType;
  at: string;
  /** Money charged, minor units, ≥ 0 for charges (a refund would be negative). */
  amount: number;
  otherParty: string | null;
  destinationClass: string | null;
  roamingCountry: string | null;
  quantity: number | null;
  unit: 'seconds' | 'messages' | 'bytes' | null;
  ratedUnits: number | null;
  bundleUnits: number | null;
  kind: string | null;
  reference: { type: string; id: string | null } | null;
  description: LocalizedText | null;
}

export interface DetailTotals {
  count: number;
  amount: number;
  byType: Record<DetailType, { count: number; amount: number }>;
  voiceSeconds: number;
  dataBytes: number;
  smsCount: number;
  mmsCount: number;
}

export const DETAIL_TYPES: readonly DetailType[] = ['voice', 'sms', 'mms', 'data', 'fee'];

export function emptyTotals(): DetailTotals {
  return {
    count: 0,
    amount: 0,
    byType: {
      voice: { count: 0, amount: 0 },
      sms: { count: 0, amount: 0 },
      mms: { count: 0, amount: 0 },
      data: { count: 0, amount: 0 },
      fee: { count: 0, amount: 0 },
    },
    voiceSeconds: 0,
    dataBytes: 0,
    smsCount: 0,
    mmsCount: 0,
  };
}
