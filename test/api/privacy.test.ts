import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { createSchool, fileComplaint } from '../support/factory.js';
import { Harness, PASSWORD, startHarness } from '../support/harness.js';
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

describe('retention', () => {
  // What retention anonymises and keeps (case files, contracts, objections): test/medium/privacy.test.ts.
  it('an admin runs it now through the route; nobody else may', async () => {
    const run = await admin.post('/api/privacy/retention/run');
    expect(run.status).toBe(200);
    expect(run.body).toEqual({ anonymised: expect.any(Number), contractsAnonymised: expect.any(Number) });
    expect((await supervisor.post('/api/privacy/retention/run')).status).toBe(403);
  });
});
