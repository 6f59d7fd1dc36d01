import { Global, Module } from '@nestjs/common';
import { EmailProcessor } from './email.processor.js';
import { EmailSentHooks } from './email-sent-hooks.js';
import { Mailer } from './mailer.js';
import { OutboxRepository } from './outbox.repository.js';

@Global()
@Module({
  providers: [OutboxRepository, Mailer, EmailProcessor, EmailSentHooks],
  exports: [OutboxRepository, EmailSentHooks],
})
export class NotificationsModule {}
