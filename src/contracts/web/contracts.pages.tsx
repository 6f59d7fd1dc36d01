import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { auditActor } from '../../audit/actors.js';
import type { StaffRequest } from '../../auth/auth.guard.js';
import { Allow } from '../../auth/policy.js';
import { Clock } from '../../common/clock.js';
import { notFound } from '../../common/problem.js';
import { SchoolsService } from '../../schools/schools.service.js';
import type { FieldError } from '../../web/components.js';
import { consoleContext, sendConsolePage } from '../../web/console.views.js';
import type { FormSpec, FormValues } from '../../web/form-flow.js';
import { isUuid } from '../../web/forms.js';
import { PageErrorFilter } from '../../web/page-errors.js';
import { query } from '../../web/web.http.js';
import * as dto from '../contracts.dto.js';
import { ContractsService } from '../contracts.service.js';
import { RefundsService } from '../refunds.service.js';
import { TerminationsService } from '../terminations.service.js';
import { refusal, submitContractForm } from './contract-form.js';
import { ContractList, RefundsPage, TerminationList, type TerminationListItem } from './lists.views.js';
import { ImportForm, QualityMarkForm, RegisterForm, registerLabels } from './register.views.js';

const PAGE_SIZE = 50;

/** The registration form's fields as the JSON body of POST /api/contracts. */
const REGISTER: FormSpec = {
  schoolId: { key: 'school' },
  studentName: { path: 'student.name' },
  studentEmail: { path: 'student.email' },
  studentLanguage: { path: 'student.language' },
  contractNumber: 'text',
  signedOn: 'text',
  startDate: 'text',
  plannedEndDate: 'text',
  courseType: 'text',
  educationLevel: 'text',
  hourlyRate: { path: 'hourlyRateCents', key: 'invalid' },
  plannedHours: 'int',
  hoursPerWeek: { key: 'invalid' },
  funder: 'text',
};

const IMPORT: FormSpec = { csv: 'text', schoolId: 'text' };

/** A filter from the address: kept when the JSON API's query schema takes it, else left out. */
function filter<T extends z.ZodType>(schema: T, value: string | undefined): z.output<T> | undefined {
  const r = schema.safeParse(value?.trim() || undefined);
  return r.success ? r.data : undefined;
}

/** A page shown again: what was typed, its problems and the answer's status; or a notice. */
interface Shown {
  values?: FormValues;
  errors?: FieldError[];
  status?: number;
  done?: string;
}

function schoolId(id: string): string {
  if (!isUuid(id)) throw notFound('School');
  return id.toLowerCase();
}

/**
 * The register of contracts in the console: the list, registering one, the CSV import, the
 * terminations waiting for a decision, the refund batches for DUO, and a school's quality mark.
 * Every action calls the same service as the JSON API, parses with the same schema and declares
 * the same permission.
 */
