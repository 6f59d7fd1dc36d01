import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { BusinessCalendar, ClosedDay, DeadlineExplanation, Period } from './calendar.rules.js';
import { ClosedDaysRepository } from './closed-days.repository.js';
import type { IsoDate } from '../common/dates.js';

/**
 * The business calendar with the office closures the admin added. Closures are read from
 * Postgres and cached briefly, so every process sees a change within a few seconds.
 */
@Injectable()
export class CalendarService {
  private cached?: { at: number; calendar: BusinessCalendar };
  private static readonly TTL_MS = 5_000;

  constructor(
    private readonly closedDays: ClosedDaysRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get rollOverByDefault(): boolean {
    return this.config.deadlines.rollOver;
  }

  async calendar(): Promise<BusinessCalendar> {
    if (this.cached && Date.now() - this.cached.at < CalendarService.TTL_MS) return this.cached.calendar;
    const extra = await this.extraClosedDays();
    const calendar = new BusinessCalendar(extra);
    this.cached = { at: Date.now(), calendar };
    return calendar;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  /** The calendar as seen inside a transaction (which may have just changed the closed days). */
  async calendarWith(m: EntityManager): Promise<BusinessCalendar> {
    return new BusinessCalendar(await this.extraClosedDays(m));
  }

  async extraClosedDays(m?: EntityManager | DataSource): Promise<ClosedDay[]> {
    return this.closedDays.list(m);
  }

  /** A complaint-handling deadline: rolled over to the next open day unless the setting turns it off. */
  async explain(input: {
    from: IsoDate;
    period: Period;
    rollOver?: boolean;
    extensionWeeks?: number;
    pausedDays?: number;
  }): Promise<DeadlineExplanation> {
    const calendar = await this.calendar();
    const rollOver =
      input.rollOver ?? (input.period.unit === 'months' ? false : this.config.deadlines.rollOver);
    return calendar.explain({ ...input, rollOver });
  }
}
