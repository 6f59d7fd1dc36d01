import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, signedIn } from '../support/http.js';
import { Harness, PASSWORD, startHarness, today } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('smoke', () => {
  it('answers health and calendar', async () => {
    const c = new Client(h.baseUrl);
    expect((await c.get('/health/live')).status).toBe(200);
    const ready = await c.get('/health/ready');
    expect(ready.body).toEqual(expect.objectContaining({ status: 'ok' }));
    const d = await c.get('/api/calendar/deadline?from=2026-03-16&weeks=6');
    expect(d.body).toEqual(expect.objectContaining({ deadline: '2026-04-28' }));
  });

  it('logs in and creates a school', async () => {
    const c = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
    const r = await c.post('/api/schools', {
      name: 'Taalschool Test',
      city: 'Utrecht',
      complaintsEmail: 'klachten@school.test',
      qualityMark: 'keurmerk',
      complaintsRegulationUrl: 'https://school.test/klachten',
    });
    expect(r.status).toBe(201);
    const p = await new Client(h.baseUrl).post('/api/public/complaints', {
      student: { name: 'Amina', email: 'amina@student.test', language: 'en' },
      schoolId: r.body.id,
      subject: 'Lessons cancelled',
      description: 'The school cancelled many lessons.',
      filedWithSchoolOn: '2026-11-13',
    });
    expect(p.body).toEqual({
      reference: expect.stringMatching(new RegExp(`^K-${today().slice(0, 4)}-\\d{6}$`)),
      status: 'school_stage',
      schoolDeadline: '2026-12-28',
    });
    // The app under test runs on the same day as the test (TEST_TODAY shifts both; docs/testing.md).
    expect((await c.get(`/api/complaints/${p.body.reference}`)).body.receivedOn).toBe(today());
    await h.smtp.waitFor((m) => m.length >= 1);
  });
});
