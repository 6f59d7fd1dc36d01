import { Global, Module } from '@nestjs/common';
import { AuditLog, EventsRepository } from './events.repository.js';
import { CaseReadLogInterceptor } from './read-log.js';
import { ReadsRepository } from './reads.repository.js';

@Global()
@Module({
  providers: [EventsRepository, AuditLog, ReadsRepository, CaseReadLogInterceptor],
  exports: [EventsRepository, AuditLog, ReadsRepository, CaseReadLogInterceptor],
})
export class AuditModule {}
