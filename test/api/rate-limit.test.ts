import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApp, type StartedApp } from '../../src/app.js';
import { Harness, startHarness } from '../support/harness.js';

/**
 * The public forms' rate limit is per address and shared by every api process (counted in
 * Postgres): two processes together let through no more than the setting.
 */
let h: Harness;
let second: StartedApp;
let secondUrl = '';
const LIMIT = 4;

beforeAll(async () => {
  h = await startHarness({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
  // A second api process on the same database, as behind a load balancer.
  second = await createApp({ ...h.config, roles: ['api'] });
  await second.app.listen({ port: 0, host: '127.0.0.1' });
  secondUrl = `http://127.0.0.1:${(second.app.getHttpServer().address() as { port: number }).port}`;
}, 60_000);
afterAll(async () => {
  await second?.app.close();
  await second?.dataSource.destroy().catch(() => undefined);
  await h?.stop();
});

/** Posts an (empty, so invalid) complaint from a given loopback address; resolves with the status. */
function post(baseUrl: string, localAddress: string): Promise<number> {
  const url = new URL(baseUrl);
  const body = '{}';
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: '/api/public/complaints',
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

describe('public rate limit', () => {
  it('counts one address across two api processes, and no other address with it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push(await post(i % 2 ? secondUrl : h.baseUrl, '127.0.0.3'));
    // The first LIMIT reach the form's validation (400); after that both processes refuse.
    expect(statuses).toEqual([...Array(LIMIT).fill(400), 429, 429]);
    expect(await post(secondUrl, '127.0.0.4')).toBe(400);
    const [row] = await h.dataSource.query(`SELECT failures FROM auth_throttle WHERE key = 'form:127.0.0.3'`);
    expect(row.failures).toBe(LIMIT + 2);
  });
});
