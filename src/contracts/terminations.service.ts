import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { StaffAuditActor } from '../audit/actors.js';
import { EventsRepository } from '../audit/events.repository.js';
import { Clock } from '../common/clock.js';
import { badRequest, conflict, notFound, ProblemError, unprocessable } from '../common/problem.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { inSavepoint, TxRunner, type Tx } from '../database/tx.js';
import { OutboxRepository, type NewOutboxRow } from '../notifications/outbox.repository.js';
import { emailJob } from '../queue/jobs.js';
import type { ListTerminationsQuery, PublicTerminationBody, StaffTerminationBody } from './contracts.dto.js';
import { ContractRow, ContractsRepository } from './contracts.repository.js';
import { ContractsService } from './contracts.service.js';
import {
  checkEvidence,
  decodeBase64,
  MAX_EVIDENCE_BYTES,
  MAX_EVIDENCE_JSON_BYTES,
  safeFileName,
} from './evidence.rules.js';
import { RefundsRepository } from './refunds.repository.js';
import {
  allowedTerminationActions,
  approvalRefusal,
  initialStatus,
  isWeighty,
  justificationError,
  payerFor,
  terminationAllows,
  type TerminationAction,
} from './terminations.rules.js';
import {
  isSecondOpenTermination,
  TerminationRow,
  TerminationsRepository,
} from './terminations.repository.js';

/** An evidence file as received: raw bytes, or base64 inside JSON (then at most 700 KiB). */
export type EvidenceUpload = { bytes: Buffer; fileName?: string; viaJson: boolean };

/**
 * Terminations: requested by staff or by the student (public form), evidence for weighty
 * reasons, the staff decision, and the effective termination with its emails and refund.
 */
