import type { NewPayment } from '@kabinet/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CreditedTopUp, seedDemoIfEmpty, sqlPaymentStore } from '../src';
import { createTestDatabase, type TestDatabase, testEngine } from '../src/testing';

const now = new Date('2026-11-26T09:00:00Z');
let t: TestDatabase;
let account: { id: number; line_id: number; balance: number };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoIfEmpty(t.db, {
    operatorName: 'Kabinet Mobile',
    currency: 'RUB',
    timeZone: 'Europe/Moscow',
    now,
  });
  account = await t.db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .select(['accounts.id', 'accounts.balance', 'lines.id as line_id'])
    .where('lines.msisdn', '=', '+79000000002')
    .executeTakeFirstOrThrow();
});
afterAll(async () => t?.close());

const balance = async () =>
  (await t.db.selectFrom('accounts').select('balance').where('id', '=', account.id).executeTakeFirstOrThrow())
    .balance;

function payment(key: string, amount: number): NewPayment {
  return {
    accountId: account.id,
    lineId: account.line_id,
    kind: 'top_up',
    idempotencyKey: key,
    amount,
    currency: 'RUB',
    provider: 'sandbox',
    cardId: null,
    saveCard: false,
    billId: null,
    createdAt: now,
  };
}

const success = { status: 'succeeded' as const, failureReason: null, card: null, cardToken: null, at: now };

describe(`the after-credit hook of the payment store, on ${testEngine}`, () => {
  it('runs once, inside the crediting transaction, with the balance after', async () => {
    const calls: CreditedTopUp[] = [];
    const store = sqlPaymentStore(t.db, {
      afterCredit: async (trx, credit) => {
        // Inside the transaction the credit is already visible.
        const row = await trx
          .selectFrom('accounts')
          .select('balance')
          .where('id', '=', credit.accountId)
          .executeTakeFirstOrThrow();
        expect(row.balance).toBe(credit.balanceAfter);
        calls.push(credit);
      },
    });
    const start = await balance();
    const { payment: p } = await store.insert(payment('hook-once', 10_000));
    const results = await Promise.all([
      store.settle(p.id, success),
      store.settle(p.id, success),
      store.settle(p.id, success),
    ]);
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    // Boris: start + 100.00 ₽.
    expect(calls).toEqual([
      {
        paymentId: p.id,
        accountId: account.id,
        lineId: account.line_id,
        amount: 10_000,
        balanceAfter: start + 10_000,
        at: now.toISOString(),
      },
    ]);
    expect(await balance()).toBe(start + 10_000);
  });

  it('rolls the credit back when the hook fails: the payment stays pending, to be settled again', async () => {
    let fail = true;
    const store = sqlPaymentStore(t.db, {
      afterCredit: async () => {
        if (fail) throw new Error('repayment failed');
      },
    });
    const start = await balance();
    const { payment: p } = await store.insert(payment('hook-fails', 5_000));
    await expect(store.settle(p.id, success)).rejects.toThrow('repayment failed');
    expect(await balance()).toBe(start);
    expect((await store.get(p.id))?.status).toBe('pending');
    fail = false;
    expect((await store.settle(p.id, success)).changed).toBe(true);
    expect(await balance()).toBe(start + 5_000);
  });

  it('answers a taken key with the first payment (created: false)', async () => {
    const store = sqlPaymentStore(t.db);
    const first = await store.insert(payment('same-key', 1_000));
    const second = await store.insert(payment('same-key', 2_000));
    expect(first.created).toBe(true);
    expect(second).toEqual({ payment: first.payment, created: false });
  });
});
