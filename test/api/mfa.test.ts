import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hashPassword } from '../../src/auth/passwords.js';
import { STEP_SECONDS, totpCode } from '../../src/auth/totp.js';
import { enrollTotp, Harness, PASSWORD, startHarness } from '../support/harness.js';
import { Client, signedIn, totpSecrets } from '../support/http.js';

/** The second factor: TOTP required for supervisors, finance and admins; set-up; recovery codes. */
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('second factor', () => {
  it('asks an enrolled supervisor for the code, refuses a wrong one, accepts the right one', async () => {
    const email = h.users.supervisor.email;
    const c = new Client(h.baseUrl);
    const none = await c.post('/api/auth/login', { email, password: PASSWORD });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('totp_required');
    const wrong = await c.post('/api/auth/login', { email, password: PASSWORD, totp: '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_second_factor');
    // A wrong password with a right code is still just a wrong password.
    const secret = totpSecrets.get(email)!;
    expect(
      (await c.post('/api/auth/login', { email, password: 'nope', totp: totpCode(secret, Date.now()) })).body
        .code,
    ).toBe('invalid_credentials');
    expect((await c.login(email, PASSWORD)).status).toBe(200);
  });

  it('lets a new finance user do nothing but set up the app, then gives ten single-use recovery codes', async () => {
    const email = 'femke.finance@bow.test';
    await h.dataSource.query(
      `INSERT INTO staff_users (email, name, password_hash, roles) VALUES ($1, 'Femke', $2, ARRAY['finance'])`,
      [email, await hashPassword(PASSWORD)],
    );
    const c = new Client(h.baseUrl);
    const first = await c.login(email, PASSWORD);
    expect(first.body).toMatchObject({ mfaEnrollmentRequired: true });
    const other = new Client(h.baseUrl);
    await other.login(email, PASSWORD);

    const blocked = await c.get('/api/schools');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('mfa_enrollment_required');
    expect((await c.get('/api/auth/me')).body).toMatchObject({
      totpEnabled: false,
      mfaEnrollmentRequired: true,
    });

    const setup = await c.post('/api/auth/totp/setup');
    expect(setup.body).toEqual({
      secret: expect.stringMatching(/^[A-Z2-7]{32}$/),
      otpauthUrl: expect.stringMatching(/^otpauth:\/\/totp\//),
    });
    expect((await c.post('/api/auth/totp/confirm', { code: '123456' })).status).toBe(422);
    const confirmCode = totpCode(setup.body.secret, Date.now());
    const confirmed = await c.post('/api/auth/totp/confirm', { code: confirmCode });
    expect(confirmed.status).toBe(200);
    // The code that confirmed the set-up has been used: it does not sign in as well.
    expect(
      (await new Client(h.baseUrl).post('/api/auth/login', { email, password: PASSWORD, totp: confirmCode }))
        .body.code,
    ).toBe('invalid_second_factor');
    const codes: string[] = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);

    expect((await c.get('/api/schools')).status).toBe(200);
    expect((await other.get('/api/auth/me')).status).toBe(401); // other sessions ended
    const [row] = await h.dataSource.query(
      `SELECT totp_secret, recovery_codes FROM staff_users WHERE email = $1`,
      [email],
    );
    expect(row.totp_secret).not.toContain(setup.body.secret); // stored sealed
    expect(JSON.stringify(row.recovery_codes)).not.toContain(codes[0]); // stored hashed

    const withCode = await new Client(h.baseUrl).post('/api/auth/login', {
      email,
      password: PASSWORD,
      recoveryCode: codes[3],
    });
    expect(withCode.status).toBe(200);
    expect(withCode.body.mfaEnrollmentRequired).toBeUndefined();
    expect(
      (
        await new Client(h.baseUrl).post('/api/auth/login', {
          email,
          password: PASSWORD,
          recoveryCode: codes[3],
        })
      ).status,
    ).toBe(401);

    // Lost phone: an admin removes the second factor; the user's sessions end and set-up starts again.
    const admin = await signedIn(h.baseUrl, h.users.admin.email, PASSWORD);
    const [{ id }] = await h.dataSource.query(`SELECT id FROM staff_users WHERE email = $1`, [email]);
    expect((await admin.request('PATCH', `/api/users/${id}`, { resetSecondFactor: true })).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    expect((await new Client(h.baseUrl).login(email, PASSWORD)).body.mfaEnrollmentRequired).toBe(true);
  });

  it('accepts a code once: the same code again, an older one, or the same code twice at once is refused like a wrong code', async () => {
    const email = 'rita.replay@bow.test';
    await h.dataSource.query(
      `INSERT INTO staff_users (email, name, password_hash, roles) VALUES ($1, 'Rita', $2, ARRAY['supervisor'])`,
      [email, await hashPassword(PASSWORD)],
    );
    const secret = await enrollTotp(h.dataSource, h.config, email);
    const login = (totp: string) =>
      new Client(h.baseUrl).post('/api/auth/login', { email, password: PASSWORD, totp });
    const shape = (r: { status: number; body: Record<string, unknown> }) => ({
      status: r.status,
      title: r.body.title,
      detail: r.body.detail,
      code: r.body.code,
    });

    const now = Date.now();
    const code = totpCode(secret, now);
    expect((await login(code)).status).toBe(200);
    const wrong = await login(code === '000000' ? '111111' : '000000');
    const replayed = await login(code);
    expect(shape(replayed)).toEqual({
      status: 401,
      title: 'Unauthorized',
      detail: 'The code is wrong or has expired',
      code: 'invalid_second_factor',
    });
    expect(shape(replayed)).toEqual(shape(wrong));
    // The previous step's code is still inside the clock-drift window, but older than the one used.
    expect(shape(await login(totpCode(secret, now - STEP_SECONDS * 1000)))).toEqual(shape(wrong));

    // Two sign-ins with one fresh code at the same moment (the next step's, inside the drift window): one passes.
    const next = totpCode(secret, now + STEP_SECONDS * 1000);
    const both = await Promise.all([login(next), login(next)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
    const [row] = await h.dataSource.query(
      `SELECT totp_last_step::int AS step FROM staff_users WHERE email = $1`,
      [email],
    );
    expect(row.step).toBe(Math.floor(now / 1000 / STEP_SECONDS) + 1);
  });

  it('does not require a second factor of jurists and intake (but lets them use one)', async () => {
    const r = await new Client(h.baseUrl).login(h.users.jurist.email, PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body.mfaEnrollmentRequired).toBeUndefined();
  });
});
