import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { StaffRequest } from '../../auth/auth.guard.js';
import { Allow } from '../../auth/policy.js';
import { CalendarService } from '../../calendar/calendar.service.js';
import { Clock } from '../../common/clock.js';
import { consoleContext, sendConsolePage } from '../../web/console.views.js';
import { submitForm, type FormState } from '../../web/form-flow.js';
import { localize, type FormIssue } from '../../web/forms.js';
import { Pages } from '../../web/pages.decorator.js';
import { query } from '../../web/web.http.js';
import { closedDayBody } from '../closed-days.dto.js';
import { ClosedDaysService } from '../closed-days.service.js';
import { ClosedDaysView } from './closed-days.views.js';

/** The admin's office closure days; the same service as POST /api/calendar/closed-days. */
@Pages('console/admin/calendar')
export class ClosedDaysPagesController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly closedDays: ClosedDaysService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Allow('calendar.admin')
  async calendarPage(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.render(req, reply, { values: {}, done: query(req).done === '1' });
  }

  @Post()
  @Allow('calendar.admin')
  async addClosedDay(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    await submitForm(req, reply, {
      schema: closedDayBody,
      spec: { date: 'text', reason: 'text', reasonNl: 'text' },
      // Also computes again every running deadline the new day touches (ClosedDaysService).
      run: (day) => this.closedDays.add(day, req.staff!.user.id),
      done: () => '/console/admin/calendar?done=1',
      rerender: (state) => this.render(req, reply, state, 422),
    });
  }

  /** The page; with the form's problems (and what was typed) after a refused POST. */
  private async render(
    req: StaffRequest,
    reply: FastifyReply,
    state: FormState & { done?: boolean },
    status = 200,
  ) {
    const c = consoleContext(req);
    const k = c.m.console.calendar;
    // A day that is closed already (a weekend, a holiday, an office day) is the date field's problem.
    const issues: FormIssue[] =
      state.problem?.code === 'already_closed'
        ? [{ field: 'date', key: 'alreadyClosed' }]
        : (state.issues ?? []);
    if (state.problem && !issues.length) throw state.problem;
    const form = localize(issues, c.m, {
      date: k.date,
      reasonNl: k.reasonNl,
      reason: k.reasonEn,
    });
    const extra = await this.calendar.extraClosedDays();
    const year = Number(this.clock.today().slice(0, 4));
    const body = (
      <ClosedDaysView
        c={c}
        year={year}
        extra={extra}
        done={Boolean(state.done)}
        form={{ ...form, values: state.values }}
      />
    );
    sendConsolePage(req, reply, c, k.title, 'calendar', body, status, form.summary.length > 0);
  }
}
