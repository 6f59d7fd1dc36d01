/**
 * Business calendar: which days are closed, roll-over, working days and self-explaining deadlines.
 *
 * Pure functions only (no Nest, no I/O, no clock). All arithmetic goes through the day-number helpers of
 * `dates.ts`, never through local-time `Date` objects. [decision, domain-rules.md section 1]
 */
import {
  addDays,
  addMonths,
  addWeeks,
  fromDayNumber,
  fromParts,
  isIsoDate,
  isoWeekday,
  parts,
  toDayNumber,
  type IsoDate,
} from '../common/dates.js';

export interface ClosedDay {
  date: IsoDate;
  /** English name, e.g. "King's Day", "Saturday". */
  reason: string;
  /** Dutch name as staff say it, e.g. "Koningsdag", "zaterdag". */
  reasonNl: string;
}

export type PeriodUnit = 'weeks' | 'days' | 'workingDays' | 'months';

export interface Period {
  unit: PeriodUnit;
  amount: number;
}

export interface DeadlineExplanation {
  /** Base date. */
  from: IsoDate;
  period: Period;
  /** from + period (for workingDays: the day reached by counting open days, i.e. an open day). */
  rawEnd: IsoDate;
  /** 0 when none. */
  extensionWeeks: number;
  /** 0 when none. */
  pausedDays: number;
  /** Final date after extension, pause and roll-over. */
  deadline: IsoDate;
  /**
   * Closed days passed over, ascending: for roll-over the closed days between the unrolled end and the
   * deadline; for workingDays also every closed day stepped over while counting.
   */
  skipped: ClosedDay[];
  /** True when the roll-over moved the date. */
  rolledOver: boolean;
}

/**
 * Days set equal to a general holiday by decree (art. 3 lid 2 Algemene termijnenwet), as published.
 * [source: the decree days as published; domain-rules.md section 1]
 */
export const DECREE_DAYS: readonly IsoDate[] = Object.freeze([
  '2026-01-02',
  '2026-05-15',
  '2027-05-07',
  '2028-04-28',
  '2028-05-26',
]);

const DECREE_REASON = 'Day set equal to a general holiday by decree';
const DECREE_REASON_NL = 'Bij besluit gelijkgestelde dag';

/** Limits on period amounts, so a typo (6000 weeks) fails loudly instead of producing a silly date. [decision] */
const PERIOD_LIMITS: Readonly<Record<PeriodUnit, number>> = {
  weeks: 520,
  days: 3660,
  workingDays: 2000,
  months: 120,
};

/** Longest run of consecutive closed days we accept before assuming the calendar data is broken. */
const MAX_CLOSED_RUN = 1000;

function closedDay(date: IsoDate, reason: string, reasonNl: string): ClosedDay {
  return Object.freeze({ date, reason, reasonNl });
}

function assertYear(year: number): void {
  // The Gregorian computus is only meaningful from 1583 on; fromParts writes 4-digit years.
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`year must be an integer from 1583 to 9999, got ${year}`);
  }
}

function assertDate(date: unknown, what: string): asserts date is IsoDate {
  if (!isIsoDate(date))
    throw new RangeError(`${what} must be a real date written as YYYY-MM-DD, got ${String(date)}`);
}

