import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { hashPassword } from '../../src/auth/passwords.js';
import { addDays, isoWeekday } from '../../src/common/dates.js';
import { createSchool, fileComplaint } from '../support/factory.js';
import { daysAgo, enrollTotp, Harness, PASSWORD, startHarness, today } from '../support/harness.js';
import { Client, signedIn } from '../support/http.js';

let h: Harness;
let staff: Client; // supervisor: every contract permission
let intake: Client;
let finance: Client;
let n = 0;

beforeAll(async () => {
  h = await startHarness();
  staff = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
  intake = await signedIn(h.baseUrl, h.users.intake.email, PASSWORD);
  await h.dataSource.query(
    `INSERT INTO staff_users (email, name, password_hash, roles, language) VALUES ('finance@bow.test', 'Femke Finance', $1, $2, 'nl')`,
    [await hashPassword(PASSWORD), ['finance']],
  );
  // Finance signs in with a second factor (MFA_REQUIRED_ROLES).
  await enrollTotp(h.dataSource, h.config, 'finance@bow.test');
  finance = await signedIn(h.baseUrl, 'finance@bow.test', PASSWORD);
});
afterAll(async () => {
  await h?.stop();
});

/** The contract of the worked example in domain-rules.md section 4. */
function workedExample(schoolId: string, over: Record<string, unknown> = {}) {
  n += 1;
  return {
    schoolId,
    student: { name: `Student ${n}`, email: `student${n}@contracts.test`, language: 'en' },
    contractNumber: `C-${n}`,
    signedOn: '2025-12-15',
    startDate: '2026-01-05',
    plannedEndDate: '2026-12-18',
    courseType: 'nt2',
    educationLevel: 'middle',
    hourlyRateCents: 1299,
    plannedHours: 360,
    hoursPerWeek: 8,
    funder: 'duo_loan',
    ...over,
  };
}

/** Two 4-hour lessons a week (Monday and Wednesday) from `from` up to and including `to`. */
function monWedLessons(from: string, to: string) {
  const lessons: { date: string; minutes: number; mode: string }[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (isoWeekday(d) === 1 || isoWeekday(d) === 3)
      lessons.push({ date: d, minutes: 240, mode: 'classroom' });
  }
  return lessons;
}

