import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, fromDayNumber, isoWeekday, toDayNumber } from '../common/dates.js';
import { quoteTermination, TERMINATION_GROUNDS, type ContractTerms, type Lesson } from './contracts.rules.js';
import {
  allowedTerminationActions,
  approvalRefusal,
  initialStatus,
  isWeighty,
  justificationError,
  linesForFunder,
  payerFor,
  quoteForFunder,
  terminationAllows,
} from './terminations.rules.js';
import { WORKED_EXAMPLE_TERMS } from './worked-example.fixture.js';

const terms: ContractTerms = WORKED_EXAMPLE_TERMS;

/** The worked example: 4-hour lessons on Mondays and Wednesdays until the request. */
const lessons: Lesson[] = [];
for (let d = '2026-01-05'; d <= '2026-04-08'; d = addDays(d, 1)) {
  if (isoWeekday(d) === 1 || isoWeekday(d) === 3) lessons.push({ date: d, minutes: 240, mode: 'classroom' });
}

function workedQuote() {
  const r = quoteTermination({
    terms,
    lessons,
    paidCents: 200000,
    ground: 'moved',
    requestedOn: '2026-04-10',
  });
  if (!r.ok) throw new Error('refused');
  return r.quote;
}

describe('terminations: lifecycle', () => {
  it('the refund goes to the DUO loan, or to the municipality or student who paid', () => {
    expect(payerFor('duo_loan')).toBe('duo');
    expect(payerFor('municipality')).toBe('municipality');
    expect(payerFor('self')).toBe('self');
  });

  it('weighty reasons and every public request wait for staff; staff notice and quality-mark are approved at once', () => {
    expect(initialStatus('notice', 'staff')).toBe('approved');
    expect(initialStatus('school_lost_quality_mark', 'staff')).toBe('approved');
    for (const g of ['moved', 'long_illness', 'arbitration_vindicated'] as const)
      expect(initialStatus(g, 'staff')).toBe('requested');
    for (const g of TERMINATION_GROUNDS) expect(initialStatus(g, 'student')).toBe('requested');
  });

  it('allows each action only in its states; rejected and effective are final', () => {
    expect(terminationAllows('requested', 'approve')).toBe(true);
    expect(terminationAllows('requested', 'makeEffective')).toBe(false);
    expect(terminationAllows('approved', 'makeEffective')).toBe(true);
    expect(terminationAllows('approved', 'approve')).toBe(false);
    expect(allowedTerminationActions('rejected')).toEqual([]);
    expect(allowedTerminationActions('effective')).toEqual([]);
  });

  it('approval needs evidence for weighty reasons and a vindicating complaint for arbitration', () => {
    expect(approvalRefusal({ ground: 'moved', evidenceCount: 0, arbitrationVindicated: false })?.code).toBe(
      'evidence_missing',
    );
    expect(approvalRefusal({ ground: 'moved', evidenceCount: 1, arbitrationVindicated: false })).toBeNull();
    expect(
      approvalRefusal({ ground: 'arbitration_vindicated', evidenceCount: 1, arbitrationVindicated: false })
        ?.code,
    ).toBe('arbitration_not_vindicated');
    expect(
      approvalRefusal({ ground: 'arbitration_vindicated', evidenceCount: 0, arbitrationVindicated: true })
        ?.code,
    ).toBe('evidence_missing');
    expect(approvalRefusal({ ground: 'notice', evidenceCount: 0, arbitrationVindicated: false })).toBeNull();
    expect(
      approvalRefusal({ ground: 'school_lost_quality_mark', evidenceCount: 0, arbitrationVindicated: false }),
    ).toBeNull();
  });
});

