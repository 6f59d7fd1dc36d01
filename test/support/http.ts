import { totpCode } from '../../src/auth/totp.js';

/** Authenticator-app secrets of test users (by lower-case email): login() sends the current code. */
export const totpSecrets = new Map<string, string>();

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

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
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
    const secret = totpSecrets.get(email.toLowerCase());
    const r = await this.post('/api/auth/login', secret ? { email, password, totp: totpCode(secret, Date.now()) } : { email, password });
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