@ApiExcludeController()
@Controller('console')
@UseFilters(PageErrorFilter)
export class ContractRegisterPagesController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly terminations: TerminationsService,
    private readonly refunds: RefundsService,
    private readonly schools: SchoolsService,
    private readonly clock: Clock,
  ) {}

  @Get('contracts')
  @Allow('contract.read')
  async list(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const q = query(req);
    const s = dto.listContractsQuery.shape;
    const filters = {
      schoolId: filter(s.schoolId, q.schoolId),
      status: filter(s.status, q.status),
      studentEmail: filter(s.studentEmail, q.studentEmail),
      contractNumber: filter(s.contractNumber, q.contractNumber),
    };
    const cursor = filter(s.cursor, q.cursor);
    const [page, schools] = await Promise.all([
      this.contracts.list({ ...filters, cursor, limit: PAGE_SIZE }),
      this.schools.search(undefined, 1000),
    ]);
    const typed = {
      studentEmail: (q.studentEmail ?? '').trim(),
      contractNumber: (q.contractNumber ?? '').trim(),
    };
    const body = (
      <ContractList m={c.m} user={c.user} schools={schools} filters={filters} typed={typed} page={page} />
    );
    sendConsolePage(req, reply, c, c.m.contracts.list.title, 'contracts', body);
  }

  @Get('contracts/new')
  @Allow('contract.write')
  async registerForm(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const schoolId = filter(dto.listContractsQuery.shape.schoolId, query(req).school) ?? '';
    await this.showForm(req, reply, 'register', {
      values: { schoolId, studentLanguage: 'nl', funder: 'duo_loan' },
    });
  }

  @Post('contracts/new')
  @Allow('contract.write')
  async register(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    await submitContractForm(req, reply, c.m, {
      schema: dto.registerContractForm,
      spec: REGISTER,
      labels: registerLabels(c.m),
      anchor: (e) => (e.code === 'contract_number_taken' ? 'contractNumber' : 'schoolId'),
      run: (body) => this.contracts.create(body, auditActor(c.user)),
      done: (created) => `/console/contracts/${created.id}?done=created`,
      show: (errors, values, status) => this.showForm(req, reply, 'register', { values, errors, status }),
    });
  }

  /** The register's forms (one contract, or a CSV file of them) with the schools to choose from. */
  private async showForm(req: StaffRequest, reply: FastifyReply, form: 'register' | 'import', s: Shown) {
    const c = consoleContext(req);
    const schools = await this.schools.search(undefined, 1000);
    const props = {
      m: c.m,
      csrf: c.csrf,
      values: s.values ?? {},
      errors: s.errors ?? [],
      schools,
      done: s.done,
    };
    const page = form === 'register' ? <RegisterForm {...props} /> : <ImportForm {...props} />;
    sendConsolePage(req, reply, c, c.m.contracts[form].title, 'contracts', page, s.status);
  }

  @Get('contracts/import')
  @Allow('contract.write')
  async importForm(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.showForm(req, reply, 'import', {});
  }

  @Post('contracts/import')
  @Allow('contract.write')
  async import(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const t = c.m.contracts.import;
    await submitContractForm(req, reply, c.m, {
      schema: dto.importJsonBody,
      spec: IMPORT,
      labels: { csv: t.csv, schoolId: t.defaultSchool },
      anchor: 'csv',
      run: (body) => this.contracts.importCsv(body.csv, body.schoolId, auditActor(c.user)),
      done: (result) => this.showForm(req, reply, 'import', { done: t.imported(result.imported) }),
      // A refused file names its rows: "Row 3: startDate ...".
      refusalText: (e) => {
        const rows = (e.errors ?? []).map((x) => {
          const [, row, field] = /^rows\.(\d+)\.(.*)$/.exec(x.field) ?? [];
          return t.row(Number(row ?? 0), field ?? '', x.message);
        });
        return rows.length
          ? `${c.m.contracts.refusals[e.code ?? 'other'] ?? e.detail} ${rows.join(' ')}`
          : refusal(c.m, e);
      },
      show: (errors, values, status) => this.showForm(req, reply, 'import', { values, errors, status }),
    });
  }

  @Get('terminations')
  @Allow('contract.read')
  async terminationList(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const q = query(req);
    const s = dto.listTerminationsQuery.shape;
    const status = filter(s.status.unwrap(), q.status) ?? 'requested';
    const cursor = filter(s.cursor, q.cursor);
    const page = (await this.terminations.list({ status, cursor, limit: PAGE_SIZE })) as {
      items: TerminationListItem[];
      nextCursor: string | null;
    };
    const body = <TerminationList m={c.m} status={status} page={page} />;
    sendConsolePage(req, reply, c, c.m.contracts.terminations.title, 'contracts', body);
  }

  // ---------------------------------------------------------------- refunds to DUO

  @Get('refunds')
  @Allow('refund.export')
  async refundsPage(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const q = query(req);
    const batch = dto.refundBatchId.safeParse(q.batch).data;
    const r = consoleContext(req).m.contracts.refunds;
    const done =
      q.done === 'exported' && batch
        ? r.exported(batch, Number(q.count) || 0)
        : q.done === 'confirmed' && batch
          ? r.confirmed(batch)
          : undefined;
    await this.showRefunds(req, reply, { done });
  }

  @Post('refunds/export')
  @Allow('refund.export')
  async exportBatch(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    await submitContractForm(req, reply, c.m, {
      schema: dto.createBatchBody,
      spec: { payer: 'text' },
      labels: { payer: c.m.contracts.refunds.exportPayer },
      anchor: 'payer',
      run: (body) => this.refunds.exportBatch(body.payer, auditActor(c.user)),
      done: (b) => `/console/refunds?done=exported&batch=${b.id}&count=${b.instructionCount}`,
      refusalText: (e) => c.m.contracts.refusals[e.code ?? 'other'] ?? refusal(c.m, e),
      show: (errors, _values, status) => this.showRefunds(req, reply, { errors, status }),
    });
  }

  @Post('refunds/batches/:id/confirm')
  @Allow('refund.export')
  async confirmBatch(@Param('id') id: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    if (!dto.refundBatchId.safeParse(id).success) throw notFound('Refund batch');
    const c = consoleContext(req);
    await submitContractForm(req, reply, c.m, {
      schema: dto.confirmBatchBody,
      spec: {},
      labels: {},
      anchor: `batch-${id}`,
      run: () => this.refunds.confirm(id, auditActor(c.user)),
      done: () => `/console/refunds?done=confirmed&batch=${id}`,
      refusalText: (e) => c.m.contracts.refusals[e.code ?? 'other'] ?? refusal(c.m, e),
      show: (errors, _values, status) => this.showRefunds(req, reply, { errors, status }),
    });
  }

  private async showRefunds(req: StaffRequest, reply: FastifyReply, s: Shown) {
    const c = consoleContext(req);
    const [pending, batches] = await Promise.all([
      this.refunds.pending(undefined, 500),
      this.refunds.list(100),
    ]);
    const lists = { pending: pending.items, batches: batches.items };
    const page = <RefundsPage m={c.m} csrf={c.csrf} done={s.done} errors={s.errors} {...lists} />;
    sendConsolePage(req, reply, c, c.m.contracts.refunds.title, 'refunds', page, s.status);
  }

  // ---------------------------------------------------------------- a school's quality mark

  @Get('schools/:id/quality-mark')
  @Allow('school.write')
  async qualityMarkForm(@Param('id') id: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    await this.showQualityMark(req, reply, schoolId(id), { values: { effectiveOn: this.clock.today() } });
  }

  @Post('schools/:id/quality-mark')
  @Allow('school.write')
  async qualityMark(@Param('id') id: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    const sid = schoolId(id);
    const c = consoleContext(req);
    const t = c.m.contracts.qualityMark;
    await submitContractForm(req, reply, c.m, {
      schema: dto.qualityMarkBody,
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
      show: (errors, values, status) => this.showQualityMark(req, reply, sid, { values, errors, status }),
    });
  }

  private async showQualityMark(req: StaffRequest, reply: FastifyReply, id: string, s: Shown) {
    const c = consoleContext(req);
    const school = await this.schools.get(id);
    const form = { m: c.m, csrf: c.csrf, school, values: s.values ?? {}, errors: s.errors ?? [] };
    const title = c.m.contracts.qualityMark.title(school.name);
    sendConsolePage(req, reply, c, title, 'schools', <QualityMarkForm {...form} />, s.status);
  }
}
