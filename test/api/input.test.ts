import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSchool } from '../support/factory.js';
import { Harness, PASSWORD, startHarness, today } from '../support/harness.js';
import { Client, signedIn } from '../support/http.js';

/** Bad input gets a clear problem response and nothing is half-written. */
let h: Harness;
let staff: Client;
let schoolId: string;

const valid = () => ({
  student: { name: 'Amina', email: 'amina@student.test', language: 'en' },
  schoolId,
  subject: 'Lessons cancelled',
  description: 'Many lessons were cancelled.',
  filedWithSchoolOn: '2026-11-13',
});

async function caseCount(): Promise<number> {
  const [r] = await h.dataSource.query('SELECT count(*)::int AS n FROM cases');
  return r.n;
}

beforeAll(async () => {
  h = await startHarness();
  staff = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
  schoolId = (await createSchool(staff)).id;
});
afterAll(async () => {
  await h?.stop();
});

describe('validation of a public complaint', () => {
  const pub = () => new Client(h.baseUrl);

  it('refuses unknown fields, naming them', async () => {
    const r = await pub().post('/api/public/complaints', { ...valid(), isAdmin: true });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      errors: [{ field: 'isAdmin', message: 'unknown field' }],
    });
    const nested = await pub().post('/api/public/complaints', {
      ...valid(),
      student: { ...valid().student, bsn: '123' },
    });
    expect(nested.body.errors).toEqual([{ field: 'student.bsn', message: 'unknown field' }]);
  });

  it('refuses wrong types and dates that do not exist', async () => {
    const r = await pub().post('/api/public/complaints', {
      ...valid(),
      filedWithSchoolOn: '2026-02-30',
      needsHelpFiling: 'yes',
    });
    expect(r.status).toBe(400);
    const fields = r.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['filedWithSchoolOn', 'needsHelpFiling']);
    expect(
      (
        await pub().post('/api/public/complaints', {
          ...valid(),
          student: { ...valid().student, language: 'de' },
        })
      ).body.errors[0].field,
    ).toBe('student.language');
    expect(
      (await pub().post('/api/public/complaints', { ...valid(), schoolId: 'abc' })).body.errors[0].field,
    ).toBe('schoolId');
  });

  it('refuses a filed-with-school date in the future and a school that does not exist (422)', async () => {
    const future = await pub().post('/api/public/complaints', {
      ...valid(),
      filedWithSchoolOn: '2099-01-01',
    });
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([{ field: 'filedWithSchoolOn', message: 'cannot be in the future' }]);
    const noSchool = await pub().post('/api/public/complaints', {
      ...valid(),
      schoolId: '6f1c3a52-8a4e-4c4b-9a57-0d2b5c8e9f10',
    });
    expect(noSchool.status).toBe(422);
    expect(noSchool.body.errors).toEqual([{ field: 'schoolId', message: 'no school with this id' }]);
  });

  it('refuses bodies over 1 MiB with 413 and malformed JSON with 400, storing nothing', async () => {
    const before = await caseCount();
    const big = await pub().post('/api/public/complaints', {
      ...valid(),
      description: 'x'.repeat(10 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ status: 413, title: 'Content Too Large' });
    const binary = await pub().request('POST', '/api/public/complaints', 'x'.repeat(3 * 1024 * 1024), {
      'content-type': 'application/octet-stream',
    });
    expect(binary.status).toBe(413); // the 5 MiB evidence parser applies to evidence routes only
    const broken = await pub().request('POST', '/api/public/complaints', '{"student": ', {
      'content-type': 'application/json',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.status).toBe(400);
    expect(await caseCount()).toBe(before);
  });

  it('stores HTML and script as plain text, exactly as written', async () => {
    const attack = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    const r = await pub().post('/api/public/complaints', {
      ...valid(),
      subject: attack,
      description: `Hello ${attack}`,
    });
    expect(r.status).toBe(201);
    const got = await staff.get(`/api/complaints/${r.body.reference}`);
    expect(got.body.subject).toBe(attack);
    expect(got.body.description).toBe(`Hello ${attack}`);
    expect(got.headers.get('content-type')).toContain('application/json');
  });

  it('answers unknown routes and references with problem+json 404', async () => {
    expect((await staff.get('/api/nope')).body).toMatchObject({ status: 404 });
    expect((await staff.get('/api/complaints/K-2026-999999')).status).toBe(404);
    const page = await new Client(h.baseUrl).get('/no-such-page', {
      accept: 'text/html,application/xhtml+xml',
    });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('Deze pagina bestaat niet');
  });
});

