import type { Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { callerOf, type Caller } from '../../audit/actors.js';
import type { StaffRequest } from '../../auth/auth.guard.js';
import { can, type Permission, POLICY_KEY, type PolicyMeta } from '../../auth/policy.js';
import { ProblemError } from '../../common/problem.js';
import { type FormSpec, submitForm } from '../../web/form-flow.js';
import type { CasePageState } from './case-page.js';

// How a case page runs an action: the form is parsed with the JSON route's schema (the form flow),
// the action runs at the version the user saw, and the page redirects back or shows the problem.

/** An action's form: how its fields map to the JSON body, and the element id each field has on the page. */
export interface ActionFields {
  spec: FormSpec;
  /** The field's element id is `<action>-<id>`; the form field's name when not given. */
  ids?: Record<string, string>;
}

/** What an action's run gets besides the parsed body. */
export interface ActionContext {
  reference: string;
  caller: Caller;
  /** The case version the user saw (the hidden `version` field); none: do not check. */
  version: number | undefined;
  /** The route's other parameters (`objectionId`). */
  params: Record<string, string>;
  today: string;
}

/** One action of a case page: the schema its JSON route parses with, its form, and what it does. */
export interface CaseActionDef {
  schema: z.ZodType;
  fields: ActionFields;
  run: (body: unknown, x: ActionContext) => Promise<unknown>;
}

/** Declares an action; `run` is typed by the schema. */
export function caseAction<S extends z.ZodType>(
  schema: S,
  fields: ActionFields,
  run: (body: z.output<S>, x: ActionContext) => Promise<unknown>,
): CaseActionDef {
  return { schema, fields, run: run as CaseActionDef['run'] };
}

const NO_FIELDS: ActionFields = { spec: {} };

/** An action whose form has no fields (the JSON route takes an empty body). */
export function plainAction(schema: z.ZodType, run: (x: ActionContext) => Promise<unknown>): CaseActionDef {
  return caseAction(schema, NO_FIELDS, (_b, x) => run(x));
}

function versionOf(values: Record<string, string>): number | undefined {
  return /^\d{1,9}$/.test(values.version ?? '') ? Number(values.version) : undefined;
}

/**
 * Runs one action of a case page (POST-redirect-GET). A refusal the page has words for
 * (`explains(code)`) is shown by its code, linked to the action's form; other refusals that name
 * a field of the form become that field's error.
 */
export async function submitCaseAction<A extends string>(
  req: StaffRequest,
  reply: FastifyReply,
  page: {
    action: A;
    def: CaseActionDef;
    reference: string;
    today: string;
    explains: (code: string) => boolean;
    rerender: (o: CasePageState<A>, status: number) => Promise<void>;
    done: string;
  },
): Promise<void> {
  const { action, def } = page;
  const idOf = (name: string) => `${action}-${def.fields.ids?.[name] ?? name}`;
  return submitForm(req, reply, {
    schema: def.schema,
    spec: def.fields.spec,
    run: async (body, values) => {
      const x: ActionContext = {
        reference: page.reference,
        caller: callerOf(req),
        version: versionOf(values),
        params: (req.params ?? {}) as Record<string, string>,
        today: page.today,
      };
      try {
        return await def.run(body, x);
      } catch (e) {
        if (!(e instanceof ProblemError) || !e.code || !page.explains(e.code)) throw e;
        // Shown by its code on the action's form, not as a field error.
        throw new ProblemError(e.status, e.title, e.detail, e.code, e.extra);
      }
    },
    done: () => page.done,
    rerender: (s, status) =>
      page.rerender(
        {
          action,
          values: s.values,
          problem: s.problem,
          issues: s.issues?.map((i) => ({ ...i, field: idOf(i.field) })),
        },
        status,
      ),
  });
}

/**
 * An action's route on a page controller: the permission its @Allow asks and its address. The
 * handler is named after the action, so its decorators are the one place both are declared (the
 * access matrix checks them from the same routes).
 */
export function actionRoute(controller: Type, action: string): { permission: Permission; path: string } {
  const handler = (controller.prototype as Record<string, unknown>)[action];
  if (typeof handler !== 'function') throw new Error(`no page route for the action ${action}`);
  const policy = Reflect.getMetadata(POLICY_KEY, handler) as PolicyMeta | undefined;
  if (!policy || !('permission' in policy)) throw new Error(`the action ${action} declares no permission`);
  const base = String(Reflect.getMetadata(PATH_METADATA, controller));
  return {
    permission: policy.permission,
    path: `/${base}/${String(Reflect.getMetadata(PATH_METADATA, handler))}`,
  };
}

/** The address of an action's form on one case. */
export function actionUrl(controller: Type, action: string, reference: string): string {
  return actionRoute(controller, action).path.replace(':reference', reference);
}

/** May a user with these roles take this action (its route's permission)? */
export function mayTake(controller: Type, action: string, roles: readonly string[]): boolean {
  return can(roles, actionRoute(controller, action).permission);
}

/** The actions this user may take, in the page's order: allowed by the lifecycle and by the route's permission. */
export function visibleCaseActions<A extends string>(
  controller: Type,
  order: readonly A[],
  allowed: readonly string[],
  roles: readonly string[],
): A[] {
  return order.filter((a) => allowed.includes(a) && mayTake(controller, a, roles));
}
