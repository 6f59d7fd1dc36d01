import http from 'node:http';

/** Latency samples in milliseconds. */
export interface Latency {
  n: number;
  median: number;
  p95: number;
  max: number;
}

export function summarize(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  return { n: s.length, median: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? NaN };
}

export function now(): number {
  return performance.now();
}

/** Runs `fn` `warmup` times unmeasured, then `iterations` times one after another; returns the latencies. */
export async function sample(
  iterations: number,
  warmup: number,
  fn: (i: number) => Promise<unknown>,
): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = now();
    await fn(i);
    out.push(now() - t);
  }
  return summarize(out);
}

/**
 * Two measurements interleaved (a, b, a, b, …) so that both see the same machine: on a shared
 * two-core box the background changes from second to second, and a ratio of two runs taken a
 * minute apart measures the background as much as the code.
 */
export async function samplePair(
  iterations: number,
  warmup: number,
  a: (i: number) => Promise<unknown>,
  b: (i: number) => Promise<unknown>,
): Promise<[Latency, Latency]> {
  for (let i = 0; i < warmup; i++) {
    await a(i);
    await b(i);
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let t = now();
    await a(i);
    sa.push(now() - t);
    t = now();
    await b(i);
    sb.push(now() - t);
  }
  return [summarize(sa), summarize(sb)];
}

/** Calls `fn` from `concurrency` loops for `seconds`; returns completed calls per second. */
export async function throughput(
  concurrency: number,
  seconds: number,
  warmupSeconds: number,
  fn: () => Promise<boolean>,
): Promise<{ perSecond: number; ok: number; failed: number; seconds: number }> {
  let measuring = false;
  let stop = false;
  let ok = 0;
  let failed = 0;
  const loop = async () => {
    while (!stop) {
      const good = await fn().catch(() => false);
      if (measuring) {
        if (good) ok++;
        else failed++;
      }
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  await sleep(warmupSeconds * 1000);
  measuring = true;
  const t = now();
  await sleep(seconds * 1000);
  measuring = false;
  const elapsed = (now() - t) / 1000;
  stop = true;
  await Promise.all(loops);
  return { perSecond: ok / elapsed, ok, failed, seconds: elapsed };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function waitUntil(
  predicate: () => Promise<boolean>,
  timeoutMs: number,
  pollMs = 100,
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await predicate()) return true;
    await sleep(pollMs);
  }
  return predicate();
}

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A small keep-alive HTTP client (node:http), so the load generator costs little next to the server. */
export class HttpClient {
  private readonly agent: http.Agent;
  cookie = '';
  csrf = '';

  constructor(
    readonly baseUrl: string,
    sockets = 64,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  request(method: string, path: string, body?: unknown): Promise<Response> {
    const url = new URL(path, this.baseUrl);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method,
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  get(path: string): Promise<Response> {
    return this.request('GET', path);
  }

  post(path: string, body: unknown): Promise<Response> {
    return this.request('POST', path, body);
  }

  async login(email: string, password: string): Promise<void> {
    const r = await this.post('/api/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`login as ${email} failed: ${r.status} ${r.body.slice(0, 200)}`);
    const set = ([] as string[]).concat(r.headers['set-cookie'] ?? []);
    const m = set.map((c) => /bow_session=([^;]+)/.exec(c)).find(Boolean);
    if (!m) throw new Error('login gave no session cookie');
    this.cookie = `bow_session=${m[1]}`;
    this.csrf = JSON.parse(r.body).csrfToken;
  }

  close(): void {
    this.agent.destroy();
  }
}
