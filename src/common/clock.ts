import { amsterdamDate, IsoDate } from './dates.js';

/**
 * The one place that reads the time, so rules can take `today` as a value.
 *
 * A clock may run at an offset from the machine's (TEST_CLOCK_OFFSET_MS, tests only): the suite
 * runs with `TEST_TODAY=2026-12-24` on the days where the calendar is hardest, and every process of
 * the run, drills included, gets the same offset so that their clocks agree to the millisecond.
 */
export class Clock {
  constructor(readonly offsetMs = 0) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  today(): IsoDate {
    return amsterdamDate(this.now());
  }
}
