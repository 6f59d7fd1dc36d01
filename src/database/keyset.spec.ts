import { DATE_KEY, decodeCursor, encodeCursor, keysetPage, TIMESTAMP_KEY } from './keyset.js';

const ID = '3f1c2a9e-5b7d-4c1e-9a2b-1c3d4e5f6a7b';

describe('keyset pagination', () => {
  it('hands out a cursor that decodes to the same position', () => {
    const at = '2026-12-04T10:11:12.123456';
    expect(decodeCursor(encodeCursor(at, ID), TIMESTAMP_KEY)).toEqual({ key: at, id: ID });
    expect(decodeCursor(encodeCursor('2026-12-04', ID), DATE_KEY)).toEqual({ key: '2026-12-04', id: ID });
  });

  it('ignores no cursor, a foreign one and one of another list', () => {
    expect(decodeCursor(undefined, DATE_KEY)).toBeNull();
    expect(decodeCursor('not base64 |', DATE_KEY)).toBeNull();
    expect(decodeCursor(encodeCursor("2026-12-04' OR 1=1", ID), DATE_KEY)).toBeNull();
    expect(decodeCursor(encodeCursor('2026-12-04', 'x'), DATE_KEY)).toBeNull();
    expect(decodeCursor(encodeCursor('2026-12-04', ID), TIMESTAMP_KEY)).toBeNull();
  });

  it('cuts the extra row, drops the sort key and points at the last row kept', () => {
    const rows = ['a', 'b', 'c'].map((n, i) => ({
      id: `${ID.slice(0, -1)}${i}`,
      sortKey: `2026-12-0${i + 1}`,
      n,
    }));
    const full = keysetPage(rows, 2);
    expect(full.items).toEqual([
      { id: rows[0].id, n: 'a' },
      { id: rows[1].id, n: 'b' },
    ]);
    expect(decodeCursor(full.nextCursor ?? '', DATE_KEY)).toEqual({ key: '2026-12-02', id: rows[1].id });
    expect(keysetPage(rows, 3).nextCursor).toBeNull();
    expect(keysetPage([], 3)).toEqual({ items: [], nextCursor: null });
  });
});
