import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReconcilerService } from '../../src/deadlines/reconciler.service.js';
import { createSchool, fileComplaint } from '../support/factory.js';
import { daysAgo, Harness, PASSWORD, startHarness } from '../support/harness.js';
import { Client, signedIn } from '../support/http.js';
import { OwnRedis } from '../support/redis-server.js';

/**
 * A public complaint while Redis is down, on a Redis of this test's own (so that it can be
 * stopped): the answer, the readiness check, and the email once Redis is back. Reminders and
 * breaches through the queue are tested on the services: test/medium/reminders.test.ts.
 */
let redis: OwnRedis;
let h: Harness;
let supervisor: Client;
let school: { id: string; complaintsEmail: string };
let reconciler: ReconcilerService;

beforeAll(async () => {
  redis = await OwnRedis.create();
  h = await startHarness({ redisUrl: redis.url });
  supervisor = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
  school = await createSchool(supervisor);
  reconciler = h.app.get(ReconcilerService);
}, 60_000);
afterAll(async () => {
  await h?.stop();
  await redis?.destroy();
});

describe('Redis can be lost', () => {
  it('accepts a public complaint while Redis is down; its email goes out once Redis is back', async () => {
    await redis.stop();
    // Answered (201) although the jobs could not be handed to Redis; a hang would time the test out.
    const c = await fileComplaint(h.baseUrl, school.id, { filedWithSchoolOn: daysAgo(1) });
    const [row] = await h.dataSource.query(`SELECT status FROM outbox WHERE recipient = $1`, [c.email]);
    expect(row.status).toBe('pending');
    const ready = await new Client(h.baseUrl).get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.down).toContain('redis');

    await redis.start();
    await new Promise((r) => setTimeout(r, 500));
    // The worker's next round (here called directly) finds Redis empty and rebuilds everything.
    const round = await reconciler.runOnce();
    expect(round?.full).toBe(true);
    await h.smtp.waitFor((m) => m.some((x) => x.to.includes(c.email)), 20000, 'email after Redis returned');
    await reconciler.runOnce(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(h.smtp.to(c.email)).toHaveLength(1);
  }, 60_000);
});
