/**
 * Every failure the domain reports on purpose. The `code` is stable (clients and translations key on
 * it); the HTTP layer maps codes to statuses in one table and never lets the domain speak HTTP.
 */
export type DomainErrorCode =
  | 'not_found'
  | 'validation_failed'
  | 'conflict'
  | 'unavailable'
  // Orders (packages/core/src/orders): why an order is refused.
  | 'insufficient_funds'
  | 'not_available'
  | 'line_blocked'
  | 'same_tariff'
  | 'already_scheduled'
  | 'already_connected'
  | 'not_connected'
  | 'client_key_reused'
  // Sign-in and protection (apps/server/src/auth).
  | 'unauthorized'
  | 'invalid_msisdn'
  | 'too_many_requests'
  | 'resend_too_soon'
  | 'wrong_code'
  | 'code_expired'
  | 'wrong_credentials'
  | 'weak_password'
  | 'weak_pin'
  | 'wrong_pin'
  | 'session_ended'
  | 'unlock_required'
  | 'not_recognised'
  // Payments (packages/core/src/payments).
  | 'amount_out_of_range'
  | 'idempotency_key_reused'
  | 'invalid_signature'
  // Money in on credit and by code (vouchers, promised payment, bills).
  | 'wrong_voucher_code'
  | 'too_many_attempts'
  | 'not_eligible'
  | 'bill_settled'
  | 'amount_exceeds_outstanding';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} was not found`);
  }
}
