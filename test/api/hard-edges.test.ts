import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import { createSchool, fileComplaint } from '../support/factory.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { totpCode } from '../../src/auth/totp.js';
import { enrollTotp, Harness, PASSWORD, startHarness } from '../support/harness.js';
import { Client, secondFactor, signedIn } from '../support/http.js';
import { linkToken } from '../support/smtp.js';

/**
 * The security findings of the issue "Hard edges": each test here failed before its fix.
 * No timed assertions: where a finding was about time, the test shows that both paths do the same work.
 */
let h: Harness;
let supervisor: Client;
let schoolId: string;

beforeAll(async () => {
  h = await startHarness({ env: { LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' } });
  supervisor = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
  schoolId = (await createSchool(supervisor)).id;
});
afterAll(async () => {
  await h?.stop();
});

const pub = () => new Client(h.baseUrl);

/** Polls a condition the worker makes true (no timed assertion: only a generous cap). */
async function waitUntil(ok: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The console's sign-in form as a browser posts it: its own login token cookie and hidden field. */
async function consoleSignIn(fields: Record<string, string>): Promise<Response> {
  const page = await fetch(`${h.baseUrl}/console/login`);
  const cookie = /bow_login=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')![1];
  const loginToken = /name="_login" value="([^"]+)"/.exec(await page.text())![1];
  return fetch(`${h.baseUrl}/console/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `bow_login=${cookie}` },
    body: new URLSearchParams({ _login: loginToken, ...fields }).toString(),
    redirect: 'manual',
  });
}

describe('control characters in text (finding 6)', () => {
  it('answers a NUL byte in any text field with 400 problem+json naming the field, anonymous routes included', async () => {
    const r = await pub().post('/api/public/complaints', {
      student: { name: 'Amina', email: 'amina.nul@student.test', language: 'en' },
      schoolId,
      subject: 'Lessons\u0000cancelled',
      description: 'Many lessons were cancelled.',
    });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.errors).toEqual([{ field: 'subject', message: expect.any(String) }]);

    const login = await pub().post('/api/auth/login', { email: 'a\u0000@bow.test', password: 'x' });
    expect(login.status).toBe(400);
    expect(login.body.errors).toEqual([{ field: 'email', message: expect.any(String) }]);

    const reset = await pub().post('/api/auth/password-reset', { email: 'x\u0000@bow.test' });
    expect(reset.status).toBe(400);
    expect(reset.body.errors).toEqual([{ field: 'email', message: expect.any(String) }]);

    const search = await supervisor.get('/api/complaints?q=ab%00cd');
    expect(search.status).toBe(400);
    expect(search.body.errors).toEqual([{ field: 'q', message: expect.any(String) }]);
  });

  it('refuses a NUL byte in a page form with 400 too, and keeps newlines and tabs in free text', async () => {
    const form = await fetch(`${h.baseUrl}/klacht`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ step: '1', q: 'school\u0000' }).toString(),
      redirect: 'manual',
    });
    expect(form.status).toBe(400);
    expect(form.headers.get('content-type')).toContain('application/problem+json');
    expect((await form.json()).errors).toEqual([{ field: 'q', message: expect.any(String) }]);

    const ok = await pub().post('/api/public/complaints', {
      student: { name: 'Amina', email: 'amina.lines@student.test', language: 'en' },
      schoolId,
      subject: 'Lessons cancelled',
      description: 'First line\r\nsecond line\n\tindented',
    });
    expect(ok.status).toBe(201);
  });
});

describe('line breaks in names (finding 9)', () => {
  it('refuses a student name with a line break on every entry, with 400 naming the field', async () => {
    const complaint = await pub().post('/api/public/complaints', {
      student: { name: 'Amina\nUw klacht is afgewezen', email: 'amina.nl@student.test', language: 'en' },
      schoolId,
      subject: 'Lessons cancelled',
      description: 'Many lessons were cancelled.',
    });
    expect(complaint.status).toBe(400);
    expect(complaint.body.errors).toEqual([{ field: 'student.name', message: expect.any(String) }]);

    const report = await pub().post('/api/public/digid-reports', {
      student: { name: 'Amina\r\nX', email: 'amina.nl@student.test', language: 'en' },
      suspectedParty: 'school',
      schoolId,
      noticedOn: '2026-01-05',
      description: 'Someone used my DigiD.',
    });
    expect(report.status).toBe(400);
    expect(report.body.errors).toEqual([{ field: 'student.name', message: expect.any(String) }]);

    const contract = await supervisor.post('/api/contracts', {
      schoolId,
      student: { name: 'Amina\u2028X', email: 'amina.nl@student.test', language: 'en' },
      contractNumber: 'HE-1',
      signedOn: '2026-01-05',
      startDate: '2026-01-12',
      plannedEndDate: '2026-12-18',
      courseType: 'nt2',
      educationLevel: 'middle',
      hourlyRateCents: 5000,
      plannedHours: 300,
      hoursPerWeek: 6,
      funder: 'self',
    });
    expect(contract.status).toBe(400);
    expect(contract.body.errors).toEqual([{ field: 'student.name', message: expect.any(String) }]);

    const csv = await supervisor.request(
      'POST',
      `/api/contracts/import?schoolId=${schoolId}`,
      'contractNumber,studentName,studentEmail,studentLanguage,signedOn,startDate,plannedEndDate,courseType,educationLevel,hourlyRateCents,plannedHours,hoursPerWeek,funder\n' +
        'HE-2,"Amina\nX",amina.csv@student.test,en,2026-01-05,2026-01-12,2026-12-18,nt2,middle,5000,300,6,self\n',
      { 'content-type': 'text/csv' },
    );
    expect(csv.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(csv.body)).toMatch(/studentName/);
    const [{ n }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM contracts`);
    expect(n).toBe(0);
  });

  it('the public form page refuses a name with a line break', async () => {
    const step4 = (name: string) =>
      fetch(`${h.baseUrl}/klacht`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          step: '4',
          go: 'next',
          schoolId,
          subject: 'Lessen',
          description: 'Lessen vielen uit.',
          filed: 'no',
          name,
          email: 'amina.page@student.test',
        }).toString(),
        redirect: 'manual',
      });
    expect((await step4('Amina Yilmaz')).status).toBe(200);
    expect((await step4('Amina\r\nUw klacht is afgewezen')).status).toBe(422);
  });
});

