export type TaxMode = 'inclusive' | 'exclusive';

export interface BillCharges {
  /** Recurring and one-time fees of the period, minor units. */
  feesAmount: number;
  usageAmount: number;
  /** Discounts of the period as a positive amount; never takes the bill below zero. */
  discountAmount: number;
}

export interface BillTotals extends BillCharges {
  /** Fees + usage − discount: what the operator priced, before tax is added (exclusive) or split out (inclusive). */
  netAmount: number;
  taxAmount: number;
  totalAmount: number;
}

/** Integer division rounded half up (half a minor unit goes to the operator, as tax authorities expect). */
function divideHalfUp(numerator: number, denominator: number): number {
  return Number((2n * BigInt(numerator) + BigInt(denominator)) / (2n * BigInt(denominator)));
}

/**
 * A bill's totals. Prices are stated with tax (inclusive) or without (exclusive); the tax is rounded
 * once, on the whole bill, half up:
 * - exclusive: tax = net × rate, total = net + tax;
 * - inclusive: total = net, tax = net × rate / (1 + rate) (the tax part already inside the prices).
 * The rate is in basis points (20 % = 2000).
 */
export function computeBillTotals(charges: BillCharges, rateBasisPoints: number, mode: TaxMode): BillTotals {
  const discountAmount = Math.min(charges.discountAmount, charges.feesAmount + charges.usageAmount);
  const netAmount = charges.feesAmount + charges.usageAmount - discountAmount;
  if (netAmount <= 0 || rateBasisPoints === 0) {
    return { ...charges, discountAmount, netAmount, taxAmount: 0, totalAmount: netAmount };
  }
  if (mode === 'exclusive') {
    const taxAmount = divideHalfUp(netAmount * rateBasisPoints, 10_000);
    return { ...charges, discountAmount, netAmount, taxAmount, totalAmount: netAmount + taxAmount };
  }
  const taxAmount = divideHalfUp(netAmount * rateBasisPoints, 10_000 + rateBasisPoints);
  return { ...charges, discountAmount, netAmount, taxAmount, totalAmount: netAmount };
}
