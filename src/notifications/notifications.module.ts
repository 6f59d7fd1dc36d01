import { Global, Module } from '@nestjs/common';
import { EmailProcessor } from './email.processor.js';
import { Mailer } from './mailer.js';
import { OutboxRepository } from './outbox.repository.js';

@Global()
@Module({
  providers: [OutboxRepository, Mailer, EmailProcessor],
  exports: [OutboxRepository],
})
export class NotificationsModule {}