describe('calendar route', () => {
  const c = () => new Client(h.baseUrl);
  it('answers the contract shape with the skipped days and their names', async () => {
    const r = await c().get('/api/calendar/deadline?from=2026-11-13&weeks=6');
    expect(r.body).toEqual({
      from: '2026-11-13',
      period: { unit: 'weeks', amount: 6 },
      rawEnd: '2026-12-25',
      deadline: '2026-12-28',
      rolledOver: true,
      skipped: [
        { date: '2026-12-25', reason: 'Christmas Day', reasonNl: 'Eerste Kerstdag' },
        { date: '2026-12-26', reason: 'Boxing Day', reasonNl: 'Tweede Kerstdag' },
        { date: '2026-12-27', reason: 'Sunday', reasonNl: 'zondag' },
      ],
    });
  });
  it('supports days, workingDays and months (months never roll over)', async () => {
    expect((await c().get('/api/calendar/deadline?from=2026-01-31&months=1')).body).toMatchObject({
      deadline: '2026-02-28',
      skipped: [],
    });
    expect((await c().get('/api/calendar/deadline?from=2026-04-24&workingDays=2')).body).toMatchObject({
      deadline: '2026-04-29',
    });
    // docs/domain-rules.md: escalated on Friday 2026-04-24, acknowledged by Monday 2026-05-04.
    expect((await c().get('/api/calendar/deadline?from=2026-04-24&workingDays=5')).body).toMatchObject({
      deadline: '2026-05-04',
    });
    expect(
      (await c().get('/api/calendar/deadline?from=2026-05-08&days=1&rollOver=false')).body,
    ).toMatchObject({ deadline: '2026-05-09', skipped: [] });
  });
  it('refuses two periods, none, or a bad date', async () => {
    expect((await c().get('/api/calendar/deadline?from=2026-01-01&weeks=1&days=2')).status).toBe(400);
    expect((await c().get('/api/calendar/deadline?from=2026-01-01')).status).toBe(400);
    expect((await c().get('/api/calendar/deadline?from=2026-02-30&weeks=1')).status).toBe(400);
  });
});

describe('sign-in and sessions', () => {
  it('gives the same 401 for a wrong email and a wrong password', async () => {
    const a = await new Client(h.baseUrl).post('/api/auth/login', {
      email: 'nobody@bow.test',
      password: PASSWORD,
    });
    const b = await new Client(h.baseUrl).post('/api/auth/login', {
      email: h.users.jurist.email,
      password: 'wrong password',
    });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body).toEqual(b.body);
  });

  it('returns the user and a CSRF token, with an HttpOnly SameSite=Lax cookie', async () => {
    const c = new Client(h.baseUrl);
    const r = await c.login(h.users.jurist.email, PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      user: {
        id: h.users.jurist.id,
        email: h.users.jurist.email,
        name: 'Jan Jurist',
        roles: ['jurist'],
        language: 'en',
      },
      csrfToken: expect.any(String),
    });
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(
      (await new Client(h.baseUrl).post('/api/auth/login', { email: 'a@b.c', password: 'x', remember: true }))
        .status,
    ).toBe(400);
    // A cross-site form post cannot sign anybody in (login CSRF): JSON only.
    const form = await new Client(h.baseUrl).request(
      'POST',
      '/api/auth/login',
      `email=${encodeURIComponent(h.users.jurist.email)}&password=x`,
      {
        'content-type': 'application/x-www-form-urlencoded',
      },
    );
    expect(form.status).toBe(415);
  });

  it('refuses a change without the CSRF token, and a route without a session', async () => {
    const c = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
    const token = c.csrf;
    c.csrf = null;
    const r = await c.post('/api/schools', {
      name: 'x',
      city: 'y',
      complaintsEmail: 'a@b.nl',
      qualityMark: 'keurmerk',
      complaintsRegulationUrl: null,
    });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('csrf_failed');
    c.csrf = token;
    expect((await new Client(h.baseUrl).get('/api/complaints')).status).toBe(401);
  });

  it('ends the session at once on logout', async () => {
    const c = await signedIn(h.baseUrl, h.users.jurist.email, PASSWORD);
    expect((await c.get('/api/complaints')).status).toBe(200);
    const cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    c.cookie = cookie;
    const after = await c.get('/api/complaints');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('session_expired');
  });

  it('lets only supervisors and admins create schools', async () => {
    const j = await signedIn(h.baseUrl, h.users.jurist.email, PASSWORD);
    const r = await j.post('/api/schools', {
      name: 'x',
      city: 'y',
      complaintsEmail: 'a@b.nl',
      qualityMark: 'keurmerk',
      complaintsRegulationUrl: null,
    });
    expect(r.status).toBe(403);
  });
});

describe('service', () => {
  it('publishes the OpenAPI document with the fixed routes', async () => {
    const r = await new Client(h.baseUrl).get('/api/docs-json');
    expect(r.status).toBe(200);
    for (const path of [
      '/api/auth/login',
      '/api/auth/logout',
      '/api/calendar/deadline',
      '/api/schools',
      '/api/public/complaints',
      '/api/complaints/{reference}',
      '/api/complaints/{reference}/escalate',
    ]) {
      expect(Object.keys(r.body.paths)).toContain(path);
    }
    expect(
      r.body.paths['/api/public/complaints'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('filedWithSchoolOn');
    // @ValidBody gives the route both its parser and its documented request body.
    expect(
      r.body.paths['/api/contracts/{id}/lessons'].post.requestBody.content['application/json'].schema
        .properties,
    ).toHaveProperty('lessons');
    expect((await new Client(h.baseUrl).get('/api/docs')).status).toBe(200);
  });

  it('echoes a request id and reports readiness', async () => {
    const r = await new Client(h.baseUrl).get('/health/ready', { 'x-request-id': 'abc-123' });
    expect(r.headers.get('x-request-id')).toBe('abc-123');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(r.body).toEqual({
      status: 'ok',
      checks: { postgres: 'ok', migrations: 'ok', redis: 'ok', worker: 'ok' },
    });
    expect(today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
