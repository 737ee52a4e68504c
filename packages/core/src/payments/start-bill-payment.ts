import { DomainError } from '../errors/domain-error';
import type { PaymentProvider, PaymentStore } from './payment-ports';
import { type StartedTopUp, startCardPayment, type TopUpRequest } from './start-top-up';

/** A postpaid bill as paying it needs it: what is left to pay and whether it is still open. */
export interface PayableBill {
  id: number;
  number: string;
  /** new, sent, partially_paid, overdue (open) or settled. */
  status: string;
  outstanding: number;
}

export interface BillsForPayment {
  /** The account's bill with this number, or undefined (another account's bill is not there for you). */
  findBill(accountId: number, number: string): Promise<PayableBill | undefined>;
}

export interface BillPaymentRequest extends Omit<TopUpRequest, 'amount'> {
  billNumber: string;
  /** Minor units; absent means everything outstanding. */
  amount: number | null;
}

/**
 * Starts paying a postpaid bill by card, once per idempotency key. The amount is what is outstanding
 * unless the payer chose less (a part payment); more is refused. A replay of the key answers with the
 * first payment even when that payment has since settled the bill. The bill itself is paid when the
 * provider confirms, in the same transaction as the ledger credit (@kabinet/db); if the bill was paid
 * some other way in the meantime, the money stays on the account as an advance.
 */
export async function startBillPayment(
  deps: {
    store: PaymentStore;
    provider: PaymentProvider;
    bills: BillsForPayment;
    currency: string;
    now: Date;
  },
  request: BillPaymentRequest,
): Promise<StartedTopUp> {
  const bill = await deps.bills.findBill(request.accountId, request.billNumber);
  if (!bill) throw new DomainError('not_found', 'No such bill.');
  const earlier = await deps.store.findByKey(request.accountId, request.idempotencyKey);
  const amount = request.amount ?? earlier?.amount ?? bill.outstanding;
  if (!earlier) {
    if (bill.status === 'settled' || bill.outstanding <= 0) {
      throw new DomainError('bill_settled', `Bill ${bill.number} has nothing left to pay.`);
    }
    if (amount > bill.outstanding) {
      throw new DomainError(
        'amount_exceeds_outstanding',
        `Bill ${bill.number} has only ${bill.outstanding} to pay.`,
        {
          max: bill.outstanding,
        },
      );
    }
  }
  return startCardPayment(deps, { ...request, amount, kind: 'bill_payment', billId: bill.id });
}
