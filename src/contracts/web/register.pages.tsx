import { Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { auditActor } from '../../audit/actors.js';
import type { StaffRequest } from '../../auth/auth.guard.js';
import { Allow } from '../../auth/policy.js';
import { SchoolsService } from '../../schools/schools.service.js';
import { consoleContext, sendConsolePage } from '../../web/console.views.js';
import type { FormSpec, FormValues } from '../../web/form-flow.js';
import { PageErrorFilter } from '../../web/page-errors.js';
import { query } from '../../web/web.http.js';
import {
  importJsonBody,
  listContractsQuery,
  listTerminationsQuery,
  registerContractForm,
} from '../contracts.dto.js';
import { ContractsService } from '../contracts.service.js';
import { TerminationsService } from '../terminations.service.js';
import { refusal, submitContractForm } from './contract-form.js';
import { ContractList, TerminationList, type TerminationListItem } from './lists.views.js';
import { ImportForm, RegisterForm, registerLabels } from './register.views.js';

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

/**
 * The register of contracts: the list, registering one, the CSV import, and the terminations
 * waiting for a decision. Every action calls the same service as the JSON API, parses with the
 * same schema and declares the same permission.
 */
@ApiExcludeController()
@Controller('console')
@UseFilters(PageErrorFilter)
export class RegisterPagesController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly terminations: TerminationsService,
    private readonly schools: SchoolsService,
  ) {}

  @Get('contracts')
  @Allow('contract.read')
  async list(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const q = query(req);
    const s = listContractsQuery.shape;
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
    const schoolId = filter(listContractsQuery.shape.schoolId, query(req).school) ?? '';
    await this.showRegister(req, reply, { schoolId, studentLanguage: 'nl', funder: 'duo_loan' }, []);
  }

  @Post('contracts/new')
  @Allow('contract.write')
  async register(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    await submitContractForm(req, reply, c.m, {
      schema: registerContractForm,
      spec: REGISTER,
      labels: registerLabels(c.m),
      anchor: (e) => (e.code === 'contract_number_taken' ? 'contractNumber' : 'schoolId'),
      run: (body) => this.contracts.create(body, auditActor(c.user)),
      done: (created) => `/console/contracts/${created.id}?done=created`,
      show: (errors, values, status) => this.showRegister(req, reply, values, errors, status),
    });
  }

  private async showRegister(
    req: StaffRequest,
    reply: FastifyReply,
    values: FormValues,
    errors: { field: string; message: string }[],
    status = 200,
  ): Promise<void> {
    const c = consoleContext(req);
    const schools = await this.schools.search(undefined, 1000);
    const body = <RegisterForm m={c.m} csrf={c.csrf} values={values} errors={errors} schools={schools} />;
    sendConsolePage(req, reply, c, c.m.contracts.register.title, 'contracts', body, status);
  }

  @Get('contracts/import')
  @Allow('contract.write')
  async importForm(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.showImport(req, reply, {}, []);
  }

  @Post('contracts/import')
  @Allow('contract.write')
  async import(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const t = c.m.contracts.import;
    await submitContractForm(req, reply, c.m, {
      schema: importJsonBody,
      spec: IMPORT,
      labels: { csv: t.csv, schoolId: t.defaultSchool },
      anchor: 'csv',
      run: (body) => this.contracts.importCsv(body.csv, body.schoolId, auditActor(c.user)),
      done: (result) => this.showImport(req, reply, {}, [], 200, t.imported(result.imported)),
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
      show: (errors, values, status) => this.showImport(req, reply, values, errors, status),
    });
  }

  private async showImport(
    req: StaffRequest,
    reply: FastifyReply,
    values: FormValues,
    errors: { field: string; message: string }[],
    status = 200,
    done?: string,
  ): Promise<void> {
    const c = consoleContext(req);
    const schools = await this.schools.search(undefined, 1000);
    const body = (
      <ImportForm m={c.m} csrf={c.csrf} values={values} errors={errors} schools={schools} done={done} />
    );
    sendConsolePage(req, reply, c, c.m.contracts.import.title, 'contracts', body, status);
  }

  @Get('terminations')
  @Allow('contract.read')
  async terminationList(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const q = query(req);
    const s = listTerminationsQuery.shape;
    const status = filter(s.status.unwrap(), q.status) ?? 'requested';
    const cursor = filter(s.cursor, q.cursor);
    const page = (await this.terminations.list({ status, cursor, limit: PAGE_SIZE })) as {
      items: TerminationListItem[];
      nextCursor: string | null;
    };
    const body = <TerminationList m={c.m} status={status} page={page} />;
    sendConsolePage(req, reply, c, c.m.contracts.terminations.title, 'contracts', body);
  }
}
