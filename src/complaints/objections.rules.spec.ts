import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fromDayNumber, toDayNumber } from '../common/dates.js';
import { heldByObjection, objectionDecisionRefusal, objectionRefusal } from './objections.rules.js';

const today = '2026-12-04';

describe('objections against a decision (2026-12)', () => {
  it('only on a decided case, one open at a time, received between the decision and today', () => {
    const base = { decidedOn: '2026-11-20', receivedOn: '2026-12-01', today, openObjection: false };
    expect(objectionRefusal(base)).toBeNull();
    expect(objectionRefusal({ ...base, decidedOn: null })?.code).toBe('case_not_decided');
    expect(objectionRefusal({ ...base, openObjection: true })?.code).toBe('objection_already_open');
    expect(objectionRefusal({ ...base, receivedOn: '2026-12-05' })).toMatchObject({
      status: 422,
      field: 'receivedOn',
    });
    expect(objectionRefusal({ ...base, receivedOn: '2026-11-19' })?.field).toBe('receivedOn');
    expect(objectionRefusal({ ...base, receivedOn: '2026-11-20' })).toBeNull();
  });

  it('is decided once, not before it was received, not in the future', () => {
    const base = { receivedOn: '2026-12-01', alreadyDecidedOn: null, decidedOn: '2026-12-03', today };
    expect(objectionDecisionRefusal(base)).toBeNull();
    expect(objectionDecisionRefusal({ ...base, alreadyDecidedOn: '2026-12-02' })?.code).toBe(
      'objection_already_decided',
    );
    expect(objectionDecisionRefusal({ ...base, decidedOn: '2026-11-30' })?.field).toBe('decidedOn');
    expect(objectionDecisionRefusal({ ...base, decidedOn: '2026-12-05' })?.field).toBe('decidedOn');
  });

  it('holds the case exactly while one objection is undecided (property)', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((d) => fromDayNumber(toDayNumber('2026-01-01') + d));
    fc.assert(
      fc.property(fc.array(fc.option(day, { nil: null }), { maxLength: 5 }), (decided) => {
        const objections = decided.map((decidedOn) => ({ decidedOn }));
        expect(heldByObjection(objections)).toBe(decided.includes(null));
      }),
    );
  });
});
