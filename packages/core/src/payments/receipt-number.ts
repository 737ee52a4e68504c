/**
 * A receipt number the subscriber can quote to support: the local date of payment and the payment id,
 * e.g. `R-20261126-000042`. Unique because the payment id is.
 */
export function receiptNumberOf(paymentId: number, succeededAt: Date): string {
  const d = succeededAt.toISOString().slice(0, 10).replaceAll('-', '');
  return `R-${d}-${String(paymentId).padStart(6, '0')}`;
}
