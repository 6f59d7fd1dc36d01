import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { StaffUser } from '../../src/auth/users.repository.js';
import { addDays } from '../../src/common/dates.js';
import { parseOrThrow } from '../../src/common/validation.js';
import { ComplaintsService } from '../../src/complaints/complaints.service.js';
import { ContractDetailService } from '../../src/contracts/contract-detail.service.js';
import {
  lessonsBody,
  listContractsQuery,
  publicTerminationBody,
  staffTerminationBody,
} from '../../src/contracts/contracts.dto.js';
import type { TerminationGround } from '../../src/contracts/contracts.rules.js';
import { ContractsService } from '../../src/contracts/contracts.service.js';
import { RefundsService } from '../../src/contracts/refunds.service.js';
import { isWeighty } from '../../src/contracts/terminations.rules.js';
import { TerminationsService } from '../../src/contracts/terminations.service.js';
import {
  MediumContext,
  monWedLessons,
  problem,
  startMedium,
  workedExampleProgress,
} from '../support/medium.js';

/**
 * Contracts, terminations and refunds through their services (moved from test/api/contracts.test.ts:
 * the routes, their access and their JSON answers stay tested there).
 */
let ctx: MediumContext;
let contracts: ContractsService;
let terminations: TerminationsService;
let intake: StaffUser;

beforeAll(async () => {
  ctx = await startMedium({ mail: true });
  contracts = ctx.get(ContractsService);
  terminations = ctx.get(TerminationsService);
  intake = await ctx.newStaff('intake');
});
afterAll(async () => {
  await ctx?.stop();
});

/** The quote as the quote route asks it: a weighty reason before its approval, saying so. */
async function quote(contractId: string, ground: TerminationGround, requestedOn: string) {
  return contracts.quote(await contracts.get(contractId), ground, requestedOn, {
    groundApproved: isWeighty(ground) ? false : undefined,
  });
}
const detail = (id: string) => ctx.get(ContractDetailService).detail(id);
const requestTermination = (id: string, body: Record<string, unknown>, by: StaffUser = ctx.admin) =>
  terminations.request(id, parseOrThrow(staffTerminationBody, body), ctx.actor(by));
