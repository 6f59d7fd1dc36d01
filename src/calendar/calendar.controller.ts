import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '../auth/policy.js';
import { badRequest } from '../common/problem.js';
import { isoDate, ZodPipe } from '../common/validation.js';
import { Period } from './calendar.rules.js';
import { CalendarService } from './calendar.service.js';

const amount = z.coerce.number().int().min(0);
const deadlineQuery = z
  .object({
    from: isoDate,
    weeks: amount.max(520).optional(),
    days: amount.max(3660).optional(),
    workingDays: amount.max(2000).optional(),
    months: amount.max(120).optional(),
    rollOver: z.enum(['true', 'false']).optional(),
  })
  .strict();

@ApiTags('calendar')
@Controller('api/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('deadline')
  @Public()
  @ApiOperation({ summary: 'A deadline and the closed days it skipped, with their names' })
  @ApiQuery({ name: 'from', example: '2026-03-16' })
  @ApiQuery({ name: 'weeks', required: false })
  @ApiQuery({ name: 'days', required: false })
  @ApiQuery({ name: 'workingDays', required: false })
  @ApiQuery({ name: 'months', required: false })
  @ApiQuery({
    name: 'rollOver',
    required: false,
    description: 'default true for weeks and days, false for months',
  })
  async deadline(@Query(new ZodPipe(deadlineQuery)) q: z.infer<typeof deadlineQuery>) {
    const given = (['weeks', 'days', 'workingDays', 'months'] as const).filter((u) => q[u] !== undefined);
    if (given.length !== 1) {
      throw badRequest('Give exactly one of weeks, days, workingDays or months', [
        { field: 'weeks', message: 'give exactly one period' },
      ]);
    }
    const unit = given[0];
    const period: Period = { unit, amount: q[unit] as number };
    const e = await this.calendar.explain({
      from: q.from,
      period,
      rollOver: q.rollOver === undefined ? undefined : q.rollOver === 'true',
    });
    return {
      from: e.from,
      period: e.period,
      rawEnd: e.rawEnd,
      deadline: e.deadline,
      rolledOver: e.rolledOver,
      skipped: e.skipped.map((d) => ({ date: d.date, reason: d.reason, reasonNl: d.reasonNl })),
    };
  }
}
