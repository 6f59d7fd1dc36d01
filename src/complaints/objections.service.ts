import { auditActor, type Caller } from '../audit/actors.js';
import { Injectable } from '@nestjs/common';
import { EventsRepository } from '../audit/events.repository.js';
import type { IsoDate } from '../common/dates.js';
import { Clock } from '../common/clock.js';
import { notFound, ProblemError } from '../common/problem.js';
import { TxRunner } from '../database/tx.js';
import { CasesRepository } from '../cases/cases.repository.js';
import { isSecondOpenObjection, ObjectionsRepository } from './objections.repository.js';
import {
  objectionDecisionRefusal,
  objectionRefusal,
  type ObjectionOutcome,
  type ObjectionParty,
} from './objections.rules.js';

function refused(r: { status: 409 | 422; code: string; field?: string; message: string }): ProblemError {
  return new ProblemError(
    r.status,
    r.status === 409 ? 'Conflict' : 'Unprocessable Content',
    r.message,
    r.code,
    {},
    r.field ? [{ field: r.field, message: r.message }] : undefined,
  );
}

/**
 * Objections (bezwaar) against a complaint's decision (domain-rules.md section 2, 2026-12):
 * recorded on a decided case, decided once, each on the timeline. An open objection holds the
 * case from anonymisation (retention.service.ts asks for open objections).
 */
@Injectable()
export class ObjectionsService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly repo: ObjectionsRepository,
    private readonly events: EventsRepository,
    private readonly tx: TxRunner,
    private readonly clock: Clock,
  ) {}

  private async complaint(reference: string, m: Parameters<CasesRepository['findByReference']>[1]) {
    const c = await this.cases.findByReference(reference, m);
    if (!c || c.type !== 'complaint') throw notFound(`Complaint ${reference}`);
    return c;
  }

  async record(
    reference: string,
    body: { receivedOn: IsoDate; lodgedBy: ObjectionParty; note?: string },
    actor: Caller,
  ) {
    const today = this.clock.today();
    const id = await this.tx
      .run(async (tx) => {
        const c = await this.complaint(reference, tx.m);
        if (await this.cases.lockAndCheckAnonymised(tx.m, c.id)) {
          throw refused({
            status: 409,
            code: 'case_anonymised',
            message: 'This case was anonymised: an objection can no longer be recorded on it',
          });
        }
        const open = (await this.repo.forCase(c.id, tx.m)).some((o) => o.decidedOn === null);
        const refusal = objectionRefusal({
          decidedOn: c.decidedOn,
          receivedOn: body.receivedOn,
          today,
          openObjection: open,
        });
        if (refusal) throw refused(refusal);
        const id = await this.repo.insert(tx.m, {
          caseId: c.id,
          receivedOn: body.receivedOn,
          lodgedBy: body.lodgedBy,
          note: body.note ?? null,
          recordedBy: actor.user.id,
        });
        await this.events.append(tx.m, c.id, auditActor(actor.user), 'objection_received', 'student', {
          objectionId: id,
          receivedOn: body.receivedOn,
          lodgedBy: body.lodgedBy,
          ...(body.note ? { note: body.note } : {}),
        });
        return id;
      })
      .catch((e) => {
        if (isSecondOpenObjection(e))
          throw refused({
            status: 409,
            code: 'objection_already_open',
            message: 'An objection on this case is still open: decide it first',
          });
        throw e;
      });
    return this.one(reference, id);
  }

  async decide(
    reference: string,
    objectionId: string,
    body: { decidedOn: IsoDate; outcome: ObjectionOutcome; note?: string },
    actor: Caller,
  ) {
    const today = this.clock.today();
    await this.tx.run(async (tx) => {
      const c = await this.complaint(reference, tx.m);
      const o = await this.repo.find(c.id, objectionId, tx.m, true);
      if (!o) throw notFound('Objection');
      const refusal = objectionDecisionRefusal({
        receivedOn: o.receivedOn,
        alreadyDecidedOn: o.decidedOn,
        decidedOn: body.decidedOn,
        today,
      });
      if (refusal) throw refused(refusal);
      await this.repo.decide(tx.m, o.id, {
        decidedOn: body.decidedOn,
        outcome: body.outcome,
        note: body.note ?? null,
        decidedBy: actor.user.id,
      });
      await this.events.append(tx.m, c.id, auditActor(actor.user), 'objection_decided', 'student', {
        objectionId: o.id,
        decidedOn: body.decidedOn,
        outcome: body.outcome,
        ...(body.note ? { note: body.note } : {}),
      });
    });
    return this.one(reference, objectionId);
  }

  async forCase(caseId: string) {
    return this.repo.forCase(caseId);
  }

  private async one(reference: string, id: string) {
    const c = await this.complaint(reference, undefined);
    const o = (await this.repo.forCase(c.id)).find((x) => x.id === id);
    if (!o) throw notFound('Objection');
    const { caseId: _c, ...rest } = o;
    return rest;
  }
}
