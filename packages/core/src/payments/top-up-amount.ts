import { DomainError } from '../errors/domain-error';

export interface TopUpLimits {
  /** Smallest top-up in minor units. */
  min: number;
  /** Largest top-up in minor units. */
  max: number;
}

/**
 * A top-up is an integer amount of minor units between the operator's minimum and maximum. There is
 * no commission: the amount paid is the amount credited.
 */
export function checkTopUpAmount(amount: number, limits: TopUpLimits): void {
  if (!Number.isSafeInteger(amount) || amount < limits.min || amount > limits.max) {
    throw new DomainError(
      'amount_out_of_range',
      `A top-up must be between ${limits.min} and ${limits.max} minor units.`,
      { min: limits.min, max: limits.max },
    );
  }
}
