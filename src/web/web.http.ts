import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { StaffRequest } from '../auth/auth.guard.js';
import { isLang, LANG_COOKIE, type Lang } from './i18n.js';
import { renderDocument } from './layout.js';

/** Sends a rendered page. Security headers are added for every page by SecurityHeaders. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): void {
  void reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(renderDocument(page));
}

/** POST-redirect-GET: 303 so the browser follows with a GET. Only local paths. */
export function redirect(reply: FastifyReply, location: string): void {
  const safe = isLocalPath(location) ? location : '/';
  void reply.code(303).header('location', safe).header('cache-control', 'no-store').send();
}

/**
 * A path on this site to send the browser to after a form (`next`, `returnTo`). No control
 * characters at all: CR LF in a Location header makes Fastify fail the answer (a 500 after the
 * sign-in's TOTP step was spent), and a tab or newline is ignored by browsers in `/\t/evil`.
 */
export function isLocalPath(p: unknown): p is string {
  return (
    typeof p === 'string' &&
    !/[\u0000-\u001F\u007F-\u009F]/.test(p) &&
    p.startsWith('/') &&
    !p.startsWith('//') &&
    !p.startsWith('/\\') &&
    p.length < 2000
  );
}

const YEAR_SECONDS = 365 * 24 * 3600;

/** Remembers a language for the pages seen without a session (the sign-in page, public pages). */
export function rememberLang(reply: FastifyReply, lang: Lang): void {
  void reply.setCookie(LANG_COOKIE, lang, {
    path: '/',
    sameSite: 'lax',
    httpOnly: true,
    maxAge: YEAR_SECONDS,
  });
}

/**
 * The language of a public page: `?lang=` (remembered in a cookie), else the cookie, else the
 * fallback (the student's own language on their case page), else Dutch.
 */
export function publicLang(req: FastifyRequest, reply: FastifyReply, fallback?: Lang): Lang {
  const asked = (req.query as Record<string, unknown> | undefined)?.lang;
  if (isLang(asked)) {
    rememberLang(reply, asked);
    return asked;
  }
  const cookie = req.cookies?.[LANG_COOKIE];
  if (isLang(cookie)) return cookie;
  return fallback ?? 'nl';
}

/** Console pages follow the signed-in user's language setting. */
export function staffLang(req: StaffRequest): Lang {
  const l = req.staff?.user.language;
  if (isLang(l)) return l;
  const cookie = req.cookies?.[LANG_COOKIE];
  return isLang(cookie) ? cookie : 'nl';
}

/** The form body as flat strings (the last value when a field is repeated). */
export function formBody(req: FastifyRequest): Record<string, string> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  if (typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body)) {
    const value = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof value === 'string') out[k] = value;
  }
  return out;
}

export function query(req: FastifyRequest): Record<string, string> {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) {
    const value = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof value === 'string') out[k] = value;
  }
  return out;
}
