import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { auditActor } from '../../audit/actors.js';
import type { StaffRequest } from '../../auth/auth.guard.js';
import { Allow } from '../../auth/policy.js';
import { notFound } from '../../common/problem.js';
import type { FieldError } from '../../web/components.js';
import { consoleContext, sendConsolePage } from '../../web/console.views.js';
import { PageErrorFilter } from '../../web/page-errors.js';
import { query } from '../../web/web.http.js';
import { confirmBatchBody, createBatchBody, refundBatchId } from '../contracts.dto.js';
import { RefundsService } from '../refunds.service.js';
import { refusal, submitContractForm } from './contract-form.js';
import { RefundsPage } from './refunds.views.js';

interface RefundsState {
  done?: string;
  batch?: string;
  count?: number;
  errors?: FieldError[];
}

/** The refunds to DUO: export the waiting instructions as a batch, confirm a batch as paid. */
@ApiExcludeController()
@Controller('console/refunds')
@UseFilters(PageErrorFilter)
export class RefundPagesController {
  constructor(private readonly refunds: RefundsService) {}

  @Get()
  @Allow('refund.export')
  async page(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const q = query(req);
    const batch = refundBatchId.safeParse(q.batch).data;
    await this.render(req, reply, { done: q.done, batch, count: Number(q.count) || 0 });
  }

  @Post('export')
  @Allow('refund.export')
  async exportBatch(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    await submitContractForm(req, reply, c.m, {
      schema: createBatchBody,
      spec: { payer: 'text' },
      labels: { payer: c.m.contracts.refunds.exportPayer },
      anchor: 'payer',
      run: (body) => this.refunds.exportBatch(body.payer, auditActor(c.user)),
      done: (b) => `/console/refunds?done=exported&batch=${b.id}&count=${b.instructionCount}`,
      refusalText: (e) => c.m.contracts.refusals[e.code ?? 'other'] ?? refusal(c.m, e),
      show: (errors, _values, status) => this.render(req, reply, { errors }, status),
    });
  }

  @Post('batches/:id/confirm')
  @Allow('refund.export')
  async confirmBatch(
    @Param('id') id: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!refundBatchId.safeParse(id).success) throw notFound('Refund batch');
    const c = consoleContext(req);
    await submitContractForm(req, reply, c.m, {
      schema: confirmBatchBody,
      spec: {},
      labels: {},
      anchor: `batch-${id}`,
      run: () => this.refunds.confirm(id, auditActor(c.user)),
      done: () => `/console/refunds?done=confirmed&batch=${id}`,
      refusalText: (e) => c.m.contracts.refusals[e.code ?? 'other'] ?? refusal(c.m, e),
      show: (errors, _values, status) => this.render(req, reply, { errors }, status),
    });
  }

  private async render(req: StaffRequest, reply: FastifyReply, o: RefundsState, status = 200): Promise<void> {
    const c = consoleContext(req);
    const r = c.m.contracts.refunds;
    const [pending, batches] = await Promise.all([
      this.refunds.pending(undefined, 500),
      this.refunds.list(100),
    ]);
    const done =
      o.done === 'exported' && o.batch
        ? r.exported(o.batch, o.count ?? 0)
        : o.done === 'confirmed' && o.batch
          ? r.confirmed(o.batch)
          : undefined;
    const page = (
      <RefundsPage
        m={c.m}
        csrf={c.csrf}
        done={done}
        errors={o.errors}
        pending={pending.items}
        batches={batches.items}
      />
    );
    sendConsolePage(req, reply, c, r.title, 'refunds', page, status);
  }
}
