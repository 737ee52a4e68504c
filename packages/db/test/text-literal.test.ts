import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, textLiteral } from '../src';

// PostgreSQL whichever engine the suite runs on: the literal exists for PostgreSQL only.
let pg: Database;
beforeAll(() => {
  pg = openDatabase({
    url: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    poolSize: 1,
  });
});
afterAll(async () => pg?.close());

const roundTrip = async (text: string) =>
  (await sql<{ v: string }>`select ${sql.raw(textLiteral(text))} as v`.execute(pg.db)).rows[0]!.v;

// The PostgreSQL charging path sends its JSON as a literal in a simple query; whatever a network
// event id or a result holds must arrive unchanged, and nothing in it may end the literal early.
describe('textLiteral', () => {
  it.each([
    ['quotes', `it's "quoted" ''twice''`],
    ['backslashes', String.raw`C:\path\n not a newline \\ \'`],
    ['an attempt to end the literal', `x'); drop table usage_events; --`],
    ['JSON escapes', JSON.stringify({ id: 'a"b\\c', text: 'line\nbreak\ttab' })],
    ['nothing to escape', '{"msisdns":["+79000000001"],"earliest":"2026-11-27T08:00:00.000Z"}'],
    ['non-ASCII', 'Звонок · 通話 · 📞'],
  ])('round-trips %s through PostgreSQL', async (_, text) => {
    expect(await roundTrip(text)).toBe(text);
  });

  it('reads the same whatever standard_conforming_strings says', async () => {
    const text = String.raw`a\b'c`;
    await sql`set standard_conforming_strings = off`.execute(pg.db);
    try {
      expect(await roundTrip(text)).toBe(text);
    } finally {
      await sql`reset standard_conforming_strings`.execute(pg.db);
    }
  });
});
