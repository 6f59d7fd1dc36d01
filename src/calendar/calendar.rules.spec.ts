import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import {
  BusinessCalendar,
  DECREE_DAYS,
  easterSunday,
  statutoryClosedDays,
  type ClosedDay,
  type PeriodUnit,
} from './calendar.rules.js';
import {
  addDays,
  addWeeks,
  daysBetween,
  fromDayNumber,
  isoWeekday,
  parts,
  toDayNumber,
  type IsoDate,
} from '../common/dates.js';

const cal = new BusinessCalendar();
const RUNS = { numRuns: 300 };

/** Dates in and around the years the product works in. */
const nearDate = fc
  .integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2040-12-31') })
  .map((n) => fromDayNumber(n));

/** A calendar with a few random office closures, so properties also hold for admin data. */
const anyCalendar = fc
  .array(nearDate, { maxLength: 40 })
  .map(
    (dates) =>
      new BusinessCalendar(
        dates.map((date) => ({ date, reason: 'Office closed', reasonNl: 'Kantoor gesloten' })),
      ),
  );

const dates = (days: readonly ClosedDay[]) => days.map((d) => d.date);
const reasons = (days: readonly ClosedDay[]) => days.map((d) => d.reason);

describe('easterSunday (Gregorian computus)', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2016, '2016-03-27'],
    [2038, '2038-04-25'], // latest possible date
    [2285, '2285-03-22'], // earliest possible date
  ])('%i -> %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('is always a Sunday between 22 March and 25 April (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const e = easterSunday(year);
        expect(isoWeekday(e)).toBe(7);
        const { month, day } = parts(e);
        expect(month * 100 + day).toBeGreaterThanOrEqual(322);
        expect(month * 100 + day).toBeLessThanOrEqual(425);
      }),
      RUNS,
    );
  });

  it('refuses a non-integer or pre-Gregorian year', () => {
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
    expect(() => easterSunday(1500)).toThrow(RangeError);
  });
});

const DECREE_DAY = {
  reason: 'Day set equal to a general holiday by decree',
  reasonNl: 'Bij besluit gelijkgestelde dag',
};

