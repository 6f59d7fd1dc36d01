/**
 * The termination lifecycle and who gets the refund. Pure: no Nest, no I/O, no clock.
 * The money itself is computed by quoteTermination in contracts.rules.ts, nowhere else.
 */
import {
  WEIGHTY_GROUNDS,
  type QuoteLine,
  type TerminationGround,
  type TerminationQuote,
} from './contracts.rules.js';

/** Who pays for the course, and who gets a refund back; the DTOs and the pages take these lists. */
export const FUNDERS = ['duo_loan', 'municipality', 'self'] as const;
export type Funder = (typeof FUNDERS)[number];
export const PAYERS = ['duo', 'municipality', 'self'] as const;
export type Payer = (typeof PAYERS)[number];
export type TerminationStatus = 'requested' | 'approved' | 'rejected' | 'effective';
export type TerminationSource = 'staff' | 'student';
export type TerminationAction = 'uploadEvidence' | 'approve' | 'reject' | 'makeEffective';

/** The refund goes back to the DUO loan, never to the student; for other funders to the payer. [seed] */
export function payerFor(funder: Funder): Payer {
  return funder === 'duo_loan' ? 'duo' : funder;
}

export function isWeighty(ground: TerminationGround): boolean {
  return WEIGHTY_GROUNDS.includes(ground);
}

/**
 * Where a new termination starts. Weighty reasons need evidence and a staff decision [seed:
 * weighty reason; decision: approval]. A request through the public form always waits for staff,
 * since anyone who knows the contract number and email could send it. [decision] Notice and the
 * quality-mark ground recorded by staff are approved at once: the quote already checked them.
 */
export function initialStatus(
  ground: TerminationGround,
  source: TerminationSource,
): 'requested' | 'approved' {
  if (source === 'student' || isWeighty(ground)) return 'requested';
  return 'approved';
}

const ALLOWED: Record<TerminationStatus, readonly TerminationAction[]> = {
  requested: ['uploadEvidence', 'approve', 'reject'],
  approved: ['uploadEvidence', 'makeEffective', 'reject'],
  rejected: [],
  effective: [],
};

export function terminationAllows(status: TerminationStatus, action: TerminationAction): boolean {
  return ALLOWED[status].includes(action);
}

export function allowedTerminationActions(status: TerminationStatus): readonly TerminationAction[] {
  return ALLOWED[status];
}

/**
 * The justification belongs to `other_weighty_reason` only, and that ground needs one: the
 * reason is not on the seed's list, so staff must read why it is weighty. (2026-12) [decision]
 */
export function justificationError(
  ground: TerminationGround,
  justification: string | null | undefined,
): { field: 'justification'; message: string } | null {
  const given = !!justification && justification.trim().length > 0;
  if (ground === 'other_weighty_reason' && !given)
    return { field: 'justification', message: 'required for ground other_weighty_reason' };
  if (ground !== 'other_weighty_reason' && given)
    return { field: 'justification', message: 'only for ground other_weighty_reason' };
  return null;
}

/**
 * Approval of a weighty reason needs at least one evidence file, and for arbitration a linked
 * complaint in which the student was vindicated. Another weighty reason (`other_weighty_reason`)
 * is decided by a supervisor only, whoever else may decide terminations. [decision] Returns why
 * not, or null.
 */
export function approvalRefusal(input: {
  ground: TerminationGround;
  evidenceCount: number;
  arbitrationVindicated: boolean;
  approverRoles?: readonly string[];
}): {
  code: 'evidence_missing' | 'arbitration_not_vindicated' | 'supervisor_required';
  message: string;
} | null {
  if (input.ground === 'other_weighty_reason' && !(input.approverRoles ?? []).includes('supervisor')) {
    return {
      code: 'supervisor_required',
      message: 'Another weighty reason is decided by a supervisor.',
    };
  }
  if (input.ground === 'arbitration_vindicated' && !input.arbitrationVindicated) {
    return {
      code: 'arbitration_not_vindicated',
      message:
        'Link the complaint whose arbitration outcome vindicated the student before approving this ground.',
    };
  }
  if (isWeighty(input.ground) && input.evidenceCount === 0) {
    return {
      code: 'evidence_missing',
      message: 'A weighty reason needs evidence: upload a PDF, PNG or JPEG file first.',
    };
  }
  return null;
}

const FUNDER_LABELS: Record<Exclude<Funder, 'duo_loan'>, Record<string, [string, string]>> = {
  municipality: {
    'Paid from the loan': ['Paid by the municipality', 'Betaald door de gemeente'],
    'Refund to the loan': ['Refund to the municipality', 'Terugbetaling aan de gemeente'],
  },
  self: {
    'Paid from the loan': ['Paid by the student', 'Betaald door de cursist'],
    'Refund to the loan': ['Refund to the student (who paid)', 'Terugbetaling aan de cursist (die betaalde)'],
  },
};

/**
 * The quote's lines say "loan"; for a contract the municipality or the student paid, the same
 * lines name that payer instead. Labels only: every number stays exactly as quoted.
 */
export function linesForFunder(lines: readonly QuoteLine[], funder: Funder): QuoteLine[] {
  if (funder === 'duo_loan') return lines.map((l) => ({ ...l }));
  const map = FUNDER_LABELS[funder];
  return lines.map((l) => {
    const relabel = map[l.label];
    return relabel ? { ...l, label: relabel[0], labelNl: relabel[1] } : { ...l };
  });
}

/** The quote as the API and the emails show it, for this contract's funder. */
export function quoteForFunder(
  quote: TerminationQuote,
  funder: Funder,
): TerminationQuote & { funder: Funder; payer: Payer } {
  return { ...quote, lines: linesForFunder(quote.lines, funder), funder, payer: payerFor(funder) };
}
