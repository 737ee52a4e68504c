import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREPARED_STATEMENT } from '../src';
import { createTestDatabase, type TestDatabase, testEngine } from '../src/testing';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await t?.close();
});

const marked = (n: number) => sql<{ v: number }>`${sql.raw(PREPARED_STATEMENT)} select ${n} + 1 as v`;

describe(`statements marked as prepared on ${testEngine}`, () => {
  it('bind each call’s own values, not the first call’s', async () => {
    await t.db.connection().execute(async (c) => {
      // 1 + 1 = 2, 41 + 1 = 42, -7 + 1 = -6: a reused plan must still take the new parameter.
      expect((await marked(1).execute(c)).rows.map((r) => Number(r.v))).toEqual([2]);
      expect((await marked(41).execute(c)).rows.map((r) => Number(r.v))).toEqual([42]);
      expect((await marked(-7).execute(c)).rows.map((r) => Number(r.v))).toEqual([-6]);
    });
  });

  // PostgreSQL only: SQLite has no server-side statements, the marker is a comment there (test above).
  if (testEngine === 'postgres')
    it('are prepared once per connection under one name; unmarked statements are not kept', async () => {
      await t.db.connection().execute(async (c) => {
        for (const n of [1, 2, 3]) await marked(n).execute(c);
        await sql`select ${5} + 1 as v`.execute(c);
        await sql`${sql.raw(PREPARED_STATEMENT)} select ${5} * 2 as v`.execute(c);
        const kept = await sql<{ name: string; statement: string }>`
          select name, statement from pg_prepared_statements order by statement`.execute(c);
        // Two marked texts (the sum, run three times, and the product): two named statements.
        expect(kept.rows.map((r) => r.statement.replace(/\$\d+/g, '$n').trim())).toEqual([
          `${PREPARED_STATEMENT} select $n * 2 as v`,
          `${PREPARED_STATEMENT} select $n + 1 as v`,
        ]);
        expect(new Set(kept.rows.map((r) => r.name)).size).toBe(2);
      });
    });
});