describe('terminations: the quote for the funder', () => {
  it('keeps the loan labels for DUO and names the payer otherwise, with every number unchanged', () => {
    const q = workedQuote();
    expect(linesForFunder(q.lines, 'duo_loan')).toEqual(q.lines);
    for (const funder of ['municipality', 'self'] as const) {
      const lines = linesForFunder(q.lines, funder);
      expect(lines.map((l) => [l.minutes, l.cents])).toEqual(q.lines.map((l) => [l.minutes, l.cents]));
      expect(lines.some((l) => /loan|lening/.test(l.label + l.labelNl))).toBe(false);
    }
    expect(linesForFunder(q.lines, 'municipality').find((l) => l.cents === 54512)?.label).toBe(
      'Refund to the municipality',
    );
    expect(linesForFunder(q.lines, 'self').find((l) => l.cents === 54512)?.labelNl).toContain('cursist');
  });

  it('adds the funder and payer and leaves the money alone', () => {
    const q = workedQuote();
    const v = quoteForFunder(q, 'municipality');
    expect(v).toMatchObject({
      funder: 'municipality',
      payer: 'municipality',
      feesDueCents: q.feesDueCents,
      refundToLoanCents: 54512,
    });
    expect(q.lines[0]).toEqual(workedQuote().lines[0]); // the input is not changed
  });
});

describe('terminations: another weighty reason (2026-12)', () => {
  it('is a weighty reason: waits for staff, needs evidence', () => {
    expect(isWeighty('other_weighty_reason')).toBe(true);
    expect(initialStatus('other_weighty_reason', 'staff')).toBe('requested');
    expect(
      approvalRefusal({
        ground: 'other_weighty_reason',
        evidenceCount: 0,
        arbitrationVindicated: false,
        approverRoles: ['supervisor'],
      })?.code,
    ).toBe('evidence_missing');
  });

  it('is decided by a supervisor only', () => {
    const refusal = (approverRoles: string[]) =>
      approvalRefusal({
        ground: 'other_weighty_reason',
        evidenceCount: 1,
        arbitrationVindicated: false,
        approverRoles,
      })?.code ?? null;
    expect(refusal(['supervisor'])).toBeNull();
    expect(refusal(['jurist', 'supervisor'])).toBeNull();
    for (const roles of [[], ['jurist'], ['intake'], ['admin'], ['finance']])
      expect(refusal(roles)).toBe('supervisor_required');
    // The other grounds keep their rule: the permission decides who.
    expect(approvalRefusal({ ground: 'moved', evidenceCount: 1, arbitrationVindicated: false })).toBeNull();
  });

  it('needs a written justification, and only this ground takes one', () => {
    expect(justificationError('other_weighty_reason', undefined)?.message).toMatch(/required/);
    expect(justificationError('other_weighty_reason', '   ')?.message).toMatch(/required/);
    expect(justificationError('other_weighty_reason', 'Mantelzorg voor mijn moeder')).toBeNull();
    expect(justificationError('moved', 'x')?.message).toMatch(/only for/);
    expect(justificationError('moved', undefined)).toBeNull();
  });

  it('has the arithmetic of moved: effective on the requested date, chargeable = delivered(effective) (property)', () => {
    const start = toDayNumber('2026-01-05');
    const end = toDayNumber('2026-12-18');
    fc.assert(
      fc.property(
        fc.integer({ min: start - 30, max: end }),
        fc.integer({ min: 0, max: 400_000 }),
        (d, paid) => {
          const requestedOn = fromDayNumber(d);
          const q = (ground: 'moved' | 'other_weighty_reason') =>
            quoteTermination({ terms, lessons, paidCents: paid, ground, requestedOn, groundApproved: false });
          const moved = q('moved');
          const other = q('other_weighty_reason');
          expect(moved.ok && other.ok).toBe(true);
          if (!moved.ok || !other.ok) return;
          expect(other.quote.effectiveDate).toBe(requestedOn);
          const { ground: _g1, ...a } = moved.quote;
          const { ground: _g2, ...b } = other.quote;
          expect(b).toEqual(a);
        },
      ),
    );
  });
});
