/**
 * Calendar dates as `YYYY-MM-DD` strings, with arithmetic on whole days.
 *
 * Dates never pass through a local-time `Date`: a date is turned into a day number
 * (days since 1970-01-01, computed with Date.UTC, which has no time zone) and back.
 * [decision, domain-rules.md section 1]
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True when `value` is a real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function parts(date: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function fromParts(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01. */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = parts(date);
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function fromDayNumber(n: number): IsoDate {
  const d = new Date(n * MS_PER_DAY);
  return fromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function addWeeks(date: IsoDate, weeks: number): IsoDate {
  return addDays(date, weeks * 7);
}

/** Calendar months; the 31st plus one month lands on the last day of a shorter month. [decision] */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parts(date);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const mo = (total % 12) + 1;
  return fromParts(y, mo, Math.min(day, daysInMonth(y, mo)));
}

/** Whole days from `a` to `b` (negative when b is before a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const dow = new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay();
  return dow === 0 ? 7 : dow;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

export const AMSTERDAM = 'Europe/Amsterdam';

const dateFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: AMSTERDAM,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Amsterdam at the instant `at`. */
export function amsterdamDate(at: Date): IsoDate {
  return dateFormatter.format(at);
}

const offsetFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: AMSTERDAM,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Amsterdam's offset from UTC in minutes at the instant `at` (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(at: Date): number {
  const p = Object.fromEntries(offsetFormatter.formatToParts(at).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant at which the wall clock in Amsterdam shows `date` at `minuteOfDay` minutes past midnight. */
export function amsterdamInstant(date: IsoDate, minuteOfDay = 0): Date {
  const { year, month, day } = parts(date);
  const wall = Date.UTC(year, month - 1, day) + minuteOfDay * 60_000;
  // Two passes settle the offset across a daylight-saving change.
  let guess = wall - amsterdamOffsetMinutes(new Date(wall)) * 60_000;
  guess = wall - amsterdamOffsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess);
}
