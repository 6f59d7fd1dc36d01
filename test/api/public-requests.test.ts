import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReconcilerService } from '../../src/deadlines/reconciler.service.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { createSchool, fileComplaint } from '../support/factory.js';
import { Harness, PASSWORD, startHarness } from '../support/harness.js';
import { Client, signedIn } from '../support/http.js';

/**
 * Finding 2 of "Hard edges": the password reset and the private-link request answered faster
 * when the address was not on file. No timed assertion: an api process without a worker shows
 * what the route itself does, and it must be the same for every input.
 */
let api: Harness;
beforeAll(async () => {
  api = await startHarness({ env: { APP_ROLES: 'api' } });
});
afterAll(async () => {
  await api?.stop();
});

describe('public requests answer alike whether or not they match (finding 2)', () => {
  /** Rows in the tables a reset or a link could write, besides the requests themselves. */
  async function written(): Promise<Record<string, number>> {
    const [r] = await api.dataSource.query(
      `SELECT (SELECT count(*)::int FROM password_resets) AS resets, (SELECT count(*)::int FROM outbox) AS outbox,
              (SELECT count(*)::int FROM audit_log) AS audit, (SELECT count(*)::int FROM access_links) AS links,
              (SELECT count(*)::int FROM deferred_requests) AS requests`,
    );
    return r;
  }

  it('a password reset for a known and an unknown address does the same work: one stored request and one job', async () => {
    const before = await written();
    const known = await new Client(api.baseUrl).post('/api/auth/password-reset', {
      email: api.users.intake.email,
    });
    const afterKnown = await written();
    const unknown = await new Client(api.baseUrl).post('/api/auth/password-reset', {
      email: 'nobody@bow.test',
    });
    const afterUnknown = await written();
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    // Each request wrote exactly one request row and nothing else: no token, email or audit entry yet.
    expect(afterKnown).toEqual({ ...before, requests: before.requests + 1 });
    expect(afterUnknown).toEqual({ ...afterKnown, requests: afterKnown.requests + 1 });
    const rows = await api.dataSource.query(`SELECT kind, reference FROM deferred_requests ORDER BY id`);
    expect(rows).toEqual([
      { kind: 'password_reset', reference: null },
      { kind: 'password_reset', reference: null },
    ]);
  });

  it('a link request with the right and with a wrong address does the same work', async () => {
    const school = await createSchool(await signedIn(api.baseUrl, api.users.supervisor.email, PASSWORD));
    const filed = await fileComplaint(api.baseUrl, school.id);
    const before = await written();
    const right = await new Client(api.baseUrl).post('/api/public/complaints/link', {
      reference: filed.reference,
      email: filed.email,
    });
    const afterRight = await written();
    const wrong = await new Client(api.baseUrl).post('/api/public/complaints/link', {
      reference: filed.reference,
      email: 'someone.else@student.test',
    });
    const afterWrong = await written();
    expect(right.status).toBe(202);
    expect(right.body).toEqual(wrong.body);
    expect(afterRight).toEqual({ ...before, requests: before.requests + 1 });
    expect(afterWrong).toEqual({ ...afterRight, requests: afterRight.requests + 1 });
  });

  it('a request whose job Redis lost is queued again by the reconciler, under the same job id', async () => {
    const queue = api.app.get(QueueService).queue;
    const rows: { id: string }[] = await api.dataSource.query(
      `SELECT id::text FROM deferred_requests ORDER BY id`,
    );
    expect(rows.length).toBeGreaterThan(0); // the requests above: no worker runs in this process
    const jobs = async () =>
      Promise.all(rows.map(async (r) => Boolean(await queue.getJob(`request-${r.id}`))));
    expect(await jobs()).toEqual(rows.map(() => true));
    await queue.obliterate({ force: true }); // Redis lost its data
    expect(await jobs()).toEqual(rows.map(() => false));
    const run = await api.app.get(ReconcilerService).runOnce(true);
    expect(run?.requests).toBe(rows.length);
    expect(await jobs()).toEqual(rows.map(() => true));
  });
});
