import { caseFieldLabels, NOTE_FIELDS, pick, sharedCaseActions } from '../../cases/web/case-actions.js';
import { caseAction, type CaseActionDef } from '../../cases/web/case-action-flow.js';
import type { Messages } from '../../web/i18n.js';
import * as dto from '../digid-reports.dto.js';
import {
  decideBody,
  linkContractBody,
  noteBody,
  referBody,
  reopenAsSchoolBody,
  startInvestigationBody,
} from '../digid-reports.dto.js';
import type { DigidAction } from '../digid-reports.rules.js';
import type { DigidReportsService } from '../digid-reports.service.js';

// The actions on a DigiD report's console page: each parses its form with its JSON route's
// schema and calls the service as that route does.

/** The order the action forms appear in on the report's page. */
export const ACTION_ORDER: DigidAction[] = [
  'startInvestigation',
  'refer',
  'reopenAsSchool',
  'decide',
  'linkContract',
  'pause',
  'resume',
  'extend',
  'close',
  'assign',
  'addNote',
];

const CHOICE = { key: 'chooseOne' } as const;
const SCHOOL = { spec: { schoolId: CHOICE }, ids: { schoolId: 'school' } };

export function digidActions(reports: DigidReportsService): Record<DigidAction, CaseActionDef> {
  return {
    ...sharedCaseActions(reports, dto),
    startInvestigation: caseAction(startInvestigationBody, SCHOOL, (b, x) =>
      reports.startInvestigation(x.reference, b.schoolId, x.caller, x.version),
    ),
    refer: caseAction(referBody, { spec: { note: 'text' } }, (b, x) =>
      reports.refer(x.reference, b.note, x.caller, x.version),
    ),
    reopenAsSchool: caseAction(
      reopenAsSchoolBody,
      { spec: { ...SCHOOL.spec, reason: 'text' }, ids: SCHOOL.ids },
      (b, x) => reports.reopenAsSchool(x.reference, b.schoolId, b.reason, x.caller, x.version),
    ),
    linkContract: caseAction(
      linkContractBody,
      { spec: { contractId: CHOICE }, ids: { contractId: 'contract' } },
      (b, x) => reports.linkContract(x.reference, b.contractId, x.caller, x.version),
    ),
    decide: caseAction(
      decideBody,
      { spec: { outcome: CHOICE, recommendation: CHOICE, summary: 'text' } },
      (b, x) => reports.decide(x.reference, b.outcome, b.summary, b.recommendation, x.caller, x.version),
    ),
    addNote: caseAction(noteBody, NOTE_FIELDS, (b, x) =>
      reports.addNote(x.reference, b.text, b.visibleToStudent ?? false, x.caller),
    ),
  };
}

/** The labels of the forms' fields, by element id, for the error summary. */
export function fieldLabels(m: Messages): Record<string, string> {
  const da = m.digid.console.actions;
  return caseFieldLabels(m, {
    startInvestigation: { school: da.startInvestigation.school },
    refer: { note: da.refer.note },
    reopenAsSchool: pick(da.reopenAsSchool, 'school', 'reason'),
    linkContract: { contract: da.linkContract.contract },
    decide: pick(da.decide, 'outcome', 'recommendation', 'summary'),
  });
}
