import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { StaffRequest } from '../auth/auth.guard.js';
import { Allow } from '../auth/policy.js';
import { Clock } from '../common/clock.js';
import { ZodPipe } from '../common/validation.js';
import { exportQuery, readsQuery } from './privacy.dto.js';
import { PrivacyService } from './privacy.service.js';
import { RetentionService } from './retention.service.js';

@ApiTags('privacy')
@Controller('api/privacy')
export class PrivacyController {
  constructor(
    private readonly privacy: PrivacyService,
    private readonly retention: RetentionService,
    private readonly clock: Clock,
  ) {}

  /** Everything the body holds about a student (by email), for a data access request. */
  @Get('students/export')
  @Allow('data.export')
  @ApiOperation({
    summary:
      "A student's data export: every case with that email, its timeline, deadlines and emails (JSON or HTML)",
  })
  async export(
    @Query(new ZodPipe(exportQuery)) q: z.infer<typeof exportQuery>,
    @Req() req: StaffRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const data = await this.privacy.exportData(q.email, this.clock.today(), {
      userId: req.staff!.user.id,
      format: q.format,
    });
    if (q.format === 'json') {
      void reply.header('content-disposition', 'attachment; filename="data-export.json"');
      return data;
    }
    const html = this.privacy.exportHtml(data);
    void reply
      .type('text/html; charset=utf-8')
      .header('content-disposition', 'attachment; filename="data-export.html"');
    return html;
  }

  /** The staff read log: who read which case when. */
  @Get('reads')
  @Allow('audit.read')
  @ApiOperation({ summary: 'Staff reads of cases, newest first, by case reference or by staff member' })
  async reads(@Query(new ZodPipe(readsQuery)) q: z.infer<typeof readsQuery>) {
    const items = await this.privacy.reads(q);
    return { items };
  }

  /** Runs retention now (it also runs daily in the worker). */
  @Post('retention/run')
  @Allow('user.admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Anonymise every case file past its retention period now' })
  async run() {
    return this.retention.run(this.clock.today());
  }
}
