import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { can, Permission, POLICY_KEY, PolicyMeta, ROLES } from '../../src/auth/policy.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { createSchool, fileComplaint } from '../support/factory.js';
import { daysAgo, enrollTotp, Harness, PASSWORD, startHarness } from '../support/harness.js';
import { Client, signedIn } from '../support/http.js';
import { linkToken, type ReceivedMail, schoolLinkToken } from '../support/smtp.js';

/**
 * The access matrix, generated from the application's own routes: every route × every kind of
 * caller, checked against the permission table. A route without a declared policy fails here.
 * Two callers hold no session but a private link of another case (the student's, the school's):
 * they may use public routes only, reach nothing of this case, and a link opens only the pages
 * of its own kind.
 */
interface Route {
  method: string;
  path: string;
  policy: PolicyMeta | undefined;
  name: string;
}

function routesOf(h: Harness): Route[] {
  const routes: Route[] = [];
  for (const mod of h.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
      if (!ctrl) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
      const proto = ctrl.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const handler = proto[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler);
        const method = Reflect.getMetadata(METHOD_METADATA, handler);
        if (sub === undefined || method === undefined) continue;
        const policy = (Reflect.getMetadata(POLICY_KEY, handler) ?? Reflect.getMetadata(POLICY_KEY, ctrl)) as
          PolicyMeta | undefined;
        const path = `/${[base, String(sub)].filter((p) => p && p !== '/').join('/')}`
          .replace(/\/+/g, '/')
          .replace(/(.)\/$/, '$1');
        routes.push({ method: RequestMethod[method as number], path, policy, name: `${ctrl.name}.${key}` });
      }
    }
  }
  return routes;
}

let h: Harness;
let routes: Route[];
const callers: Record<string, Client> = {};
let reference = '';
let marker = '';
let caseId = '';
let token = '';
let schoolToken = '';
let otherReference = '';

