import { addMonths, IsoDate } from '../calendar/dates.js';

/**
 * Retention [decision, domain-rules.md section 6; AP guidance leaves the period to the controller]:
 * a case file is anonymised `years` after it was closed, unless it is on hold (an open
 * arbitration or objection). Anonymisation keeps what statistics need: school, type, status,
 * outcome and every date.
 */
export const CLOSED_STATUSES = ['closed', 'withdrawn', 'resolved_by_school'] as const;

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
];

/** Financial records (contracts, invoices, refunds) are kept seven years after the contract ended. [source: fiscal retention; decision] */
export const FINANCIAL_YEARS = 7;
