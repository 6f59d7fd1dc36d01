import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { auditActor } from '../../audit/actors.js';
import type { StaffRequest } from '../../auth/auth.guard.js';
import { Allow } from '../../auth/policy.js';
import { Clock } from '../../common/clock.js';
import { notFound } from '../../common/problem.js';
import { SchoolsService } from '../../schools/schools.service.js';
import type { FieldError } from '../../web/components.js';
import { consoleContext, sendConsolePage } from '../../web/console.views.js';
import type { FormValues } from '../../web/form-flow.js';
import { isUuid } from '../../web/forms.js';
import { PageErrorFilter } from '../../web/page-errors.js';
import { qualityMarkBody } from '../contracts.dto.js';
import { ContractsService } from '../contracts.service.js';
import { refusal, submitContractForm } from './contract-form.js';
import { QualityMarkForm } from './quality-mark.views.js';

function schoolId(id: string): string {
  if (!isUuid(id)) throw notFound('School');
  return id.toLowerCase();
}

/**
 * A school's quality mark, changed from the console with the same service as POST
 * /api/schools/:id/quality-mark: a withdrawal fans out to every student once.
 */
@ApiExcludeController()
@Controller('console/schools/:id/quality-mark')
@UseFilters(PageErrorFilter)
export class QualityMarkPagesController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly schools: SchoolsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Allow('school.write')
  async form(@Param('id') id: string, @Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.render(req, reply, schoolId(id), { effectiveOn: this.clock.today() }, []);
  }

  @Post()
  @Allow('school.write')
  async change(@Param('id') id: string, @Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const sid = schoolId(id);
    const c = consoleContext(req);
    const t = c.m.contracts.qualityMark;
    await submitContractForm(req, reply, c.m, {
      schema: qualityMarkBody,
      spec: { status: 'text', effectiveOn: 'text', reason: 'text' },
      labels: { status: t.status, effectiveOn: t.effectiveOn, reason: t.reason },
      anchor: 'status',
      run: async (body) => ({
        withdrawn: body.status === 'withdrawn',
        ...(await this.contracts.changeQualityMark(sid, body, auditActor(c.user))),
      }),
      // A withdrawal says how many contracts and students it reached.
      done: (r) =>
        `/console/schools/${sid}?done=qualityMark${r.withdrawn ? `&affected=${r.affectedContracts}&notified=${r.studentsNotified}` : ''}`,
      refusalText: (e) => (e.code === 'withdrawal_in_future' ? t.withdrawalInFuture : refusal(c.m, e)),
      show: (errors, values, status) => this.render(req, reply, sid, values, errors, status),
    });
  }

  private async render(
    req: StaffRequest,
    reply: FastifyReply,
    id: string,
    values: FormValues,
    errors: FieldError[],
    status = 200,
  ): Promise<void> {
    const c = consoleContext(req);
    const school = await this.schools.get(id);
    const page = <QualityMarkForm m={c.m} csrf={c.csrf} school={school} values={values} errors={errors} />;
    sendConsolePage(req, reply, c, c.m.contracts.qualityMark.title(school.name), 'schools', page, status);
  }
}
