import { Body, Controller, Delete, Get, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { StaffRequest } from '../auth/auth.guard.js';
import { Allow } from '../auth/policy.js';
import { badRequest } from '../common/problem.js';
import { jsonSchema, ZodPipe } from '../common/validation.js';
import { isIsoDate } from '../common/dates.js';
import { closedDayBody } from './closed-days.dto.js';
import { ClosedDaysService } from './closed-days.service.js';

@ApiTags('calendar')
@Controller('api/calendar/closed-days')
export class ClosedDaysController {
  constructor(private readonly closedDays: ClosedDaysService) {}

  @Get()
  @Allow('calendar.admin')
  @ApiOperation({ summary: 'Office closure days added by the admin (statutory holidays are built in)' })
  async list() {
    return { items: await this.closedDays.list() };
  }

  @Post()
  @Allow('calendar.admin')
  @ApiOperation({
    summary:
      'Add an office closure day; running deadlines it touches are computed again (`moved` says how many changed)',
  })
  @ApiBody({ schema: jsonSchema(closedDayBody) })
  add(@Body(new ZodPipe(closedDayBody)) b: z.infer<typeof closedDayBody>, @Req() req: StaffRequest) {
    return this.closedDays.add(b, req.staff!.user.id);
  }

  @Delete(':date')
  @Allow('calendar.admin')
  @ApiOperation({ summary: 'Remove an office closure day; running deadlines it touched are computed again' })
  remove(@Param('date') date: string, @Req() req: StaffRequest) {
    if (!isIsoDate(date))
      throw badRequest('The date must be YYYY-MM-DD', [
        { field: 'date', message: 'must be a real date written as YYYY-MM-DD' },
      ]);
    return this.closedDays.remove(date, req.staff!.user.id);
  }
}