describe('statutoryClosedDays (Algemene termijnenwet art. 3 + decree days)', () => {
  it('lists 2026 in date order, with English and Dutch names, and no weekends', () => {
    expect(statutoryClosedDays(2026)).toEqual([
      { date: '2026-01-01', reason: "New Year's Day", reasonNl: 'Nieuwjaarsdag' },
      { date: '2026-01-02', ...DECREE_DAY },
      { date: '2026-04-06', reason: 'Easter Monday', reasonNl: 'Tweede Paasdag' },
      { date: '2026-04-27', reason: "King's Day", reasonNl: 'Koningsdag' },
      { date: '2026-05-05', reason: 'Liberation Day', reasonNl: 'Bevrijdingsdag' },
      { date: '2026-05-14', reason: 'Ascension Day', reasonNl: 'Hemelvaartsdag' },
      { date: '2026-05-15', ...DECREE_DAY },
      { date: '2026-05-25', reason: 'Whit Monday', reasonNl: 'Tweede Pinksterdag' },
      { date: '2026-12-25', reason: 'Christmas Day', reasonNl: 'Eerste Kerstdag' },
      { date: '2026-12-26', reason: 'Boxing Day', reasonNl: 'Tweede Kerstdag' },
    ]);
  });

  it('derives the moveable feasts from Easter: +1, +39, +50 days', () => {
    for (const year of [2024, 2025, 2027, 2028, 2035]) {
      const easter = easterSunday(year);
      const byReason = new Map(statutoryClosedDays(year).map((d) => [d.reason, d.date]));
      expect(byReason.get('Easter Monday')).toBe(addDays(easter, 1));
      expect(byReason.get('Ascension Day')).toBe(addDays(easter, 39));
      expect(byReason.get('Whit Monday')).toBe(addDays(easter, 50));
    }
  });

  it('lists a date once when Ascension Day falls on 5 May (2016), under the name first in the law', () => {
    const days = statutoryClosedDays(2016);
    expect(dates(days).filter((d) => d === '2016-05-05')).toHaveLength(1);
    expect(days.find((d) => d.date === '2016-05-05')?.reason).toBe('Ascension Day');
    expect(new Set(dates(days)).size).toBe(days.length);
  });

  it('includes the decree days of that year only', () => {
    expect(dates(statutoryClosedDays(2027))).toContain('2027-05-07');
    expect(dates(statutoryClosedDays(2027))).not.toContain('2026-05-15');
    expect(dates(statutoryClosedDays(2028))).toEqual(expect.arrayContaining(['2028-04-28', '2028-05-26']));
    expect(dates(statutoryClosedDays(2029)).some((d) => (DECREE_DAYS as readonly string[]).includes(d))).toBe(
      false,
    );
  });

  it('is sorted and every date lies in the year (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2999 }), (year) => {
        const ds = dates(statutoryClosedDays(year));
        expect([...ds].sort()).toEqual(ds);
        expect(ds.every((d) => parts(d).year === year)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('DECREE_DAYS', () => {
  it('holds the published decree days', () => {
    expect(DECREE_DAYS).toEqual(['2026-01-02', '2026-05-15', '2027-05-07', '2028-04-28', '2028-05-26']);
    expect(Object.isFrozen(DECREE_DAYS)).toBe(true);
  });

  it.each([...DECREE_DAYS])('%s is closed as a decree day', (date) => {
    expect(cal.closedReason(date)).toEqual({
      date,
      reason: 'Day set equal to a general holiday by decree',
      reasonNl: 'Bij besluit gelijkgestelde dag',
    });
    expect(cal.isClosed(date)).toBe(true);
  });
});

describe('BusinessCalendar.closedReason', () => {
  it('names weekends in English and Dutch', () => {
    expect(cal.closedReason('2026-05-09')).toEqual({
      date: '2026-05-09',
      reason: 'Saturday',
      reasonNl: 'zaterdag',
    });
    expect(cal.closedReason('2026-05-10')).toEqual({
      date: '2026-05-10',
      reason: 'Sunday',
      reasonNl: 'zondag',
    });
    expect(cal.closedReason('2026-05-11')).toBeNull();
  });

  it.each([2025, 2031])("King's Day %i: 27 April is a Sunday, so 26 April is King's Day", (year) => {
    const the26th = `${year}-04-26`;
    const the27th = `${year}-04-27`;
    expect(isoWeekday(the27th)).toBe(7);
    expect(cal.closedReason(the26th)?.reason).toBe("King's Day");
    expect(cal.closedReason(the26th)?.reasonNl).toBe('Koningsdag');
    // The 27th is still closed, but only because it is a Sunday.
    expect(cal.closedReason(the27th)?.reason).toBe('Sunday');
    expect(dates(statutoryClosedDays(year))).toContain(the26th);
    expect(dates(statutoryClosedDays(year))).not.toContain(the27th);
  });

  it("King's Day is 27 April in an ordinary year", () => {
    expect(cal.closedReason('2026-04-27')?.reason).toBe("King's Day");
    expect(cal.isClosed('2026-04-26')).toBe(true); // a Sunday
    expect(cal.closedReason('2026-04-26')?.reason).toBe('Sunday');
  });

  it('5 May is closed every year, also outside lustrum years (2027, a Wednesday)', () => {
    expect(isoWeekday('2027-05-05')).toBe(3);
    expect(cal.closedReason('2027-05-05')).toEqual({
      date: '2027-05-05',
      reason: 'Liberation Day',
      reasonNl: 'Bevrijdingsdag',
    });
    expect(cal.closedReason('2029-05-05')?.reason).toBe('Liberation Day');
  });

  it('Good Friday is open [decision]', () => {
    expect(cal.isClosed('2026-04-03')).toBe(false); // Good Friday 2026
    expect(cal.isClosed('2027-03-26')).toBe(false); // Good Friday 2027
    expect(cal.isClosed('2026-04-06')).toBe(true); // Easter Monday 2026
  });

  it('a holiday on a weekend reports the holiday name', () => {
    expect(isoWeekday('2026-12-26')).toBe(6);
    expect(cal.closedReason('2026-12-26')).toEqual({
      date: '2026-12-26',
      reason: 'Boxing Day',
      reasonNl: 'Tweede Kerstdag',
    });
    expect(cal.closedReason('2027-12-25')?.reason).toBe('Christmas Day'); // a Saturday
  });

  it('year ends: 31 December 2026 is open, New Year 2027 is closed', () => {
    expect(cal.isClosed('2026-12-31')).toBe(false);
    expect(cal.closedReason('2027-01-01')).toEqual({
      date: '2027-01-01',
      reason: "New Year's Day",
      reasonNl: 'Nieuwjaarsdag',
    });
  });

  it('caches per year: the same ClosedDay object comes back', () => {
    const c = new BusinessCalendar();
    expect(c.closedReason('2026-04-27')).toBe(c.closedReason('2026-04-27'));
  });

  it('refuses an invalid date', () => {
    expect(() => cal.closedReason('2026-02-30')).toThrow(RangeError);
    expect(() => cal.isClosed('2026-1-01')).toThrow(RangeError);
  });

  it('is closed exactly on weekends and statutory days without office closures (property)', () => {
    fc.assert(
      fc.property(nearDate, (d) => {
        const statutory = dates(statutoryClosedDays(parts(d).year)).includes(d);
        expect(cal.isClosed(d)).toBe(statutory || isoWeekday(d) >= 6);
      }),
      RUNS,
    );
  });
});

describe('office closures added by the admin', () => {
  const closure: ClosedDay = {
    date: '2026-04-28',
    reason: 'Office closed (move)',
    reasonNl: 'Kantoor gesloten (verhuizing)',
  };
  const withClosure = new BusinessCalendar([closure]);

  it('are closed with their own reason', () => {
    expect(withClosure.closedReason('2026-04-28')).toEqual(closure);
    expect(cal.isClosed('2026-04-28')).toBe(false);
  });

  it('change a deadline that they touch', () => {
    const base = { from: '2026-03-16', period: { unit: 'weeks' as const, amount: 6 } };
    expect(cal.explain(base).deadline).toBe('2026-04-28');
    const e = withClosure.explain(base);
    expect(e.deadline).toBe('2026-04-29');
    expect(reasons(e.skipped)).toEqual(["King's Day", 'Office closed (move)']);
  });

  it('a statutory holiday keeps its name when the admin also closes that day', () => {
    const c = new BusinessCalendar([
      { date: '2026-04-27', reason: 'Office closed', reasonNl: 'Kantoor gesloten' },
    ]);
    expect(c.closedReason('2026-04-27')?.reason).toBe("King's Day");
  });

  it('an office closure on a weekend reports the closure', () => {
    const c = new BusinessCalendar([
      { date: '2026-05-09', reason: 'Office closed', reasonNl: 'Kantoor gesloten' },
    ]);
    expect(c.closedReason('2026-05-09')?.reason).toBe('Office closed');
  });

  it('refuse an invalid date', () => {
    expect(() => new BusinessCalendar([{ date: '2026-13-01', reason: 'x', reasonNl: 'x' }])).toThrow(
      RangeError,
    );
  });
});

describe('rollOver', () => {
  it('keeps an open day', () => {
    expect(cal.rollOver('2026-04-28')).toEqual({ date: '2026-04-28', skipped: [] });
  });

  it('moves from the year end across New Year and a weekend', () => {
    const r = cal.rollOver('2027-01-01');
    expect(r.date).toBe('2027-01-04');
    expect(reasons(r.skipped)).toEqual(["New Year's Day", 'Saturday', 'Sunday']);
  });

  it('moves across Ascension Day, the decree day and a weekend', () => {
    const r = cal.rollOver('2026-05-14');
    expect(r.date).toBe('2026-05-18');
    expect(dates(r.skipped)).toEqual(['2026-05-14', '2026-05-15', '2026-05-16', '2026-05-17']);
  });

  it('lands on an open day, no earlier, and every day passed over is closed (property)', () => {
    fc.assert(
      fc.property(anyCalendar, nearDate, (c, d) => {
        const r = c.rollOver(d);
        expect(c.isClosed(r.date)).toBe(false);
        expect(r.date >= d).toBe(true);
        expect(r.skipped).toHaveLength(daysBetween(d, r.date));
        expect(r.skipped.every((s, i) => s.date === addDays(d, i) && c.isClosed(s.date))).toBe(true);
      }),
      RUNS,
    );
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(anyCalendar, nearDate, (c, d) => {
        const once = c.rollOver(d).date;
        expect(c.rollOver(once)).toEqual({ date: once, skipped: [] });
      }),
      RUNS,
    );
  });
});

describe('addWorkingDays', () => {
  it('counts forward across a weekend and a holiday (acknowledge within 5 working days)', () => {
    // Friday 24 April 2026: Sat, Sun and King's Day are stepped over, then the next weekend.
    const r = cal.addWorkingDays('2026-04-24', 5);
    expect(r.date).toBe('2026-05-04');
    expect(dates(r.skipped)).toEqual(['2026-04-25', '2026-04-26', '2026-04-27', '2026-05-02', '2026-05-03']);
    expect(reasons(r.skipped)).toEqual(['Saturday', 'Sunday', "King's Day", 'Saturday', 'Sunday']);
  });

  // A holiday with its decree day, then a weekend: forward across Ascension, backwards across the year end.
  it.each([
    { from: '2026-05-13', n: 2, to: '2026-05-19', holiday: 'Ascension Day' },
    { from: '2026-01-05', n: -1, to: '2025-12-31', holiday: "New Year's Day" },
  ])('counts $n working day(s) from $from across $holiday and its decree day', ({ from, n, to, holiday }) => {
    const r = cal.addWorkingDays(from, n);
    expect(r.date).toBe(to);
    expect(reasons(r.skipped)).toEqual([
      holiday,
      'Day set equal to a general holiday by decree',
      'Saturday',
      'Sunday',
    ]);
  });

  it('n = 0 returns the date itself when open, else rolls over', () => {
    expect(cal.addWorkingDays('2026-04-28', 0)).toEqual({ date: '2026-04-28', skipped: [] });
    expect(cal.addWorkingDays('2026-04-27', 0).date).toBe('2026-04-28');
  });

  it('counts backwards: two working days before a deadline', () => {
    const r = cal.addWorkingDays('2026-04-28', -2);
    expect(r.date).toBe('2026-04-23');
    expect(dates(r.skipped)).toEqual(['2026-04-25', '2026-04-26', '2026-04-27']);
  });

  it('refuses a non-integer or out-of-range count', () => {
    expect(() => cal.addWorkingDays('2026-04-28', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-04-28', 2001)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-04-28', -2001)).toThrow(RangeError);
  });

  /** Open days strictly between a and b (a < b). */
  const openBetween = (c: BusinessCalendar, a: IsoDate, b: IsoDate) => {
    let count = 0;
    for (let d = addDays(a, 1); d < b; d = addDays(d, 1)) if (!c.isClosed(d)) count++;
    return count;
  };

  it('forward: lands on an open day with n-1 open days strictly between (property)', () => {
    fc.assert(
      fc.property(anyCalendar, nearDate, fc.integer({ min: 1, max: 60 }), (c, d, n) => {
        const r = c.addWorkingDays(d, n);
        expect(c.isClosed(r.date)).toBe(false);
        expect(r.date > d).toBe(true);
        expect(openBetween(c, d, r.date)).toBe(n - 1);
        // skipped is exactly the closed days strictly between, ascending.
        const closed: IsoDate[] = [];
        for (let x = addDays(d, 1); x < r.date; x = addDays(x, 1)) if (c.isClosed(x)) closed.push(x);
        expect(dates(r.skipped)).toEqual(closed);
      }),
      RUNS,
    );
  });

  it('backward: lands on an open day with |n|-1 open days strictly between (property)', () => {
    fc.assert(
      fc.property(anyCalendar, nearDate, fc.integer({ min: 1, max: 60 }), (c, d, n) => {
        const r = c.addWorkingDays(d, -n);
        expect(c.isClosed(r.date)).toBe(false);
        expect(r.date < d).toBe(true);
        expect(openBetween(c, r.date, d)).toBe(n - 1);
        expect([...dates(r.skipped)].sort()).toEqual(dates(r.skipped));
      }),
      RUNS,
    );
  });
});

describe('explain: the examples of domain-rules.md section 2', () => {
  const sixWeeks = { unit: 'weeks' as const, amount: 6 };

  it("filed 2026-03-16: 2026-04-27 is King's Day -> 2026-04-28", () => {
    expect(cal.explain({ from: '2026-03-16', period: sixWeeks })).toEqual({
      from: '2026-03-16',
      period: sixWeeks,
      rawEnd: '2026-04-27',
      extensionWeeks: 0,
      pausedDays: 0,
      deadline: '2026-04-28',
      skipped: [{ date: '2026-04-27', reason: "King's Day", reasonNl: 'Koningsdag' }],
      rolledOver: true,
    });
  });

  it('filed 2026-03-28: 2026-05-09 is a Saturday -> 2026-05-11', () => {
    const e = cal.explain({ from: '2026-03-28', period: sixWeeks });
    expect(e.rawEnd).toBe('2026-05-09');
    expect(e.deadline).toBe('2026-05-11');
    expect(e.skipped).toEqual([
      { date: '2026-05-09', reason: 'Saturday', reasonNl: 'zaterdag' },
      { date: '2026-05-10', reason: 'Sunday', reasonNl: 'zondag' },
    ]);
    expect(e.rolledOver).toBe(true);
  });

  it('filed 2026-11-13: 2026-12-25 -> 2026-12-28', () => {
    const e = cal.explain({ from: '2026-11-13', period: sixWeeks });
    expect(e.rawEnd).toBe('2026-12-25');
    expect(e.deadline).toBe('2026-12-28');
    expect(e.skipped).toEqual([
      { date: '2026-12-25', reason: 'Christmas Day', reasonNl: 'Eerste Kerstdag' },
      { date: '2026-12-26', reason: 'Boxing Day', reasonNl: 'Tweede Kerstdag' },
      { date: '2026-12-27', reason: 'Sunday', reasonNl: 'zondag' },
    ]);
  });

  it('an open raw end does not move', () => {
    const e = cal.explain({ from: '2026-03-17', period: sixWeeks });
    expect(e).toMatchObject({ rawEnd: '2026-04-28', deadline: '2026-04-28', skipped: [], rolledOver: false });
  });

  it('can be switched off for weeks', () => {
    const e = cal.explain({ from: '2026-03-16', period: sixWeeks, rollOver: false });
    expect(e).toMatchObject({ deadline: '2026-04-27', skipped: [], rolledOver: false });
  });
});

describe('explain: days, months, working days', () => {
  it('2026-12-31 + 1 day lands on New Year 2027 and rolls over to Monday 4 January', () => {
    const e = cal.explain({ from: '2026-12-31', period: { unit: 'days', amount: 1 } });
    expect(e.rawEnd).toBe('2027-01-01');
    expect(e.deadline).toBe('2027-01-04');
    expect(reasons(e.skipped)).toEqual(["New Year's Day", 'Saturday', 'Sunday']);
  });

  it('31 January + 1 month is the last day of February, and months do not roll over by default', () => {
    const e2026 = cal.explain({ from: '2026-01-31', period: { unit: 'months', amount: 1 } });
    expect(e2026).toMatchObject({
      rawEnd: '2026-02-28',
      deadline: '2026-02-28',
      skipped: [],
      rolledOver: false,
    });
    expect(cal.isClosed('2026-02-28')).toBe(true); // a Saturday: contract dates stay put [decision]
    expect(cal.explain({ from: '2028-01-31', period: { unit: 'months', amount: 1 } }).deadline).toBe(
      '2028-02-29',
    );
  });

  it('31 March + 1 month is 30 April', () => {
    expect(cal.explain({ from: '2026-03-31', period: { unit: 'months', amount: 1 } }).deadline).toBe(
      '2026-04-30',
    );
  });

  it('the notice example: 2026-04-10 + 1 month = Sunday 2026-05-10, not rolled over', () => {
    expect(cal.explain({ from: '2026-04-10', period: { unit: 'months', amount: 1 } }).deadline).toBe(
      '2026-05-10',
    );
  });

  it('months roll over only when asked', () => {
    const e = cal.explain({ from: '2026-01-31', period: { unit: 'months', amount: 1 }, rollOver: true });
    expect(e).toMatchObject({ deadline: '2026-03-02', rolledOver: true });
    expect(reasons(e.skipped)).toEqual(['Saturday', 'Sunday']);
  });

  it('working days: rawEnd equals the deadline and skipped lists every closed day counted over', () => {
    const e = cal.explain({ from: '2026-04-24', period: { unit: 'workingDays', amount: 5 } });
    expect(e).toMatchObject({ rawEnd: '2026-05-04', deadline: '2026-05-04', rolledOver: false });
    expect(dates(e.skipped)).toEqual(['2026-04-25', '2026-04-26', '2026-04-27', '2026-05-02', '2026-05-03']);
  });

  it('working days from a closed day count from that day', () => {
    const e = cal.explain({ from: '2026-12-25', period: { unit: 'workingDays', amount: 2 } });
    expect(e.deadline).toBe('2026-12-29');
    expect(dates(e.skipped)).toEqual(['2026-12-26', '2026-12-27']);
  });
});

describe('explain: extension and paused days', () => {
  it('adds the extension in weeks, then rolls over', () => {
    // 2026-03-09 + 6 weeks = 2026-04-20; + 1 week = King's Day.
    const e = cal.explain({ from: '2026-03-09', period: { unit: 'weeks', amount: 6 }, extensionWeeks: 1 });
    expect(e).toMatchObject({
      rawEnd: '2026-04-20',
      extensionWeeks: 1,
      pausedDays: 0,
      deadline: '2026-04-28',
      rolledOver: true,
    });
    expect(reasons(e.skipped)).toEqual(["King's Day"]);
  });

  it('adds the maximum extension of 4 weeks across the year end', () => {
    const e = cal.explain({ from: '2026-11-13', period: { unit: 'weeks', amount: 6 }, extensionWeeks: 4 });
    expect(e).toMatchObject({ rawEnd: '2026-12-25', deadline: '2027-01-22', skipped: [], rolledOver: false });
  });

  it('paused days move a closed raw end to an open day: nothing is skipped', () => {
    const e = cal.explain({ from: '2026-03-16', period: { unit: 'weeks', amount: 6 }, pausedDays: 3 });
    expect(e).toMatchObject({
      rawEnd: '2026-04-27',
      pausedDays: 3,
      deadline: '2026-04-30',
      skipped: [],
      rolledOver: false,
    });
  });

  it('paused days onto a holiday roll over', () => {
    // 2026-04-01 + 6 weeks = Wednesday 2026-05-13; + 1 paused day = Ascension Day.
    const e = cal.explain({ from: '2026-04-01', period: { unit: 'weeks', amount: 6 }, pausedDays: 1 });
    expect(e.deadline).toBe('2026-05-18');
    expect(dates(e.skipped)).toEqual(['2026-05-14', '2026-05-15', '2026-05-16', '2026-05-17']);
  });

  it('extension and pause together: weeks first, then days', () => {
    const e = cal.explain({
      from: '2026-03-28',
      period: { unit: 'weeks', amount: 6 },
      extensionWeeks: 2,
      pausedDays: 10,
    });
    // 2026-05-09 + 2 weeks = 2026-05-23 (Sat) + 10 days = 2026-06-02 (Tue).
    expect(e).toMatchObject({ rawEnd: '2026-05-09', deadline: '2026-06-02', rolledOver: false, skipped: [] });
  });

  it('working days with a pause landing on a closed day roll over and keep the counted days', () => {
    // 2026-04-30 + 1 working day = Friday 2026-05-01; + 1 paused day = Saturday.
    const e = cal.explain({ from: '2026-04-30', period: { unit: 'workingDays', amount: 1 }, pausedDays: 1 });
    expect(e).toMatchObject({ rawEnd: '2026-05-01', deadline: '2026-05-04', rolledOver: true });
    expect(dates(e.skipped)).toEqual(['2026-05-02', '2026-05-03']);
  });
});

describe('explain: validation', () => {
  const from = '2026-03-16';
  it.each<[PeriodUnit, number]>([
    ['weeks', 521],
    ['weeks', -1],
    ['weeks', 1.5],
    ['weeks', Number.NaN],
    ['days', 3661],
    ['workingDays', 2001],
    ['months', 121],
    ['months', Number.POSITIVE_INFINITY],
  ])('refuses %s amount %p with a RangeError', (unit, amount) => {
    expect(() => cal.explain({ from, period: { unit, amount } })).toThrow(RangeError);
    expect(() => cal.explain({ from, period: { unit, amount } })).toThrow(/period amount in/);
  });

  it.each<[PeriodUnit, number]>([
    ['weeks', 520],
    ['days', 3660],
    ['workingDays', 2000],
    ['months', 120],
    ['weeks', 0],
  ])('accepts %s amount %p', (unit, amount) => {
    expect(() => cal.explain({ from, period: { unit, amount } })).not.toThrow();
  });

  it('refuses an unknown unit, a bad date, a negative extension or a fractional pause', () => {
    expect(() => cal.explain({ from, period: { unit: 'years' as PeriodUnit, amount: 1 } })).toThrow(
      RangeError,
    );
    expect(() => cal.explain({ from: '2026-02-30', period: { unit: 'weeks', amount: 6 } })).toThrow(
      RangeError,
    );
    expect(() => cal.explain({ from, period: { unit: 'weeks', amount: 6 }, extensionWeeks: -1 })).toThrow(
      RangeError,
    );
    expect(() => cal.explain({ from, period: { unit: 'weeks', amount: 6 }, pausedDays: 1.5 })).toThrow(
      RangeError,
    );
  });
});

describe('explain: properties', () => {
  const rollingUnit = fc.constantFrom<'weeks' | 'days' | 'workingDays'>('weeks', 'days', 'workingDays');

  it('a rolled-over deadline is never closed and never before the raw end', () => {
    fc.assert(
      fc.property(
        anyCalendar,
        nearDate,
        rollingUnit,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 30 }),
        (c, from, unit, amount, extensionWeeks, pausedDays) => {
          const e = c.explain({ from, period: { unit, amount }, extensionWeeks, pausedDays });
          expect(c.isClosed(e.deadline)).toBe(false);
          expect(e.deadline >= e.rawEnd).toBe(true);
          expect(e.deadline >= addDays(addWeeks(e.rawEnd, extensionWeeks), pausedDays)).toBe(true);
          expect(e.skipped.every((s) => c.isClosed(s.date))).toBe(true);
          expect([...dates(e.skipped)].sort()).toEqual(dates(e.skipped));
          expect(new Set(dates(e.skipped)).size).toBe(e.skipped.length);
        },
      ),
      RUNS,
    );
  });

  it('months without roll-over are plain calendar arithmetic', () => {
    fc.assert(
      fc.property(nearDate, fc.integer({ min: 0, max: 120 }), (from, amount) => {
        const e = cal.explain({ from, period: { unit: 'months', amount } });
        expect(e).toMatchObject({ rawEnd: e.deadline, skipped: [], rolledOver: false });
      }),
      RUNS,
    );
  });
});
