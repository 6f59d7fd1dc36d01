import { Global, Module } from '@nestjs/common';
import { DeadlinesRepository } from './deadlines.repository.js';
import { DeadlinesService } from './deadlines.service.js';
import { ReconcilerService } from './reconciler.service.js';
import { ReminderNotifiers, RemindersProcessor } from './reminders.processor.js';

@Global()
@Module({
  providers: [DeadlinesRepository, DeadlinesService, ReminderNotifiers, RemindersProcessor, ReconcilerService],
  exports: [DeadlinesService, ReminderNotifiers, ReconcilerService, DeadlinesRepository],
})
export class DeadlinesModule {}
