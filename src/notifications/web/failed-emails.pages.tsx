import { Get, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { AuditLog } from '../../audit/events.repository.js';
import type { StaffRequest } from '../../auth/auth.guard.js';
import { Allow } from '../../auth/policy.js';
import { CaseListRepository } from '../../cases/case-list.repository.js';
import { notFound } from '../../common/problem.js';
import { emailJob } from '../../queue/jobs.js';
import { QueueService, withTimeout } from '../../queue/queue.service.js';
import { consoleContext, sendConsolePage } from '../../web/console.views.js';
import { Pages } from '../../web/pages.decorator.js';
import { query, redirect } from '../../web/web.http.js';
import { OutboxRepository } from '../outbox.repository.js';
import { FailedEmailsView } from './failed-emails.views.js';

/** An outbox row's id (a bigint): anything else is no email. */
const outboxId = z.coerce
  .bigint()
  .min(1n)
  .max(2n ** 63n - 1n);

/** Emails that could not be sent, and sending one again (the supervisor's, after fixing the cause). */
@Pages('console/admin/emails')
export class FailedEmailsPagesController {
  private readonly logger = new Logger('web');

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly cases: CaseListRepository,
    private readonly queue: QueueService,
    private readonly audit: AuditLog,
    private readonly db: DataSource,
  ) {}

  @Get()
  @Allow('email.resend')
  async failedEmails(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const failed = await this.outbox.failed(200);
    const refs = await this.cases.references(
      failed.map((f) => f.caseId).filter((x): x is string => Boolean(x)),
    );
    const body = <FailedEmailsView c={c} failed={failed} refs={refs} done={query(req).done} />;
    sendConsolePage(req, reply, c, c.m.console.emails.title, 'emails', body);
  }

  @Post(':id/resend')
  @Allow('email.resend')
  async resendEmail(
    @Param('id') param: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const parsed = outboxId.safeParse(param);
    if (!parsed.success) throw notFound('Email');
    const id = String(parsed.data);
    const requeued = await this.outbox.requeue(id);
    if (requeued) {
      await this.removeFailedJob(id);
      await this.queue.enqueue([emailJob(id)]);
      await this.db.transaction((m) => this.audit.record(m, req.staff!.user.id, 'email.resend', id, {}));
    }
    redirect(reply, `/console/admin/emails?done=${requeued ? 1 : 0}`);
  }

  /** The failed run keeps its job id in Redis; remove it, or adding the same id again is a no-op. */
  private async removeFailedJob(id: string): Promise<void> {
    try {
      const old = await withTimeout(this.queue.queue.getJob(emailJob(id).jobId), 2000);
      if (old) await withTimeout(old.remove(), 2000);
    } catch (e) {
      this.logger.warn({
        msg: 'could not remove the failed email job; the reconciler will retry',
        outboxId: id,
        error: (e as Error).message,
      });
    }
  }
}