function assertInteger(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/** Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return fromParts(year, month, day);
}

/**
 * The general holidays of art. 3 Algemene termijnenwet for `year`, plus the decree days of that year,
 * sorted by date. Weekends are not included. Good Friday is not on the statutory list. [source: Algemene
 * termijnenwet art. 3; decision on Good Friday]
 *
 * Current law is applied to every year (King's Day since 2014, 5 May every year); older variants such
 * as Queen's Day are not modelled because the product only computes present-day deadlines. [decision]
 *
 * When two holidays fall on the same date (Ascension Day can be 5 May) the date appears once, with the
 * name that comes first in the law's own order (Ascension before 5 May).
 */
export function statutoryClosedDays(year: number): ClosedDay[] {
  assertYear(year);
  const easter = easterSunday(year);
  // King's Day is 27 April, or 26 April when the 27th is a Sunday. [source: Algemene termijnenwet art. 3]
  const kingsDay = isoWeekday(fromParts(year, 4, 27)) === 7 ? fromParts(year, 4, 26) : fromParts(year, 4, 27);
  // Listed in the order of art. 3 lid 1, which decides the name when two coincide.
  const candidates: ClosedDay[] = [
    closedDay(fromParts(year, 1, 1), "New Year's Day", 'Nieuwjaarsdag'),
    closedDay(addDays(easter, 1), 'Easter Monday', 'Tweede Paasdag'),
    closedDay(addDays(easter, 50), 'Whit Monday', 'Tweede Pinksterdag'),
    closedDay(fromParts(year, 12, 25), 'Christmas Day', 'Eerste Kerstdag'),
    closedDay(fromParts(year, 12, 26), 'Boxing Day', 'Tweede Kerstdag'),
    closedDay(addDays(easter, 39), 'Ascension Day', 'Hemelvaartsdag'),
    closedDay(kingsDay, "King's Day", 'Koningsdag'),
    closedDay(fromParts(year, 5, 5), 'Liberation Day', 'Bevrijdingsdag'),
    ...DECREE_DAYS.filter((d) => parts(d).year === year).map((d) =>
      closedDay(d, DECREE_REASON, DECREE_REASON_NL),
    ),
  ];
  const byDate = new Map<IsoDate, ClosedDay>();
  for (const c of candidates) if (!byDate.has(c.date)) byDate.set(c.date, c);
  return [...byDate.values()].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

const SATURDAY_NL = 'zaterdag';
const SUNDAY_NL = 'zondag';

/**
 * The closed days of the product: weekends, statutory holidays, decree days, and office closures the
 * admin added (data). [domain-rules.md section 1]
 */
export class BusinessCalendar {
  private readonly extra = new Map<IsoDate, ClosedDay>();
  /** Statutory and decree days per year, computed once per calendar instance. */
  private readonly statutoryByYear = new Map<number, Map<IsoDate, ClosedDay>>();

  constructor(extraClosedDays: readonly ClosedDay[] = []) {
    for (const d of extraClosedDays) {
      assertDate(d.date, 'extra closed day');
      // The first entry for a date wins; later duplicates add nothing.
      if (!this.extra.has(d.date)) this.extra.set(d.date, closedDay(d.date, d.reason, d.reasonNl));
    }
  }

  /**
   * Why `date` is closed, or null when it is open. A holiday (or office closure) on a weekend reports
   * the holiday's name rather than the weekday, because that is what staff expect to read.
   */
  closedReason(date: IsoDate): ClosedDay | null {
    assertDate(date, 'date');
    return this.lookup(date);
  }

  isClosed(date: IsoDate): boolean {
    return this.closedReason(date) !== null;
  }

  /** closedReason without input validation, for the loops below whose dates are generated here. */
  private lookup(date: IsoDate): ClosedDay | null {
    const holiday = this.statutory(parts(date).year).get(date) ?? this.extra.get(date);
    if (holiday) return holiday;
    const wd = isoWeekday(date);
    if (wd === 6) return closedDay(date, 'Saturday', SATURDAY_NL);
    if (wd === 7) return closedDay(date, 'Sunday', SUNDAY_NL);
    return null;
  }

  /** The next open day on or after `date`; `skipped` lists the closed days passed over, ascending. */
  rollOver(date: IsoDate): { date: IsoDate; skipped: ClosedDay[] } {
    assertDate(date, 'date');
    const skipped: ClosedDay[] = [];
    let n = toDayNumber(date);
    for (;;) {
      const reason = this.lookup(fromDayNumber(n));
      if (!reason) return { date: fromDayNumber(n), skipped };
      skipped.push(reason);
      if (skipped.length > MAX_CLOSED_RUN) {
        throw new RangeError(
          `no open day within ${MAX_CLOSED_RUN} days after ${date}; check the closed days`,
        );
      }
      n += 1;
    }
  }

  /**
   * n > 0: the n-th open day after `date`. n = 0: `date` itself when open, else rolled over.
   * n < 0: the |n|-th open day before `date` (for "two working days before the deadline").
   * `skipped` lists the closed days stepped over strictly between `date` and the result, ascending
   * (for n = 0: the roll-over's skipped days).
   */
  addWorkingDays(date: IsoDate, n: number): { date: IsoDate; skipped: ClosedDay[] } {
    assertDate(date, 'date');
    const limit = PERIOD_LIMITS.workingDays;
    assertInteger(n, -limit, limit, 'working days');
    if (n === 0) return this.rollOver(date);
    const step = n > 0 ? 1 : -1;
    const skipped: ClosedDay[] = [];
    let day = toDayNumber(date);
    let remaining = Math.abs(n);
    let run = 0;
    while (remaining > 0) {
      day += step;
      const reason = this.lookup(fromDayNumber(day));
      if (reason) {
        skipped.push(reason);
        if (++run > MAX_CLOSED_RUN) {
          throw new RangeError(`no open day within ${MAX_CLOSED_RUN} days of ${date}; check the closed days`);
        }
      } else {
        run = 0;
        remaining -= 1;
      }
    }
    if (step < 0) skipped.reverse();
    return { date: fromDayNumber(day), skipped };
  }

  /**
   * Compute a deadline and say how: end = from + period, then + extensionWeeks, then + pausedDays
   * (calendar days), then roll-over to the next open day when enabled. Roll-over defaults to on for
   * weeks, days and working days, and off for months, because contract dates never roll over.
   * [decision, domain-rules.md sections 1 and 2]
   */
  explain(input: {
    from: IsoDate;
    period: Period;
    rollOver?: boolean;
    extensionWeeks?: number;
    pausedDays?: number;
  }): DeadlineExplanation {
    const { from, period } = input;
    assertDate(from, 'from');
    if (!period || !Object.prototype.hasOwnProperty.call(PERIOD_LIMITS, period.unit)) {
      throw new RangeError(
        `period unit must be one of ${Object.keys(PERIOD_LIMITS).join(', ')}, got ${String(period?.unit)}`,
      );
    }
    assertInteger(period.amount, 0, PERIOD_LIMITS[period.unit], `period amount in ${period.unit}`);
    const extensionWeeks = input.extensionWeeks ?? 0;
    const pausedDays = input.pausedDays ?? 0;
    assertInteger(extensionWeeks, 0, PERIOD_LIMITS.weeks, 'extensionWeeks');
    assertInteger(pausedDays, 0, PERIOD_LIMITS.days, 'pausedDays');
    const rollOver = input.rollOver ?? period.unit !== 'months';

    let rawEnd: IsoDate;
    const skipped: ClosedDay[] = [];
    switch (period.unit) {
      case 'weeks':
        rawEnd = addWeeks(from, period.amount);
        break;
      case 'days':
        rawEnd = addDays(from, period.amount);
        break;
      case 'months':
        rawEnd = addMonths(from, period.amount);
        break;
      case 'workingDays': {
        const counted = this.addWorkingDays(from, period.amount);
        rawEnd = counted.date;
        skipped.push(...counted.skipped);
        break;
      }
    }

    const unrolled = addDays(addWeeks(rawEnd, extensionWeeks), pausedDays);
    let deadline = unrolled;
    if (rollOver) {
      const rolled = this.rollOver(unrolled);
      deadline = rolled.date;
      skipped.push(...rolled.skipped);
    }
    // Already ascending: counted days lie before rawEnd, rolled-over days on or after the unrolled end.
    return {
      from,
      period: { unit: period.unit, amount: period.amount },
      rawEnd,
      extensionWeeks,
      pausedDays,
      deadline,
      skipped,
      rolledOver: deadline !== unrolled,
    };
  }

  private statutory(year: number): Map<IsoDate, ClosedDay> {
    let days = this.statutoryByYear.get(year);
    if (!days) {
      days = new Map(statutoryClosedDays(year).map((d) => [d.date, d]));
      this.statutoryByYear.set(year, days);
    }
    return days;
  }
}
