import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { JobName } from '../queue/jobs.js';
import { JobContext, JobHandlers } from '../queue/worker.service.js';
import { EmailSentHooks } from './email-sent-hooks.js';
import { Mailer } from './mailer.js';
import { OutboxRepository } from './outbox.repository.js';
import { renderStored } from './templates.js';

/**
 * The generic sender: loads an outbox row, renders it, sends it, marks it sent.
 * A crash between sending and marking can send a message twice (at least once); the
 * Message-ID is derived from the row so a mail client can tell the copies apart.
 */
@Injectable()
export class EmailProcessor implements OnModuleInit {
  private readonly logger = new Logger('email');

  constructor(
    private readonly handlers: JobHandlers,
    private readonly outbox: OutboxRepository,
    private readonly mailer: Mailer,
    private readonly sentHooks: EmailSentHooks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.handlers.register(JobName.SendEmail, (p, ctx) => this.send(p.outboxId, ctx));
  }

  async send(outboxId: string, ctx: JobContext): Promise<void> {
    const row = await this.outbox.find(outboxId);
    if (!row || row.status !== 'pending') return; // gone, sent, or given up: nothing to do
    const rendered = renderStored(row);
    const host = new URL(this.config.http.appUrl).hostname || 'localhost';
    const messageId = `<outbox-${row.id}@${host}>`;
    try {
      await this.mailer.send({ to: row.recipient, messageId, ...rendered });
    } catch (e) {
      const message = (e as Error).message;
      await this.outbox.markAttemptFailed(row.id, message, ctx.isFinalAttempt);
      // The address stays out of the log: the row id is enough to find it.
      // SMTP answers can quote the recipient's address: only the codes go to the log.
      const err = e as { code?: string; responseCode?: number };
      this.logger.warn({
        msg: 'email not sent',
        outboxId: row.id,
        attempt: ctx.attemptsMade + 1,
        final: ctx.isFinalAttempt,
        code: err.code,
        responseCode: err.responseCode,
      });
      throw e;
    }
    // The server has accepted the message: failing the job now would send it again on the retry.
    // A database that is away for a moment (a restart, a failover) must not cause that, so
    // marking it sent is retried here first (the job keeps its lock meanwhile).
    await persist(() => this.outbox.markSent(row.id, messageId), MARK_SENT_PATIENCE_MS);
    const hook = this.sentHooks.get(row.template);
    if (hook) {
      await hook({ id: row.id, caseId: row.caseId, secret: row.secret }).catch((e: Error) =>
        this.logger.warn({ msg: 'after-send step failed', outboxId: row.id, error: e.message }),
      );
    }
  }
}

/** How long the sender keeps trying to mark an accepted message sent before it gives up. */
const MARK_SENT_PATIENCE_MS = 30_000;

async function persist<T>(work: () => Promise<T>, patienceMs: number): Promise<T> {
  const until = Date.now() + patienceMs;
  for (let wait = 250; ; wait = Math.min(wait * 2, 4000)) {
    try {
      return await work();
    } catch (e) {
      if (Date.now() + wait > until) throw e;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
