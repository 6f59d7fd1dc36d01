import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { addDays, addMonths, fromDayNumber, isoWeekday, toDayNumber, type IsoDate } from '../common/dates.js';
import {
  QUARTER_CAP_CENTS,
  effectiveDate,
  exemptionHours,
  invoiceFlags,
  lessonRefusal,
  paidCents,
  quarterOf,
  quoteTermination,
  roundHalfUpDiv,
  type ContractTerms,
  type Invoice,
  type Lesson,
  type TerminationGround,
  type TerminationQuote,
} from './contracts.rules.js';
import { WORKED_EXAMPLE_TERMS } from './worked-example.fixture.js';

// The worked example of domain-rules.md section 4.
const terms: ContractTerms = WORKED_EXAMPLE_TERMS;

/** 240-minute classroom lessons every Monday and Wednesday from `from` up to and including `to`. */
function monWedLessons(from: IsoDate, to: IsoDate): Lesson[] {
  const lessons: Lesson[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const wd = isoWeekday(d);
    if (wd === 1 || wd === 3) lessons.push({ date: d, minutes: 240, mode: 'classroom' });
  }
  return lessons;
}

const lessons = monWedLessons('2026-01-05', '2026-04-08');

function quote(over: Partial<Parameters<typeof quoteTermination>[0]>): TerminationQuote {
  const result = quoteTermination({
    terms,
    lessons,
    paidCents: 200000,
    ground: 'notice',
    requestedOn: '2026-04-10',
    ...over,
  });
  if (!result.ok) throw new Error(`refused: ${result.refusal.code}`);
  return result.quote;
}

describe('roundHalfUpDiv', () => {
  it('rounds halves up and the rest to the nearest integer', () => {
    expect(roundHalfUpDiv(5, 10)).toBe(1);
    expect(roundHalfUpDiv(4, 10)).toBe(0);
    expect(roundHalfUpDiv(15, 10)).toBe(2);
    expect(roundHalfUpDiv(0, 7)).toBe(0);
    expect(roundHalfUpDiv(14, 7)).toBe(2);
  });

  it('refuses negative, fractional and unsafe input', () => {
    expect(() => roundHalfUpDiv(-1, 10)).toThrow(RangeError);
    expect(() => roundHalfUpDiv(1.5, 10)).toThrow(RangeError);
    expect(() => roundHalfUpDiv(1, 0)).toThrow(RangeError);
    expect(() => roundHalfUpDiv(2 ** 60, 3)).toThrow(RangeError);
  });

  it('equals floor((2n + d) / 2d), checked with BigInt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 1_000_000 }), (n, d) => {
        const expected = Number((2n * BigInt(n) + BigInt(d)) / (2n * BigInt(d)));
        expect(roundHalfUpDiv(n, d)).toBe(expected);
      }),
    );
  });
});

describe('effectiveDate', () => {
  it('notice: one month after the request', () => {
    expect(effectiveDate(terms, 'notice', '2026-04-10')).toBe('2026-05-10');
  });

  it('notice early in the course: start + 3 months (minimum term)', () => {
    expect(effectiveDate(terms, 'notice', '2026-01-20')).toBe('2026-04-05');
  });

  it('notice near the planned end: capped at the planned end', () => {
    expect(effectiveDate(terms, 'notice', '2026-12-01')).toBe('2026-12-18');
  });

  it('a month added to the 31st lands on the last day of the shorter month', () => {
    expect(effectiveDate({ ...terms, startDate: '2025-01-01' }, 'notice', '2026-01-31')).toBe('2026-02-28');
  });

  it('other grounds: the requested date, no notice month', () => {
    for (const ground of [
      'moved',
      'long_illness',
      'arbitration_vindicated',
      'school_lost_quality_mark',
    ] as const) {
      expect(effectiveDate(terms, ground, '2026-04-10')).toBe('2026-04-10');
    }
  });
});

