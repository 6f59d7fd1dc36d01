import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { createSchool, fileComplaint } from '../support/factory.js';
import { addMonths } from '../../src/common/dates.js';
import { daysAgo, Harness, PASSWORD, startHarness, today } from '../support/harness.js';
import { Client, signedIn } from '../support/http.js';

/** Personal data: the read log, retention, the data export, sign-in throttling, the per-recipient email cap. */
let h: Harness;
let admin: Client;
let supervisor: Client;
let jurist: Client;
let school: { id: string };

beforeAll(async () => {
  h = await startHarness();
  admin = await signedIn(h.baseUrl, h.users.admin.email, PASSWORD);
  supervisor = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
  jurist = await signedIn(h.baseUrl, h.users.jurist.email, PASSWORD);
  school = await createSchool(supervisor);
});
afterAll(async () => {
  await h?.stop();
});

describe('the staff read log', () => {
  it('records every staff read of a case, visible to admins only', async () => {
    const c = await fileComplaint(h.baseUrl, school.id);
    await jurist.get(`/api/complaints/${c.reference}`);
    await jurist.get(`/api/complaints/${c.reference.toLowerCase()}`);
    const r = await admin.get(`/api/privacy/reads?reference=${c.reference}`);
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(2);
    expect(r.body.items[0]).toMatchObject({
      reference: c.reference,
      userId: h.users.jurist.id,
      userName: 'Jan Jurist',
      route: '/api/complaints/:reference',
    });
    expect((await jurist.get(`/api/privacy/reads?reference=${c.reference}`)).status).toBe(403);
  });
});

