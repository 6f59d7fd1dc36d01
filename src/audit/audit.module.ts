import { Global, Module } from '@nestjs/common';
import { AuditLog, EventsRepository } from './events.repository.js';
import { CaseReadLogInterceptor } from './read-log.js';

@Global()
@Module({
  providers: [EventsRepository, AuditLog, CaseReadLogInterceptor],
  exports: [EventsRepository, AuditLog, CaseReadLogInterceptor],
})
export class AuditModule {}
