import { Global, Module } from '@nestjs/common';
import { ClosedDaysController } from './closed-days.controller.js';
import { ClosedDaysService } from './closed-days.service.js';
import { DeadlinesRepository } from './deadlines.repository.js';
import { DeadlinesService } from './deadlines.service.js';
import { ReconcilerService } from './reconciler.service.js';
import { ReminderNotifiers, RemindersProcessor } from './reminders.processor.js';

@Global()
@Module({
  controllers: [ClosedDaysController],
  providers: [
    ClosedDaysService,
    DeadlinesRepository,
    DeadlinesService,
    ReminderNotifiers,
    RemindersProcessor,
    ReconcilerService,
  ],
  exports: [ClosedDaysService, DeadlinesService, ReminderNotifiers, ReconcilerService, DeadlinesRepository],
})
export class DeadlinesModule {}
