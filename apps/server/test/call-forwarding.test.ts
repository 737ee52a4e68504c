import type { CallForwarding } from '@kabinet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Signed, signIn } from './support/sign-in';
import { createTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let anna: Signed;
const URL = '/api/lines/%2B79000000001/call-forwarding';

beforeAll(async () => {
  t = await createTestApp();
  anna = await signIn(t.app, '+79000000001');
});
afterAll(async () => {
  await t?.close();
});

const put = (payload: Record<string, unknown>) =>
  t.app.inject({ method: 'PUT', url: URL, headers: anna.headers, payload });

describe('call forwarding', () => {
  it('is all off for a line that never set it', async () => {
    const response = await t.app.inject({ method: 'GET', url: URL, headers: anna.headers });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      unconditional: null,
      busy: null,
      no_answer: null,
      unreachable: null,
      updatedAt: null,
    });
  });

  it('saves per condition with numbers in E.164 and reads back the same; a new save replaces the whole set', async () => {
    const saved = await put({
      busy: { number: '8 916 123-45-67' },
      no_answer: { number: '+7 495 123-45-67', noAnswerSeconds: 15 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const body = saved.json() as CallForwarding;
    expect(body).toMatchObject({
      unconditional: null,
      busy: { number: '+79161234567', noAnswerSeconds: null },
      no_answer: { number: '+74951234567', noAnswerSeconds: 15 },
      unreachable: null,
    });
    expect(body.updatedAt).not.toBeNull();
    const read = await t.app.inject({ method: 'GET', url: URL, headers: anna.headers });
    expect(read.json()).toEqual(body);

    const replaced = await put({ unreachable: { number: '+79161234567' }, busy: null });
    expect(replaced.json()).toMatchObject({
      unconditional: null,
      busy: null,
      no_answer: null,
      unreachable: { number: '+79161234567', noAnswerSeconds: null },
    });
    const rows = await t.database.db.selectFrom('call_forwarding').select('condition').execute();
    expect(rows.map((r) => r.condition)).toEqual(['unreachable']);
  });

  it('refuses the line itself, a bad number and a ringing time the network does not take, changing nothing', async () => {
    const refused = await put({
      unconditional: { number: '+79000000001' },
      busy: { number: 'call me' },
      no_answer: { number: '+79161234567', noAnswerSeconds: 45 },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('validation_failed');
    expect((refused.json().errors as { field: string }[]).map((e) => e.field)).toEqual([
      'body.unconditional.number',
      'body.busy.number',
      'body.no_answer.noAnswerSeconds',
    ]);
    const read = await t.app.inject({ method: 'GET', url: URL, headers: anna.headers });
    expect(read.json()).toMatchObject({ unreachable: { number: '+79161234567' }, busy: null });
  });

  it('rejects unknown conditions and another subscriber’s line', async () => {
    const unknownCondition = await put({ sometimes: { number: '+79161234567' } });
    expect(unknownCondition.statusCode).toBe(400);
    const boris = await t.app.inject({
      method: 'PUT',
      url: '/api/lines/%2B79000000002/call-forwarding',
      headers: anna.headers,
      payload: {},
    });
    expect(boris.statusCode).toBe(404);
  });
});
