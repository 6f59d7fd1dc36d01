import { STEP_SECONDS, totpCode, totpStep } from '../../src/auth/totp.js';

/** Authenticator-app secrets of test users (by lower-case email): login() sends the current code. */
export const totpSecrets = new Map<string, string>();
/** The unused recovery codes of test users (by lower-case email), as the set-up showed them. */
export const recoveryCodes = new Map<string, string[]>();
/** The last time step whose code each secret was sent with. */
const sentSteps = new Map<string, number>();

/**
 * What the user types as the second factor now, as a person would: the authenticator's current
 * code; the server accepts each code only once (replay protection), so when this code was used
 * already (a second sign-in within the same 30 seconds) a recovery code, and when none is left,
 * the next code after waiting for it. Null for a user without a second factor.
 */
export async function secondFactor(
  email: string,
): Promise<{ totp: string } | { recoveryCode: string } | null> {
  const key = email.toLowerCase();
  const secret = totpSecrets.get(key);
  if (!secret) return null;
  const last = sentSteps.get(secret);
  if (last !== undefined && totpStep(Date.now()) <= last) {
    const recovery = recoveryCodes.get(key)?.shift();
    if (recovery) return { recoveryCode: recovery };
    await new Promise((r) => setTimeout(r, (last + 1) * STEP_SECONDS * 1000 - Date.now() + 50));
  }
  const now = Date.now();
  sentSteps.set(secret, totpStep(now));
  return { totp: totpCode(secret, now) };
}

export interface Res<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small HTTP client over real sockets, keeping the session cookie and the CSRF token. */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = /bow_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `bow_session=${m[1]}` : null;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }

  async login(email: string, password: string): Promise<Res> {
    const factor = await secondFactor(email);
    const r = await this.post('/api/auth/login', { email, password, ...factor });
    if (r.status === 200) this.csrf = r.body.csrfToken;
    return r;
  }
}

export async function signedIn(baseUrl: string, email: string, password: string): Promise<Client> {
  const c = new Client(baseUrl);
  const r = await c.login(email, password);
  if (r.status !== 200) throw new Error(`login failed for ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}
