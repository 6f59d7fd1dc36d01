import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { auditActor, type StaffAuditActor } from '../../audit/actors.js';
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
import { decisionBody, emptyBody, invoiceForm, lessonForm, makeEffectiveForm } from '../contracts.dto.js';
import { rejectBody, staffTerminationForm } from '../contracts.dto.js';
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
/** The contract page's state, and the answer's status when a form comes back. */
type Shown = DetailState & { status?: number };

/** The ids in a contract page's address (`tid`: a termination's). */
interface Ids {
  id: string;
  tid?: string;
}

/** One action of the contract page, and where its problems are shown. */
interface Action<S extends z.ZodType> {
  form: FormName;
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
  async show(@Param('id') id: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    const q = query(req);
    const values = { ground: q.ground ?? '', requestedOn: q.requestedOn ?? '' };
    await this.render(req, reply, uuid(id, 'Contract'), { done: q.done, values });
  }

  @Post('lessons')
  @Allow('contract.write')
  async addLesson(@Param() p: Ids, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    const d = consoleContext(req).m.contracts.detail;
    await this.act(req, reply, p, lessonForm, (cid, actor) => ({
      form: 'lesson',
      spec: LESSON,
      labels: { lessonDate: d.date, lessonMinutes: d.lessonMinutes, lessonMode: d.lessonMode },
      anchor: 'lessonDate',
      run: (lesson) => this.contracts.addLessons(cid, [lesson], actor),
    }));
  }

  @Post('invoices')
  @Allow('contract.write')
  async addInvoice(@Param() p: Ids, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    const d = consoleContext(req).m.contracts.detail;
    const labels = {
      invoiceDate: d.invoiceDate,
      invoiceAmount: d.amountLabel,
      invoiceStatus: d.invoiceStatus,
    };
    await this.act(req, reply, p, invoiceForm, (cid, actor) => ({
      form: 'invoice',
      anchor: 'invoiceDate',
      spec: INVOICE,
      labels,
      run: (invoice) => this.contracts.addInvoice(cid, invoice, actor),
    }));
  }

  @Post('terminations')
  @Allow('contract.write')
  async terminate(@Param() p: Ids, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    const d = consoleContext(req).m.contracts.detail;
    const fields = ['ground', 'requestedOn', 'complaintReference', 'justification', 'note'] as const;
    await this.act(req, reply, p, staffTerminationForm, (cid, actor) => ({
      form: 'terminate',
      done: 'terminated',
      anchor: 'ground',
      spec: Object.fromEntries(fields.map((f) => [f, 'text'])),
      labels: Object.fromEntries(fields.map((f) => [f, d[f]])),
      run: (body) => this.terminations.request(cid, body, actor),
    }));
  }

  @Post('terminations/:tid/evidence')
  @Allow('contract.write')
  async evidence(@Param() p: Ids, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    const upload = uploadedFiles(req).find((x) => x.field === 'file' && x.bytes.length > 0);
    const label = consoleContext(req).m.contracts.termination.upload;
    await this.act(req, reply, p, emptyBody, (cid, actor, t) => ({
      form: `t-${t}`,
      done: 'evidence',
      spec: {},
      labels: { [`t-${t}-file`]: label },
      anchor: `t-${t}-file`,
      issues: upload ? [] : [{ field: `t-${t}-file`, key: 'required' }],
      run: () =>
        this.terminations.uploadEvidence(
          cid,
          t,
          { bytes: upload!.bytes, fileName: upload!.fileName, viaJson: false },
          actor,
        ),
    }));
  }

  @Post('terminations/:tid/approve')
  @Allow('termination.decide')
  async approve(@Param() p: Ids, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    const c = consoleContext(req);
    await this.act(req, reply, p, decisionBody, (cid, actor, t) => ({
      ...this.reasonForm(t, 'approve', c.m.contracts.termination.approveReason),
      done: 'approved',
      run: (body) => this.terminations.approve(cid, t, body.reason, actor, c.user.roles),
    }));
  }

  @Post('terminations/:tid/reject')
  @Allow('termination.decide')
  async reject(@Param() p: Ids, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    const label = consoleContext(req).m.contracts.termination.rejectReason;
    await this.act(req, reply, p, rejectBody, (cid, actor, t) => ({
      ...this.reasonForm(t, 'reason', label),
      done: 'rejected',
      run: (body) => this.terminations.reject(cid, t, body.reason, actor),
    }));
  }

  /** The amounts on the screen come along: the termination takes effect only with that quote. */
  @Post('terminations/:tid/make-effective')
  @Allow('termination.decide')
  async makeEffective(@Param() p: Ids, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    await this.act(req, reply, p, makeEffectiveForm, (cid, actor, t) => ({
      form: `t-${t}`,
      done: 'effective',
      spec: { feesDueCents: 'int', refundToLoanCents: 'int' },
      labels: {},
      ids: { feesDueCents: `t-${t}-effective`, refundToLoanCents: `t-${t}-effective` },
      anchor: `t-${t}-effective`,
      run: ({ feesDueCents: fees, refundToLoanCents: refund }) => {
        const expected =
          fees !== undefined && refund !== undefined
            ? { feesDueCents: fees, refundToLoanCents: refund }
            : undefined;
        return this.terminations.makeEffective(cid, t, actor, expected);
      },
    }));
  }

  /** A decision's reason: one field `reason`, shown at the card's input `t-<id>-<suffix>`. */
  private reasonForm(t: string, suffix: string, label: string) {
    const form: FormName = `t-${t}`;
    return {
      form,
      spec: { reason: 'text' } as FormSpec,
      labels: { reason: label },
      ids: { reason: `${form}-${suffix}` },
      anchor: 'reason',
    };
  }

  /**
   * Runs one action of the contract page: with problems in the form, or when the service refuses
   * (a 409/422 with its code), the page is shown again with the message at that form; otherwise
   * POST-redirect-GET with a "done" notice (at the termination's card for its actions).
   */
  private async act<S extends z.ZodType>(
    req: StaffRequest,
    reply: FastifyReply,
    p: Ids,
    schema: S,
    action: (contractId: string, actor: StaffAuditActor, terminationId: string) => Action<S>,
  ) {
    const id = uuid(p.id, 'Contract');
    const c = consoleContext(req);
    const a = action(id, auditActor(c.user), p.tid === undefined ? '' : uuid(p.tid, 'Contract'));
    const done = a.done ?? a.form;
    await submitContractForm(req, reply, c.m, {
      ...a,
      schema,
      done: () => `/console/contracts/${id}?done=${done}${a.form.startsWith('t-') ? `#${a.form}` : ''}`,
      show: (errors, values, status) => this.render(req, reply, id, { form: a.form, errors, values, status }),
    });
  }

  private async render(req: StaffRequest, reply: FastifyReply, id: string, state: Shown) {
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
    const title = c.m.contracts.detail.title(data.x.contractNumber);
    sendConsolePage(req, reply, c, title, 'contracts', page, state.status);
  }
}
