import type { IsoDate } from '../common/dates.js';

/**
 * Objections (bezwaar) against the body's decision on a complaint, as pure rules.
 * (2026-12) [decision, domain-rules.md section 2] An objection is recorded on the case: received
 * on, lodged by (the student or the school), recorded by (staff), decided on, outcome. While one
 * is open the case is held from anonymisation (retention skips it).
 */

/** Who lodged it: either party to the decision. */
export const OBJECTION_PARTIES = ['student', 'school'] as const;
export type ObjectionParty = (typeof OBJECTION_PARTIES)[number];

/**
 * A small set of outcomes [decision]: `upheld` (the objection succeeds: the decision is to be
 * reconsidered), `rejected` (the decision stands), `withdrawn` (the party took it back).
 */
export const OBJECTION_OUTCOMES = ['upheld', 'rejected', 'withdrawn'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

type Refusal = { status: 409 | 422; code: string; field?: string; message: string };

/** May an objection received on `receivedOn` be recorded on this case today? */
export function objectionRefusal(input: {
  decidedOn: IsoDate | null;
  receivedOn: IsoDate;
  today: IsoDate;
  openObjection: boolean;
}): Refusal | null {
  if (input.decidedOn === null)
    return {
      status: 409,
      code: 'case_not_decided',
      message: 'An objection is against a decision: this case has not been decided',
    };
  if (input.openObjection)
    return {
      status: 409,
      code: 'objection_already_open',
      message: 'An objection on this case is still open: decide it first',
    };
  if (input.receivedOn > input.today)
    return {
      status: 422,
      code: 'invalid_objection',
      field: 'receivedOn',
      message: 'cannot be in the future',
    };
  if (input.receivedOn < input.decidedOn)
    return {
      status: 422,
      code: 'invalid_objection',
      field: 'receivedOn',
      message: `cannot be before the decision (${input.decidedOn})`,
    };
  return null;
}

/** May the objection be decided on `decidedOn`? Once only, not before it was received, not in the future. */
export function objectionDecisionRefusal(input: {
  receivedOn: IsoDate;
  alreadyDecidedOn: IsoDate | null;
  decidedOn: IsoDate;
  today: IsoDate;
}): Refusal | null {
  if (input.alreadyDecidedOn !== null)
    return { status: 409, code: 'objection_already_decided', message: 'This objection was decided already' };
  if (input.decidedOn > input.today)
    return { status: 422, code: 'invalid_objection', field: 'decidedOn', message: 'cannot be in the future' };
  if (input.decidedOn < input.receivedOn)
    return {
      status: 422,
      code: 'invalid_objection',
      field: 'decidedOn',
      message: `cannot be before the objection was received (${input.receivedOn})`,
    };
  return null;
}

/** Retention holds a case while an objection on it is open (undecided). */
export function heldByObjection(objections: readonly { decidedOn: IsoDate | null }[]): boolean {
  return objections.some((o) => o.decidedOn === null);
}
