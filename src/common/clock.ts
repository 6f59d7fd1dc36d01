import { amsterdamDate, IsoDate } from '../calendar/dates.js';

/** The one place that reads the time, so rules can take `today` as a value. */
export class Clock {
  now(): Date {
    return new Date();
  }
  today(): IsoDate {
    return amsterdamDate(this.now());
  }
}
