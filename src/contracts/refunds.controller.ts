import { auditActor } from '../audit/actors.js';
import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { StaffRequest } from '../auth/auth.guard.js';
import { Allow } from '../auth/policy.js';
import { notFound } from '../common/problem.js';
import { ValidBody } from '../common/valid-body.js';
import { ZodPipe } from '../common/validation.js';
import { confirmBatchBody, createBatchBody } from './contracts.dto.js';
import { PAYERS } from './terminations.rules.js';
import { RefundsService } from './refunds.service.js';

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
const pendingQuery = z
  .object({
    payer: z.enum(PAYERS).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();
const actor = (req: StaffRequest) => auditActor(req.staff!.user);

function batchId(value: string): string {
  if (!/^\d{1,18}$/.test(value)) throw notFound('Refund batch');
  return value;
}

@ApiTags('refunds')
@Controller('api/refunds')
export class RefundsController {
  constructor(private readonly refunds: RefundsService) {}

  @Post('batches')
  @Allow('refund.export')
  @ApiOperation({
    summary:
      'Export every pending refund instruction of the payer (default duo) as one CSV batch; each instruction lands in exactly one batch. 409 no_pending_refunds when there is none',
  })
  async create(@ValidBody(createBatchBody) body: z.infer<typeof createBatchBody>, @Req() req: StaffRequest) {
    return this.refunds.exportBatch(body.payer, actor(req));
  }

  @Get('batches')
  @Allow('refund.export')
  list(@Query(new ZodPipe(listQuery)) q: z.infer<typeof listQuery>) {
    return this.refunds.list(q.limit);
  }

  @Get('instructions')
  @Allow('refund.export')
  @ApiOperation({ summary: 'Pending refund instructions (not yet in a batch)' })
  pending(@Query(new ZodPipe(pendingQuery)) q: z.infer<typeof pendingQuery>) {
    return this.refunds.pending(q.payer, q.limit);
  }

  /** `/api/refunds/batches/12` is the batch as JSON, `/api/refunds/batches/12.csv` its file, byte for byte as exported. */
  @Get('batches/:file')
  @Allow('refund.export')
  @ApiOperation({ summary: 'A batch as JSON, or with .csv its file (the same bytes as exported)' })
  async get(@Param('file') file: string, @Res() reply: FastifyReply) {
    const m = /^(\d{1,18})(\.csv)?$/.exec(file);
    if (!m) throw notFound('Refund batch');
    if (!m[2]) return reply.send(await this.refunds.batch(m[1]));
    const csv = await this.refunds.csv(m[1]);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="refund-batch-${m[1]}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(csv);
  }

  @Post('batches/:id/confirm')
  @Allow('refund.export')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Mark a batch (and its instructions) confirmed once the payer processed it; 409 batch_already_confirmed',
  })
  async confirm(
    @Param('id') id: string,
    @ValidBody(confirmBatchBody) _b: z.infer<typeof confirmBatchBody>,
    @Req() req: StaffRequest,
  ) {
    return this.refunds.confirm(batchId(id), actor(req));
  }
}
