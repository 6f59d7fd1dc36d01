import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Harness, PASSWORD, startHarness } from '../support/harness.js';
import { Client, signedIn } from '../support/http.js';
import type { ReceivedMail } from '../support/smtp.js';

/** Staff accounts: creation with an emailed link, password policy, reset, change, deactivation. */
let h: Harness;
let admin: Client;

beforeAll(async () => {
  h = await startHarness();
  admin = await signedIn(h.baseUrl, h.users.admin.email, PASSWORD);
});
afterAll(async () => {
  await h?.stop();
});

function resetToken(mail: ReceivedMail): string {
  const m = /\/console\/reset\/([A-Za-z0-9_-]{20,})/.exec(mail.text);
  if (!m) throw new Error('no reset link');
  return m[1];
}

async function mailTo(address: string, subject: RegExp): Promise<ReceivedMail> {
  await h.smtp.waitFor(
    (m) => m.some((x) => x.to.includes(address) && subject.test(x.subject)),
    15000,
    `mail to ${address}`,
  );
  return h.smtp
    .to(address)
    .filter((x) => subject.test(x.subject))
    .pop()!;
}

describe('accounts', () => {
  it('creates a user who sets a password through the emailed link, once', async () => {
    const created = await admin.post('/api/users', {
      email: 'new.jurist@bow.test',
      name: 'Nieuwe Jurist',
      roles: ['jurist'],
      language: 'nl',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'new.jurist@bow.test', roles: ['jurist'], active: true });
    expect(
      (await admin.post('/api/users', { email: 'NEW.jurist@bow.test', name: 'x', roles: ['jurist'] })).body
        .code,
    ).toBe('email_taken');
    const token = resetToken(await mailTo('new.jurist@bow.test', /Uw account/));

    const weak = await new Client(h.baseUrl).post('/api/auth/password-reset/confirm', {
      token,
      password: 'wachtwoord123',
    });
    expect(weak.status).toBe(422);
    expect(weak.body).toMatchObject({
      code: 'password_too_common',
      errors: [{ field: 'password', message: expect.any(String) }],
    });
    expect(
      (await new Client(h.baseUrl).post('/api/auth/password-reset/confirm', { token, password: 'short' }))
        .body.code,
    ).toBe('password_too_short');
    expect(
      (
        await new Client(h.baseUrl).post('/api/auth/password-reset/confirm', {
          token,
          password: 'lange zin als wachtwoord',
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await new Client(h.baseUrl).post('/api/auth/password-reset/confirm', {
          token,
          password: 'nog een lange zin hier',
        })
      ).body.code,
    ).toBe('reset_link_invalid');
    expect(
      (await new Client(h.baseUrl).login('new.jurist@bow.test', 'lange zin als wachtwoord')).status,
    ).toBe(200);
  });

  it('answers a reset request identically for known and unknown emails, and only the known one gets mail', async () => {
    const known = await new Client(h.baseUrl).post('/api/auth/password-reset', {
      email: h.users.intake.email,
    });
    const unknown = await new Client(h.baseUrl).post('/api/auth/password-reset', {
      email: 'nobody@bow.test',
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    const token = resetToken(await mailTo(h.users.intake.email, /Set a new password/));
    const other = await signedIn(h.baseUrl, h.users.intake.email, PASSWORD);
    expect(
      (
        await new Client(h.baseUrl).post('/api/auth/password-reset/confirm', {
          token,
          password: 'a brand new passphrase',
        })
      ).status,
    ).toBe(204);
    // The reset ended every session.
    expect((await other.get('/api/auth/me')).status).toBe(401);
    expect((await new Client(h.baseUrl).login(h.users.intake.email, 'a brand new passphrase')).status).toBe(
      200,
    );
    expect(h.smtp.to('nobody@bow.test')).toEqual([]);
  });

  it('changes a password: every other session ends, the current one is renewed', async () => {
    const a = await signedIn(h.baseUrl, h.users.jurist2.email, PASSWORD);
    const b = await signedIn(h.baseUrl, h.users.jurist2.email, PASSWORD);
    expect(
      (
        await a.post('/api/auth/password', {
          currentPassword: 'wrong',
          newPassword: 'another good passphrase',
        })
      ).status,
    ).toBe(401);
    expect(
      (await a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'qwerty123' })).status,
    ).toBe(422);
    const changed = await a.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'another good passphrase',
    });
    expect(changed.status).toBe(200);
    a.csrf = changed.body.csrfToken;
    expect((await a.get('/api/auth/me')).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
  });

  it('deactivating a user ends their sessions and refuses their sign-in', async () => {
    const j = await signedIn(h.baseUrl, h.users.jurist.email, PASSWORD);
    const r = await admin.request('PATCH', `/api/users/${h.users.jurist.id}`, { active: false });
    expect(r.status).toBe(200);
    expect(r.body.active).toBe(false);
    expect((await j.get('/api/auth/me')).status).toBe(401);
    expect((await new Client(h.baseUrl).login(h.users.jurist.email, PASSWORD)).status).toBe(401);
    await admin.request('PATCH', `/api/users/${h.users.jurist.id}`, { active: true });
    expect((await new Client(h.baseUrl).login(h.users.jurist.email, PASSWORD)).status).toBe(200);
  });

  it('lets only admins manage users and keeps the changes in the audit log', async () => {
    const s = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
    expect((await s.get('/api/users')).status).toBe(403);
    const list = await admin.get('/api/users');
    expect(list.body.items.map((u: { email: string }) => u.email)).toContain(h.users.supervisor.email);
    const audit = await h.dataSource.query(`SELECT action FROM audit_log ORDER BY id`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['user.created', 'password.reset', 'password.changed', 'user.updated']),
    );
  });
});
