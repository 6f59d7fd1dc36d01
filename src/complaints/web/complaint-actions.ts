import { auditActor } from '../../audit/actors.js';
import { caseFieldLabels, NOTE_FIELDS, pick, sharedCaseActions } from '../../cases/web/case-actions.js';
import { caseAction, type CaseActionDef, plainAction } from '../../cases/web/case-action-flow.js';
import type { Messages } from '../../web/i18n.js';
import * as dto from '../complaints.dto.js';
import {
  arbitrationBody,
  arbitrationOutcomeBody,
  decideBody,
  decideObjectionBody,
  emptyBody,
  escalateBody,
  fileWithSchoolBody,
  noteBody,
  objectionBody,
  schoolAnswerBody,
  withdrawBody,
} from '../complaints.dto.js';
import type { ComplaintAction } from '../complaints.rules.js';
import type { ComplaintsService } from '../complaints.service.js';
import type { ObjectionsService } from '../objections.service.js';

// The actions on a complaint's console page: each parses its form with its JSON route's schema
// and calls the service as that route does.

/** The forms of a complaint's page: a lifecycle action, the school link, or an objection form. */
export type ComplaintPageAction = ComplaintAction | 'schoolLink' | 'recordObjection' | 'decideObjection';

/** The order the action forms appear in on the case page. */
export const ACTION_ORDER: ComplaintAction[] = [
  'acknowledge',
  'decide',
  'pause',
  'resume',
  'extend',
  'escalate',
  'fileWithSchool',
  'recordSchoolAnswer',
  'resolveBySchool',
  'referToArbitration',
  'recordArbitrationOutcome',
  'close',
  'assign',
  'addNote',
  'withdraw',
];

const CHOICE = { key: 'chooseOne' } as const;

export function complaintActions(
  complaints: ComplaintsService,
  objections: ObjectionsService,
): Record<ComplaintPageAction, CaseActionDef> {
  return {
    ...sharedCaseActions(complaints, dto),
    fileWithSchool: caseAction(
      fileWithSchoolBody,
      { spec: { filedWithSchoolOn: 'text' }, ids: { filedWithSchoolOn: 'date' } },
      (b, x) => complaints.fileWithSchool(x.reference, b.filedWithSchoolOn, x.caller, x.version),
    ),
    recordSchoolAnswer: caseAction(
      schoolAnswerBody,
      { spec: { schoolFinalAnswerOn: 'text', note: 'text' }, ids: { schoolFinalAnswerOn: 'date' } },
      (b, x) =>
        complaints.recordSchoolAnswer(
          x.reference,
          b.schoolFinalAnswerOn,
          b.note,
          auditActor(x.caller.user),
          x.version,
        ),
    ),
    resolveBySchool: plainAction(emptyBody, (x) =>
      complaints.resolveBySchool(x.reference, auditActor(x.caller.user), x.version),
    ),
    escalate: caseAction(
      escalateBody,
      {
        spec: {
          reason: 'text',
          rejects: { kind: 'checkbox', path: 'studentRejectsFinalAnswer' },
          refused: { kind: 'checkbox', path: 'schoolRefused' },
          override: 'checkbox',
        },
      },
      (b, x) => complaints.escalate(x.reference, b, x.caller, x.version),
    ),
    acknowledge: plainAction(emptyBody, (x) => complaints.acknowledge(x.reference, x.caller, x.version)),
    decide: caseAction(decideBody, { spec: { outcome: CHOICE, summary: 'text' } }, (b, x) =>
      complaints.decide(x.reference, b.outcome, b.summary, x.caller, x.version),
    ),
    referToArbitration: caseAction(arbitrationBody, { spec: { body: 'text' } }, (b, x) =>
      complaints.referToArbitration(x.reference, b.body, x.caller, x.version),
    ),
    recordArbitrationOutcome: caseAction(
      arbitrationOutcomeBody,
      { spec: { outcome: CHOICE, note: 'text' } },
      (b, x) => complaints.recordArbitrationOutcome(x.reference, b.outcome, b.note, x.caller, x.version),
    ),
    withdraw: caseAction(withdrawBody, { spec: { reason: 'text' } }, (b, x) =>
      complaints.withdraw(x.reference, b.reason, auditActor(x.caller.user), x.version),
    ),
    addNote: caseAction(noteBody, NOTE_FIELDS, (b, x) =>
      complaints.addNote(x.reference, b.text, b.visibleToStudent ?? false, auditActor(x.caller.user)),
    ),
    // An objection (bezwaar) against the decision. (2026-12)
    recordObjection: caseAction(
      objectionBody,
      { spec: { receivedOn: 'text', lodgedBy: CHOICE, note: 'text' }, ids: { receivedOn: 'date' } },
      (b, x) => objections.record(x.reference, b, x.caller),
    ),
    decideObjection: caseAction(
      decideObjectionBody,
      { spec: { decidedOn: 'text', outcome: CHOICE, note: 'text' }, ids: { decidedOn: 'date' } },
      (b, x) => objections.decide(x.reference, x.params.objectionId, b, x.caller),
    ),
    schoolLink: plainAction(emptyBody, (x) => complaints.resendSchoolLink(x.reference, x.caller, x.version)),
  };
}

/** The labels of the forms' fields, by element id, for the error summary. */
export function fieldLabels(m: Messages): Record<string, string> {
  const a = m.console.actions;
  const o = m.console.objections;
  return caseFieldLabels(m, {
    fileWithSchool: { date: a.fileWithSchool.date },
    recordSchoolAnswer: pick(a.recordSchoolAnswer, 'date', 'note'),
    escalate: { reason: a.escalate.reason },
    decide: pick(a.decide, 'outcome', 'summary'),
    referToArbitration: { body: a.referToArbitration.body },
    recordArbitrationOutcome: pick(a.recordArbitrationOutcome, 'outcome', 'note'),
    withdraw: { reason: a.withdraw.reason },
    recordObjection: { date: o.receivedOn, lodgedBy: o.lodgedBy, note: o.note },
    decideObjection: { date: o.decidedOn, outcome: o.outcome, note: o.decisionNote },
  });
}