beforeAll(async () => {
  h = await startHarness();
  // One signed-in user per role (the harness has intake, jurist, supervisor, admin; add finance).
  await h.dataSource.query(
    `INSERT INTO staff_users (email, name, password_hash, roles) VALUES ('finance@bow.test', 'Femke Finance', $1, ARRAY['finance'])`,
    [await hashPassword(PASSWORD)],
  );
  await enrollTotp(h.dataSource, h.config, 'finance@bow.test');
  const emails: Record<string, string> = {
    intake: h.users.intake.email,
    jurist: h.users.jurist.email,
    supervisor: h.users.supervisor.email,
    finance: 'finance@bow.test',
    admin: h.users.admin.email,
  };
  for (const role of ROLES) callers[role] = await signedIn(h.baseUrl, emails[role], PASSWORD);
  const school = await createSchool(callers.supervisor);
  // Both with the school, so that both have a school link; the callers hold the other case's links.
  marker = `matrix${Date.now().toString(36)}`;
  const c = await fileComplaint(h.baseUrl, school.id, {
    filedWithSchoolOn: daysAgo(3),
    description: `This case only: ${marker}`,
  });
  const other = await fileComplaint(h.baseUrl, school.id, { filedWithSchoolOn: daysAgo(3) });
  reference = c.reference;
  otherReference = other.reference;
  caseId = (await h.dataSource.query(`SELECT id FROM cases WHERE reference = $1`, [reference]))[0].id;
  await h.smtp.waitFor((m) => m.some((x) => x.to.includes(other.email)));
  token = linkToken(h.smtp.to(other.email)[0]);
  const toSchool = (m: ReceivedMail[]) => m.find((x) => x.subject.includes(other.reference));
  await h.smtp.waitFor(
    () => Boolean(toSchool(h.smtp.to(school.complaintsEmail))),
    15_000,
    "the other case's school link",
  );
  schoolToken = schoolLinkToken(toSchool(h.smtp.to(school.complaintsEmail))!);
  routes = routesOf(h);
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

// Sign-in is covered in input.test.ts; sign-out (any */logout) would end the caller's session mid-matrix.
const SKIP = new Set(['POST /api/auth/login']);
// Public forms that also require their own double-submit token (against login CSRF): without it they must refuse.
const NEEDS_FORM_TOKEN = new Set(['POST /console/login']);

/** Which private link a route with `:token` takes (the password reset link is neither). */
function linkPurpose(path: string): 'student' | 'school' | null {
  if (!path.includes(':token')) return null;
  if (path.startsWith('/school/')) return 'school';
  if (path.startsWith('/c/') || path.startsWith('/api/public/cases/')) return 'student';
  return null;
}

function concrete(path: string, linkToken = token): string {
  return path
    .replace(':reference', reference)
    .replace(':token', linkToken)
    .replace(/:[A-Za-z]*[iI]d\b/g, '6f1c3a52-8a4e-4c4b-9a57-0d2b5c8e9f10')
    .replace(/:[A-Za-z]+/g, 'x');
}

function denied(status: number, location: string | null): boolean {
  return (
    status === 401 ||
    status === 403 ||
    (status >= 300 && status < 400 && /\/console\/login/.test(location ?? ''))
  );
}

describe('access matrix', () => {
  it('finds the routes, and every one declares a policy', () => {
    expect(routes.length).toBeGreaterThan(30);
    const undeclared = routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.path} (${r.name})`);
    expect(undeclared).toEqual([]);
  });

  it('answers every route for every caller as the permission table says', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (SKIP.has(key) || route.path.endsWith('/logout') || !route.policy) continue;
      const path = concrete(route.path);
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
      const kinds: [string, Client][] = [
        ['anonymous', new Client(h.baseUrl)],
        ...ROLES.map((r) => [r, callers[r]] as [string, Client]),
      ];
      for (const [who, client] of kinds) {
        const res = await client.request(route.method, path, body);
        const isDenied = denied(res.status, res.headers.get('location'));
        const shouldAllow = NEEDS_FORM_TOKEN.has(key)
          ? false
          : 'public' in route.policy
            ? true
            : who !== 'anonymous' && can([who], (route.policy as { permission: Permission }).permission);
        if (shouldAllow === isDenied)
          failures.push(`${key} as ${who}: ${res.status} (expected ${shouldAllow ? 'allowed' : 'denied'})`);
        if (res.status >= 500) failures.push(`${key} as ${who}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("gives the holder of another case's student or school link public routes only, nothing of this case, and only pages of the link's own kind", async () => {
    const failures: string[] = [];
    const holders: [string, 'student' | 'school', string][] = [
      ['student link of another case', 'student', token],
      ['school link of another case', 'school', schoolToken],
    ];
    const version = async () =>
      (await h.dataSource.query(`SELECT version FROM cases WHERE id = $1`, [caseId]))[0].version as number;
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (SKIP.has(key) || route.path.endsWith('/logout') || !route.policy) continue;
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
      const purpose = linkPurpose(route.path);
      for (const [who, kind, link] of holders) {
        const before = await version();
        const res = await new Client(h.baseUrl).request(route.method, concrete(route.path, link), body);
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
        const isDenied = denied(res.status, res.headers.get('location'));
        const shouldAllow = !NEEDS_FORM_TOKEN.has(key) && 'public' in route.policy;
        if (shouldAllow === isDenied)
          failures.push(`${key} as ${who}: ${res.status} (expected ${shouldAllow ? 'allowed' : 'denied'})`);
        if (res.status >= 500) failures.push(`${key} as ${who}: ${res.status}`);
        // Nothing of this case: not shown, not changed.
        if (text.includes(reference) || text.includes(marker))
          failures.push(`${key} as ${who}: shows this case`);
        if ((await version()) !== before) failures.push(`${key} as ${who}: changed this case`);
        // A link opens the pages of its own kind (its own case), and no page of the other kind:
        // 404 like an unknown link (a body the route cannot take may be refused before, with 400).
        const refused = res.status === 404 || (route.method !== 'GET' && res.status === 400);
        if (purpose && purpose !== kind && !refused)
          failures.push(`${key} as ${who}: ${res.status} (expected 404: not a ${purpose} link)`);
        if (
          purpose === kind &&
          route.method === 'GET' &&
          (res.status !== 200 || !text.includes(otherReference))
        ) {
          failures.push(`${key} as ${who}: ${res.status} (expected its own case)`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
