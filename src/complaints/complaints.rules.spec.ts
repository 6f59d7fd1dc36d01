import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, fromDayNumber, toDayNumber } from '../common/dates.js';
import {
  ACTIONS,
  allowedActions,
  escalationCheck,
  EscalationInput,
  isAllowed,
  pausedDaysBetween,
  STATUSES,
} from './complaints.rules.js';

const base: EscalationInput = {
  status: 'school_stage',
  today: '2026-04-28',
  schoolDeadline: '2026-04-28',
  schoolFinalAnswerOn: null,
  studentRejectsFinalAnswer: false,
  schoolRefused: false,
  override: false,
};

describe('escalationCheck', () => {
  it('refuses on the school deadline itself and names the next day', () => {
    expect(escalationCheck(base)).toEqual({
      allowed: false,
      reason: expect.stringContaining('2026-04-28'),
      earliestOn: '2026-04-29',
    });
  });
  it('allows from the day after the deadline (a)', () => {
    expect(escalationCheck({ ...base, today: '2026-04-29' })).toEqual({
      allowed: true,
      basis: 'deadline_passed',
    });
  });
  it('allows when the student rejects the final answer (b), but not on the answer alone', () => {
    expect(
      escalationCheck({
        ...base,
        today: '2026-04-01',
        schoolFinalAnswerOn: '2026-03-30',
        studentRejectsFinalAnswer: true,
      }),
    ).toEqual({
      allowed: true,
      basis: 'final_answer_rejected',
    });
    expect(escalationCheck({ ...base, today: '2026-04-01', schoolFinalAnswerOn: '2026-03-30' }).allowed).toBe(
      false,
    );
    expect(escalationCheck({ ...base, today: '2026-04-01', studentRejectsFinalAnswer: true }).allowed).toBe(
      false,
    );
  });
  it('allows when the school refuses or has no regulation (c), also from intake', () => {
    expect(escalationCheck({ ...base, status: 'intake', schoolDeadline: null, schoolRefused: true })).toEqual(
      { allowed: true, basis: 'school_refused' },
    );
  });
  it('refuses an intake complaint without a school deadline, with no earliest date', () => {
    expect(escalationCheck({ ...base, status: 'intake', schoolDeadline: null })).toEqual({
      allowed: false,
      reason: expect.any(String),
      earliestOn: null,
    });
  });
  it('allows a supervisor override', () => {
    expect(escalationCheck({ ...base, today: '2026-04-01', override: true })).toEqual({
      allowed: true,
      basis: 'override',
    });
  });
  it('refuses in states that cannot escalate, even with override', () => {
    for (const status of STATUSES.filter((s) => s !== 'intake' && s !== 'school_stage')) {
      expect(escalationCheck({ ...base, status, today: '2027-01-01', override: true }).allowed).toBe(false);
    }
  });

  const day = fc
    .integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2030-12-31') })
    .map(fromDayNumber);
  it('property: never allowed on or before the school deadline without final answer rejected, refusal or override', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 400 }), fc.boolean(), (deadline, back, hasAnswer) => {
        const today = addDays(deadline, -back);
        const r = escalationCheck({
          ...base,
          schoolDeadline: deadline,
          today,
          schoolFinalAnswerOn: hasAnswer ? today : null,
        });
        expect(r.allowed).toBe(false);
        if (!r.allowed) expect(r.earliestOn).toBe(addDays(deadline, 1));
      }),
      { numRuns: 500 },
    );
  });
  it('property: always allowed after the school deadline in the school stage', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 400 }), (deadline, after) => {
        expect(
          escalationCheck({ ...base, schoolDeadline: deadline, today: addDays(deadline, after) }).allowed,
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('transitions', () => {
  it('lists the actions of each state and nothing else', () => {
    expect(allowedActions('escalated')).toEqual(['acknowledge', 'assign', 'withdraw', 'addNote']);
    expect(allowedActions('closed')).toEqual(['addNote']);
    expect(isAllowed('paused', 'decide')).toBe(false);
    expect(isAllowed('under_review', 'decide')).toBe(true);
  });
  it('every action names only known states', () => {
    for (const states of Object.values(ACTIONS)) for (const s of states) expect(STATUSES).toContain(s);
  });
});

describe('pause', () => {
  it('counts paused calendar days', () => {
    expect(pausedDaysBetween('2026-03-01', '2026-03-11')).toBe(10);
    expect(pausedDaysBetween('2026-03-01', '2026-03-01')).toBe(0);
  });
});
