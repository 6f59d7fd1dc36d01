import { describe, expect, it } from '@jest/globals';
import type { NewOutboxRow } from './outbox.repository.js';
import { renderEmail, type TemplateData, type TemplateName } from './templates.js';

/** A name that tries to start a line of its own (and carries characters no email should). */
const NAME = 'Amina\r\nUw klacht is afgewezen.\u2028Bel 0900\u0000';

const QUOTE = JSON.stringify({
  lines: [{ label: 'Tuition due', labelNl: 'Verschuldigd lesgeld', cents: 190022 }],
  feesDueCents: 190022,
  paidCents: 200000,
  refundToLoanCents: 9978,
  stillInvoiceableCents: 0,
});
const student = { reference: 'K-2026-0001', studentName: NAME };
const staffDeadline = {
  reference: 'K-2026-0001',
  dueOn: '2026-03-02',
  deadlineKindNl: 'beslissen',
  deadlineKindEn: 'decide',
  caseUrl: 'http://localhost/console/cases/K-2026-0001',
};
const termination = {
  studentName: NAME,
  schoolName: NAME,
  contractNumber: 'C-1',
  ground: 'notice',
  effectiveDate: '2026-05-10',
  funder: 'duo_loan',
  quote: QUOTE,
};

/** Complete data for every template: the type makes this list grow with each new template. */
const SAMPLES: { [N in TemplateName]: TemplateData[N] } = {
  complaint_received: { ...student, schoolName: NAME, schoolDeadline: '2026-03-02' },
  case_link: student,
  school_new_complaint: {
    reference: 'K-2026-0001',
    schoolName: NAME,
    schoolDeadline: '2026-03-02',
    linkDays: 90,
  },
  school_deadline_reminder: { reference: 'K-2026-0001', schoolName: NAME, dueOn: '2026-03-02' },
  school_stage_ended: { ...student, dueOn: '2026-03-02' },
  complaint_escalated: { ...student, acknowledgeBy: '2026-03-09', decideBy: '2026-04-13' },
  complaint_extended: { ...student, weeks: 2, reason: 'hearing', decideBy: '2026-04-27' },
  complaint_decided: { ...student, outcomeNl: 'gegrond', outcomeEn: 'upheld', summary: 'The school pays.' },
  staff_deadline_reminder: staffDeadline,
  staff_deadline_breached: staffDeadline,
  quality_mark_withdrawn: {
    studentName: NAME,
    schoolName: NAME,
    withdrawnOn: '2026-03-01',
    contractNumbers: 'C-1',
    funder: 'duo_loan',
    formUrl: 'http://localhost/terminate',
  },
  termination_requested: {
    studentName: NAME,
    schoolName: NAME,
    contractNumber: 'C-1',
    ground: 'moved',
    requestedOn: '2026-12-01',
    weighty: 'yes',
  },
  termination_effective: termination,
  termination_school: termination,
  password_reset: { name: NAME, minutes: 30 },
  account_created: { name: NAME, roles: 'jurist', days: 7 },
  digid_report_received: {
    ...student,
    suspectedParty: 'school',
    schoolName: NAME,
    triageDueOn: '2026-03-02',
    invoiceCount: 2,
    invoiceTotalCents: 50000,
  },
  digid_report_referred: student,
  digid_report_reopened: { ...student, schoolName: NAME, triageDueOn: '2026-03-02' },
  digid_investigation_started: { ...student, schoolName: NAME, decideBy: '2026-04-13' },
  digid_report_extended: { ...student, weeks: 2, reason: 'more invoices', decideBy: '2026-04-27' },
  digid_report_decided: {
    ...student,
    schoolName: NAME,
    outcome: 'confirmed',
    summary: 'Misused.',
    disputedCount: 2,
  },
  digid_recommendation: {
    reference: 'K-2026-0001',
    schoolName: NAME,
    recommendationNl: 'schorsen',
    recommendationEn: 'suspend',
    caseUrl: 'http://localhost/console/digid/K-2026-0001',
    schoolUrl: 'http://localhost/console/schools/1',
  },
};

describe('email templates', () => {
  it('render every template in both languages, a hostile name staying on its greeting line', () => {
    for (const template of Object.keys(SAMPLES) as TemplateName[]) {
      for (const language of ['nl', 'en'] as const) {
        const { subject, text } = renderEmail(template, language, SAMPLES[template], 'http://localhost/c/x');
        expect(subject).not.toBe('');
        // The injected text never starts a line: it stays behind the name on the same line.
        expect(text).not.toMatch(/(^|\n)Uw klacht is afgewezen/);
        expect(text).not.toMatch(/[\u0000\u2028]/);
      }
    }
  });

  it('do not compile with a missing, mistyped or unknown field (checked by tsc)', () => {
    // Never run: the @ts-expect-error lines are the test, and `tsc --noEmit` fails if one compiles.
    const compileOnly = () => {
      // @ts-expect-error: `studentName` is missing
      renderEmail('case_link', 'nl', { reference: 'K-1' }, null);
      // @ts-expect-error: `weeks` is a number of weeks, not text
      renderEmail('complaint_extended', 'nl', { ...SAMPLES.complaint_extended, weeks: 'two' }, null);
      // @ts-expect-error: `schoolName` is no field of this template
      renderEmail('case_link', 'nl', { ...SAMPLES.case_link, schoolName: 'S' }, null);
      const row = (r: NewOutboxRow) => r;
      // @ts-expect-error: the data of another template
      row({ template: 'case_link', language: 'nl', recipient: 'a@b.nl', data: SAMPLES.password_reset });
      // @ts-expect-error: no such template
      row({ template: 'case_linked', language: 'nl', recipient: 'a@b.nl', data: SAMPLES.case_link });
    };
    expect(typeof compileOnly).toBe('function');
  });
});
