import { DomainError } from '../errors/domain-error';

/** Where a row of itemized details sorts: newest first, then usage before charges, then higher id. */
export interface DetailsKey {
  at: string;
  source: 'usage' | 'charge';
  id: number;
}

const SOURCE_RANK: Record<DetailsKey['source'], number> = { usage: 1, charge: 0 };

/** Negative when `a` comes before `b` in the listing (which is newest first). */
export function compareDetailsKeys(a: DetailsKey, b: DetailsKey): number {
  if (a.at !== b.at) return a.at > b.at ? -1 : 1;
  if (a.source !== b.source) return SOURCE_RANK[b.source] - SOURCE_RANK[a.source];
  return b.id - a.id;
}

/** The opaque cursor: base64url of the last row's sort key. Clients only pass it back. */
export function encodeDetailsCursor(key: DetailsKey): string {
  // The key is ASCII (an ISO instant, a word, digits), so btoa needs no UTF-8 step; works in browsers too.
  return btoa(JSON.stringify([key.at, key.source, key.id]))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

export function decodeDetailsCursor(cursor: string): DetailsKey {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    parsed = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 3 &&
    typeof parsed[0] === 'string' &&
    INSTANT.test(parsed[0]) &&
    (parsed[1] === 'usage' || parsed[1] === 'charge') &&
    Number.isSafeInteger(parsed[2]) &&
    parsed[2] > 0
  ) {
    return { at: parsed[0], source: parsed[1], id: parsed[2] };
  }
  throw new DomainError('validation_failed', 'cursor is not one this API gave out', {
    errors: [{ field: 'querystring.cursor', message: 'is not a cursor from a previous page' }],
  });
}
