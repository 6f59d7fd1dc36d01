import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { auditActor } from '../../audit/actors.js';
import type { StaffRequest } from '../../auth/auth.guard.js';
import { Allow } from '../../auth/policy.js';
import { Clock } from '../../common/clock.js';
import { notFound } from '../../common/problem.js';
import { consoleContext, sendConsolePage } from '../../web/console.views.js';
import type { FormSpec } from '../../web/form-flow.js';
import { isUuid, type FormIssue } from '../../web/forms.js';
import { uploadedFiles } from '../../web/multipart.js';
import { PageErrorFilter } from '../../web/page-errors.js';
import { query } from '../../web/web.http.js';
import { ContractDetailService } from '../contract-detail.service.js';
import {
  decisionBody,
  emptyBody,
  invoiceForm,
  lessonForm,
  makeEffectiveForm,
  rejectBody,
  staffTerminationForm,
} from '../contracts.dto.js';
import { ContractsService } from '../contracts.service.js';
import { TerminationsService } from '../terminations.service.js';
import { contractPageData, type DetailState, type FormName } from './contract-detail.data.js';
import { ContractDetailPage } from './contract-detail.page.js';
import { submitContractForm } from './contract-form.js';

function uuid(id: string, what: string): string {
  if (!isUuid(id)) throw notFound(what);
  return id.toLowerCase();
}

/** The forms of the contract page: each form's fields as the JSON body of its API route. */
const LESSON: FormSpec = {
  lessonDate: { path: 'date' },
  lessonMinutes: { path: 'minutes', kind: 'int' },
  lessonMode: { path: 'mode' },
};
const INVOICE: FormSpec = {
  invoiceDate: { path: 'invoiceDate' },
  invoiceAmount: { path: 'amountCents', key: 'invalid' },
  invoiceStatus: { path: 'status' },
};
const TERMINATE: FormSpec = {
  ground: 'text',
  requestedOn: 'text',
  complaintReference: 'text',
  justification: 'text',
  note: 'text',
};
const REASON: FormSpec = { reason: 'text' };
const EFFECTIVE: FormSpec = { feesDueCents: 'int', refundToLoanCents: 'int' };

/** One action of the contract page, and where its problems are shown. */
interface Action<S extends z.ZodType> {
  form: FormName;
  schema: S;
  spec: FormSpec;
  labels: Record<string, string>;
  anchor: string;
  ids?: Record<string, string>;
  issues?: FormIssue[];
  run: (value: z.output<S>) => Promise<unknown>;
  done?: string;
}

/**
 * A contract in the console, and what staff do on its page: record lessons and invoices, record
 * a termination, add its evidence, decide on it. Every action calls the same service as the
 * JSON API, parses with the same schema and declares the same permission.
 */