/** What a function threw (a schema refusal is thrown, not returned). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('nothing was thrown');
}

describe('contracts: the register', () => {
  it('lists contracts by school and status in keyset pages', async () => {
    const school = await ctx.newSchool();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await ctx.newContract({ schoolId: school.id })).id);
    const list = (q: Record<string, unknown>) =>
      contracts.list(parseOrThrow(listContractsQuery, { schoolId: school.id, ...q }));
    const first = await list({ status: 'active', limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list({ status: 'active', limit: 2, cursor: first.nextCursor });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const seen = [...first.items, ...second.items].map((c: { id: string }) => c.id);
    // Newest first, each contract once.
    expect(seen).toEqual([...ids].reverse());
    expect((await list({ status: 'terminated' })).items).toEqual([]);
  });
});

describe('contracts: the worked example of domain-rules.md section 4', () => {
  it('notice on 2026-04-10: effective 2026-05-10, fees EUR 1,900.22, refund EUR 99.78', async () => {
    const c = await ctx.newContract(workedExampleProgress());
    const [invoice] = (await contracts.invoicesWithFlags(c)).invoices;
    // Paid before the lessons it covers: flagged. EUR 2,000.00 in one quarter is at the cap, not over it.
    expect(invoice.flags.map((f) => f.code)).toEqual(['invoiced_in_advance']);
    expect((await contracts.invoicesWithFlags(c)).paidCents).toBe(200000);

    const q = await quote(c.id, 'notice', '2026-04-10');
    expect(q).toMatchObject({
      effectiveDate: '2026-05-10',
      chargeableMinutes: 8777,
      feesDueCents: 190022,
      paidCents: 200000,
      refundToLoanCents: 9978,
      stillInvoiceableCents: 0,
      deliveredMinutes: 6720,
      scheduledMinutes: 2057,
    });
    expect(q.lines.filter((l) => l.minutes !== undefined).map((l) => l.minutes)).toEqual([6720, 2057, 8777]);
    expect(q.lines.filter((l) => l.cents !== undefined).map((l) => l.cents)).toEqual([
      190022, 200000, 9978, 0,
    ]);
    for (const line of q.lines) expect(line.label).toEqual(expect.any(String));
  });

  it('same contract, student moved, requested 2026-04-10: fees EUR 1,454.88, refund EUR 545.12', async () => {
    const c = await ctx.newContract(workedExampleProgress());
    const q = await quote(c.id, 'moved', '2026-04-10');
    expect(q).toMatchObject({
      effectiveDate: '2026-04-10',
      chargeableMinutes: 6720,
      feesDueCents: 145488,
      paidCents: 200000,
      refundToLoanCents: 54512,
      stillInvoiceableCents: 0,
    });
    // Quoted before approval, and it says so.
    expect(q.lines.some((l) => /staff approval/.test(l.label))).toBe(true);
  });

  it('409 school_still_holds_mark for the quality-mark ground while the school holds its mark', async () => {
    const c = await ctx.newContract(workedExampleProgress());
    await expect(quote(c.id, 'school_lost_quality_mark', '2026-04-10')).rejects.toMatchObject(
      problem(409, 'school_still_holds_mark'),
    );
    await expect(
      requestTermination(c.id, { ground: 'school_lost_quality_mark', requestedOn: '2026-04-10' }),
    ).rejects.toMatchObject(problem(409, 'school_still_holds_mark'));
    await expect(quote(c.id, 'notice', '2026-12-19')).rejects.toMatchObject(
      problem(409, 'requested_after_planned_end'),
    );
  });
});

describe('contracts: the school must hold the mark on the signed-on date (2026-12)', () => {
  it('422 school_suspended during a suspension (any funder), 422 school_not_certified_for_loan for a loan after withdrawal', async () => {
    // Registered with the mark; suspended from 2025-01-01, the mark back on 2025-07-01, withdrawn
    // on 2025-10-01. Fixed dates well in the past: the rule reads the history, not today.
    const school = await ctx.newSchool();
    const mark = (status: 'suspended' | 'keurmerk' | 'withdrawn', effectiveOn: string) =>
      contracts.changeQualityMark(school.id, { status, effectiveOn, reason: 'test' }, ctx.actor());
    await mark('suspended', '2025-01-01');
    await mark('keurmerk', '2025-07-01');
    const at = (signedOn: string, funder: 'duo_loan' | 'municipality' | 'self') =>
      ctx.newContract({
        schoolId: school.id,
        signedOn,
        startDate: addDays(signedOn, 7),
        plannedEndDate: addDays(signedOn, 300),
        funder,
      });

    // The school holds the mark today, but not on the signed-on date.
    for (const funder of ['duo_loan', 'municipality', 'self'] as const) {
      await expect(at('2025-03-01', funder)).rejects.toMatchObject(problem(422, 'school_suspended'));
    }
    await at('2024-12-31', 'duo_loan');
    await at('2025-07-01', 'duo_loan');

    await mark('withdrawn', '2025-10-01');
    await expect(at('2025-10-01', 'duo_loan')).rejects.toMatchObject(
      problem(422, 'school_not_certified_for_loan', {
        errors: [{ field: 'funder', message: expect.any(String) }],
      }),
    );
    await at('2025-10-01', 'municipality');
    await at('2025-09-30', 'duo_loan');

    // An aspirant school may take a DUO loan student.
    const aspirant = await ctx.newSchool({ qualityMark: 'aspirant' });
    await expect(ctx.newContract({ schoolId: aspirant.id })).resolves.toMatchObject({ status: 'active' });
  });
});

describe('contracts: lessons, exemption hours and invoices', () => {
  it('records lessons all or nothing: one online literacy lesson from 2019 refuses the batch with 422 naming it', async () => {
    const c = await ctx.newContract({
      courseType: 'literacy',
      educationLevel: 'illiterate',
      signedOn: '2018-10-01',
      startDate: '2018-11-01',
      plannedEndDate: '2019-12-20',
    });
    const batch = [
      { date: '2018-12-03', minutes: 60, mode: 'classroom' },
      { date: '2018-12-10', minutes: 60, mode: 'online' }, // 2018: allowed, and it counts
      { date: '2019-01-07', minutes: 60, mode: 'classroom' },
      { date: '2019-01-09', minutes: 60, mode: 'online' }, // online literacy from 2019: refused
      { date: '2019-01-14', minutes: 60, mode: 'classroom' },
    ] as const;
    const add = (lessons: readonly object[]) =>
      contracts.addLessons(c.id, parseOrThrow(lessonsBody, { lessons }).lessons, ctx.actor());
    await expect(add(batch)).rejects.toMatchObject(
      problem(422, 'lesson_refused', {
        errors: [{ field: 'lessons.3.mode', message: expect.stringContaining('literacy') }],
      }),
    );
    expect((await detail(c.id)).lessonsSummary.count).toBe(0);

    const tooLong = add([{ date: '2019-02-04', minutes: 721, mode: 'classroom' }]);
    await expect(tooLong).rejects.toMatchObject({ status: 422, errors: [{ field: 'lessons.0.minutes' }] });
    expect(thrown(() => add([{ date: '2019-02-04', minutes: 30.5, mode: 'classroom' }]))).toMatchObject({
      status: 400,
    });

    expect(await add(batch.filter((_, i) => i !== 3))).toEqual({ added: 4 });
    expect((await detail(c.id)).lessonsSummary).toMatchObject({
      count: 4,
      totalMinutes: 240,
      classroomMinutes: 180,
      onlineMinutes: 60,
    });
    expect(await contracts.exemptionHours(c.id)).toEqual({
      onaCountableMinutes: 0,
      languageCountableMinutes: 240,
      onaNormMinutes: 3840,
      languageNormMinutes: 36000,
      notCountedMinutes: 0,
    });
  });

  it('counts online ONA hours by the 2019 cut-over and the transitional arrangement', async () => {
    const online = [
      { date: '2019-03-04', minutes: 90, mode: 'online' }, // counts only under the transitional arrangement
      { date: '2019-06-03', minutes: 45, mode: 'online' }, // never counts
      { date: '2019-06-05', minutes: 120, mode: 'classroom' }, // always counts
    ] as const;
    const school = await ctx.newSchool();
    const ona = {
      schoolId: school.id,
      courseType: 'ona',
      plannedEndDate: '2019-12-20',
      lessons: online,
    } as const;
    const before = await ctx.newContract({ ...ona, signedOn: '2018-12-01', startDate: '2018-12-03' });
    const after = await ctx.newContract({ ...ona, signedOn: '2019-01-02', startDate: '2019-01-07' });
    expect(await contracts.exemptionHours(before.id)).toMatchObject({
      onaCountableMinutes: 210,
      notCountedMinutes: 45,
    });
    expect(await contracts.exemptionHours(after.id)).toMatchObject({
      onaCountableMinutes: 120,
      notCountedMinutes: 135,
    });
  });

  it('flags an invoice in advance of the lessons and one over EUR 2,000 a quarter across schools; only paid counts as paid', async () => {
    const [schoolA, schoolB] = [await ctx.newSchool(), await ctx.newSchool()];
    const email = `cap${Date.now()}@contracts.test`;
    const lessons = monWedLessons('2026-04-01', '2026-06-30');
    const a = await ctx.newContract({
      schoolId: schoolA.id,
      student: { name: 'Cap Student', email, language: 'nl' },
      lessons,
    });
    const b = await ctx.newContract({
      schoolId: schoolB.id,
      student: { name: 'Cap Student', email: email.toUpperCase(), language: 'nl' },
      hourlyRateCents: 2000,
      lessons,
    });

    // By 2026-06-10, 21 lessons of 4 hours at EUR 20.00 were given at B: EUR 1,680.00, so EUR 1,500.00 is not in advance.
    const invoice = (
      id: string,
      invoiceDate: string,
      amountCents: number,
      status: 'paid' | 'disputed' | 'refused',
    ) => contracts.addInvoice(id, { invoiceDate, amountCents, status }, ctx.actor());
    expect((await invoice(b.id, '2026-06-10', 150000, 'paid')).flags).toEqual([]);
    const atA = await invoice(a.id, '2026-06-15', 60000, 'disputed');
    expect(atA.flags.map((f) => f.code)).toEqual(['over_quarter_cap']);
    expect(atA.paidCents).toBe(0); // disputed is not paid

    // Invoiced before any lesson it covers.
    const c = await ctx.newContract({ schoolId: schoolA.id });
    expect((await invoice(c.id, '2026-01-02', 1000, 'paid')).flags.map((f) => f.code)).toEqual([
      'invoiced_in_advance',
    ]);
    expect((await invoice(c.id, '2026-01-03', 5000, 'refused')).flags).toEqual([]);
    const d = await detail(c.id);
    expect(d.paidCents).toBe(1000);
    expect(d.invoices.map((i) => i.flags.map((f) => f.code))).toEqual([['invoiced_in_advance'], []]);
  });
});

describe('contracts: the quality mark', () => {
  it('on withdrawal every contract active on the date gains the ground; each student is emailed once, also when run twice', async () => {
    const smtp = ctx.smtp!;
    const school = await ctx.newSchool();
    const stamp = Date.now();
    const en = `qm-en-${stamp}@contracts.test`;
    const nl = `qm-nl-${stamp}@contracts.test`;
    const two = `qm-two-${stamp}@contracts.test`;
    const later = `qm-later-${stamp}@contracts.test`;
    const ended = `qm-ended-${stamp}@contracts.test`;
    const at = { schoolId: school.id };
    const a = await ctx.newContract({ ...at, student: { name: 'Amina', email: en, language: 'en' } });
    await ctx.newContract({
      ...at,
      student: { name: 'Bram', email: nl, language: 'nl' },
      funder: 'municipality',
    });
    await ctx.newContract({ ...at, student: { name: 'Chen', email: two, language: 'en' } });
    await ctx.newContract({
      ...at,
      student: { name: 'Chen', email: two, language: 'en' },
      courseType: 'ona',
    });
    // Signed after the withdrawal, and ended before it: not affected.
    await ctx.newContract({
      ...at,
      student: { name: 'Dana', email: later, language: 'en' },
      signedOn: '2026-03-02',
      startDate: '2026-03-09',
    });
    await ctx.newContract({
      ...at,
      student: { name: 'Eli', email: ended, language: 'en' },
      signedOn: '2025-09-01',
      startDate: '2025-09-01',
      plannedEndDate: '2026-02-27',
    });

    const withdraw = (effectiveOn: string, reason = 'Repeated DigiD misuse confirmed') =>
      contracts.changeQualityMark(school.id, { status: 'withdrawn', effectiveOn, reason }, ctx.actor());
    await expect(withdraw(addDays(ctx.today(), 1), 'Announced')).rejects.toMatchObject(
      problem(422, 'withdrawal_in_future'),
    );
    const first = await withdraw('2026-03-01');
    expect(first.school).toMatchObject({ id: school.id, qualityMark: 'withdrawn' });
    expect(first.affectedContracts).toBe(4);
    expect(first.studentsNotified).toBe(3);

    await smtp.waitFor(
      () => [en, nl, two].every((x) => smtp.to(x).length === 1),
      15_000,
      'quality-mark emails',
    );
    expect(smtp.to(en)[0].subject).toContain('no longer has the quality mark');
    expect(smtp.to(en)[0].text).toContain('DUO loan');
    expect(smtp.to(nl)[0].subject).toContain('geen keurmerk meer');
    expect(smtp.to(nl)[0].text).toContain('gemeente');
    expect(smtp.to(two)[0].text).toMatch(/C-\d+-\w+, C-\d+-\w+/);

    const second = await withdraw('2026-03-01');
    expect(second.affectedContracts).toBe(4);
    expect(second.newlyAffected).toBe(0);
    expect(second.studentsNotified).toBe(0);
    const [{ count }] = await ctx.dataSource.query(
      `SELECT count(*)::int AS count FROM outbox WHERE template = 'quality_mark_withdrawn' AND recipient = ANY($1)`,
      [[en, nl, two, later, ended]],
    );
    expect(count).toBe(3);
    await new Promise((r) => setTimeout(r, 500));
    for (const x of [en, nl, two]) expect(smtp.to(x)).toHaveLength(1);
    for (const x of [later, ended]) expect(smtp.to(x)).toHaveLength(0);

    // The ground now applies from the withdrawal date, not before it.
    expect((await quote(a.id, 'school_lost_quality_mark', '2026-03-10')).effectiveDate).toBe('2026-03-10');
    await expect(quote(a.id, 'school_lost_quality_mark', '2026-02-20')).rejects.toMatchObject(
      problem(409, 'school_still_holds_mark'),
    );

    // A contract registered afterwards that was active on that date gains the ground too.
    const late = `qm-imported-${stamp}@contracts.test`;
    const imported = await ctx.newContract({
      ...at,
      student: { name: 'Fatima', email: late, language: 'nl' },
    });
    expect(imported.qualityMarkGroundOn).toBe('2026-03-01');
    await smtp.waitFor(() => smtp.to(late).length === 1, 15_000, 'email for the late contract');
  });
});

describe('contracts: terminations and refunds', () => {
  it('a notice termination made effective ends the contract, emails student and school, and creates one DUO refund instruction', async () => {
    const smtp = ctx.smtp!;
    const school = await ctx.newSchool();
    const c = await ctx.newContract({ schoolId: school.id, ...workedExampleProgress() });
    const t = await requestTermination(c.id, { ground: 'notice', requestedOn: '2026-04-10' }, intake);
    expect(t).toMatchObject({
      ground: 'notice',
      status: 'approved',
      source: 'staff',
      allowedActions: ['uploadEvidence', 'makeEffective', 'reject'],
    });
    await expect(
      requestTermination(c.id, { ground: 'moved', requestedOn: '2026-04-11' }, intake),
    ).rejects.toMatchObject(problem(409, 'termination_already_open'));

    const done = await terminations.makeEffective(c.id, t.id, ctx.actor());
    expect(done).toMatchObject({ status: 'effective', effectiveDate: '2026-05-10' });
    expect(done.quote).toMatchObject({ feesDueCents: 190022, refundToLoanCents: 9978, payer: 'duo' });

    const d = await detail(c.id);
    expect(d).toMatchObject({ status: 'terminated', endedOn: '2026-05-10' });
    expect(d.refundInstructions).toEqual([
      expect.objectContaining({
        payer: 'duo',
        amountCents: 9978,
        status: 'pending',
        batchId: null,
        terminationId: t.id,
      }),
    ]);
    expect(d.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining([
        'contract_registered',
        'lessons_added',
        'invoice_recorded',
        'termination_requested',
        'termination_effective',
      ]),
    );
    await expect(terminations.makeEffective(c.id, t.id, ctx.actor())).rejects.toMatchObject(
      problem(409, 'illegal_transition'),
    );
    await expect(quote(c.id, 'notice', '2026-04-10')).rejects.toMatchObject(
      problem(409, 'contract_already_ended'),
    );
    // No lessons after the end.
    await expect(
      contracts.addLessons(c.id, [{ date: '2026-05-11', minutes: 60, mode: 'classroom' }], ctx.actor()),
    ).rejects.toMatchObject({ status: 422, errors: [{ field: 'lessons.0.date' }] });

    // The student's email shows the same quote, line by line; the school's is in Dutch.
    await smtp.waitFor(
      () => smtp.to(c.studentEmail).length === 1 && smtp.to(school.complaintsEmail).length === 1,
      15_000,
      'termination emails',
    );
    const mail = smtp.to(c.studentEmail)[0];
    expect(mail.subject).toContain('has ended');
    expect(mail.text).toContain('2026-05-10');
    expect(mail.text).toContain('Tuition due: EUR 1,900.22');
    expect(mail.text).toContain('Refund to the loan: EUR 99.78');
    expect(mail.text).toContain('Chargeable lesson time: 146 hours 17 minutes');
    expect(mail.text).toContain('goes back to your DUO loan');
    const schoolMail = smtp.to(school.complaintsEmail)[0];
    expect(schoolMail.text).toContain('€ 99,78');
    expect(schoolMail.text).toContain('€ 1.900,22');
  });

  it('the arbitration ground needs a complaint at this school in which the student was vindicated', async () => {
    const school = await ctx.newSchool();
    const other = await ctx.newSchool();
    const c = await ctx.newContract({ schoolId: school.id, ...workedExampleProgress() });
    const student = { name: c.studentName, email: c.studentEmail, language: 'en' as const };
    const here = await ctx.newComplaint({ stage: 'intake', schoolId: school.id, student });
    const there = await ctx.newComplaint({ stage: 'intake', schoolId: other.id, student });
    const someoneElse = await ctx.newComplaint({ stage: 'intake', schoolId: school.id });
    // An arbitration committee's outcome: reached only after months of arbitration.
    await ctx.dataSource.query(
      `UPDATE cases SET arbitration_outcome = 'student_vindicated' WHERE reference = ANY($1)`,
      [[here.reference, there.reference, someoneElse.reference]],
    );
    const arbitration = (complaintReference?: string) =>
      requestTermination(c.id, {
        ground: 'arbitration_vindicated',
        requestedOn: '2026-04-10',
        ...(complaintReference ? { complaintReference } : {}),
      });

    await expect(arbitration()).rejects.toMatchObject({
      status: 422,
      errors: [{ field: 'complaintReference' }],
    });
    const wrongSchool = await arbitration(there.reference).catch((e: Error) => e);
    expect(wrongSchool).toMatchObject(problem(409, 'arbitration_not_vindicated'));
    // Another student's vindicated complaint at the same school is no ground for this contract.
    const notTheirs = await arbitration(someoneElse.reference).catch((e: Error) => e);
    expect(notTheirs).toMatchObject(problem(409));
    expect((notTheirs as Error).message).toBe(
      (wrongSchool as Error).message.replace(there.reference, someoneElse.reference),
    );
    const ok = await arbitration(here.reference.toLowerCase());
    expect(ok).toMatchObject({ status: 'requested', complaintReference: here.reference });
    const timeline = await ctx.get(ComplaintsService).detail(here.reference);
    expect(timeline.events.map((e: { kind: string }) => e.kind)).toContain('contract_termination_requested');
  });

  it('two concurrent batch exports put each pending refund instruction in exactly one batch', async () => {
    const refunds = ctx.get(RefundsService);
    const school = await ctx.newSchool();
    for (let i = 0; i < 6; i++) {
      const c = await ctx.newContract({
        schoolId: school.id,
        invoices: [{ invoiceDate: '2026-02-02', amountCents: 10000 + i, status: 'paid' }],
      });
      const t = await requestTermination(c.id, { ground: 'moved', requestedOn: '2026-01-05' });
      await terminations.uploadEvidence(
        c.id,
        t.id,
        { bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), fileName: 'proof.jpg', viaJson: true },
        ctx.actor(),
      );
      expect(await terminations.approve(c.id, t.id, undefined, ctx.actor(), ctx.admin.roles)).toMatchObject({
        status: 'approved',
      });
      expect(await terminations.makeEffective(c.id, t.id, ctx.actor())).toMatchObject({
        status: 'effective',
      });
    }
    const pendingIds: string[] = (await refunds.pending('duo', 1000)).items
      .map((i: { id: string }) => i.id)
      .sort();
    expect(pendingIds.length).toBeGreaterThanOrEqual(6);

    const results = await Promise.allSettled([
      refunds.exportBatch('duo', ctx.actor()),
      refunds.exportBatch('duo', ctx.actor()),
    ]);
    const batches = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject(problem(409, 'no_pending_refunds'));
    expect(batches.length).toBeGreaterThanOrEqual(1);
    const exported: string[] = batches.flatMap((b) =>
      b.instructions.map((i: { instructionId: string }) => i.instructionId),
    );
    expect(new Set(exported).size).toBe(exported.length); // never in two batches
    expect([...exported].sort()).toEqual(pendingIds); // and every one of them in a batch
    expect((await refunds.pending('duo', 50)).items).toEqual([]);

    // The file, asked again, is the same; its amounts are the instructions' amounts.
    const batch = batches[0];
    const text = await refunds.csv(batch.id);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(batch.instructionCount);
    expect(rows.reduce((s, r) => s + Number(r.amount_cents), 0)).toBe(batch.totalCents);
    for (const r of rows)
      expect(r.amount_eur).toBe(
        `${Math.floor(Number(r.amount_cents) / 100)}.${String(Number(r.amount_cents) % 100).padStart(2, '0')}`,
      );
    expect(await refunds.csv(batch.id)).toBe(text);

    expect((await refunds.confirm(batch.id, ctx.actor())).status).toBe('confirmed');
    await expect(refunds.confirm(batch.id, ctx.actor())).rejects.toMatchObject(
      problem(409, 'batch_already_confirmed'),
    );
    const [{ statuses }] = await ctx.dataSource.query(
      `SELECT array_agg(DISTINCT status) AS statuses FROM refund_instructions WHERE batch_id = $1`,
      [batch.id],
    );
    expect(statuses).toEqual(['confirmed']);
  });
});

describe('contracts: CSV import', () => {
  const header =
    'contractNumber,studentName,studentEmail,studentLanguage,signedOn,startDate,plannedEndDate,courseType,educationLevel,hourlyRateCents,plannedHours,hoursPerWeek,funder';
  const row = (nr: string, over: Partial<Record<string, string>> = {}) => {
    const v = {
      contractNumber: nr,
      studentName: 'Imported Student',
      studentEmail: `${nr.toLowerCase()}@import.test`,
      studentLanguage: 'nl',
      signedOn: '2026-01-10',
      startDate: '2026-02-02',
      plannedEndDate: '2026-12-18',
      courseType: 'nt2',
      educationLevel: 'low',
      hourlyRateCents: '1283',
      plannedHours: '600',
      hoursPerWeek: '"7,5"', // a Dutch decimal comma, quoted
      funder: 'duo_loan',
      ...over,
    };
    return header
      .split(',')
      .map((k) => v[k as keyof typeof v])
      .join(',');
  };
  const importCsv = (csv: string, schoolId: string) => contracts.importCsv(csv, schoolId, ctx.actor());
  const registered = async (schoolId: string) =>
    (await contracts.list(parseOrThrow(listContractsQuery, { schoolId }))).items;

  it('one bad row refuses the whole file with its row number and reason; nothing is imported', async () => {
    const school = await ctx.newSchool();
    const csv = [header, row('IMP-1'), row('IMP-2', { startDate: '2026-13-01' }), row('IMP-3')].join('\n');
    const refused = await importCsv(csv, school.id).catch((e: Error) => e);
    expect(refused).toMatchObject({
      status: 422,
      code: 'import_refused',
      extra: { row: 3 },
      errors: [{ field: 'rows.3.startDate', message: expect.stringContaining('YYYY-MM-DD') }],
    });
    expect((refused as Error).message).toContain('Row 3');

    await expect(importCsv([header, row('IMP-1'), row('IMP-1')].join('\n'), school.id)).rejects.toMatchObject(
      {
        status: 422,
        errors: [{ field: 'rows.3.contractNumber', message: 'the same contract number as row 2' }],
      },
    );
    await expect(importCsv(`${header},bsn\n${row('IMP-9')},123`, school.id)).rejects.toMatchObject({
      status: 422,
      errors: [{ field: 'rows.1.bsn', message: 'unknown column' }],
    });
    expect(await registered(school.id)).toEqual([]);
  });

  it('refuses a DUO loan row at a school without the mark on the signed-on date; nothing is imported', async () => {
    const school = await ctx.newSchool();
    await contracts.changeQualityMark(
      school.id,
      { status: 'withdrawn', effectiveOn: '2025-10-01', reason: 'test' },
      ctx.actor(),
    );
    const csv = [
      header,
      row('QM-1', { signedOn: '2025-09-01', startDate: '2025-09-08', plannedEndDate: '2026-06-30' }),
      row('QM-2', { signedOn: '2025-10-01', startDate: '2025-10-06', plannedEndDate: '2026-06-30' }),
    ].join('\n');
    await expect(importCsv(csv, school.id)).rejects.toMatchObject({
      status: 422,
      code: 'import_refused',
      extra: { row: 3 },
      errors: [{ field: 'rows.3.funder', message: expect.stringContaining('school_not_certified_for_loan') }],
    });
    expect(await registered(school.id)).toEqual([]);
  });
});

describe('contracts: a termination requested after the planned end', () => {
  it('is refused with 409 requested_after_planned_end for staff, and not recorded from the public form', async () => {
    const school = await ctx.newSchool();
    const c = await ctx.newContract({ schoolId: school.id });
    await expect(quote(c.id, 'notice', '2026-12-19')).rejects.toMatchObject(problem(409));
    await expect(
      requestTermination(c.id, { ground: 'notice', requestedOn: '2026-12-19' }),
    ).rejects.toMatchObject(problem(409, 'requested_after_planned_end'));
    for (const ground of ['moved', 'other_weighty_reason']) {
      await expect(
        requestTermination(c.id, {
          ground,
          requestedOn: '2026-12-19',
          ...(ground === 'other_weighty_reason' ? { justification: 'Mantelzorg voor een ouder' } : {}),
        }),
      ).rejects.toMatchObject(problem(409, 'requested_after_planned_end'));
    }
    // On the planned end itself it is still possible.
    await expect(quote(c.id, 'notice', '2026-12-18')).resolves.toMatchObject({
      effectiveDate: expect.any(String),
    });

    // The public form: a contract still active whose planned end has passed; today is after it.
    const today = ctx.today();
    const ended = await ctx.newContract({
      schoolId: school.id,
      signedOn: addDays(today, -400),
      startDate: addDays(today, -390),
      plannedEndDate: addDays(today, -1),
    });
    await terminations.publicRequest(
      parseOrThrow(publicTerminationBody, {
        contractNumber: ended.contractNumber,
        schoolId: school.id,
        studentEmail: ended.studentEmail,
        ground: 'notice',
        requestedOn: today,
      }),
    );
    expect((await detail(ended.id)).terminations).toEqual([]);
  });
});

describe('contracts: another weighty reason (2026-12)', () => {
  it('is quoted like moved, needs a justification and evidence, and only a supervisor approves it', async () => {
    const c = await ctx.newContract(workedExampleProgress());
    const q = await quote(c.id, 'other_weighty_reason', '2026-04-10');
    expect(q).toMatchObject({
      effectiveDate: '2026-04-10',
      chargeableMinutes: 6720,
      feesDueCents: 145488,
      refundToLoanCents: 54512,
    });
    expect(q.lines.some((l) => /staff approval/.test(l.label))).toBe(true);

    const weighty = { ground: 'other_weighty_reason', requestedOn: '2026-04-10' };
    await expect(requestTermination(c.id, weighty)).rejects.toMatchObject({
      status: 422,
      errors: [{ field: 'justification', message: 'required for ground other_weighty_reason' }],
    });
    await expect(
      requestTermination(c.id, { ground: 'moved', requestedOn: '2026-04-10', justification: 'x' }),
    ).rejects.toMatchObject({ status: 422, errors: [{ field: 'justification' }] });
    expect(
      thrown(() => parseOrThrow(staffTerminationBody, { ...weighty, justification: 'x'.repeat(2_001) })),
    ).toMatchObject({ status: 400 });

    const justification = 'De cursist verzorgt haar zieke moeder fulltime en kan de lessen niet meer volgen.';
    const t = await requestTermination(c.id, { ...weighty, justification }, intake);
    expect(t).toMatchObject({ ground: 'other_weighty_reason', status: 'requested', justification });

    // A supervisor without evidence: 409 (who may approve at all is the route's permission: test/api).
    await expect(
      terminations.approve(c.id, t.id, undefined, ctx.actor(), ctx.admin.roles),
    ).rejects.toMatchObject(problem(409, 'evidence_missing'));
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x20)]);
    await terminations.uploadEvidence(
      c.id,
      t.id,
      { bytes: pdf, fileName: 'verklaring.pdf', viaJson: true },
      ctx.actor(intake),
    );
    const approved = await terminations.approve(
      c.id,
      t.id,
      'Zorgtaak aangetoond',
      ctx.actor(),
      ctx.admin.roles,
    );
    expect(approved.status).toBe('approved');
    const effective = await terminations.makeEffective(c.id, t.id, ctx.actor());
    expect(effective).toMatchObject({ status: 'effective', effectiveDate: '2026-04-10' });
    expect(effective.quote).toMatchObject({ feesDueCents: 145488, refundToLoanCents: 54512 });
  });

  it('is accepted from the public form with a justification, refused without one', async () => {
    const today = ctx.today();
    const c = await ctx.newContract({
      signedOn: addDays(today, -60),
      startDate: addDays(today, -50),
      plannedEndDate: addDays(today, 300),
    });
    const body = {
      contractNumber: c.contractNumber,
      schoolId: c.schoolId,
      studentEmail: c.studentEmail,
      ground: 'other_weighty_reason',
      requestedOn: today,
    };
    const publicRequest = (b: Record<string, unknown>) =>
      terminations.publicRequest(parseOrThrow(publicTerminationBody, b));
    await expect(publicRequest(body)).rejects.toMatchObject({
      status: 422,
      errors: [{ field: 'justification', message: 'required for ground other_weighty_reason' }],
    });
    await publicRequest({ ...body, justification: 'Mantelzorg voor mijn vader' });
    expect((await detail(c.id)).terminations).toEqual([
      expect.objectContaining({
        ground: 'other_weighty_reason',
        status: 'requested',
        source: 'student',
        justification: 'Mantelzorg voor mijn vader',
      }),
    ]);
  });
});
