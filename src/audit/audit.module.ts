import { Global, Module } from '@nestjs/common';
import { AuditLog, EventsRepository } from './events.repository.js';

@Global()
@Module({ providers: [EventsRepository, AuditLog], exports: [EventsRepository, AuditLog] })
export class AuditModule {}
