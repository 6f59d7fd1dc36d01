import { addMonths, IsoDate } from '../common/dates.js';

/**
 * Retention [decision, domain-rules.md section 6; AP guidance leaves the period to the controller]:
 * a case file is anonymised `years` after it was closed, unless it is on hold: `legal_hold` set by
 * hand, an open arbitration (the case is not closed), or an open objection (a `case_objections`
 * row not yet decided; 2026-12). Anonymisation keeps what statistics need: school, type, status,
 * outcome and every date.
 */
export const CLOSED_STATUSES = ['closed', 'withdrawn', 'resolved_by_school', 'referred'] as const;

/** Cases closed on or before this date are due. */
export function anonymiseClosedBefore(today: IsoDate, years: number): IsoDate {
  return addMonths(today, -12 * years);
}

export const ANONYMOUS = {
  name: 'Geanonimiseerd',
  text: '[geanonimiseerd]',
  email: (caseId: string) => `anon-${caseId}@invalid`,
};

/** Event data kinds that may carry free text or personal details and are emptied. */
export const TEXT_EVENT_KINDS = [
  'note',
  'escalated',
  'escalation_override',
  'extended',
  'decided',
  'withdrawn',
  'school_final_answer',
  'arbitration_outcome',
  'objection_received',
  'objection_decided',
];

/** The emails to a student about a contract (they carry no case id), anonymised with the contract. */
export const CONTRACT_STUDENT_TEMPLATES = [
  'quality_mark_withdrawn',
  'termination_effective',
  'termination_requested',
];

/** Financial records (contracts, invoices, refunds) are kept seven years after the contract ended. [source: fiscal retention; decision] */
export const FINANCIAL_YEARS = 7;

/**
 * When a contract ended, for retention: the effective date of its termination (`ended_on`) when
 * it was terminated, else its planned end. A contract ended early is not kept for the years it
 * no longer ran. (2026-12) [decision, domain-rules.md section 6] The retention query uses the
 * same expression, `coalesce(ended_on, planned_end_date)`.
 */
export function contractEndedOn(c: { endedOn: IsoDate | null; plannedEndDate: IsoDate }): IsoDate {
  return c.endedOn ?? c.plannedEndDate;
}

/** A contract's financial records are due for anonymisation on or after this day. */
export function contractRetainedUntil(
  c: { endedOn: IsoDate | null; plannedEndDate: IsoDate },
  years = FINANCIAL_YEARS,
): IsoDate {
  return addMonths(contractEndedOn(c), 12 * years);
}
