import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { hashPassword } from '../../src/auth/passwords.js';
import { addDays, isoWeekday } from '../../src/common/dates.js';
import { workedExampleContract } from '../../src/contracts/worked-example.fixture.js';
import { createSchool } from '../support/factory.js';
import { enrollTotp, Harness, PASSWORD, startHarness, today } from '../support/harness.js';
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
    ...workedExampleContract(
      schoolId,
      { name: `Student ${n}`, email: `student${n}@contracts.test`, language: 'en' },
      `C-${n}`,
    ),
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
});

describe('contracts: the school must hold the mark on the signed-on date (2026-12)', () => {
  // The rule itself, for every funder and through the history, is tested on the service: test/medium/contracts.test.ts.
  it('the console registration form runs the same rule and says why, on the funder field', async () => {
    const school = await createSchool(staff);
    const mark = (status: string, effectiveOn: string) =>
      staff.post(`/api/schools/${school.id}/quality-mark`, { status, effectiveOn, reason: 'test' });
    expect((await mark('suspended', '2025-01-01')).status).toBe(200);
    expect((await mark('keurmerk', '2025-07-01')).status).toBe(200);
    expect((await mark('withdrawn', '2025-10-01')).status).toBe(200);
    const loan = await staff.post(
      '/api/contracts',
      workedExample(school.id, {
        signedOn: '2025-10-01',
        startDate: '2025-10-08',
        plannedEndDate: '2026-07-31',
      }),
    );
    expect(loan.status).toBe(422);
    expect(loan.body).toMatchObject({ status: 422, code: 'school_not_certified_for_loan' });
    expect(loan.body.errors).toEqual([{ field: 'funder', message: expect.any(String) }]);

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
  });
});

describe('contracts: terminations and refunds', () => {
  it('intake records a termination (approved at once for notice); only a supervisor makes it effective', async () => {
    // The flow (quote, contract ended, refund, emails) is tested on the services: test/medium/contracts.test.ts.
    const c = await workedExampleWithLessons((await createSchool(staff)).id);
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
    expect(
      (await intake.post(`/api/contracts/${c.id}/terminations/${t.body.id}/make-effective`, {})).status,
    ).toBe(403);
    const done = await staff.post(`/api/contracts/${c.id}/terminations/${t.body.id}/make-effective`, {});
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'effective', effectiveDate: '2026-05-10' });
    expect(done.body.quote).toMatchObject({ feesDueCents: 190022, refundToLoanCents: 9978, payer: 'duo' });
    const again = await staff.post(`/api/contracts/${c.id}/terminations/${t.body.id}/make-effective`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('illegal_transition');
    const quote = await staff.post(`/api/contracts/${c.id}/termination-quote`, {
      ground: 'notice',
      requestedOn: '2026-04-10',
    });
    expect(quote.status).toBe(409);
    expect(quote.body.code).toBe('contract_already_ended');
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

  it('finance exports a refund batch as a CSV file and confirms it; intake may not', async () => {
    // Concurrent exports, each instruction in one batch, the file's amounts: test/medium/contracts.test.ts.
    const c = await contract((await createSchool(staff)).id);
    await staff.post(`/api/contracts/${c.id}/invoices`, {
      invoiceDate: '2026-02-02',
      amountCents: 200000,
      status: 'paid',
    });
    const t = await staff.post(`/api/contracts/${c.id}/terminations`, {
      ground: 'notice',
      requestedOn: '2026-01-05',
    });
    expect(
      (await staff.post(`/api/contracts/${c.id}/terminations/${t.body.id}/make-effective`, {})).status,
    ).toBe(200);
    const pending = await finance.get('/api/refunds/instructions?payer=duo&limit=1000');
    expect(pending.status).toBe(200);
    expect(pending.body.items.map((i: { contractId: string }) => i.contractId)).toContain(c.id);

    expect((await intake.post('/api/refunds/batches', {})).status).toBe(403);
    const created = await finance.post('/api/refunds/batches', {});
    expect(created.status).toBe(201);
    const batch = created.body;
    expect(batch.csvUrl).toBe(`/api/refunds/batches/${batch.id}.csv`);
    const none = await staff.post('/api/refunds/batches', { payer: 'duo' });
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('no_pending_refunds');
    expect((await finance.get('/api/refunds/instructions?payer=duo')).body.items).toEqual([]);

    const download = () =>
      fetch(`${h.baseUrl}/api/refunds/batches/${batch.id}.csv`, { headers: { cookie: finance.cookie! } });
    const csv = await download();
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(batch.instructionCount);
    expect(rows.reduce((s, r) => s + Number(r.amount_cents), 0)).toBe(batch.totalCents);
    expect(await (await download()).text()).toBe(text);

    const confirmed = await finance.post(`/api/refunds/batches/${batch.id}/confirm`, {});
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    const twice = await finance.post(`/api/refunds/batches/${batch.id}/confirm`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('batch_already_confirmed');
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

describe('contracts: another weighty reason (2026-12)', () => {
  it('only a supervisor approves it: jurist and intake are refused by the permission', async () => {
    // Quote, justification, evidence and the approved termination: test/medium/contracts.test.ts.
    const c = await workedExampleWithLessons((await createSchool(staff)).id);
    const url = `/api/contracts/${c.id}/terminations`;
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
    const jurist = await signedIn(h.baseUrl, h.users.jurist.email, PASSWORD);
    expect((await jurist.post(`${base}/approve`, {})).status).toBe(403);
    expect((await intake.post(`${base}/approve`, {})).status).toBe(403);
    const noEvidence = await staff.post(`${base}/approve`, {});
    expect(noEvidence.status).toBe(409);
    expect(noEvidence.body.code).toBe('evidence_missing');
  });
});