describe('retention', () => {
  async function closeAndAge(reference: string, closedYearsAgo: number) {
    await h.dataSource.query(
      `UPDATE cases SET status = 'closed', closed_on = (current_date - make_interval(years => $2))::date, open = false WHERE reference = $1`,
      [reference, closedYearsAgo],
    );
  }
  const stats = () =>
    h.dataSource.query(
      `SELECT school_id, type, status, outcome, count(*)::int AS n, min(received_on)::text AS first FROM cases GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    );

  it('anonymises case files closed more than two years ago, keeps statistics, and leaves held and recent cases alone', async () => {
    const old = await fileComplaint(h.baseUrl, school.id, {
      subject: 'Oude klacht',
      description: 'Mijn naam is Fatima en mijn adres is geheim.',
    });
    await supervisor.post(`/api/complaints/${old.reference}/notes`, {
      text: 'Student belde: telefoon 0612345678',
    });
    const recent = await fileComplaint(h.baseUrl, school.id);
    const held = await fileComplaint(h.baseUrl, school.id);
    const arbitration = await fileComplaint(h.baseUrl, school.id, { filedWithSchoolOn: daysAgo(60) });
    await closeAndAge(old.reference, 3);
    await closeAndAge(recent.reference, 1);
    await closeAndAge(held.reference, 3);
    await h.dataSource.query(`UPDATE cases SET legal_hold = true WHERE reference = $1`, [held.reference]);
    await supervisor.post(`/api/complaints/${arbitration.reference}/escalate`, { reason: 'x' });
    await h.dataSource.query(
      `UPDATE cases SET status = 'arbitration', received_on = current_date - 1200 WHERE reference = $1`,
      [arbitration.reference],
    );
    await h.smtp.waitFor((m) => m.some((x) => x.to.includes(old.email)));

    // A public request no job took within a day (Redis and the worker away) holds an address: retention deletes it.
    await h.dataSource.query(
      `INSERT INTO deferred_requests (kind, email, created_at) VALUES ('password_reset', 'stale@bow.test', now() - interval '2 days'),
       ('password_reset', 'fresh@bow.test', now())`,
    );
    const before = await stats();
    const run = await admin.post('/api/privacy/retention/run');
    expect(run.status).toBe(200);
    expect(
      await h.dataSource.query(`SELECT email FROM deferred_requests WHERE email LIKE '%@bow.test'`),
    ).toEqual([{ email: 'fresh@bow.test' }]);
    expect(run.body.anonymised).toBe(1);
    expect(await stats()).toEqual(before);

    const [anon] = await h.dataSource.query(
      `SELECT student_name, student_email, student_phone, subject, description, anonymised_at FROM cases WHERE reference = $1`,
      [old.reference],
    );
    expect(anon).toMatchObject({
      student_name: 'Geanonimiseerd',
      subject: '[geanonimiseerd]',
      description: '[geanonimiseerd]',
      student_phone: null,
    });
    expect(anon.student_email).toMatch(/^anon-.*@invalid$/);
    expect(anon.anonymised_at).not.toBeNull();
    const events = (await supervisor.get(`/api/complaints/${old.reference}`)).body.events;
    expect(JSON.stringify(events)).not.toContain('0612345678');
    const [outbox] = await h.dataSource.query(
      `SELECT recipient FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.reference = $1`,
      [old.reference],
    );
    expect(outbox.recipient).toMatch(/@invalid$/);

    for (const ref of [recent.reference, held.reference, arbitration.reference]) {
      const [row] = await h.dataSource.query(
        `SELECT anonymised_at, student_name FROM cases WHERE reference = $1`,
        [ref],
      );
      expect(row.anonymised_at).toBeNull();
      expect(row.student_name).not.toBe('Geanonimiseerd');
    }
    // Timeline events stay append-only outside the retention job.
    await expect(h.dataSource.query(`UPDATE case_events SET data = '{}'::jsonb`)).rejects.toThrow(
      /append-only/,
    );
    expect((await admin.post('/api/privacy/retention/run')).body.anonymised).toBe(0);
  });
});

describe('data export', () => {
  it("exports a student's cases as JSON and as escaped HTML", async () => {
    const c = await fileComplaint(h.baseUrl, school.id, { subject: '<b>bold</b> export' });
    const json = await supervisor.get(`/api/privacy/students/export?email=${encodeURIComponent(c.email)}`);
    expect(json.status).toBe(200);
    expect(json.body.cases).toEqual([
      expect.objectContaining({ reference: c.reference, email: c.email, subject: '<b>bold</b> export' }),
    ]);
    expect(json.body.cases[0].events[0]).toMatchObject({ kind: 'complaint_received' });
    const html = await supervisor.get(
      `/api/privacy/students/export?email=${encodeURIComponent(c.email)}&format=html`,
    );
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.body).toContain('&lt;b&gt;bold&lt;/b&gt; export');
    expect(html.body).not.toContain('<b>bold</b>');
    expect(
      (await jurist.get(`/api/privacy/students/export?email=${encodeURIComponent(c.email)}`)).status,
    ).toBe(403);
    // Each export is in the audit log: who, which format, the address only as its SHA-256.
    const logged = await h.dataSource.query(
      `SELECT actor_id, data FROM audit_log WHERE action = 'data.exported' ORDER BY id`,
    );
    const sha = createHash('sha256').update(c.email.toLowerCase()).digest('hex');
    expect(logged.filter((r: { data: { emailSha256: string } }) => r.data.emailSha256 === sha)).toEqual([
      { actor_id: h.users.supervisor.id, data: { emailSha256: sha, format: 'json', cases: 1, contracts: 0 } },
      { actor_id: h.users.supervisor.id, data: { emailSha256: sha, format: 'html', cases: 1, contracts: 0 } },
    ]);
    expect(JSON.stringify(logged)).not.toContain(c.email);
  });

  it('the console shows what an export holds and links to it; the read log page lists reads for admins', async () => {
    const c = await fileComplaint(h.baseUrl, school.id, { subject: 'Console export check' });
    const page = await supervisor.get(`/console/privacy/export?email=${encodeURIComponent(c.email)}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(c.reference);
    expect(page.body).toContain('Console export check');
    expect(page.body).toContain(
      `/api/privacy/students/export?email=${encodeURIComponent(c.email)}&amp;format=html`,
    );
    // Looking is not exporting: no export is logged until the download ...
    const [{ n }] = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'data.exported' AND data->>'emailSha256' = $1`,
      [createHash('sha256').update(c.email.toLowerCase()).digest('hex')],
    );
    expect(n).toBe(0);
    // ... but the look-up showed the case: it is in the read log.
    const looked = await admin.get(`/api/privacy/reads?reference=${c.reference}`);
    expect(looked.body.items).toEqual([
      expect.objectContaining({ userId: h.users.supervisor.id, route: '/console/privacy/export' }),
    ]);
    expect((await supervisor.get('/console/privacy/export?email=not-an-email')).status).toBe(422);
    expect((await jurist.get(`/console/privacy/export?email=${encodeURIComponent(c.email)}`)).status).toBe(
      403,
    );

    await jurist.get(`/api/complaints/${c.reference}`);
    const reads = await admin.get(`/console/admin/reads?reference=${c.reference}`);
    expect(reads.status).toBe(200);
    expect(reads.body).toContain('Jan Jurist');
    expect(reads.body).toContain('/api/complaints/:reference');
    expect((await supervisor.get('/console/admin/reads')).status).toBe(403);
  });
});

/** Signs in from another loopback address, as a second client would. */
function loginFrom(localAddress: string, email: string, password: string): Promise<number> {
  const body = JSON.stringify({ email, password });
  const url = new URL(h.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: '/api/auth/login',
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('abuse limits', () => {
  it('throttles repeated failed sign-ins per account and address, without locking the account elsewhere', async () => {
    const c = new Client(h.baseUrl);
    for (let i = 0; i < 5; i++)
      expect(
        (await c.post('/api/auth/login', { email: h.users.jurist2.email, password: 'wrong' })).status,
      ).toBe(401);
    const blocked = await c.post('/api/auth/login', { email: h.users.jurist2.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same account from another address still signs in: no lockout an attacker can cause.
    const spoofed = await c.post(
      '/api/auth/login',
      { email: h.users.jurist2.email, password: PASSWORD },
      { 'x-forwarded-for': '203.0.113.9' },
    );
    expect(spoofed.status).toBe(429); // X-Forwarded-For is not trusted unless TRUST_PROXY says so
    expect(await loginFrom('127.0.0.2', h.users.jurist2.email, PASSWORD)).toBe(200);
  });

  it('caps public-triggered emails to one recipient per hour', async () => {
    const email = `flooded-${Date.now()}@student.test`;
    for (let i = 0; i < 7; i++) {
      await fileComplaint(h.baseUrl, school.id, { student: { name: 'X', email, language: 'nl' } });
    }
    const rows = await h.dataSource.query(`SELECT status FROM outbox WHERE recipient = $1 ORDER BY id`, [
      email,
    ]);
    expect(
      rows.map((r: { status: string }) => r.status).filter((s: string) => s === 'suppressed'),
    ).toHaveLength(2);
    await h.smtp.waitFor((m) => m.filter((x) => x.to.includes(email)).length >= 5);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.smtp.to(email)).toHaveLength(5);
  });
});

describe('financial records', () => {
  it('keeps contracts seven years after they ended, then removes the student from them; the export lists them before', async () => {
    const school = await createSchool(supervisor);
    const email = `contract-${Date.now()}@student.test`;
    const base = {
      schoolId: school.id,
      student: { name: 'Karim', email, language: 'en' },
      signedOn: '2017-12-01',
      startDate: '2018-01-08',
      plannedEndDate: '2018-12-14',
      courseType: 'nt2',
      educationLevel: 'middle',
      hourlyRateCents: 1299,
      plannedHours: 300,
      hoursPerWeek: 6,
      funder: 'duo_loan',
    };
    const old = await supervisor.post('/api/contracts', { ...base, contractNumber: `OLD-${Date.now()}` });
    expect(old.status).toBe(201);
    const recent = await supervisor.post('/api/contracts', {
      ...base,
      contractNumber: `NEW-${Date.now()}`,
      signedOn: '2024-01-01',
      startDate: '2024-01-08',
      plannedEndDate: '2024-12-13',
    });
    expect(recent.status).toBe(201);
    await supervisor.post(`/api/contracts/${old.body.id}/invoices`, {
      invoiceDate: '2018-03-30',
      amountCents: 150000,
      status: 'paid',
    });
    // Ended by notice in 2018 with money back to the loan, exported in a DUO batch that names her.
    const t = await supervisor.post(`/api/contracts/${old.body.id}/terminations`, {
      ground: 'notice',
      requestedOn: '2018-05-01',
    });
    expect(t.status).toBe(201);
    expect(
      (await supervisor.post(`/api/contracts/${old.body.id}/terminations/${t.body.id}/make-effective`, {}))
        .status,
    ).toBe(200);
    const batch = await supervisor.post('/api/refunds/batches', { payer: 'duo' });
    expect(batch.status).toBe(201);
    const exportedCsv = (await supervisor.get(`/api/refunds/batches/${batch.body.id}.csv`)).body as string;
    expect(exportedCsv).toContain('Karim');
    // The school is renamed later: the old file must still show what DUO received.
    await h.dataSource.query(`UPDATE schools SET name = name || ' (nieuw)' WHERE id = $1`, [school.id]);

    const exported = await supervisor.get(`/api/privacy/students/export?email=${encodeURIComponent(email)}`);
    expect(exported.body.contracts).toHaveLength(2);
    expect(exported.body.contracts[0].invoices).toEqual([
      { invoiceDate: '2018-03-30', amountCents: 150000, status: 'paid' },
    ]);

    const run = await admin.post('/api/privacy/retention/run');
    expect(run.body.contractsAnonymised).toBe(1);
    const rows = await h.dataSource.query(
      `SELECT id, student_name, student_email, anonymised_at FROM contracts WHERE id = ANY($1) ORDER BY start_date`,
      [[old.body.id, recent.body.id]],
    );
    expect(rows[0]).toMatchObject({
      student_name: 'Geanonimiseerd',
      student_email: `anon-${old.body.id}@invalid`,
    });
    expect(rows[1]).toMatchObject({ student_name: 'Karim', anonymised_at: null });
    const [invoice] = await h.dataSource.query(`SELECT amount_cents FROM invoices WHERE contract_id = $1`, [
      old.body.id,
    ]);
    expect(invoice.amount_cents).toBe(150000); // the books stay
    // In the batch file only her name changed: every other byte is as exported.
    const csv = (await supervisor.get(`/api/refunds/batches/${batch.body.id}.csv`)).body as string;
    expect(csv).toBe(exportedCsv.replace(',Karim,', ',Geanonimiseerd,'));
  });
});

describe('financial records of a contract ended early', () => {
  it('are kept seven years from the effective end, not from the planned end', async () => {
    const school = await createSchool(supervisor);
    // Started 7 years and 9 months ago; notice two months in ends it at start + 3 months (7.5 years
    // ago), while the planned end is only 6.5 years ago.
    const startDate = addMonths(today(), -(12 * 7 + 9));
    const plannedEndDate = addMonths(today(), -(12 * 6 + 6));
    const early = await supervisor.post('/api/contracts', {
      schoolId: school.id,
      student: { name: 'Noor', email: `early-${Date.now()}@student.test`, language: 'nl' },
      contractNumber: `EARLY-${Date.now()}`,
      signedOn: addMonths(startDate, -1),
      startDate,
      plannedEndDate,
      courseType: 'nt2',
      educationLevel: 'middle',
      hourlyRateCents: 1299,
      plannedHours: 300,
      hoursPerWeek: 6,
      funder: 'municipality',
    });
    expect(early.status).toBe(201);
    const t = await supervisor.post(`/api/contracts/${early.body.id}/terminations`, {
      ground: 'notice',
      requestedOn: addMonths(startDate, 2),
    });
    expect(t.status).toBe(201);
    const effective = await supervisor.post(
      `/api/contracts/${early.body.id}/terminations/${t.body.id}/make-effective`,
      {},
    );
    expect(effective.status).toBe(200);
    const [before] = await h.dataSource.query(
      `SELECT to_char(ended_on, 'YYYY-MM-DD') AS e FROM contracts WHERE id = $1`,
      [early.body.id],
    );
    expect(before.e).toBe(addMonths(startDate, 3));

    const run = await admin.post('/api/privacy/retention/run');
    expect(run.status).toBe(200);
    const [row] = await h.dataSource.query(
      `SELECT student_name, anonymised_at FROM contracts WHERE id = $1`,
      [early.body.id],
    );
    expect(row.student_name).toBe('Geanonimiseerd');
    expect(row.anonymised_at).not.toBeNull();
  });
});

describe('retention and objections (2026-12)', () => {
  it('holds a closed case while an objection on it is open, and releases it when the objection is decided', async () => {
    const c = await fileComplaint(h.baseUrl, school.id, { filedWithSchoolOn: daysAgo(50) });
    expect((await supervisor.post(`/api/complaints/${c.reference}/escalate`, { reason: 'x' })).status).toBe(
      200,
    );
    expect((await jurist.post(`/api/complaints/${c.reference}/acknowledge`, {})).status).toBe(200);
    expect(
      (await jurist.post(`/api/complaints/${c.reference}/decide`, { outcome: 'unfounded', summary: 'x' }))
        .status,
    ).toBe(200);
    const o = await jurist.post(`/api/complaints/${c.reference}/objections`, {
      receivedOn: today(),
      lodgedBy: 'student',
      note: 'De student is het niet eens met het besluit.',
    });
    expect(o.status).toBe(201);
    // Closed three years ago (as if): due for anonymisation, but the objection is open.
    await h.dataSource.query(
      `UPDATE cases SET status = 'closed', closed_on = (current_date - make_interval(years => 3))::date, open = false WHERE reference = $1`,
      [c.reference],
    );
    const anonymised = async () =>
      (await h.dataSource.query(`SELECT anonymised_at FROM cases WHERE reference = $1`, [c.reference]))[0]
        .anonymised_at !== null;
    await admin.post('/api/privacy/retention/run');
    expect(await anonymised()).toBe(false);

    const decided = await supervisor.post(`/api/complaints/${c.reference}/objections/${o.body.id}/decide`, {
      decidedOn: today(),
      outcome: 'withdrawn',
    });
    expect(decided.status).toBe(200);
    await admin.post('/api/privacy/retention/run');
    expect(await anonymised()).toBe(true);
    const [row] = await h.dataSource.query(`SELECT note FROM case_objections WHERE id = $1`, [o.body.id]);
    expect(row.note).toBeNull();
  });
});