@Injectable()
export class TerminationsService {
  constructor(
    private readonly repo: TerminationsRepository,
    private readonly contracts: ContractsRepository,
    private readonly contractsService: ContractsService,
    private readonly refunds: RefundsRepository,
    private readonly cases: CasesRepository,
    private readonly caseEvents: EventsRepository,
    private readonly outbox: OutboxRepository,
    private readonly tx: TxRunner,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- requests

  /**
   * Staff record a termination. The quote is computed first, so a ground that does not apply
   * (school_still_holds_mark, requested_after_planned_end, ...) is refused with 409 and its code.
   */
  async request(contractId: string, body: StaffTerminationBody, actor: StaffAuditActor) {
    if (body.complaintReference && body.ground !== 'arbitration_vindicated') {
      throw unprocessable('A complaint is linked only to the arbitration ground', 'invalid_termination', [
        { field: 'complaintReference', message: 'only for ground arbitration_vindicated' },
      ]);
    }
    if (body.ground === 'arbitration_vindicated' && !body.complaintReference) {
      throw unprocessable('Name the complaint in which the student was vindicated', 'invalid_termination', [
        { field: 'complaintReference', message: 'required for ground arbitration_vindicated' },
      ]);
    }
    const justification = justificationError(body.ground, body.justification);
    if (justification) {
      throw unprocessable(
        body.ground === 'other_weighty_reason'
          ? 'Write why the reason is weighty'
          : 'A justification belongs to the ground other_weighty_reason only',
        'invalid_termination',
        [justification],
      );
    }
    const id = await this.tx.run(async (tx) => {
      const c = await this.lockContract(tx, contractId);
      const complaint = body.complaintReference
        ? await this.vindicatedComplaint(c, body.complaintReference, true)
        : null;
      const quote = await this.contractsService.quote(c, body.ground, body.requestedOn, {
        m: tx.m,
        groundApproved: !isWeighty(body.ground),
      });
      const status = initialStatus(body.ground, 'staff');
      const terminationId = await this.insert(tx, {
        contractId: c.id,
        ground: body.ground,
        requestedOn: body.requestedOn,
        source: 'staff',
        status,
        note: body.note ?? null,
        justification: body.justification ?? null,
        complaintReference: body.complaintReference ?? null,
        complaintId: complaint?.id ?? null,
        createdBy: actor.id,
      });
      await this.contracts.appendEvent(tx.m, c.id, actor, 'termination_requested', {
        terminationId,
        ground: body.ground,
        requestedOn: body.requestedOn,
        status,
        effectiveDate: quote.effectiveDate,
      });
      if (complaint) {
        await this.caseEvents.append(
          tx.m,
          complaint.id,
          actor,
          'contract_termination_requested',
          'internal',
          {
            contractNumber: c.contractNumber,
            terminationId,
          },
        );
      }
      return terminationId;
    });
    return this.detail(contractId, id);
  }

  /**
   * The student's request through the public form. The answer is the same whether or not the
   * contract number, school and email matched (no way to probe the register); a match is
   * recorded as `requested` for staff to check, and the student gets a receipt at the address on
   * the contract. [decision] The evidence comes inside the JSON body (base64, at most 700 KiB)
   * or, from the web form, as the uploaded file (`file`, at most 5 MiB like a raw evidence body).
   */
  async publicRequest(
    body: PublicTerminationBody,
    file?: { bytes: Buffer; fileName?: string },
  ): Promise<void> {
    // Checks that do not depend on the register come first, so they cannot reveal a match.
    const today = this.clock.today();
    if (body.requestedOn < today) {
      throw unprocessable(
        'The date cannot be in the past: a request counts from the day we receive it',
        'invalid_termination',
        [{ field: 'requestedOn', message: `cannot be before today (${today})` }],
      );
    }
    if (file && body.evidence) throw badRequest('Send one evidence file: in the body or as the upload');
    const justification = justificationError(body.ground, body.justification);
    if (justification)
      throw unprocessable('The justification does not fit the ground', 'invalid_termination', [
        justification,
      ]);
    const evidence = file
      ? this.checkedEvidence({ bytes: file.bytes, fileName: file.fileName, viaJson: false })
      : body.evidence
        ? this.checkedEvidence({
            bytes: this.base64(body.evidence.contentBase64),
            fileName: body.evidence.fileName,
            viaJson: true,
          })
        : null;

    const c = await this.contracts.findByNumber(body.schoolId, body.contractNumber);
    if (!c || c.studentEmail.toLowerCase() !== body.studentEmail.toLowerCase() || c.status !== 'active')
      return;
    await this.tx
      .run(async (tx) => {
        const locked = await this.contracts.find(c.id, tx.m, { forUpdate: true });
        if (!locked || locked.status !== 'active') return;
        // After the planned end the contract has ended by itself: 409 requested_after_planned_end
        // for staff; here the same 202 as always, and nothing recorded. [decision]
        if (body.requestedOn > locked.plannedEndDate) return;
        const terminationId = await this.insert(tx, {
          contractId: c.id,
          ground: body.ground,
          requestedOn: body.requestedOn,
          source: 'student',
          status: initialStatus(body.ground, 'student'),
          note: body.note ?? null,
          justification: body.justification ?? null,
          complaintReference: body.complaintReference ?? null,
          complaintId: null,
          createdBy: null,
        });
        if (evidence) await this.repo.insertEvidence(tx.m, terminationId, evidence, null);
        await this.contracts.appendEvent(tx.m, c.id, { type: 'student' }, 'termination_requested', {
          terminationId,
          ground: body.ground,
          requestedOn: body.requestedOn,
          status: 'requested',
          evidence: evidence ? 1 : 0,
        });
        await this.email(tx, {
          template: 'termination_requested',
          language: c.studentLanguage,
          recipient: c.studentEmail,
          data: {
            studentName: c.studentName,
            schoolName: c.schoolName,
            contractNumber: c.contractNumber,
            ground: body.ground,
            requestedOn: body.requestedOn,
            weighty: isWeighty(body.ground) ? 'yes' : 'no',
          },
        });
      })
      .catch((e) => {
        // A second request while one is open: same answer, nothing recorded.
        if (
          isSecondOpenTermination(e) ||
          (e instanceof ProblemError && e.code === 'termination_already_open')
        )
          return;
        throw e;
      });
  }

  // ---------------------------------------------------------------- evidence

  async uploadEvidence(
    contractId: string,
    terminationId: string,
    upload: EvidenceUpload,
    actor: StaffAuditActor,
  ) {
    const file = this.checkedEvidence(upload);
    return this.tx.run(async (tx) => {
      const { t } = await this.load(tx, contractId, terminationId, 'uploadEvidence');
      const meta = await this.repo.insertEvidence(tx.m, t.id, file, actor.id);
      await this.contracts.appendEvent(tx.m, contractId, actor, 'evidence_uploaded', {
        terminationId: t.id,
        evidenceId: meta.id,
        fileName: meta.fileName,
        contentType: meta.contentType,
        sizeBytes: meta.sizeBytes,
      });
      return meta;
    });
  }

  async evidenceFile(contractId: string, terminationId: string, evidenceId: string) {
    const t = await this.repo.find(terminationId);
    if (!t || t.contractId !== contractId) throw notFound('Termination');
    const file = await this.repo.evidenceFile(terminationId, evidenceId);
    if (!file) throw notFound('Evidence file');
    return file;
  }

  private base64(text: string): Buffer {
    const bytes = decodeBase64(text);
    if (!bytes)
      throw badRequest('contentBase64 is not valid base64', [
        { field: 'evidence.contentBase64', message: 'not valid base64' },
      ]);
    return bytes;
  }

  private checkedEvidence(upload: EvidenceUpload) {
    const check = checkEvidence(upload.bytes, upload.viaJson ? MAX_EVIDENCE_JSON_BYTES : MAX_EVIDENCE_BYTES);
    if (!check.ok) {
      const status =
        check.code === 'file_too_large' ? 413 : check.code === 'file_type_not_allowed' ? 415 : 400;
      const hint =
        check.code === 'file_too_large' && upload.viaJson
          ? ' Send larger files (up to 5 MiB) as the raw request body.'
          : '';
      throw new ProblemError(
        status,
        status === 413 ? 'Content Too Large' : status === 415 ? 'Unsupported Media Type' : 'Bad Request',
        check.message + hint,
        check.code,
      );
    }
    return {
      fileName: safeFileName(upload.fileName, check.type),
      contentType: check.type,
      content: upload.bytes,
      sha256: createHash('sha256').update(upload.bytes).digest('hex'),
    };
  }

  // ---------------------------------------------------------------- decisions

  /**
   * A weighty reason needs evidence (and for arbitration a vindicating complaint; for another
   * weighty reason a supervisor, `approverRoles`); the quote must apply.
   */
  async approve(
    contractId: string,
    terminationId: string,
    reason: string | undefined,
    actor: StaffAuditActor,
    approverRoles: readonly string[],
  ) {
    await this.tx.run(async (tx) => {
      const { c, t } = await this.load(tx, contractId, terminationId, 'approve');
      let complaintId = t.complaintId;
      if (t.ground === 'arbitration_vindicated' && t.complaintReference) {
        complaintId = (await this.vindicatedComplaint(c, t.complaintReference, false))?.id ?? null;
      }
      const refusal = approvalRefusal({
        ground: t.ground,
        evidenceCount: t.evidenceCount,
        arbitrationVindicated: complaintId !== null,
        approverRoles,
      });
      if (refusal) throw conflict(refusal.message, refusal.code);
      await this.contractsService.quote(c, t.ground, t.requestedOn, { m: tx.m, groundApproved: true });
      await this.update(tx, t, {
        status: 'approved',
        decidedBy: actor.id,
        decidedAt: this.clock.now(),
        decisionReason: reason ?? null,
        complaintId,
      });
      await this.contracts.appendEvent(tx.m, c.id, actor, 'termination_approved', {
        terminationId: t.id,
        reason: reason ?? null,
      });
    });
    return this.detail(contractId, terminationId);
  }

  async reject(contractId: string, terminationId: string, reason: string, actor: StaffAuditActor) {
    await this.tx.run(async (tx) => {
      const { c, t } = await this.load(tx, contractId, terminationId, 'reject');
      await this.update(tx, t, {
        status: 'rejected',
        decidedBy: actor.id,
        decidedAt: this.clock.now(),
        decisionReason: reason,
      });
      await this.contracts.appendEvent(tx.m, c.id, actor, 'termination_rejected', {
        terminationId: t.id,
        reason,
      });
    });
    return this.detail(contractId, terminationId);
  }

  /**
   * Ends the contract: the final quote (the same computation as every quote before it) is
   * stored on the termination, the contract gets status terminated and its end date, the student
   * and the school are emailed, and a positive refund becomes one instruction to the payer (the
   * DUO loan, or the municipality or the student who paid). [seed; decision]
   */
  async makeEffective(
    contractId: string,
    terminationId: string,
    actor: StaffAuditActor,
    /** The amounts the person saw (the console sends them): when the quote has changed since, 409. */
    expected?: { feesDueCents: number; refundToLoanCents: number },
  ) {
    await this.tx.run(async (tx) => {
      const { c, t } = await this.load(tx, contractId, terminationId, 'makeEffective');
      const quote = await this.contractsService.quote(c, t.ground, t.requestedOn, {
        m: tx.m,
        groundApproved: true,
      });
      if (
        expected &&
        (expected.feesDueCents !== quote.feesDueCents ||
          expected.refundToLoanCents !== quote.refundToLoanCents)
      ) {
        throw conflict(
          'The quote changed since it was shown (a lesson or invoice was recorded meanwhile): look at it again',
          'quote_changed',
          { feesDueCents: quote.feesDueCents, refundToLoanCents: quote.refundToLoanCents },
        );
      }
      if (!(await this.contracts.markTerminated(tx.m, c.id, c.version, quote.effectiveDate))) {
        throw conflict(
          'Someone else changed this contract in the meantime. Reload it and try again.',
          'version_conflict',
        );
      }
      await this.update(tx, t, {
        status: 'effective',
        effectiveDate: quote.effectiveDate,
        quote,
        madeEffectiveBy: actor.id,
        madeEffectiveAt: this.clock.now(),
      });
      let refundInstructionId: string | null = null;
      if (quote.refundToLoanCents > 0) {
        refundInstructionId = await this.refunds.insertInstruction(tx.m, {
          terminationId: t.id,
          contractId: c.id,
          payer: payerFor(c.funder),
          amountCents: quote.refundToLoanCents,
        });
      }
      await this.contracts.appendEvent(tx.m, c.id, actor, 'termination_effective', {
        terminationId: t.id,
        ground: t.ground,
        effectiveDate: quote.effectiveDate,
        feesDueCents: quote.feesDueCents,
        paidCents: quote.paidCents,
        refundToLoanCents: quote.refundToLoanCents,
        stillInvoiceableCents: quote.stillInvoiceableCents,
        refundInstructionId,
      });
      const data = {
        studentName: c.studentName,
        schoolName: c.schoolName,
        contractNumber: c.contractNumber,
        ground: t.ground,
        effectiveDate: quote.effectiveDate,
        funder: c.funder,
        quote: JSON.stringify({
          lines: quote.lines,
          feesDueCents: quote.feesDueCents,
          paidCents: quote.paidCents,
          refundToLoanCents: quote.refundToLoanCents,
          stillInvoiceableCents: quote.stillInvoiceableCents,
        }),
      };
      await this.email(tx, {
        template: 'termination_effective',
        language: c.studentLanguage,
        recipient: c.studentEmail,
        data,
      });
      // Schools have no language on record; Dutch schools get Dutch. [decision]
      await this.email(tx, {
        template: 'termination_school',
        language: 'nl',
        recipient: c.schoolEmail,
        data,
      });
    });
    return this.detail(contractId, terminationId);
  }

  // ---------------------------------------------------------------- reads

  async detail(contractId: string, terminationId: string) {
    const t = await this.repo.find(terminationId);
    if (!t || t.contractId !== contractId) throw notFound('Termination');
    const [view] = await this.present([t]);
    return view;
  }

  async forContract(contractId: string) {
    return this.present(await this.repo.forContract(contractId));
  }

  list(q: ListTerminationsQuery) {
    return this.repo.list(q);
  }

  private async present(rows: TerminationRow[]) {
    const evidence = await this.repo.evidenceFor(rows.map((r) => r.id));
    return rows.map((t) => ({
      id: t.id,
      contractId: t.contractId,
      ground: t.ground,
      requestedOn: t.requestedOn,
      source: t.source,
      status: t.status,
      effectiveDate: t.effectiveDate,
      note: t.note,
      justification: t.justification,
      complaintReference: t.complaintReference,
      decidedBy: t.decidedBy,
      decidedAt: t.decidedAt,
      decisionReason: t.decisionReason,
      quote: t.quote,
      madeEffectiveAt: t.madeEffectiveAt,
      evidence: evidence
        .filter((e) => e.terminationId === t.id)
        .map(({ terminationId: _t, ...e }) => ({
          ...e,
          url: `/api/contracts/${t.contractId}/terminations/${t.id}/evidence/${e.id}`,
        })),
      allowedActions: allowedTerminationActions(t.status),
      createdAt: t.createdAt,
      version: t.version,
    }));
  }

  // ---------------------------------------------------------------- helpers

  private async lockContract(tx: Tx, contractId: string): Promise<ContractRow> {
    const c = await this.contracts.find(contractId, tx.m, { forUpdate: true });
    if (!c) throw notFound('Contract');
    return c;
  }

  /** Locks the contract, then the termination, and checks the action is allowed in its state. */
  private async load(tx: Tx, contractId: string, terminationId: string, action: TerminationAction) {
    const c = await this.lockContract(tx, contractId);
    const t = await this.repo.find(terminationId, tx.m, { forUpdate: true });
    if (!t || t.contractId !== c.id) throw notFound('Termination');
    if (!terminationAllows(t.status, action)) {
      throw conflict(
        `"${action}" is not possible while the termination is ${t.status}`,
        'illegal_transition',
        {
          state: t.status,
          allowedActions: allowedTerminationActions(t.status),
        },
      );
    }
    return { c, t };
  }

  private async insert(tx: Tx, row: Parameters<TerminationsRepository['insert']>[1]): Promise<string> {
    // The contract row is locked, so this check holds; the unique index is the backstop.
    if (await this.repo.openForContract(row.contractId, tx.m)) throw alreadyOpen();
    // A savepoint, so that the unique violation can be answered without aborting the transaction.
    try {
      return await inSavepoint(tx.m, 'new_termination', () => this.repo.insert(tx.m, row));
    } catch (e) {
      if (!isSecondOpenTermination(e)) throw e;
      throw alreadyOpen();
    }
  }

  private async update(tx: Tx, t: TerminationRow, fields: Parameters<TerminationsRepository['update']>[3]) {
    if (!(await this.repo.update(tx.m, t.id, t.version, fields))) {
      throw conflict(
        'Someone else changed this termination in the meantime. Reload it and try again.',
        'version_conflict',
      );
    }
  }

  /**
   * The student's own complaint whose arbitration vindicated them, at this contract's school. With
   * `strict`, anything else is refused (409 arbitration_not_vindicated); otherwise null.
   */
  private async vindicatedComplaint(c: ContractRow, reference: string, strict: boolean) {
    const complaint = await this.cases.findByReference(reference.toUpperCase());
    const ok =
      complaint &&
      complaint.type === 'complaint' &&
      complaint.schoolId === c.schoolId &&
      // The student's own complaint: references are sequential, so anyone's could be named.
      complaint.studentEmail.toLowerCase() === c.studentEmail.toLowerCase() &&
      complaint.arbitrationOutcome === 'student_vindicated';
    if (ok) return complaint;
    if (!strict) return null;
    // One answer for every reason, so it never tells whether a case exists.
    throw conflict(
      `Complaint ${reference} is not an arbitration of this student in which they were vindicated against this school.`,
      'arbitration_not_vindicated',
    );
  }

  private async email(tx: Tx, row: NewOutboxRow): Promise<void> {
    const id = await this.outbox.insert(tx.m, row);
    tx.afterCommit(emailJob(id));
  }
}

function alreadyOpen() {
  return conflict(
    'This contract already has a termination that is requested or approved. Decide that one first.',
    'termination_already_open',
  );
}