describe('quoteTermination: the worked example', () => {
  it('has 28 lessons of 240 minutes before the notice', () => {
    expect(lessons).toHaveLength(28);
    expect(lessons.at(-1)?.date).toBe('2026-04-08');
  });

  it('notice on 2026-04-10', () => {
    const q = quote({});
    expect(q.effectiveDate).toBe('2026-05-10');
    expect(q.deliveredMinutes).toBe(6720);
    expect(q.scheduledMinutes).toBe(2057);
    expect(q.chargeableMinutes).toBe(8777);
    expect(q.feesDueCents).toBe(190022);
    expect(q.paidCents).toBe(200000);
    expect(q.refundToLoanCents).toBe(9978);
    expect(q.stillInvoiceableCents).toBe(0);
    expect(q.paidInAdvance).toBe(true);
  });

  it('student moved, requested 2026-04-10', () => {
    const q = quote({ ground: 'moved' });
    expect(q.effectiveDate).toBe('2026-04-10');
    expect(q.deliveredMinutes).toBe(6720);
    expect(q.scheduledMinutes).toBe(0);
    expect(q.chargeableMinutes).toBe(6720);
    expect(q.feesDueCents).toBe(145488);
    expect(q.refundToLoanCents).toBe(54512);
    expect(q.paidInAdvance).toBe(true);
  });

  it('explains itself in English and Dutch', () => {
    const q = quote({});
    for (const line of q.lines) {
      expect(line.label.length).toBeGreaterThan(0);
      expect(line.labelNl.length).toBeGreaterThan(0);
    }
    const minutes = q.lines.filter((l) => l.minutes !== undefined).map((l) => l.minutes);
    const cents = q.lines.filter((l) => l.cents !== undefined).map((l) => l.cents);
    expect(minutes).toEqual([6720, 2057, 8777]);
    expect(cents).toEqual([190022, 200000, 9978, 0]);
    expect(q.lines[0].label).toContain('2026-05-10');
  });

  it('a weighty reason without approval is still quoted, with a note', () => {
    const pending = quote({ ground: 'long_illness', groundApproved: false });
    expect(pending.feesDueCents).toBe(145488);
    expect(pending.lines.some((l) => /staff approval/.test(l.label))).toBe(true);
    const approved = quote({ ground: 'long_illness', groundApproved: true });
    expect(approved.lines.some((l) => /staff approval/.test(l.label))).toBe(false);
    expect(approved.feesDueCents).toBe(145488);
  });
});

