/** A connected service as far as its cost is concerned. */
export interface ServiceFee {
  feeType: 'one_time' | 'daily' | 'monthly';
  feeAmount: number;
}

/** Days in the "month" used to turn a daily fee into a monthly cost for display. */
export const DAYS_PER_MONTH_ESTIMATE = 30;

/**
 * What a service costs a month, for the Home screen and the services list: a monthly fee as it is, a
 * daily fee × 30 (an estimate: months have 28 to 31 days), a one-time fee 0 (it is not recurring).
 */
export function monthlyCostOf(service: ServiceFee): number {
  switch (service.feeType) {
    case 'monthly':
      return service.feeAmount;
    case 'daily':
      return service.feeAmount * DAYS_PER_MONTH_ESTIMATE;
    case 'one_time':
      return 0;
  }
}

/** Connected services that cost money every day or month, and what they cost together per month. */
export function summarizeServiceCosts(services: readonly ServiceFee[]): {
  count: number;
  monthlyCost: number;
} {
  let count = 0;
  let monthlyCost = 0;
  for (const s of services) {
    const cost = monthlyCostOf(s);
    if (cost > 0) {
      count += 1;
      monthlyCost += cost;
    }
  }
  return { count, monthlyCost };
}
