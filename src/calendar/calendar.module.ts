import { Global, Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller.js';
import { CalendarService } from './calendar.service.js';
import { ClosedDaysRepository } from './closed-days.repository.js';

@Global()
@Module({
  controllers: [CalendarController],
  providers: [ClosedDaysRepository, CalendarService],
  exports: [ClosedDaysRepository, CalendarService],
})
export class CalendarModule {}
