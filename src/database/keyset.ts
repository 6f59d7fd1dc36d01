// Keyset pagination for every list (a million cases): the query orders by (sort key, id), asks for
// one row more than a page, and the cursor is the last row's (sort key, id), opaque to clients.

/** A timestamp sort key as `to_char(… AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')` writes it. */
export const TIMESTAMP_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
/** A date sort key, `to_char(…, 'YYYY-MM-DD')`. */
export const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[0-9a-f-]{36}$/i;

export function encodeCursor(key: string, id: string): string {
  return Buffer.from(`${key}|${id}`).toString('base64url');
}

/** The position a cursor stands for; null for no cursor or one this list did not hand out. */
export function decodeCursor(cursor: string | undefined, key: RegExp): { key: string; id: string } | null {
  if (!cursor) return null;
  const [k, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!key.test(k ?? '') || !ID.test(id ?? '')) return null;
  return { key: k, id };
}

/** One page of rows fetched with `LIMIT limit + 1`, without their `sortKey`, and the cursor to the next. */
export function keysetPage<T extends { id: string; sortKey: string }>(
  rows: T[],
  limit: number,
): { items: Omit<T, 'sortKey'>[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ sortKey: _s, ...item }) => item),
    nextCursor: rows.length > limit && last ? encodeCursor(last.sortKey, last.id) : null,
  };
}