@ApiExcludeController()
@Controller('console/contracts/:id')
@UseFilters(PageErrorFilter)
export class ContractPagesController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly details: ContractDetailService,
    private readonly terminations: TerminationsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Allow('contract.read')
  async show(@Param('id') id: string, @Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const q = query(req);
    const values = { ground: q.ground ?? '', requestedOn: q.requestedOn ?? '' };
    await this.render(req, reply, uuid(id, 'Contract'), { done: q.done, values });
  }

  @Post('lessons')
  @Allow('contract.write')
  async addLesson(
    @Param('id') id: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const cid = uuid(id, 'Contract');
    const c = consoleContext(req);
    const d = c.m.contracts.detail;
    await this.act(req, reply, cid, {
      form: 'lesson',
      schema: lessonForm,
      spec: LESSON,
      labels: { lessonDate: d.date, lessonMinutes: d.lessonMinutes, lessonMode: d.lessonMode },
      anchor: 'lessonDate',
      run: (lesson) => this.contracts.addLessons(cid, [lesson], auditActor(c.user)),
    });
  }

  @Post('invoices')
  @Allow('contract.write')
  async addInvoice(
    @Param('id') id: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const cid = uuid(id, 'Contract');
    const c = consoleContext(req);
    const d = c.m.contracts.detail;
    await this.act(req, reply, cid, {
      form: 'invoice',
      schema: invoiceForm,
      spec: INVOICE,
      labels: { invoiceDate: d.invoiceDate, invoiceAmount: d.amountLabel, invoiceStatus: d.invoiceStatus },
      anchor: 'invoiceDate',
      run: (invoice) => this.contracts.addInvoice(cid, invoice, auditActor(c.user)),
    });
  }

  @Post('terminations')
  @Allow('contract.write')
  async terminate(
    @Param('id') id: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const cid = uuid(id, 'Contract');
    const c = consoleContext(req);
    const d = c.m.contracts.detail;
    await this.act(req, reply, cid, {
      form: 'terminate',
      schema: staffTerminationForm,
      spec: TERMINATE,
      labels: {
        ground: d.ground,
        requestedOn: d.requestedOn,
        complaintReference: d.complaintReference,
        justification: d.justification,
        note: d.note,
      },
      anchor: 'ground',
      run: (body) => this.terminations.request(cid, body, auditActor(c.user)),
      done: 'terminated',
    });
  }

  @Post('terminations/:tid/evidence')
  @Allow('contract.write')
  async evidence(
    @Param('id') id: string,
    @Param('tid') tid: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const [cid, t] = [uuid(id, 'Contract'), uuid(tid, 'Contract')];
    const c = consoleContext(req);
    const file = uploadedFiles(req).find((x) => x.field === 'file');
    const upload = file && file.bytes.length > 0 ? file : undefined;
    await this.act(req, reply, cid, {
      form: `t-${t}`,
      schema: emptyBody,
      spec: {},
      labels: { [`t-${t}-file`]: c.m.contracts.termination.upload },
      anchor: `t-${t}-file`,
      issues: upload ? [] : [{ field: `t-${t}-file`, key: 'required' }],
      run: () =>
        this.terminations.uploadEvidence(
          cid,
          t,
          { bytes: upload!.bytes, fileName: upload!.fileName, viaJson: false },
          auditActor(c.user),
        ),
      done: 'evidence',
    });
  }

  @Post('terminations/:tid/approve')
  @Allow('termination.decide')
  async approve(
    @Param('id') id: string,
    @Param('tid') tid: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const [cid, t] = [uuid(id, 'Contract'), uuid(tid, 'Contract')];
    const c = consoleContext(req);
    await this.act(req, reply, cid, {
      form: `t-${t}`,
      schema: decisionBody,
      spec: REASON,
      labels: { reason: c.m.contracts.termination.approveReason },
      ids: { reason: `t-${t}-approve` },
      anchor: 'reason',
      run: (body) => this.terminations.approve(cid, t, body.reason, auditActor(c.user), c.user.roles),
      done: 'approved',
    });
  }

  @Post('terminations/:tid/reject')
  @Allow('termination.decide')
  async reject(
    @Param('id') id: string,
    @Param('tid') tid: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const [cid, t] = [uuid(id, 'Contract'), uuid(tid, 'Contract')];
    const c = consoleContext(req);
    await this.act(req, reply, cid, {
      form: `t-${t}`,
      schema: rejectBody,
      spec: REASON,
      labels: { reason: c.m.contracts.termination.rejectReason },
      ids: { reason: `t-${t}-reason` },
      anchor: 'reason',
      run: (body) => this.terminations.reject(cid, t, body.reason, auditActor(c.user)),
      done: 'rejected',
    });
  }

  /** The amounts on the screen come along: the termination takes effect only with that quote. */
  @Post('terminations/:tid/make-effective')
  @Allow('termination.decide')
  async makeEffective(
    @Param('id') id: string,
    @Param('tid') tid: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const [cid, t] = [uuid(id, 'Contract'), uuid(tid, 'Contract')];
    const c = consoleContext(req);
    await this.act(req, reply, cid, {
      form: `t-${t}`,
      schema: makeEffectiveForm,
      spec: EFFECTIVE,
      labels: {},
      ids: { feesDueCents: `t-${t}-effective`, refundToLoanCents: `t-${t}-effective` },
      anchor: `t-${t}-effective`,
      run: ({ feesDueCents, refundToLoanCents }) => {
        const expected =
          feesDueCents !== undefined && refundToLoanCents !== undefined
            ? { feesDueCents, refundToLoanCents }
            : undefined;
        return this.terminations.makeEffective(cid, t, auditActor(c.user), expected);
      },
      done: 'effective',
    });
  }

  /**
   * Runs one action of the contract page: with problems in the form, or when the service refuses
   * (a 409/422 with its code), the page is shown again with the message at that form; otherwise
   * POST-redirect-GET with a "done" notice (at the termination's card for its actions).
   */
  private async act<S extends z.ZodType>(req: StaffRequest, reply: FastifyReply, id: string, a: Action<S>) {
    const c = consoleContext(req);
    const done = a.done ?? a.form;
    await submitContractForm(req, reply, c.m, {
      ...a,
      done: () => `/console/contracts/${id}?done=${done}${a.form.startsWith('t-') ? `#${a.form}` : ''}`,
      show: (errors, values, status) => this.render(req, reply, id, { form: a.form, errors, values }, status),
    });
  }

  private async render(
    req: StaffRequest,
    reply: FastifyReply,
    id: string,
    state: DetailState,
    status = 200,
  ): Promise<void> {
    const c = consoleContext(req);
    const data = await contractPageData({ contracts: this.contracts, details: this.details }, c.m, id, state);
    const page = (
      <ContractDetailPage
        m={c.m}
        roles={c.user.roles}
        csrf={c.csrf}
        today={this.clock.today()}
        data={data}
        state={state}
      />
    );
    sendConsolePage(
      req,
      reply,
      c,
      c.m.contracts.detail.title(data.x.contractNumber),
      'contracts',
      page,
      status,
    );
  }
}
