import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApp, type StartedApp } from '../../src/app.js';
import { Harness, startHarness } from '../support/harness.js';

/**
 * A worker-only process (APP_ROLES=worker) with HEALTH_PORT answers its health checks, the
 * worker's stall check included, and nothing else: no API, no pages.
 */
let h: Harness;
let worker: StartedApp;
let url = '';

beforeAll(async () => {
  h = await startHarness();
  worker = await createApp({ ...h.config, roles: ['worker'] });
  await worker.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(worker.app.getHttpServer().address() as { port: number }).port}`;
}, 60_000);
afterAll(async () => {
  await worker?.app.close();
  await worker?.dataSource.destroy().catch(() => undefined);
  await h?.stop();
});

describe('a worker-only process', () => {
  it('answers /health/live and /health/ready with the worker check', async () => {
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      checks: { postgres: 'ok', migrations: 'ok', redis: 'ok', worker: 'ok' },
    });
  });

  it('serves nothing else', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/console/login'],
      ['GET', '/api/complaints'],
      ['POST', '/api/public/complaints'],
      ['GET', '/api/docs'],
      ['GET', '/health/livex'],
    ]) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      expect([path, res.status]).toEqual([path, 404]);
    }
    // The api process of the same deployment still serves them.
    expect((await fetch(`${h.baseUrl}/console/login`)).status).toBe(200);
  });
});
