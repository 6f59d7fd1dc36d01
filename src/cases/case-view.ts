import type { CaseOf, CaseRow } from './cases.repository.js';

/**
 * The parts of a case's staff view (API field names as in the contract) that every case type
 * shows alike; each type's `present` puts its own fields between them, in the order it always had.
 */
export function caseHead<S extends string>(c: CaseOf<S>) {
  return pick(c, ['id', 'reference', 'type', 'status', 'channel', 'receivedOn']);
}

export function caseParties(c: CaseRow) {
  return {
    school: c.schoolId ? { id: c.schoolId, name: c.schoolName } : null,
    student: {
      name: c.studentName,
      email: c.studentEmail,
      phone: c.studentPhone,
      language: c.studentLanguage,
    },
  };
}

/** Who handles it, and how its handling deadline was paused and extended. */
export function caseHandling(c: CaseRow) {
  return {
    assignee: c.assigneeId ? { id: c.assigneeId, name: c.assigneeName } : null,
    ...pick(c, ['pausedSince', 'pauseReason', 'pausedDays', 'extensionWeeks', 'extensionReason']),
  };
}

export function caseDecision(c: CaseRow) {
  return pick(c, ['outcome', 'decidedOn', 'decisionSummary']);
}

export function caseTail(c: CaseRow) {
  return pick(c, ['closedOn', 'nextDueOn', 'version', 'createdAt', 'updatedAt']);
}

/** These fields of the case, in this order. */
function pick<T, K extends keyof T>(c: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, c[k]])) as Pick<T, K>;
}