describe('quoteTermination: other cases', () => {
  it('notice early in the course runs to start + 3 months', () => {
    const q = quote({ requestedOn: '2026-01-20' });
    expect(q.effectiveDate).toBe('2026-04-05');
    // Lessons on 5, 7, 12, 14 and 19 January.
    expect(q.deliveredMinutes).toBe(5 * 240);
    // 75 days at 8 hours a week: 480 * 75 / 7 = 5142.86 -> 5143.
    expect(q.scheduledMinutes).toBe(5143);
    expect(q.lines[0].label).toContain('minimum term');
  });

  it('notice before the start schedules lessons from the start only', () => {
    const q = quote({ requestedOn: '2025-12-01' });
    expect(q.effectiveDate).toBe('2026-04-05');
    expect(q.deliveredMinutes).toBe(0);
    // 90 days from 2026-01-05: 480 * 90 / 7 = 6171.43 -> 6171.
    expect(q.scheduledMinutes).toBe(6171);
  });

  it('notice near the planned end stops at the planned end', () => {
    const q = quote({ requestedOn: '2026-12-01', paidCents: 0 });
    expect(q.effectiveDate).toBe('2026-12-18');
    // 17 days: 480 * 17 / 7 = 1165.71 -> 1166.
    expect(q.scheduledMinutes).toBe(1166);
    expect(q.lines[0].label).toContain('planned end');
    expect(q.stillInvoiceableCents).toBe(q.feesDueCents);
    expect(q.refundToLoanCents).toBe(0);
    expect(q.paidInAdvance).toBe(false);
  });

  it('fractional hours per week use integer hundredths', () => {
    const q = quote({ terms: { ...terms, hoursPerWeek: 2.5 } });
    // 30 days at 2.5 hours: 150 * 30 / 7 = 642.86 -> 643.
    expect(q.scheduledMinutes).toBe(643);
    expect(q.lines.some((l) => l.label.includes('2.5 hours') && l.labelNl.includes('2,5 uur'))).toBe(true);
    expect(quote({ terms: { ...terms, hoursPerWeek: 0.29 } }).scheduledMinutes).toBe(75); // 17.4 * 30 / 7 = 74.57
  });

  it('caps chargeable time at the planned hours', () => {
    const q = quote({ terms: { ...terms, plannedHours: 100 } });
    expect(q.deliveredMinutes).toBe(6720);
    expect(q.chargeableMinutes).toBe(6000);
    expect(q.feesDueCents).toBe(129900);
    expect(q.refundToLoanCents).toBe(70100);
    expect(q.lines.some((l) => l.label.startsWith('Capped') && l.minutes === 6000)).toBe(true);
    expect(quote({}).lines.some((l) => l.label.startsWith('Capped'))).toBe(false);
  });

  it('lessons on the request date are not delivered before it', () => {
    // 2026-04-08 is a Wednesday with a lesson.
    expect(quote({ ground: 'moved', requestedOn: '2026-04-08' }).deliveredMinutes).toBe(6720 - 240);
  });

  it('quality-mark ground: refused while the school holds its mark', () => {
    const base = {
      terms,
      lessons,
      paidCents: 200000,
      ground: 'school_lost_quality_mark' as const,
      requestedOn: '2026-04-10',
    };
    for (const withdrawn of [undefined, null]) {
      const r = quoteTermination({ ...base, qualityMarkWithdrawnOn: withdrawn });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.refusal.code).toBe('school_still_holds_mark');
    }
  });

  it('quality-mark ground: refused when withdrawn after the request', () => {
    const r = quoteTermination({
      terms,
      lessons,
      paidCents: 200000,
      ground: 'school_lost_quality_mark',
      requestedOn: '2026-04-10',
      qualityMarkWithdrawnOn: '2026-04-11',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.code).toBe('school_still_holds_mark');
      expect(r.refusal.message).toContain('2026-04-11');
    }
  });

  it('quality-mark ground: quoted when withdrawn on or before the request', () => {
    for (const withdrawn of ['2026-04-10', '2026-03-01']) {
      const q = quote({ ground: 'school_lost_quality_mark', qualityMarkWithdrawnOn: withdrawn });
      expect(q.effectiveDate).toBe('2026-04-10');
      expect(q.feesDueCents).toBe(145488);
    }
  });

  it('refuses a request after the planned end, accepts one on it', () => {
    const r = quoteTermination({ terms, lessons, paidCents: 0, ground: 'notice', requestedOn: '2026-12-19' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.code).toBe('requested_after_planned_end');
    expect(quote({ requestedOn: '2026-12-18' }).effectiveDate).toBe('2026-12-18');
    expect(quote({ requestedOn: '2026-12-18' }).scheduledMinutes).toBe(0);
  });

  it('refuses an unknown ground', () => {
    const r = quoteTermination({
      terms,
      lessons,
      paidCents: 0,
      ground: 'bored' as TerminationGround,
      requestedOn: '2026-04-10',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.code).toBe('ground_not_applicable');
  });
});

// ---- property tests ----

const DAY_2017 = toDayNumber('2017-01-01');
const dateArb = fc.integer({ min: 0, max: 365 * 12 }).map((n) => fromDayNumber(DAY_2017 + n));
const groundArb = fc.constantFrom<TerminationGround>(
  'notice',
  'moved',
  'long_illness',
  'arbitration_vindicated',
  'school_lost_quality_mark',
);

const termsArb = fc
  .record({
    start: fc.integer({ min: 0, max: 365 * 10 }),
    signedBefore: fc.integer({ min: 0, max: 120 }),
    length: fc.integer({ min: 1, max: 900 }),
    courseType: fc.constantFrom<ContractTerms['courseType']>('nt2', 'ona', 'literacy'),
    hourlyRateCents: fc.integer({ min: 0, max: 10_000 }),
    plannedHours: fc.integer({ min: 1, max: 1_000 }),
    hundredthsPerWeek: fc.integer({ min: 0, max: 4_000 }),
  })
  .map((r): ContractTerms => ({
    signedOn: fromDayNumber(DAY_2017 + r.start - r.signedBefore),
    startDate: fromDayNumber(DAY_2017 + r.start),
    plannedEndDate: fromDayNumber(DAY_2017 + r.start + r.length),
    courseType: r.courseType,
    hourlyRateCents: r.hourlyRateCents,
    plannedHours: r.plannedHours,
    hoursPerWeek: r.hundredthsPerWeek / 100,
  }));

const lessonArb = fc.record({
  date: dateArb,
  minutes: fc.integer({ min: 1, max: 720 }),
  mode: fc.constantFrom<Lesson['mode']>('classroom', 'online'),
});

const quoteInputArb = fc.record({
  terms: termsArb,
  lessons: fc.array(lessonArb, { maxLength: 60 }),
  paidCents: fc.integer({ min: 0, max: 5_000_000 }),
  ground: groundArb,
  requestedOn: dateArb,
  qualityMarkWithdrawnOn: fc.option(dateArb),
  groundApproved: fc.option(fc.boolean(), { nil: undefined }),
});

describe('quoteTermination: properties', () => {
  it('money identities hold and every number is an integer', () => {
    fc.assert(
      fc.property(quoteInputArb, (input) => {
        const r = quoteTermination(input);
        if (!r.ok) return;
        const q = r.quote;
        // Never both a refund and something left to invoice.
        expect(q.refundToLoanCents > 0 && q.stillInvoiceableCents > 0).toBe(false);
        expect(q.paidCents - q.feesDueCents).toBe(q.refundToLoanCents - q.stillInvoiceableCents);
        expect(q.refundToLoanCents).toBeGreaterThanOrEqual(0);
        expect(q.stillInvoiceableCents).toBeGreaterThanOrEqual(0);
        expect(q.paidInAdvance).toBe(q.refundToLoanCents > 0);
        for (const n of [
          q.deliveredMinutes,
          q.scheduledMinutes,
          q.chargeableMinutes,
          q.feesDueCents,
          q.paidCents,
          q.refundToLoanCents,
          q.stillInvoiceableCents,
        ]) {
          expect(Number.isSafeInteger(n)).toBe(true);
        }
        for (const line of q.lines) {
          if (line.minutes !== undefined) expect(Number.isSafeInteger(line.minutes)).toBe(true);
          if (line.cents !== undefined) expect(Number.isSafeInteger(line.cents)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('fees never exceed the planned hours at the hourly rate', () => {
    fc.assert(
      fc.property(quoteInputArb, (input) => {
        const r = quoteTermination(input);
        if (!r.ok) return;
        const { plannedHours, hourlyRateCents } = input.terms;
        expect(r.quote.chargeableMinutes).toBeLessThanOrEqual(plannedHours * 60);
        expect(r.quote.feesDueCents).toBeLessThanOrEqual(
          roundHalfUpDiv(plannedHours * 60 * hourlyRateCents, 60),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('other grounds schedule nothing and charge only what was given', () => {
    fc.assert(
      fc.property(quoteInputArb, (input) => {
        const r = quoteTermination({ ...input, ground: 'moved' });
        if (!r.ok) return;
        expect(r.quote.effectiveDate).toBe(input.requestedOn);
        expect(r.quote.scheduledMinutes).toBe(0);
        expect(r.quote.chargeableMinutes).toBeLessThanOrEqual(r.quote.deliveredMinutes);
      }),
    );
  });

  it('refusals happen only for the documented reasons', () => {
    fc.assert(
      fc.property(quoteInputArb, (input) => {
        const r = quoteTermination(input);
        const afterEnd = input.requestedOn > input.terms.plannedEndDate;
        const markHeld =
          input.ground === 'school_lost_quality_mark' &&
          (input.qualityMarkWithdrawnOn === null || input.qualityMarkWithdrawnOn > input.requestedOn);
        expect(r.ok).toBe(!afterEnd && !markHeld);
      }),
      { numRuns: 500 },
    );
  });

  it('notice: the effective date is never after the planned end, nor before the request unless the planned end is', () => {
    fc.assert(
      fc.property(termsArb, dateArb, (t, requestedOn) => {
        const eff = effectiveDate(t, 'notice', requestedOn);
        expect(eff <= t.plannedEndDate).toBe(true);
        if (t.plannedEndDate >= requestedOn) expect(eff >= requestedOn).toBe(true);
        // The minimum term: never before start + 3 months unless the planned end is.
        const minTerm = addMonths(t.startDate, 3);
        expect(eff >= (minTerm < t.plannedEndDate ? minTerm : t.plannedEndDate)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('lessonRefusal', () => {
  it('refuses online literacy from 2019-01-01 and accepts it on 2018-12-31', () => {
    expect(
      lessonRefusal({ courseType: 'literacy' }, { date: '2019-01-01', minutes: 60, mode: 'online' }),
    ).toMatch(/literacy/);
    expect(
      lessonRefusal({ courseType: 'literacy' }, { date: '2018-12-31', minutes: 60, mode: 'online' }),
    ).toBeNull();
    expect(
      lessonRefusal({ courseType: 'literacy' }, { date: '2026-03-02', minutes: 60, mode: 'classroom' }),
    ).toBeNull();
    expect(
      lessonRefusal({ courseType: 'nt2' }, { date: '2026-03-02', minutes: 60, mode: 'online' }),
    ).toBeNull();
  });

  it('needs whole minutes from 1 to 720 and a real date', () => {
    const ok = { date: '2026-03-02', mode: 'classroom' as const };
    expect(lessonRefusal({ courseType: 'nt2' }, { ...ok, minutes: 1 })).toBeNull();
    expect(lessonRefusal({ courseType: 'nt2' }, { ...ok, minutes: 720 })).toBeNull();
    for (const minutes of [0, -5, 721, 30.5, Number.NaN]) {
      expect(lessonRefusal({ courseType: 'nt2' }, { ...ok, minutes })).toMatch(/minutes/);
    }
    expect(
      lessonRefusal({ courseType: 'nt2' }, { date: '2026-02-30', minutes: 60, mode: 'classroom' }),
    ).toMatch(/date/);
  });
});

describe('exemptionHours', () => {
  const online = (date: IsoDate, minutes = 60): Lesson => ({ date, minutes, mode: 'online' });

  it('counts online hours given in 2018', () => {
    const h = exemptionHours({ signedOn: '2019-02-01', courseType: 'nt2' }, [online('2018-11-05')]);
    expect(h.languageCountableMinutes).toBe(60);
    expect(h.notCountedMinutes).toBe(0);
  });

  it('counts 2019 online hours until 2019-06-01 for contracts signed before 2019', () => {
    const h = exemptionHours({ signedOn: '2018-10-01', courseType: 'nt2' }, [
      online('2019-03-04'),
      online('2019-05-31'),
    ]);
    expect(h.languageCountableMinutes).toBe(120);
    expect(h.notCountedMinutes).toBe(0);
  });

  it('does not count 2019 online hours for contracts signed in 2019', () => {
    const h = exemptionHours({ signedOn: '2019-02-01', courseType: 'nt2' }, [online('2019-03-04')]);
    expect(h.languageCountableMinutes).toBe(0);
    expect(h.notCountedMinutes).toBe(60);
  });

  it('does not count online hours from 2019-06-01 for any contract', () => {
    for (const signedOn of ['2017-05-01', '2018-12-31', '2019-01-01', '2020-01-01']) {
      const h = exemptionHours({ signedOn, courseType: 'ona' }, [online('2019-06-01')]);
      expect(h.onaCountableMinutes).toBe(0);
      expect(h.notCountedMinutes).toBe(60);
    }
  });

  it('always counts classroom hours; ONA to the 64-hour norm, NT2 and literacy to the 600-hour norm', () => {
    const classroom: Lesson = { date: '2026-03-02', minutes: 90, mode: 'classroom' };
    const ona = exemptionHours({ signedOn: '2026-01-01', courseType: 'ona' }, [
      classroom,
      online('2026-03-03'),
    ]);
    expect(ona).toEqual({
      onaCountableMinutes: 90,
      languageCountableMinutes: 0,
      onaNormMinutes: 3840,
      languageNormMinutes: 36000,
      notCountedMinutes: 60,
    });
    const lit = exemptionHours({ signedOn: '2026-01-01', courseType: 'literacy' }, [classroom]);
    expect(lit.languageCountableMinutes).toBe(90);
    expect(lit.onaCountableMinutes).toBe(0);
  });

  it('every minute is either counted or not (property)', () => {
    fc.assert(
      fc.property(termsArb, fc.array(lessonArb, { maxLength: 40 }), (t, ls) => {
        const h = exemptionHours(t, ls);
        const total = ls.reduce((s, l) => s + l.minutes, 0);
        expect(h.onaCountableMinutes + h.languageCountableMinutes + h.notCountedMinutes).toBe(total);
        const classroom = ls.filter((l) => l.mode === 'classroom').reduce((s, l) => s + l.minutes, 0);
        expect(h.notCountedMinutes).toBeLessThanOrEqual(total - classroom);
      }),
    );
  });
});

describe('invoices', () => {
  it('paidCents counts only paid invoices', () => {
    const invoices: Invoice[] = [
      { invoiceDate: '2026-02-01', amountCents: 1000, status: 'paid' },
      { invoiceDate: '2026-03-01', amountCents: 2000, status: 'refused' },
      { invoiceDate: '2026-04-01', amountCents: 4000, status: 'disputed' },
      { invoiceDate: '2026-05-01', amountCents: 8000, status: 'paid' },
    ];
    expect(paidCents(invoices)).toBe(9000);
    expect(paidCents([])).toBe(0);
  });

  it('quarterOf', () => {
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01')).toBe('2026-Q2');
    expect(quarterOf('2026-06-30')).toBe('2026-Q2');
    expect(quarterOf('2026-09-30')).toBe('2026-Q3');
    expect(quarterOf('2026-12-31')).toBe('2026-Q4');
    expect(QUARTER_CAP_CENTS).toBe(200000);
  });

  const allLessons = monWedLessons('2026-01-05', '2026-12-16');
  const flagsFor = (invoices: Invoice[], others?: Invoice[], ls: Lesson[] = allLessons) =>
    invoiceFlags({ terms, lessons: ls, invoices, otherSchoolsInvoices: others });

  it('flags an invoice for more than the lessons given by its date', () => {
    // By 2026-01-10: lessons on 5 and 7 January, 480 minutes = 10392 cents.
    expect(flagsFor([{ invoiceDate: '2026-01-10', amountCents: 10392, status: 'paid' }])).toEqual([]);
    const flags = flagsFor([{ invoiceDate: '2026-01-10', amountCents: 10393, status: 'paid' }]);
    expect(flags.map((f) => f.code)).toEqual(['invoiced_in_advance']);
    expect(flags[0].invoiceDate).toBe('2026-01-10');
  });

  it('counts a lesson on the invoice date as given, and the invoices cumulatively', () => {
    // 2026-01-07 is a lesson day: 480 minutes given by then.
    expect(flagsFor([{ invoiceDate: '2026-01-07', amountCents: 10392, status: 'paid' }])).toEqual([]);
    const flags = flagsFor([
      { invoiceDate: '2026-01-07', amountCents: 6000, status: 'paid' },
      { invoiceDate: '2026-01-08', amountCents: 6000, status: 'disputed' },
      { invoiceDate: '2026-01-08', amountCents: 1, status: 'refused' },
    ]);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ invoiceDate: '2026-01-08', code: 'invoiced_in_advance' });
  });

  it('ignores refused invoices', () => {
    expect(flagsFor([{ invoiceDate: '2026-01-10', amountCents: 9_999_999, status: 'refused' }])).toEqual([]);
  });

  it('flags every invoice that crosses or stays over the quarter cap', () => {
    const flags = flagsFor([
      { invoiceDate: '2026-04-20', amountCents: 150000, status: 'paid' },
      { invoiceDate: '2026-05-20', amountCents: 50000, status: 'paid' }, // exactly at the cap: fine
      { invoiceDate: '2026-06-20', amountCents: 1, status: 'paid' }, // crosses
      { invoiceDate: '2026-06-25', amountCents: 1, status: 'disputed' }, // stays over
      { invoiceDate: '2026-07-01', amountCents: 1000, status: 'paid' }, // next quarter
    ]);
    expect(flags.filter((f) => f.code === 'over_quarter_cap').map((f) => f.invoiceDate)).toEqual([
      '2026-06-20',
      '2026-06-25',
    ]);
    expect(flags.filter((f) => f.code === 'invoiced_in_advance')).toEqual([]);
  });

  it("counts the student's invoices under other contracts in the same quarter", () => {
    const own: Invoice[] = [{ invoiceDate: '2026-05-20', amountCents: 60000, status: 'paid' }];
    const flagged = flagsFor(own, [{ invoiceDate: '2026-04-02', amountCents: 150000, status: 'paid' }]);
    expect(flagged.map((f) => f.code)).toEqual(['over_quarter_cap']);
    expect(flagged[0].detail).toContain('2026-Q2');
    // Another quarter, or refused, or later than this invoice: no flag.
    expect(flagsFor(own, [{ invoiceDate: '2026-03-31', amountCents: 150000, status: 'paid' }])).toEqual([]);
    expect(flagsFor(own, [{ invoiceDate: '2026-04-02', amountCents: 150000, status: 'refused' }])).toEqual(
      [],
    );
    expect(flagsFor(own, [{ invoiceDate: '2026-06-02', amountCents: 150000, status: 'paid' }])).toEqual([]);
  });

  it("same-day invoices of other contracts count before this contract's", () => {
    const flagged = flagsFor(
      [{ invoiceDate: '2026-05-20', amountCents: 60000, status: 'paid' }],
      [{ invoiceDate: '2026-05-20', amountCents: 150000, status: 'paid' }],
    );
    expect(flagged.map((f) => f.code)).toEqual(['over_quarter_cap']);
  });

  it('flags nothing when invoices follow the lessons and stay under the cap (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 349 }), { maxLength: 20 }), (offsets) => {
        // One invoice per chosen day for exactly the lessons given that day: never ahead, at most
        // 26 lessons (Mon/Wed) per quarter = 26 * 5196 = 135096 cents, under the cap.
        const days = [...new Set(offsets)].map((o) => addDays('2026-01-05', o));
        const invoices: Invoice[] = days
          .map((d) => allLessons.filter((l) => l.date === d))
          .filter((ls) => ls.length > 0)
          .map((ls) => ({
            invoiceDate: ls[0].date,
            amountCents: roundHalfUpDiv(ls[0].minutes * terms.hourlyRateCents, 60),
            status: 'paid' as const,
          }));
        expect(flagsFor(invoices)).toEqual([]);
      }),
    );
  });
});