describe('redirect targets (finding 7)', () => {
  it('a CR LF in the sign-in form’s next falls back to the console, not a 500', async () => {
    const r = await consoleSignIn({
      email: h.users.intake.email,
      password: PASSWORD,
      next: '/console\r\nX-Injected: 1',
    });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/console');
    expect(r.headers.get('x-injected')).toBeNull();
  });
});

describe('caching of JSON answers (finding 10)', () => {
  it('answers with personal data or the CSRF token carry Cache-Control: no-store', async () => {
    const client = new Client(h.baseUrl);
    const login = await client.login(h.users.intake.email, PASSWORD);
    expect(login.headers.get('cache-control')).toBe('no-store');
    expect((await client.get('/api/auth/me')).headers.get('cache-control')).toBe('no-store');
    const filed = await fileComplaint(h.baseUrl, schoolId);
    expect((await client.get(`/api/complaints/${filed.reference}`)).headers.get('cache-control')).toBe(
      'no-store',
    );
    expect((await client.get('/api/complaints')).headers.get('cache-control')).toBe('no-store');
    const problem = await pub().get('/api/public/cases/not-a-real-token-at-all-xxxxxxxx');
    expect(problem.headers.get('cache-control')).toBe('no-store');
  });
});

describe('a hidden case and a missing case answer alike (finding 3)', () => {
  it('gives the same status and body for both, on complaint and DigiD routes, whatever the body', async () => {
    const jurist = await signedIn(h.baseUrl, h.users.jurist.email, PASSWORD);
    const c = await fileComplaint(h.baseUrl, schoolId, { filedWithSchoolOn: '2026-01-05' });
    expect(
      (await supervisor.post(`/api/complaints/${c.reference}/escalate`, { reason: 'late' })).status,
    ).toBe(200);
    await supervisor.post(`/api/complaints/${c.reference}/assign`, { assigneeId: h.users.jurist2.id });
    const missing = c.reference.replace(/\d{6}$/, '999999');
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['POST', '/acknowledge', {}],
      ['POST', '/escalate', { unknownField: 1 }],
      ['POST', '/notes', { text: '' }],
    ] as const) {
      const hidden = await jurist.request(method, `/api/complaints/${c.reference}${suffix}`, body);
      const absent = await jurist.request(method, `/api/complaints/${missing}${suffix}`, body);
      expect(hidden.status).toBe(404);
      expect(absent.status).toBe(404);
      expect(hidden.body).toEqual(absent.body);
    }

    const report = await pub().post('/api/public/digid-reports', {
      student: { name: 'Amina', email: 'amina.digid@student.test', language: 'en' },
      suspectedParty: 'school',
      schoolId,
      noticedOn: '2026-01-05',
      description: 'Someone used my DigiD.',
    });
    expect(report.status).toBe(201);
    expect(
      (
        await supervisor.post(`/api/digid-reports/${report.body.reference}/assign`, {
          assigneeId: h.users.jurist2.id,
        })
      ).status,
    ).toBe(200);
    const missingReport = String(report.body.reference).replace(/\d{6}$/, '999999');
    const hidden = await jurist.get(`/api/digid-reports/${report.body.reference}`);
    const absent = await jurist.get(`/api/digid-reports/${missingReport}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(absent.body);
    // A complaint's reference on a DigiD route is a missing DigiD report: the same answer again.
    expect((await supervisor.get(`/api/digid-reports/${c.reference}`)).body).toEqual(absent.body);
  });
});

describe('one form of an email address (finding 4)', () => {
  it('a Unicode variant of an address does not sign in past the per-account throttle', async () => {
    const email = h.users.jurist2.email; // jurist2@bow.test
    for (let i = 0; i < 5; i++) {
      expect((await pub().post('/api/auth/login', { email, password: 'wrong password' })).status).toBe(401);
    }
    expect(
      (await pub().post('/api/auth/login', { email: 'JURIST2@bow.test', password: PASSWORD })).status,
    ).toBe(429);
    for (const variant of ['jurİst2@bow.test', 'JURİST2@BOW.TEST', 'ｊurist2@bow.test']) {
      const r = await pub().post('/api/auth/login', { email: variant, password: PASSWORD });
      expect(r.status).not.toBe(200);
    }
    await h.dataSource.query(`DELETE FROM auth_throttle`);
  });

  it('stores addresses normalised: account creation, and the migration for existing ones', async () => {
    const admin = await signedIn(h.baseUrl, h.users.admin.email, PASSWORD);
    const created = await admin.post('/api/users', {
      email: 'Petra.Jurist@BOW.test',
      name: 'Petra',
      roles: ['jurist'],
    });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('petra.jurist@bow.test');

    const [row] = await h.dataSource.query(
      `INSERT INTO staff_users (email, name, password_hash, roles) SELECT 'Oude.Collega@BOW.TEST', 'Oud', password_hash, ARRAY['intake'] FROM staff_users WHERE email = $1 RETURNING id`,
      [h.users.intake.email],
    );
    const { NormalisedStaffEmails1796200000001 } =
      await import('../../migrations/1796200000001-NormalisedStaffEmails.js');
    const runner = h.dataSource.createQueryRunner();
    try {
      await new NormalisedStaffEmails1796200000001().up(runner);
    } finally {
      await runner.release();
    }
    const [after] = await h.dataSource.query(`SELECT email FROM staff_users WHERE id = $1`, [row.id]);
    expect(after.email).toBe('oude.collega@bow.test');
    expect(
      (await pub().post('/api/auth/login', { email: 'OUDE.collega@bow.test', password: PASSWORD })).status,
    ).toBe(200);
  });
});

describe('the current password on a password change (finding 8)', () => {
  it('is throttled like a sign-in, with the same lockout answer', async () => {
    const me = await signedIn(h.baseUrl, h.users.jurist2.email, PASSWORD);
    for (let i = 0; i < 5; i++) {
      const r = await me.post('/api/auth/password', { currentPassword: `guess ${i}`, newPassword: 'x' });
      expect(r.status).toBe(401);
    }
    const locked = await me.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'een nieuw lang wachtwoord',
    });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('rate_limited');
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    // The same count as the sign-in: the account cannot sign in from here either, for now.
    const signIn = await pub().post('/api/auth/login', { email: h.users.jurist2.email, password: PASSWORD });
    expect(signIn.status).toBe(429);
    expect(signIn.body.code).toBe(locked.body.code);
    await h.dataSource.query(`DELETE FROM auth_throttle`);
  });
});

describe('replacing the second factor (finding 5)', () => {
  it('needs the password and a current code or recovery code while one is on; a session alone is refused', async () => {
    const email = 'tom.totp@bow.test';
    await h.dataSource.query(
      `INSERT INTO staff_users (email, name, password_hash, roles) VALUES ($1, 'Tom', $2, ARRAY['jurist'])`,
      [email, await hashPassword(PASSWORD)],
    );
    await enrollTotp(h.dataSource, h.config, email);
    const c = await signedIn(h.baseUrl, email, PASSWORD);
    const [before] = await h.dataSource.query(`SELECT totp_secret FROM staff_users WHERE email = $1`, [
      email,
    ]);

    const bare = await c.post('/api/auth/totp/setup');
    expect(bare.status).toBe(422);
    expect(bare.body.code).toBe('reauthentication_required');
    expect((await c.post('/api/auth/totp/setup', { password: PASSWORD })).body.code).toBe(
      'reauthentication_required',
    );
    const factor = (await secondFactor(email))!;
    expect((await c.post('/api/auth/totp/setup', { password: 'wrong password', ...factor })).status).toBe(
      401,
    );
    // The console's page has no way around it either.
    const page = await c.request('POST', '/console/account/totp/setup', `_csrf=${c.csrf}`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(page.status).toBe(422);
    const [{ pending }] = await h.dataSource.query(
      `SELECT totp_pending IS NOT NULL AS pending FROM staff_users WHERE email = $1`,
      [email],
    );
    expect(pending).toBe(false);

    const setup = await c.post('/api/auth/totp/setup', {
      password: PASSWORD,
      ...(await secondFactor(email))!,
    });
    expect(setup.status).toBe(200);
    const code = totpCode(setup.body.secret, Date.now());
    const noPassword = await c.post('/api/auth/totp/confirm', { code });
    expect(noPassword.status).toBe(422);
    expect(noPassword.body.code).toBe('reauthentication_required');
    const confirmed = await c.post('/api/auth/totp/confirm', { code, password: PASSWORD });
    expect(confirmed.status).toBe(200);
    const [after] = await h.dataSource.query(`SELECT totp_secret FROM staff_users WHERE email = $1`, [email]);
    expect(after.totp_secret).not.toBe(before.totp_secret);
    await h.dataSource.query(`DELETE FROM auth_throttle`);
  });
});

describe('asking for a new private link (finding 1)', () => {
  it('never revokes the links a student has when the new one is not sent (the per-recipient cap)', async () => {
    const filed = await fileComplaint(h.baseUrl, schoolId);
    const mails = () => h.smtp.to(filed.email);
    await h.smtp.waitFor(() => mails().length === 1, 15_000, 'the confirmation');
    // The confirmation and four new links: the cap of five emails an hour to one address is reached.
    for (let n = 2; n <= 5; n++) {
      const r = await pub().post('/api/public/complaints/link', {
        reference: filed.reference,
        email: filed.email,
      });
      expect(r.status).toBe(202);
      await h.smtp.waitFor(() => mails().length === n, 15_000, `email ${n}`);
    }
    const newest = linkToken(mails()[4]);
    expect((await pub().get(`/api/public/cases/${newest}`)).status).toBe(200);
    // A stranger who knows the reference and the address asks again: suppressed, and nothing changes.
    for (let i = 0; i < 3; i++) {
      const r = await pub().post('/api/public/complaints/link', {
        reference: filed.reference,
        email: filed.email,
      });
      expect(r.status).toBe(202);
    }
    // The requests are handled by the worker after the answer (finding 2): wait until all three were.
    await waitUntil(async () => {
      const [{ suppressed }] = await h.dataSource.query(
        `SELECT count(*)::int AS suppressed FROM outbox WHERE recipient = $1 AND status = 'suppressed'`,
        [filed.email],
      );
      return suppressed === 3;
    }, 'three suppressed link emails');
    expect((await pub().get(`/api/public/cases/${newest}`)).status).toBe(200);
    // Only the newest sent link is live; every older one was replaced when its successor was sent.
    const [{ live }] = await h.dataSource.query(
      `SELECT count(*)::int AS live FROM access_links a JOIN cases c ON c.id = a.case_id
       WHERE c.reference = $1 AND a.purpose = 'student' AND a.revoked_at IS NULL`,
      [filed.reference],
    );
    expect(live).toBe(1);
  });

  it('never revokes them when the new link email fails; a new link replaces them once its email is sent', async () => {
    const filed = await fileComplaint(h.baseUrl, schoolId);
    const mails = () => h.smtp.to(filed.email);
    await h.smtp.waitFor(() => mails().length === 1, 15_000, 'the confirmation');
    const first = linkToken(mails()[0]);
    const linkEmails = async (status: string) =>
      (
        await h.dataSource.query(
          `SELECT count(*)::int AS n FROM outbox WHERE recipient = $1 AND template = 'case_link' AND status = $2`,
          [filed.email, status],
        )
      )[0].n as number;

    h.smtp.refuse = 'mailbox unavailable';
    try {
      const r = await pub().post('/api/public/complaints/link', {
        reference: filed.reference,
        email: filed.email,
      });
      expect(r.status).toBe(202);
      await waitUntil(async () => (await linkEmails('failed')) === 1, 'the link email given up');
      expect((await pub().get(`/api/public/cases/${first}`)).status).toBe(200);
    } finally {
      h.smtp.refuse = null;
    }

    const again = await pub().post('/api/public/complaints/link', {
      reference: filed.reference,
      email: filed.email,
    });
    expect(again.status).toBe(202);
    await h.smtp.waitFor(() => mails().length === 2, 15_000, 'the new link');
    await waitUntil(
      async () => (await pub().get(`/api/public/cases/${first}`)).status === 404,
      'the old link revoked',
    );
    expect((await pub().get(`/api/public/cases/${linkToken(mails()[1])}`)).status).toBe(200);
  });
});

describe('staff uploads (finding 11)', () => {
  /**
   * Starts a 5 MiB upload but sends only its first KiB, and says how the server answered: the
   * status, or 'no answer' when it was still waiting for the body (it gets a generous while; a
   * server that checks the session first answers at once).
   */
  function partialUpload(path: string, contentType: string, cookie?: string): Promise<number | 'no answer'> {
    const url = new URL(path, h.baseUrl);
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': contentType,
            'content-length': String(5 * 1024 * 1024),
            ...(cookie ? { cookie } : {}),
          },
        },
        (res) => {
          res.resume();
          clearTimeout(timer);
          req.destroy();
          resolve(res.statusCode ?? 0);
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        resolve('no answer');
      }, 10_000);
      req.on('error', (e) => {
        clearTimeout(timer);
        if ((e as NodeJS.ErrnoException).code === 'ECONNRESET') resolve('no answer');
        else reject(e);
      });
      req.write(Buffer.alloc(1024, 'a'));
    });
  }

  it('answers an anonymous or unauthorised upload before reading its body', async () => {
    const contract = '00000000-0000-4000-8000-000000000000';
    expect(await partialUpload('/api/contracts/import', 'text/csv')).toBe(401);
    expect(
      await partialUpload(`/api/contracts/${contract}/terminations/${contract}/evidence`, 'application/pdf'),
    ).toBe(401);
    // A console form with a file, without a session: to the sign-in page, before the body.
    expect(
      await partialUpload(
        `/console/contracts/${contract}/terminations/${contract}/evidence`,
        'multipart/form-data; boundary=x',
      ),
    ).toBe(303);
    // Signed in, but the role may not write contracts (admin): 403, before the body too.
    const admin = await signedIn(h.baseUrl, h.users.admin.email, PASSWORD);
    expect(await partialUpload('/api/contracts/import', 'text/csv', admin.cookie!)).toBe(403);
  });
});