async function contract(schoolId: string, over: Record<string, unknown> = {}) {
  const body = workedExample(schoolId, over);
  const r = await staff.post('/api/contracts', body);
  if (r.status !== 201) throw new Error(`contract not created: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.id as string, body };
}

/** The worked example up to the notice: 28 lessons and EUR 2,000.00 paid from the loan. */
async function workedExampleWithLessons(schoolId: string, over: Record<string, unknown> = {}) {
  const c = await contract(schoolId, over);
  const lessons = await staff.post(`/api/contracts/${c.id}/lessons`, {
    lessons: monWedLessons('2026-01-05', '2026-04-08'),
  });
  expect(lessons.status).toBe(201);
  expect(lessons.body).toEqual({ added: 28 });
  const invoice = await staff.post(`/api/contracts/${c.id}/invoices`, {
    invoiceDate: '2026-04-09',
    amountCents: 200000,
    status: 'paid',
  });
  expect(invoice.status).toBe(201);
  return { ...c, invoice: invoice.body };
}

describe('contracts: register and validate', () => {
  it('registers a contract and refuses the same number at the same school', async () => {
    const school = await createSchool(staff);
    const body = workedExample(school.id, { hoursPerWeek: 2.5 });
    const r = await staff.post('/api/contracts', body);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      schoolId: school.id,
      contractNumber: body.contractNumber,
      student: body.student,
      hoursPerWeek: 2.5,
      hourlyRateCents: 1299,
      status: 'active',
      endedOn: null,
      qualityMarkGroundOn: null,
    });
    const again = await staff.post('/api/contracts', {
      ...body,
      student: { ...body.student, name: 'Someone else' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('contract_number_taken');
    // The same number at another school is another contract.
    const other = await createSchool(staff);
    expect((await staff.post('/api/contracts', { ...body, schoolId: other.id })).status).toBe(201);
  });

  it('refuses unknown fields, bad dates and impossible values with 400, inconsistent dates with 422', async () => {
    const school = await createSchool(staff);
    const unknown = await staff.post('/api/contracts', { ...workedExample(school.id), bsn: '123456782' });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.body.errors).toEqual([{ field: 'bsn', message: 'unknown field' }]);

    const badDate = await staff.post('/api/contracts', workedExample(school.id, { signedOn: '2026-02-30' }));
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors.map((e: { field: string }) => e.field)).toEqual(['signedOn']);

    const floatMoney = await staff.post(
      '/api/contracts',
      workedExample(school.id, { hourlyRateCents: 12.99 }),
    );
    expect(floatMoney.status).toBe(400);
    expect(floatMoney.body.errors.map((e: { field: string }) => e.field)).toEqual(['hourlyRateCents']);

    const threeDecimals = await staff.post(
      '/api/contracts',
      workedExample(school.id, { hoursPerWeek: 2.555 }),
    );
    expect(threeDecimals.status).toBe(400);

    const badEnum = await staff.post('/api/contracts', workedExample(school.id, { funder: 'bank' }));
    expect(badEnum.status).toBe(400);
    expect(badEnum.body.errors[0].field).toBe('funder');

    const backwards = await staff.post(
      '/api/contracts',
      workedExample(school.id, { plannedEndDate: '2026-01-04' }),
    );
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors).toEqual([
      { field: 'plannedEndDate', message: 'cannot be before startDate' },
    ]);

    const noSchool = await staff.post(
      '/api/contracts',
      workedExample('00000000-0000-4000-8000-000000000000'),
    );
    expect(noSchool.status).toBe(422);
    expect(noSchool.body.errors).toEqual([{ field: 'schoolId', message: 'no school with this id' }]);

    const quote = await staff.post('/api/contracts/00000000-0000-4000-8000-000000000000/termination-quote', {
      ground: 'bored',
      requestedOn: '2026-04-10',
    });
    expect(quote.status).toBe(400);
  });

  it('lets finance read but not write, and nobody in without signing in', async () => {
    const school = await createSchool(staff);
    const c = await contract(school.id);
    expect((await finance.get(`/api/contracts/${c.id}`)).status).toBe(200);
    const write = await finance.post('/api/contracts', workedExample(school.id));
    expect(write.status).toBe(403);
    expect((await new Client(h.baseUrl).get(`/api/contracts/${c.id}`)).status).toBe(401);
    expect((await staff.get('/api/contracts/not-a-uuid')).status).toBe(404);
  });

  it('lists contracts by school and status in keyset pages', async () => {
    const school = await createSchool(staff);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await contract(school.id)).id);
    const first = await staff.get(`/api/contracts?schoolId=${school.id}&status=active&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await staff.get(
      `/api/contracts?schoolId=${school.id}&status=active&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const seen = [...first.body.items, ...second.body.items].map((c: { id: string }) => c.id);
    // Newest first, each contract once.
    expect(seen).toEqual([...ids].reverse());
    expect((await staff.get(`/api/contracts?schoolId=${school.id}&status=terminated`)).body.items).toEqual(
      [],
    );
  });
});

describe('contracts: the worked example of domain-rules.md section 4', () => {
  it('notice on 2026-04-10: effective 2026-05-10, fees EUR 1,900.22, refund EUR 99.78', async () => {
    const school = await createSchool(staff);
    const c = await workedExampleWithLessons(school.id);
    // Paid before the lessons it covers: flagged. EUR 2,000.00 in one quarter is at the cap, not over it.
    expect(c.invoice.flags.map((f: { code: string }) => f.code)).toEqual(['invoiced_in_advance']);
    expect(c.invoice.paidCents).toBe(200000);

    const q = await staff.post(`/api/contracts/${c.id}/termination-quote`, {
      ground: 'notice',
      requestedOn: '2026-04-10',
    });
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({
      effectiveDate: '2026-05-10',
      chargeableMinutes: 8777,
      feesDueCents: 190022,
      paidCents: 200000,
      refundToLoanCents: 9978,
      stillInvoiceableCents: 0,
      deliveredMinutes: 6720,
      scheduledMinutes: 2057,
    });
    expect(
      q.body.lines
        .filter((l: { minutes?: number }) => l.minutes !== undefined)
        .map((l: { minutes: number }) => l.minutes),
    ).toEqual([6720, 2057, 8777]);
    expect(
      q.body.lines
        .filter((l: { cents?: number }) => l.cents !== undefined)
        .map((l: { cents: number }) => l.cents),
    ).toEqual([190022, 200000, 9978, 0]);
    for (const line of q.body.lines) expect(line.label).toEqual(expect.any(String));
  });

  it('same contract, student moved, requested 2026-04-10: fees EUR 1,454.88, refund EUR 545.12', async () => {
    const school = await createSchool(staff);
    const c = await workedExampleWithLessons(school.id);
    const q = await staff.post(`/api/contracts/${c.id}/termination-quote`, {
      ground: 'moved',
      requestedOn: '2026-04-10',
    });
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({
      effectiveDate: '2026-04-10',
      chargeableMinutes: 6720,
      feesDueCents: 145488,
      paidCents: 200000,
      refundToLoanCents: 54512,
      stillInvoiceableCents: 0,
    });
    // Quoted before approval, and it says so.
    expect(q.body.lines.some((l: { label: string }) => /staff approval/.test(l.label))).toBe(true);
  });

  it('409 school_still_holds_mark for the quality-mark ground while the school holds its mark', async () => {
    const school = await createSchool(staff);
    const c = await workedExampleWithLessons(school.id);
    const q = await staff.post(`/api/contracts/${c.id}/termination-quote`, {
      ground: 'school_lost_quality_mark',
      requestedOn: '2026-04-10',
    });
    expect(q.status).toBe(409);
    expect(q.body).toMatchObject({ status: 409, code: 'school_still_holds_mark' });
    const t = await staff.post(`/api/contracts/${c.id}/terminations`, {
      ground: 'school_lost_quality_mark',
      requestedOn: '2026-04-10',
    });
    expect(t.status).toBe(409);
    expect(t.body.code).toBe('school_still_holds_mark');
    const late = await staff.post(`/api/contracts/${c.id}/termination-quote`, {
      ground: 'notice',
      requestedOn: '2026-12-19',
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('requested_after_planned_end');
  });
});

describe('contracts: the school must hold the mark on the signed-on date (2026-12)', () => {
  it('422 school_suspended during a suspension (any funder), 422 school_not_certified_for_loan for a loan after withdrawal', async () => {
    // Registered with the mark; suspended from 2025-01-01, the mark back on 2025-07-01, withdrawn
    // on 2025-10-01. Fixed dates well in the past: the rule reads the history, not today.
    const school = await createSchool(staff);
    const mark = (status: string, effectiveOn: string) =>
      staff.post(`/api/schools/${school.id}/quality-mark`, { status, effectiveOn, reason: 'test' });
    expect((await mark('suspended', '2025-01-01')).status).toBe(200);
    expect((await mark('keurmerk', '2025-07-01')).status).toBe(200);
    const at = (signedOn: string, funder: string) =>
      staff.post(
        '/api/contracts',
        workedExample(school.id, {
          signedOn,
          startDate: addDays(signedOn, 7),
          plannedEndDate: addDays(signedOn, 300),
          funder,
        }),
      );

    // The school holds the mark today, but not on the signed-on date.
    for (const funder of ['duo_loan', 'municipality', 'self']) {
      const r = await at('2025-03-01', funder);
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ status: 422, code: 'school_suspended' });
    }
    expect((await at('2024-12-31', 'duo_loan')).status).toBe(201);
    expect((await at('2025-07-01', 'duo_loan')).status).toBe(201);

    expect((await mark('withdrawn', '2025-10-01')).status).toBe(200);
    const loan = await at('2025-10-01', 'duo_loan');
    expect(loan.status).toBe(422);
    expect(loan.body).toMatchObject({ code: 'school_not_certified_for_loan' });
    expect(loan.body.errors).toEqual([{ field: 'funder', message: expect.any(String) }]);
    expect((await at('2025-10-01', 'municipality')).status).toBe(201);
    expect((await at('2025-09-30', 'duo_loan')).status).toBe(201);

    // The console's registration form runs the same rule and says why, on the funder field.
    const form = {
      schoolId: school.id,
      studentName: 'Lena',
      studentEmail: `lena-${Date.now()}@contracts.test`,
      studentLanguage: 'nl',
      contractNumber: `F-${Date.now()}`,
      signedOn: '2025-10-01',
      startDate: '2025-10-08',
      plannedEndDate: '2026-07-31',
      courseType: 'nt2',
      educationLevel: 'middle',
      hourlyRate: '12,99',
      plannedHours: '360',
      hoursPerWeek: '8',
      funder: 'duo_loan',
    };
    const page = await staff.request('POST', '/console/contracts/new', new URLSearchParams(form).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(page.status).toBe(422);
    expect(page.body).toContain('a student cannot borrow from DUO for it');
    expect(page.body).toContain('href="#funder"');
    const suspended = await staff.request(
      'POST',
      '/console/contracts/new',
      new URLSearchParams({
        ...form,
        signedOn: '2025-03-01',
        startDate: '2025-03-10',
        funder: 'self',
      }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(suspended.status).toBe(422);
    expect(suspended.body).toContain('it takes no new students');

    // An aspirant school may take a DUO loan student.
    const aspirant = await createSchool(staff, { qualityMark: 'aspirant' });
    expect((await staff.post('/api/contracts', workedExample(aspirant.id))).status).toBe(201);
  });
});

describe('contracts: lessons, exemption hours and invoices', () => {
  it('records lessons all or nothing: one online literacy lesson from 2019 refuses the batch with 422 naming it', async () => {
    const school = await createSchool(staff);
    const c = await contract(school.id, {
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
    ];
    const refused = await staff.post(`/api/contracts/${c.id}/lessons`, { lessons: batch });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('lesson_refused');
    expect(refused.body.errors).toEqual([
      { field: 'lessons.3.mode', message: expect.stringContaining('literacy') },
    ]);
    let detail = await staff.get(`/api/contracts/${c.id}`);
    expect(detail.body.lessonsSummary.count).toBe(0);

    const tooLong = await staff.post(`/api/contracts/${c.id}/lessons`, {
      lessons: [{ date: '2019-02-04', minutes: 721, mode: 'classroom' }],
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors[0].field).toBe('lessons.0.minutes');
    const fraction = await staff.post(`/api/contracts/${c.id}/lessons`, {
      lessons: [{ date: '2019-02-04', minutes: 30.5, mode: 'classroom' }],
    });
    expect(fraction.status).toBe(400);

    const ok = await staff.post(`/api/contracts/${c.id}/lessons`, {
      lessons: batch.filter((_, i) => i !== 3),
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ added: 4 });
    detail = await staff.get(`/api/contracts/${c.id}`);
    expect(detail.body.lessonsSummary).toMatchObject({
      count: 4,
      totalMinutes: 240,
      classroomMinutes: 180,
      onlineMinutes: 60,
    });

    const hours = await staff.get(`/api/contracts/${c.id}/exemption-hours`);
    expect(hours.status).toBe(200);
    expect(hours.body).toEqual({
      onaCountableMinutes: 0,
      languageCountableMinutes: 240,
      onaNormMinutes: 3840,
      languageNormMinutes: 36000,
      notCountedMinutes: 0,
    });
  });

  it('counts online ONA hours by the 2019 cut-over and the transitional arrangement', async () => {
    const school = await createSchool(staff);
    const before = await contract(school.id, {
      courseType: 'ona',
      signedOn: '2018-12-01',
      startDate: '2018-12-03',
      plannedEndDate: '2019-12-20',
    });
    const after = await contract(school.id, {
      courseType: 'ona',
      signedOn: '2019-01-02',
      startDate: '2019-01-07',
      plannedEndDate: '2019-12-20',
    });
    const online = [
      { date: '2019-03-04', minutes: 90, mode: 'online' }, // counts only under the transitional arrangement
      { date: '2019-06-03', minutes: 45, mode: 'online' }, // never counts
      { date: '2019-06-05', minutes: 120, mode: 'classroom' }, // always counts
    ];
    for (const c of [before, after])
      expect((await staff.post(`/api/contracts/${c.id}/lessons`, { lessons: online })).status).toBe(201);
    expect((await staff.get(`/api/contracts/${before.id}/exemption-hours`)).body).toMatchObject({
      onaCountableMinutes: 210,
      notCountedMinutes: 45,
    });
    expect((await staff.get(`/api/contracts/${after.id}/exemption-hours`)).body).toMatchObject({
      onaCountableMinutes: 120,
      notCountedMinutes: 135,
    });
  });

  it('flags an invoice in advance of the lessons and one over EUR 2,000 a quarter across schools; only paid counts as paid', async () => {
    const [schoolA, schoolB] = [await createSchool(staff), await createSchool(staff)];
    const email = `cap${Date.now()}@contracts.test`;
    const a = await contract(schoolA.id, { student: { name: 'Cap Student', email, language: 'nl' } });
    const b = await contract(schoolB.id, {
      student: { name: 'Cap Student', email: email.toUpperCase(), language: 'nl' },
      hourlyRateCents: 2000,
    });
    await staff.post(`/api/contracts/${a.id}/lessons`, {
      lessons: monWedLessons('2026-04-01', '2026-06-30'),
    });
    await staff.post(`/api/contracts/${b.id}/lessons`, {
      lessons: monWedLessons('2026-04-01', '2026-06-30'),
    });

    // By 2026-06-10, 21 lessons of 4 hours at EUR 20.00 were given at B: EUR 1,680.00, so EUR 1,500.00 is not in advance.
    const atB = await staff.post(`/api/contracts/${b.id}/invoices`, {
      invoiceDate: '2026-06-10',
      amountCents: 150000,
      status: 'paid',
    });
    expect(atB.status).toBe(201);
    expect(atB.body.flags).toEqual([]);
    const atA = await staff.post(`/api/contracts/${a.id}/invoices`, {
      invoiceDate: '2026-06-15',
      amountCents: 60000,
      status: 'disputed',
    });
    expect(atA.status).toBe(201);
    expect(atA.body.flags.map((f: { code: string }) => f.code)).toEqual(['over_quarter_cap']);
    expect(atA.body.paidCents).toBe(0); // disputed is not paid

    // Invoiced before any lesson it covers.
    const c = await contract(schoolA.id);
    const early = await staff.post(`/api/contracts/${c.id}/invoices`, {
      invoiceDate: '2026-01-02',
      amountCents: 1000,
      status: 'paid',
    });
    expect(early.body.flags.map((f: { code: string }) => f.code)).toEqual(['invoiced_in_advance']);
    const refused = await staff.post(`/api/contracts/${c.id}/invoices`, {
      invoiceDate: '2026-01-03',
      amountCents: 5000,
      status: 'refused',
    });
    expect(refused.body.flags).toEqual([]);
    const detail = await staff.get(`/api/contracts/${c.id}`);
    expect(detail.body.paidCents).toBe(1000);
    expect(
      detail.body.invoices.map((i: { flags: { code: string }[] }) => i.flags.map((f) => f.code)),
    ).toEqual([['invoiced_in_advance'], []]);
  });
});

describe('contracts: the quality mark', () => {
  it('on withdrawal every contract active on the date gains the ground; each student is emailed once, also when run twice', async () => {
    const school = await createSchool(staff);
    const stamp = Date.now();
    const en = `qm-en-${stamp}@contracts.test`;
    const nl = `qm-nl-${stamp}@contracts.test`;
    const two = `qm-two-${stamp}@contracts.test`;
    const later = `qm-later-${stamp}@contracts.test`;
    const ended = `qm-ended-${stamp}@contracts.test`;
    const a = await contract(school.id, { student: { name: 'Amina', email: en, language: 'en' } });
    await contract(school.id, {
      student: { name: 'Bram', email: nl, language: 'nl' },
      funder: 'municipality',
    });
    await contract(school.id, { student: { name: 'Chen', email: two, language: 'en' } });
    await contract(school.id, { student: { name: 'Chen', email: two, language: 'en' }, courseType: 'ona' });
    // Signed after the withdrawal, and ended before it: not affected.
    await contract(school.id, {
      student: { name: 'Dana', email: later, language: 'en' },
      signedOn: '2026-03-02',
      startDate: '2026-03-09',
    });
    await contract(school.id, {
      student: { name: 'Eli', email: ended, language: 'en' },
      signedOn: '2025-09-01',
      startDate: '2025-09-01',
      plannedEndDate: '2026-02-27',
    });

    const future = await staff.post(`/api/schools/${school.id}/quality-mark`, {
      status: 'withdrawn',
      effectiveOn: addDays(today(), 1),
      reason: 'Announced',
    });
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('withdrawal_in_future');
    const body = {
      status: 'withdrawn',
      effectiveOn: '2026-03-01',
      reason: 'Repeated DigiD misuse confirmed',
    };
    const first = await staff.post(`/api/schools/${school.id}/quality-mark`, body);
    expect(first.status).toBe(200);
    expect(first.body.school).toMatchObject({ id: school.id, qualityMark: 'withdrawn' });
    expect(first.body.affectedContracts).toBe(4);
    expect(first.body.studentsNotified).toBe(3);

    await h.smtp.waitFor(
      () => [en, nl, two].every((x) => h.smtp.to(x).length === 1),
      15_000,
      'quality-mark emails',
    );
    expect(h.smtp.to(en)[0].subject).toContain('no longer has the quality mark');
    expect(h.smtp.to(en)[0].text).toContain('DUO loan');
    expect(h.smtp.to(nl)[0].subject).toContain('geen keurmerk meer');
    expect(h.smtp.to(nl)[0].text).toContain('gemeente');
    expect(h.smtp.to(two)[0].text).toMatch(/C-\d+, C-\d+/);

    const second = await staff.post(`/api/schools/${school.id}/quality-mark`, body);
    expect(second.status).toBe(200);
    expect(second.body.affectedContracts).toBe(4);
    expect(second.body.newlyAffected).toBe(0);
    expect(second.body.studentsNotified).toBe(0);
    const [{ count }] = await h.dataSource.query(
      `SELECT count(*)::int AS count FROM outbox WHERE template = 'quality_mark_withdrawn' AND recipient = ANY($1)`,
      [[en, nl, two, later, ended]],
    );
    expect(count).toBe(3);
    await new Promise((r) => setTimeout(r, 500));
    for (const x of [en, nl, two]) expect(h.smtp.to(x)).toHaveLength(1);
    for (const x of [later, ended]) expect(h.smtp.to(x)).toHaveLength(0);

    // The ground now applies from the withdrawal date, not before it.
    const q = await staff.post(`/api/contracts/${a.id}/termination-quote`, {
      ground: 'school_lost_quality_mark',
      requestedOn: '2026-03-10',
    });
    expect(q.status).toBe(200);
    expect(q.body.effectiveDate).toBe('2026-03-10');
    const early = await staff.post(`/api/contracts/${a.id}/termination-quote`, {
      ground: 'school_lost_quality_mark',
      requestedOn: '2026-02-20',
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('school_still_holds_mark');

    // A contract registered afterwards that was active on that date gains the ground too.
    const late = `qm-imported-${stamp}@contracts.test`;
    const imported = await contract(school.id, { student: { name: 'Fatima', email: late, language: 'nl' } });
    expect((await staff.get(`/api/contracts/${imported.id}`)).body.qualityMarkGroundOn).toBe('2026-03-01');
    await h.smtp.waitFor(() => h.smtp.to(late).length === 1, 15_000, 'email for the late contract');
  });
});

describe('contracts: terminations and refunds', () => {
  it('a notice termination made effective ends the contract, emails student and school, and creates one DUO refund instruction', async () => {
    const school = await createSchool(staff);
    const c = await workedExampleWithLessons(school.id);
    const t = await intake.post(`/api/contracts/${c.id}/terminations`, {
      ground: 'notice',
      requestedOn: '2026-04-10',
    });
    expect(t.status).toBe(201);
    expect(t.body).toMatchObject({
      ground: 'notice',
      status: 'approved',
      source: 'staff',
      allowedActions: ['uploadEvidence', 'makeEffective', 'reject'],
    });
    const second = await intake.post(`/api/contracts/${c.id}/terminations`, {
      ground: 'moved',
      requestedOn: '2026-04-11',
    });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('termination_already_open');

    // Intake records, a supervisor decides.
    expect(
      (await intake.post(`/api/contracts/${c.id}/terminations/${t.body.id}/make-effective`, {})).status,
    ).toBe(403);
    const done = await staff.post(`/api/contracts/${c.id}/terminations/${t.body.id}/make-effective`, {});
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'effective', effectiveDate: '2026-05-10' });
    expect(done.body.quote).toMatchObject({ feesDueCents: 190022, refundToLoanCents: 9978, payer: 'duo' });

    const detail = await staff.get(`/api/contracts/${c.id}`);
    expect(detail.body).toMatchObject({ status: 'terminated', endedOn: '2026-05-10' });
    expect(detail.body.refundInstructions).toEqual([
      expect.objectContaining({
        payer: 'duo',
        amountCents: 9978,
        status: 'pending',
        batchId: null,
        terminationId: t.body.id,
      }),
    ]);
    expect(detail.body.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining([
        'contract_registered',
        'lessons_added',
        'invoice_recorded',
        'termination_requested',
        'termination_effective',
      ]),
    );
    const again = await staff.post(`/api/contracts/${c.id}/terminations/${t.body.id}/make-effective`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('illegal_transition');
    const quote = await staff.post(`/api/contracts/${c.id}/termination-quote`, {
      ground: 'notice',
      requestedOn: '2026-04-10',
    });
    expect(quote.body.code).toBe('contract_already_ended');
    // No lessons after the end.
    const after = await staff.post(`/api/contracts/${c.id}/lessons`, {
      lessons: [{ date: '2026-05-11', minutes: 60, mode: 'classroom' }],
    });
    expect(after.status).toBe(422);
    expect(after.body.errors[0].field).toBe('lessons.0.date');

    // The student's email shows the same quote, line by line; the school's is in Dutch.
    const studentEmail = c.body.student.email;
    await h.smtp.waitFor(
      () => h.smtp.to(studentEmail).length === 1 && h.smtp.to(school.complaintsEmail).length === 1,
      15_000,
      'termination emails',
    );
    const mail = h.smtp.to(studentEmail)[0];
    expect(mail.subject).toContain('has ended');
    expect(mail.text).toContain('2026-05-10');
    expect(mail.text).toContain('Tuition due: EUR 1,900.22');
    expect(mail.text).toContain('Refund to the loan: EUR 99.78');
    expect(mail.text).toContain('Chargeable lesson time: 146 hours 17 minutes');
    expect(mail.text).toContain('goes back to your DUO loan');
    const schoolMail = h.smtp.to(school.complaintsEmail)[0];
    expect(schoolMail.text).toContain('€ 99,78');
    expect(schoolMail.text).toContain('€ 1.900,22');
  });

  it('a weighty reason waits for evidence (PDF, PNG or JPEG by content, size capped) and a decision; the refund goes to the payer', async () => {
    const school = await createSchool(staff);
    const c = await workedExampleWithLessons(school.id, { funder: 'municipality' });
    const t = await intake.post(`/api/contracts/${c.id}/terminations`, {
      ground: 'moved',
      requestedOn: '2026-04-10',
      note: 'Moved to Groningen',
    });
    expect(t.status).toBe(201);
    expect(t.body.status).toBe('requested');
    const base = `/api/contracts/${c.id}/terminations/${t.body.id}`;

    const early = await staff.post(`${base}/make-effective`, {});
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('illegal_transition');
    const noEvidence = await staff.post(`${base}/approve`, {});
    expect(noEvidence.status).toBe(409);
    expect(noEvidence.body.code).toBe('evidence_missing');

    // A text file named .pdf is refused by its content.
    const fake = await intake.request(
      'POST',
      `${base}/evidence?fileName=letter.pdf`,
      'just text, not a PDF',
      { 'content-type': 'application/pdf' },
    );
    expect(fake.status).toBe(415);
    expect(fake.body.code).toBe('file_type_not_allowed');
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(100, 7),
    ]);
    const viaJson = await intake.post(`${base}/evidence`, {
      fileName: '../../etc/passwd.png',
      contentBase64: png.toString('base64'),
    });
    expect(viaJson.status).toBe(201);
    expect(viaJson.body).toMatchObject({ fileName: 'passwd.png', contentType: 'image/png', sizeBytes: 108 });
    // Over the JSON limit but under 5 MiB: as the raw body.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1536 * 1024, 0x20)]);
    const raw = await fetch(`${h.baseUrl}${base}/evidence?fileName=verhuisbewijs.pdf`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        cookie: intake.cookie!,
        'x-csrf-token': intake.csrf!,
      },
      body: pdf,
    });
    expect(raw.status).toBe(201);
    const rawBody = await raw.json();
    expect(rawBody).toMatchObject({
      fileName: 'verhuisbewijs.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
    });
    const tooLarge = await fetch(`${h.baseUrl}${base}/evidence`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', cookie: intake.cookie!, 'x-csrf-token': intake.csrf! },
      body: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * 1024 * 1024, 0x20)]),
    });
    expect(tooLarge.status).toBe(413);
    const download = await fetch(`${h.baseUrl}${base}/evidence/${rawBody.id}`, {
      headers: { cookie: staff.cookie! },
    });
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    expect((await intake.post(`${base}/approve`, {})).status).toBe(403);
    const approved = await staff.post(`${base}/approve`, { reason: 'Proof of new address' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decisionReason: 'Proof of new address' });
    expect(approved.body.evidence).toHaveLength(2);
    const done = await staff.post(`${base}/make-effective`, {});
    expect(done.status).toBe(200);
    expect(done.body.quote).toMatchObject({
      effectiveDate: '2026-04-10',
      feesDueCents: 145488,
      refundToLoanCents: 54512,
      payer: 'municipality',
    });
    const detail = await staff.get(`/api/contracts/${c.id}`);
    expect(detail.body.refundInstructions).toEqual([
      expect.objectContaining({ payer: 'municipality', amountCents: 54512 }),
    ]);
    await h.smtp.waitFor(() => h.smtp.to(c.body.student.email).length === 1, 15_000, 'termination email');
    expect(h.smtp.to(c.body.student.email)[0].text).toContain('Refund to the municipality: EUR 545.12');
  });

  it('the arbitration ground needs a complaint at this school in which the student was vindicated', async () => {
    const school = await createSchool(staff);
    const other = await createSchool(staff);
    const c = await workedExampleWithLessons(school.id);
    const student = { name: c.body.student.name, email: c.body.student.email, language: 'en' };
    const here = await fileComplaint(h.baseUrl, school.id, { student });
    const there = await fileComplaint(h.baseUrl, other.id, { student });
    const someoneElse = await fileComplaint(h.baseUrl, school.id);
    await h.dataSource.query(
      `UPDATE cases SET arbitration_outcome = 'student_vindicated' WHERE reference = ANY($1)`,
      [[here.reference, there.reference, someoneElse.reference]],
    );

    const missing = await staff.post(`/api/contracts/${c.id}/terminations`, {
      ground: 'arbitration_vindicated',
      requestedOn: '2026-04-10',
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('complaintReference');
    const wrongSchool = await staff.post(`/api/contracts/${c.id}/terminations`, {
      ground: 'arbitration_vindicated',
      requestedOn: '2026-04-10',
      complaintReference: there.reference,
    });
    expect(wrongSchool.status).toBe(409);
    expect(wrongSchool.body.code).toBe('arbitration_not_vindicated');
    // Another student's vindicated complaint at the same school is no ground for this contract.
    const notTheirs = await staff.post(`/api/contracts/${c.id}/terminations`, {
      ground: 'arbitration_vindicated',
      requestedOn: '2026-04-10',
      complaintReference: someoneElse.reference,
    });
    expect(notTheirs.status).toBe(409);
    expect(notTheirs.body.detail).toBe(
      wrongSchool.body.detail.replace(there.reference, someoneElse.reference),
    );
    const ok = await staff.post(`/api/contracts/${c.id}/terminations`, {
      ground: 'arbitration_vindicated',
      requestedOn: '2026-04-10',
      complaintReference: here.reference.toLowerCase(),
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: 'requested', complaintReference: here.reference });
    const timeline = await staff.get(`/api/complaints/${here.reference}`);
    expect(timeline.body.events.map((e: { kind: string }) => e.kind)).toContain(
      'contract_termination_requested',
    );
  });

  it('two concurrent batch exports put each pending refund instruction in exactly one batch', async () => {
    const school = await createSchool(staff);
    for (let i = 0; i < 6; i++) {
      const c = await contract(school.id);
      await staff.post(`/api/contracts/${c.id}/invoices`, {
        invoiceDate: '2026-02-02',
        amountCents: 10000 + i,
        status: 'paid',
      });
      const t = await staff.post(`/api/contracts/${c.id}/terminations`, {
        ground: 'moved',
        requestedOn: '2026-01-05',
      });
      await staff.post(`/api/contracts/${c.id}/terminations/${t.body.id}/evidence`, {
        fileName: 'proof.jpg',
        contentBase64: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64'),
      });
      expect((await staff.post(`/api/contracts/${c.id}/terminations/${t.body.id}/approve`, {})).status).toBe(
        200,
      );
      expect(
        (await staff.post(`/api/contracts/${c.id}/terminations/${t.body.id}/make-effective`, {})).status,
      ).toBe(200);
    }
    const pending = await finance.get('/api/refunds/instructions?payer=duo&limit=1000');
    expect(pending.status).toBe(200);
    const pendingIds: string[] = pending.body.items.map((i: { id: string }) => i.id).sort();
    expect(pendingIds.length).toBeGreaterThanOrEqual(6);

    expect((await intake.post('/api/refunds/batches', {})).status).toBe(403);
    const results = await Promise.all([
      finance.post('/api/refunds/batches', {}),
      staff.post('/api/refunds/batches', { payer: 'duo' }),
    ]);
    for (const r of results) expect([201, 409]).toContain(r.status);
    const batches = results.filter((r) => r.status === 201).map((r) => r.body);
    expect(batches.length).toBeGreaterThanOrEqual(1);
    const exported: string[] = batches.flatMap((b) =>
      b.instructions.map((i: { instructionId: string }) => i.instructionId),
    );
    expect(new Set(exported).size).toBe(exported.length); // never in two batches
    expect([...exported].sort()).toEqual(pendingIds); // and every one of them in a batch
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('no_pending_refunds');
    expect((await finance.get('/api/refunds/instructions?payer=duo')).body.items).toEqual([]);

    // The file, downloaded again, is the same; its amounts are the instructions' amounts.
    const batch = batches[0];
    const csv = await fetch(`${h.baseUrl}/api/refunds/batches/${batch.id}.csv`, {
      headers: { cookie: finance.cookie! },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(batch.instructionCount);
    expect(rows.reduce((s, r) => s + Number(r.amount_cents), 0)).toBe(batch.totalCents);
    for (const r of rows)
      expect(r.amount_eur).toBe(
        `${Math.floor(Number(r.amount_cents) / 100)}.${String(Number(r.amount_cents) % 100).padStart(2, '0')}`,
      );
    expect(
      await (
        await fetch(`${h.baseUrl}/api/refunds/batches/${batch.id}.csv`, {
          headers: { cookie: finance.cookie! },
        })
      ).text(),
    ).toBe(text);

    const confirmed = await finance.post(`/api/refunds/batches/${batch.id}/confirm`, {});
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect((await finance.post(`/api/refunds/batches/${batch.id}/confirm`, {})).body.code).toBe(
      'batch_already_confirmed',
    );
    const [{ statuses }] = await h.dataSource.query(
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

  it('one bad row refuses the whole file with its row number and reason; nothing is imported', async () => {
    const school = await createSchool(staff);
    const csv = [header, row('IMP-1'), row('IMP-2', { startDate: '2026-13-01' }), row('IMP-3')].join('\n');
    const r = await staff.request('POST', `/api/contracts/import?schoolId=${school.id}`, csv, {
      'content-type': 'text/csv',
    });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'import_refused', row: 3 });
    expect(r.body.errors).toEqual([
      { field: 'rows.3.startDate', message: expect.stringContaining('YYYY-MM-DD') },
    ]);
    expect(r.body.detail).toContain('Row 3');

    const dup = await staff.post('/api/contracts/import', {
      csv: [header, row('IMP-1'), row('IMP-1')].join('\n'),
      schoolId: school.id,
    });
    expect(dup.status).toBe(422);
    expect(dup.body.errors).toEqual([
      { field: 'rows.3.contractNumber', message: 'the same contract number as row 2' },
    ]);
    const unknown = await staff.post('/api/contracts/import', {
      csv: `${header},bsn\n${row('IMP-9')},123`,
      schoolId: school.id,
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'rows.1.bsn', message: 'unknown column' }]);

    expect((await staff.get(`/api/contracts?schoolId=${school.id}`)).body.items).toEqual([]);
  });

  it('refuses a DUO loan row at a school without the mark on the signed-on date; nothing is imported', async () => {
    const school = await createSchool(staff);
    const mark = (status: string, effectiveOn: string) =>
      staff.post(`/api/schools/${school.id}/quality-mark`, { status, effectiveOn, reason: 'test' });
    expect((await mark('withdrawn', '2025-10-01')).status).toBe(200);
    const csv = [
      header,
      row('QM-1', { signedOn: '2025-09-01', startDate: '2025-09-08', plannedEndDate: '2026-06-30' }),
      row('QM-2', { signedOn: '2025-10-01', startDate: '2025-10-06', plannedEndDate: '2026-06-30' }),
    ].join('\n');
    const r = await staff.request('POST', `/api/contracts/import?schoolId=${school.id}`, csv, {
      'content-type': 'text/csv',
    });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'import_refused', row: 3 });
    expect(r.body.errors).toEqual([
      { field: 'rows.3.funder', message: expect.stringContaining('school_not_certified_for_loan') },
    ]);
    expect((await staff.get(`/api/contracts?schoolId=${school.id}`)).body.items).toEqual([]);
  });

  it('imports a good file in one go, as text/csv or inside JSON', async () => {
    const school = await createSchool(staff);
    const csv = [
      header,
      row('IMP-1'),
      row('IMP-2', { funder: 'self', hoursPerWeek: '8' }),
      row('IMP-3', { studentName: '"Doe, Jane"' }),
    ].join('\r\n');
    const r = await staff.request('POST', `/api/contracts/import?schoolId=${school.id}`, csv, {
      'content-type': 'text/csv',
    });
    expect(r.status).toBe(201);
    expect(r.body.imported).toBe(3);
    expect(
      r.body.contracts.map((c: { row: number; contractNumber: string }) => [c.row, c.contractNumber]),
    ).toEqual([
      [2, 'IMP-1'],
      [3, 'IMP-2'],
      [4, 'IMP-3'],
    ]);
    const first = await staff.get(`/api/contracts/${r.body.contracts[0].id}`);
    expect(first.body).toMatchObject({
      hoursPerWeek: 7.5,
      hourlyRateCents: 1283,
      student: { language: 'nl' },
    });
    expect((await staff.get(`/api/contracts/${r.body.contracts[2].id}`)).body.student.name).toBe('Doe, Jane');
    // Importing the same file again: the numbers exist, nothing is imported.
    const again = await staff.post('/api/contracts/import', { csv, schoolId: school.id });
    expect(again.status).toBe(422);
    expect(again.body.errors[0]).toEqual({
      field: 'rows.2.contractNumber',
      message: expect.stringContaining('already registered'),
    });
  });
});

describe('contracts: the public termination request', () => {
  it('answers the same whether or not the contract matched; a match waits for staff and the student gets a receipt', async () => {
    const school = await createSchool(staff);
    const c = await contract(school.id, {
      signedOn: '2026-08-01',
      startDate: '2026-09-01',
      plannedEndDate: '2027-06-30',
    });
    const base = {
      contractNumber: c.body.contractNumber,
      schoolId: school.id,
      ground: 'notice',
      requestedOn: today(),
    };
    const public_ = new Client(h.baseUrl);
    const wrong = await public_.post('/api/public/terminations', {
      ...base,
      studentEmail: 'someone.else@contracts.test',
    });
    const right = await public_.post('/api/public/terminations', {
      ...base,
      studentEmail: c.body.student.email.toUpperCase(),
    });
    expect(wrong.status).toBe(202);
    expect(right.status).toBe(202);
    expect(right.body).toEqual(wrong.body);

    await h.smtp.waitFor(() => h.smtp.to(c.body.student.email).length === 1, 15_000, 'receipt');
    expect(h.smtp.to(c.body.student.email)[0].subject).toContain('received your request');
    expect(h.smtp.to('someone.else@contracts.test')).toHaveLength(0);
    const detail = await staff.get(`/api/contracts/${c.id}`);
    expect(detail.body.terminations).toEqual([
      expect.objectContaining({ source: 'student', status: 'requested', ground: 'notice' }),
    ]);
    const queue = await staff.get('/api/terminations?status=requested&limit=200');
    expect(queue.body.items.map((t: { contractId: string }) => t.contractId)).toContain(c.id);

    const past = await public_.post('/api/public/terminations', {
      ...base,
      studentEmail: c.body.student.email,
      requestedOn: '2020-01-01',
    });
    expect(past.status).toBe(422);
    const extra = await public_.post('/api/public/terminations', {
      ...base,
      studentEmail: c.body.student.email,
      password: 'x',
    });
    expect(extra.status).toBe(400);
  });
});

describe('contracts: a termination requested after the planned end', () => {
  it('is refused with 409 requested_after_planned_end for staff, and not recorded from the public form', async () => {
    const school = await createSchool(staff);
    const c = await contract(school.id);
    const late = { ground: 'notice', requestedOn: '2026-12-19' };
    const quote = await staff.post(`/api/contracts/${c.id}/termination-quote`, late);
    expect(quote.status).toBe(409);
    const t = await staff.post(`/api/contracts/${c.id}/terminations`, late);
    expect(t.status).toBe(409);
    expect(t.body).toMatchObject({ status: 409, code: 'requested_after_planned_end' });
    for (const ground of ['moved', 'other_weighty_reason']) {
      const w = await staff.post(`/api/contracts/${c.id}/terminations`, {
        ground,
        requestedOn: '2026-12-19',
        ...(ground === 'other_weighty_reason' ? { justification: 'Mantelzorg voor een ouder' } : {}),
      });
      expect(w.status).toBe(409);
      expect(w.body.code).toBe('requested_after_planned_end');
    }
    // On the planned end itself it is still possible.
    expect(
      (await staff.post(`/api/contracts/${c.id}/termination-quote`, { ...late, requestedOn: '2026-12-18' }))
        .status,
    ).toBe(200);

    // The public form: a contract still active whose planned end has passed; today is after it.
    const ended = await contract(school.id, {
      signedOn: daysAgo(400),
      startDate: daysAgo(390),
      plannedEndDate: daysAgo(1),
    });
    const r = await new Client(h.baseUrl).post('/api/public/terminations', {
      contractNumber: ended.body.contractNumber,
      schoolId: school.id,
      studentEmail: ended.body.student.email,
      ground: 'notice',
      requestedOn: today(),
    });
    expect(r.status).toBe(202);
    expect((await staff.get(`/api/contracts/${ended.id}`)).body.terminations).toEqual([]);
  });
});

describe('contracts: another weighty reason (2026-12)', () => {
  it('is quoted like moved, needs a justification and evidence, and only a supervisor approves it', async () => {
    const school = await createSchool(staff);
    const c = await workedExampleWithLessons(school.id);
    const q = await staff.post(`/api/contracts/${c.id}/termination-quote`, {
      ground: 'other_weighty_reason',
      requestedOn: '2026-04-10',
    });
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({
      effectiveDate: '2026-04-10',
      chargeableMinutes: 6720,
      feesDueCents: 145488,
      refundToLoanCents: 54512,
    });
    expect(q.body.lines.some((l: { label: string }) => /staff approval/.test(l.label))).toBe(true);

    const url = `/api/contracts/${c.id}/terminations`;
    const bare = await staff.post(url, { ground: 'other_weighty_reason', requestedOn: '2026-04-10' });
    expect(bare.status).toBe(422);
    expect(bare.body.errors).toEqual([
      { field: 'justification', message: 'required for ground other_weighty_reason' },
    ]);
    const wrongGround = await staff.post(url, {
      ground: 'moved',
      requestedOn: '2026-04-10',
      justification: 'x',
    });
    expect(wrongGround.status).toBe(422);
    expect(wrongGround.body.errors[0].field).toBe('justification');
    const tooLong = await staff.post(url, {
      ground: 'other_weighty_reason',
      requestedOn: '2026-04-10',
      justification: 'x'.repeat(2_001),
    });
    expect(tooLong.status).toBe(400);

    const justification = 'De cursist verzorgt haar zieke moeder fulltime en kan de lessen niet meer volgen.';
    const t = await intake.post(url, {
      ground: 'other_weighty_reason',
      requestedOn: '2026-04-10',
      justification,
    });
    expect(t.status).toBe(201);
    expect(t.body).toMatchObject({ ground: 'other_weighty_reason', status: 'requested', justification });
    const base = `${url}/${t.body.id}`;

    // Not a supervisor: refused by the permission; a supervisor without evidence: 409.
    const jurist = await signedIn(h.baseUrl, h.users.jurist.email, PASSWORD);
    expect((await jurist.post(`${base}/approve`, {})).status).toBe(403);
    expect((await intake.post(`${base}/approve`, {})).status).toBe(403);
    const noEvidence = await staff.post(`${base}/approve`, {});
    expect(noEvidence.status).toBe(409);
    expect(noEvidence.body.code).toBe('evidence_missing');

    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x20)]);
    expect(
      (
        await intake.post(`${base}/evidence`, {
          fileName: 'verklaring.pdf',
          contentBase64: pdf.toString('base64'),
        })
      ).status,
    ).toBe(201);
    const approved = await staff.post(`${base}/approve`, { reason: 'Zorgtaak aangetoond' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const effective = await staff.post(`${base}/make-effective`, {});
    expect(effective.status).toBe(200);
    expect(effective.body).toMatchObject({ status: 'effective', effectiveDate: '2026-04-10' });
    expect(effective.body.quote).toMatchObject({ feesDueCents: 145488, refundToLoanCents: 54512 });
  });

  it('is accepted from the public form with a justification, refused without one', async () => {
    const school = await createSchool(staff);
    const c = await contract(school.id, {
      signedOn: daysAgo(60),
      startDate: daysAgo(50),
      plannedEndDate: addDays(today(), 300),
    });
    const body = {
      contractNumber: c.body.contractNumber,
      schoolId: school.id,
      studentEmail: c.body.student.email,
      ground: 'other_weighty_reason',
      requestedOn: today(),
    };
    const public_ = new Client(h.baseUrl);
    const without = await public_.post('/api/public/terminations', body);
    expect(without.status).toBe(422);
    expect(without.body.errors).toEqual([
      { field: 'justification', message: 'required for ground other_weighty_reason' },
    ]);
    const r = await public_.post('/api/public/terminations', {
      ...body,
      justification: 'Mantelzorg voor mijn vader',
    });
    expect(r.status).toBe(202);
    expect((await staff.get(`/api/contracts/${c.id}`)).body.terminations).toEqual([
      expect.objectContaining({
        ground: 'other_weighty_reason',
        status: 'requested',
        source: 'student',
        justification: 'Mantelzorg voor mijn vader',
      }),
    ]);
  });
});
