import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  addWeeks,
  amsterdamDate,
  amsterdamInstant,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  fromParts,
  isIsoDate,
  isoWeekday,
  maxDate,
  minDate,
  parts,
  toDayNumber,
} from './dates.js';

/** Any real date from 1900 to 2999 (the range isIsoDate accepts), drawn as a day number. */
const anyDate = fc
  .integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2999-12-31') })
  .map((n) => fromDayNumber(n));

/** Dates around the years the product works in. */
const nearDate = fc
  .integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2060-12-31') })
  .map((n) => fromDayNumber(n));

const RUNS = { numRuns: 300 };

describe('isIsoDate', () => {
  it('accepts real dates, including 29 February in a leap year', () => {
    expect(isIsoDate('2026-01-01')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-12-31')).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2026-13-01',
    '2026-1-01',
    '2026-01-1',
    '2026-00-10',
    '2026-01-00',
    '2027-02-29',
    '26-01-01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '',
  ])('refuses %p', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isIsoDate(undefined)).toBe(false);
    expect(isIsoDate(20260101)).toBe(false);
    expect(isIsoDate(new Date(Date.UTC(2026, 0, 1)))).toBe(false);
  });

  it('accepts every date produced by the day-number helpers', () => {
    fc.assert(
      fc.property(anyDate, (d) => isIsoDate(d)),
      RUNS,
    );
  });
});

describe('parts and fromParts', () => {
  it('split and join a date', () => {
    expect(parts('2026-04-27')).toEqual({ year: 2026, month: 4, day: 27 });
    expect(fromParts(2026, 4, 7)).toBe('2026-04-07');
  });

  it('parts throws RangeError on a malformed date', () => {
    expect(() => parts('2026-4-27')).toThrow(RangeError);
  });
});

describe('day numbers', () => {
  it('count days from 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-01-02')).toBe(1);
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });

  it('toDayNumber and fromDayNumber round-trip (property)', () => {
    fc.assert(
      fc.property(anyDate, (d) => fromDayNumber(toDayNumber(d)) === d),
      RUNS,
    );
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 375_000 }), (n) => toDayNumber(fromDayNumber(n)) === n),
      RUNS,
    );
  });

  it('daysBetween is the difference of day numbers', () => {
    expect(daysBetween('2026-03-16', '2026-04-27')).toBe(42);
    expect(daysBetween('2026-04-27', '2026-03-16')).toBe(-42);
    fc.assert(
      fc.property(
        anyDate,
        fc.integer({ min: -5000, max: 5000 }),
        (d, k) => daysBetween(d, addDays(d, k)) === k,
      ),
      RUNS,
    );
  });
});

describe('addDays and addWeeks', () => {
  it('cross the year end', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addWeeks('2026-12-25', 1)).toBe('2027-01-01');
  });

  it('cross the daylight-saving changes without losing or gaining a day', () => {
    // Calendar arithmetic must not notice 2026-03-29 (23 hours) or 2026-10-25 (25 hours). [decision]
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addWeeks('2026-03-16', 6)).toBe('2026-04-27');
  });

  it('handle leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
  });
});

describe('addMonths', () => {
  it('31 January + 1 month is the last day of February [decision]', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
  });

  it('31 March + 1 month is 30 April', () => {
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
  });

  it('crosses year ends both ways', () => {
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-01-05', 3)).toBe('2026-04-05');
    expect(addMonths('2026-04-10', 1)).toBe('2026-05-10');
  });

  it('never overflows into the following month (property)', () => {
    fc.assert(
      fc.property(nearDate, fc.integer({ min: -240, max: 240 }), (d, k) => {
        const from = parts(d);
        const to = parts(addMonths(d, k));
        const monthIndex = (p: { year: number; month: number }) => p.year * 12 + p.month - 1;
        expect(monthIndex(to) - monthIndex(from)).toBe(k);
        expect(to.day).toBe(Math.min(from.day, daysInMonth(to.year, to.month)));
        expect(isIsoDate(addMonths(d, k))).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('isoWeekday', () => {
  it('is 1 for Monday and 7 for Sunday', () => {
    expect(isoWeekday('2026-04-27')).toBe(1);
    expect(isoWeekday('2026-05-09')).toBe(6);
    expect(isoWeekday('2026-05-10')).toBe(7);
    expect(isoWeekday('2025-04-27')).toBe(7);
  });

  it('advances by one each day (property)', () => {
    fc.assert(
      fc.property(anyDate, (d) => isoWeekday(addDays(d, 1)) === (isoWeekday(d) % 7) + 1),
      RUNS,
    );
  });
});

describe('minDate and maxDate', () => {
  it('compare dates', () => {
    expect(minDate('2026-05-10', '2026-12-18')).toBe('2026-05-10');
    expect(maxDate('2026-05-10', '2026-04-05')).toBe('2026-05-10');
  });
});

describe('Amsterdam time', () => {
  it('09:00 is 07:00Z in summer and 08:00Z in winter', () => {
    expect(amsterdamInstant('2026-07-01', 540).toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(amsterdamInstant('2026-01-15', 540).toISOString()).toBe('2026-01-15T08:00:00.000Z');
  });

  it('handles the spring change on 2026-03-29 (02:00 CET -> 03:00 CEST at 01:00Z)', () => {
    expect(amsterdamInstant('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(amsterdamInstant('2026-03-29', 60).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(amsterdamInstant('2026-03-29', 180).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(amsterdamInstant('2026-03-29', 540).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(amsterdamInstant('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(amsterdamDate(new Date('2026-03-28T22:59:59Z'))).toBe('2026-03-28');
    expect(amsterdamDate(new Date('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(amsterdamDate(new Date('2026-03-29T21:59:59Z'))).toBe('2026-03-29');
    expect(amsterdamDate(new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
  });

  it('handles the autumn change on 2026-10-25 (03:00 CEST -> 02:00 CET at 01:00Z)', () => {
    expect(amsterdamInstant('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(amsterdamInstant('2026-10-25', 240).toISOString()).toBe('2026-10-25T03:00:00.000Z');
    expect(amsterdamInstant('2026-10-25', 540).toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(amsterdamInstant('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(amsterdamDate(new Date('2026-10-24T21:59:59Z'))).toBe('2026-10-24');
    expect(amsterdamDate(new Date('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
    expect(amsterdamDate(new Date('2026-10-25T22:59:59Z'))).toBe('2026-10-25');
    expect(amsterdamDate(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it('amsterdamInstant lands on the same Amsterdam date for every minute of the day (property)', () => {
    fc.assert(
      fc.property(
        nearDate,
        fc.integer({ min: 0, max: 1439 }),
        (d, minute) => amsterdamDate(amsterdamInstant(d, minute)) === d,
      ),
      RUNS,
    );
  });

  it('midnight in Amsterdam is 22:00Z or 23:00Z the day before (property)', () => {
    fc.assert(
      fc.property(nearDate, (d) => {
        const iso = amsterdamInstant(d).toISOString();
        const prev = addDays(d, -1);
        return iso === `${prev}T22:00:00.000Z` || iso === `${prev}T23:00:00.000Z`;
      }),
      RUNS,
    );
  });
});
