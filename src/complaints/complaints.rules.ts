import { actionAllowed, actionsIn } from '../cases/cases.rules.js';
import { addDays, IsoDate } from '../common/dates.js';

/**
 * The complaint lifecycle as pure rules (domain-rules.md section 2).
 *
 *   intake ──file with school──▶ school_stage ──school resolved──▶ resolved_by_school ──▶ closed
 *      │                            │
 *      └────────escalate────────────┴──▶ escalated ──acknowledge──▶ under_review ⇄ paused
 *                                                                     │
 *                                          decided ◀──decide──────────┘
 *                                             │  └──refer──▶ arbitration ──outcome──▶ closed
 *                                             └──close──▶ closed
 *   any open state ──withdraw──▶ withdrawn
 */
export const STATUSES = [
  'intake',
  'school_stage',
  'resolved_by_school',
  'escalated',
  'under_review',
  'paused',
  'decided',
  'arbitration',
  'closed',
  'withdrawn',
] as const;
export type ComplaintStatus = (typeof STATUSES)[number];

export const OUTCOMES = [
  'founded',
  'partly_founded',
  'unfounded',
  'settled',
  'withdrawn',
  'not_admissible',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const ARBITRATION_OUTCOMES = ['student_vindicated', 'school_vindicated', 'settled'] as const;
/** The pause reasons and the one extension are every case type's (cases.rules.ts). */
export { extensionCheck, MAX_EXTENSION_WEEKS, PAUSE_REASONS } from '../cases/cases.rules.js';

export const ACTIONS = {
  fileWithSchool: ['intake'],
  recordSchoolAnswer: ['school_stage'],
  resolveBySchool: ['school_stage'],
  escalate: ['intake', 'school_stage'],
  acknowledge: ['escalated'],
  assign: ['intake', 'school_stage', 'escalated', 'under_review', 'paused', 'decided', 'arbitration'],
  pause: ['under_review'],
  resume: ['paused'],
  extend: ['under_review', 'paused'],
  decide: ['under_review'],
  referToArbitration: ['decided'],
  recordArbitrationOutcome: ['arbitration'],
  withdraw: ['intake', 'school_stage', 'escalated', 'under_review', 'paused'],
  close: ['decided', 'resolved_by_school'],
  addNote: [...STATUSES],
} as const satisfies Record<string, readonly ComplaintStatus[]>;
export type ComplaintAction = keyof typeof ACTIONS;

export function allowedActions(status: ComplaintStatus): ComplaintAction[] {
  return actionsIn(ACTIONS, status);
}

export function isAllowed(status: ComplaintStatus, action: ComplaintAction): boolean {
  return actionAllowed(ACTIONS, status, action);
}

/**
 * The actions around the school's private link, kept out of ACTIONS (the staff lifecycle and its
 * `allowedActions`): the school confirms receipt through its link, staff send the school a new
 * link. Both only while the school stage runs. The school's final answer is `recordSchoolAnswer`.
 */
export const SCHOOL_LINK_ACTIONS = {
  schoolAcknowledge: ['school_stage'],
  resendSchoolLink: ['school_stage'],
} as const satisfies Record<string, readonly ComplaintStatus[]>;
export type SchoolLinkAction = keyof typeof SCHOOL_LINK_ACTIONS;

export function schoolLinkAllowed(status: ComplaintStatus, action: SchoolLinkAction): boolean {
  return actionAllowed(SCHOOL_LINK_ACTIONS, status, action);
}

/** Any action on a complaint, the school link's included: may it be taken in this status? */
export function complaintActionAllowed(
  status: ComplaintStatus,
  action: ComplaintAction | SchoolLinkAction,
): boolean {
  return isSchoolLinkAction(action) ? schoolLinkAllowed(status, action) : isAllowed(status, action);
}

function isSchoolLinkAction(action: string): action is SchoolLinkAction {
  return action in SCHOOL_LINK_ACTIONS;
}

/** The school has six weeks. [seed] */
export const SCHOOL_STAGE_WEEKS = 6;
/** The body acknowledges within 5 working days and decides within 6 weeks, with one extension of at most 4. [decision, Awb] */
export const ACKNOWLEDGE_WORKING_DAYS = 5;
export const DECISION_WEEKS = 6;

export type EscalationBasis = 'deadline_passed' | 'final_answer_rejected' | 'school_refused' | 'override';

export interface EscalationInput {
  status: ComplaintStatus;
  today: IsoDate;
  schoolDeadline: IsoDate | null;
  schoolFinalAnswerOn: IsoDate | null;
  studentRejectsFinalAnswer: boolean;
  schoolRefused: boolean;
  override: boolean;
}

export type EscalationDecision =
  { allowed: true; basis: EscalationBasis } | { allowed: false; reason: string; earliestOn: IsoDate | null };

/**
 * May the complaint go to the body? (a) the school's last day has passed [seed], (b) the
 * student rejects the school's final answer, (c) the school refuses or has no regulation
 * [decision]; or a supervisor overrides with a reason.
 */
export function escalationCheck(i: EscalationInput): EscalationDecision {
  if (!isAllowed(i.status, 'escalate')) {
    return {
      allowed: false,
      reason: `A complaint in status ${i.status} cannot be escalated`,
      earliestOn: null,
    };
  }
  if (i.schoolDeadline && i.today > i.schoolDeadline) return { allowed: true, basis: 'deadline_passed' };
  if (i.schoolFinalAnswerOn && i.studentRejectsFinalAnswer)
    return { allowed: true, basis: 'final_answer_rejected' };
  if (i.schoolRefused) return { allowed: true, basis: 'school_refused' };
  if (i.override) return { allowed: true, basis: 'override' };
  if (!i.schoolDeadline) {
    return {
      allowed: false,
      reason: 'The complaint has not been filed with the school yet; the school first gets six weeks',
      earliestOn: null,
    };
  }
  return {
    allowed: false,
    reason: `The school has until ${i.schoolDeadline} to resolve the complaint`,
    earliestOn: addDays(i.schoolDeadline, 1),
  };
}

/** Whole calendar days the clock stood still (every case type with a handling deadline pauses it alike). */
export { pausedDaysBetween } from '../deadlines/deadlines.rules.js';

export const STATUS_LABELS: Record<ComplaintStatus, { nl: string; en: string }> = {
  intake: { nl: 'Intake', en: 'Intake' },
  school_stage: { nl: 'Bij de school', en: 'With the school' },
  resolved_by_school: { nl: 'Opgelost door de school', en: 'Resolved by the school' },
  escalated: { nl: 'Voorgelegd aan Blik op Werk', en: 'Brought to Blik op Werk' },
  under_review: { nl: 'In behandeling', en: 'Being handled' },
  paused: { nl: 'Wacht op informatie', en: 'Waiting for information' },
  decided: { nl: 'Besloten', en: 'Decided' },
  arbitration: { nl: 'Bij arbitrage', en: 'In arbitration' },
  closed: { nl: 'Gesloten', en: 'Closed' },
  withdrawn: { nl: 'Ingetrokken', en: 'Withdrawn' },
};

export const OUTCOME_LABELS: Record<Outcome, { nl: string; en: string }> = {
  founded: { nl: 'gegrond', en: 'founded' },
  partly_founded: { nl: 'deels gegrond', en: 'partly founded' },
  unfounded: { nl: 'ongegrond', en: 'unfounded' },
  settled: { nl: 'geschikt (opgelost in overleg)', en: 'settled' },
  withdrawn: { nl: 'ingetrokken', en: 'withdrawn' },
  not_admissible: { nl: 'niet-ontvankelijk', en: 'not admissible' },
};

export const DEADLINE_LABELS: Record<string, { nl: string; en: string }> = {
  school_stage: { nl: 'afhandeling door de school', en: 'school stage' },
  acknowledge: { nl: 'ontvangstbevestiging', en: 'acknowledgement' },
  decision: { nl: 'beslissing', en: 'decision' },
};
