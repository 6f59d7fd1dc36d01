import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiHeader } from '@nestjs/swagger';
import type { z } from 'zod';
import { auditActor } from '../audit/actors.js';
import type { StaffRequest } from '../auth/auth.guard.js';
import type { IsoDate } from '../common/dates.js';
import { badRequest, caseNotFound } from '../common/problem.js';
import { jsonSchema } from '../common/validation.js';
import type { Channel } from './cases.rules.js';

/** What the routes of every case type share: the reference in the path, If-Match, the action's route. */

/** A reference as the path gives it, upper-cased; 404 when it cannot be one of this type's references. */
export function referenceOf(pattern: RegExp): (reference: string) => string {
  return (reference) => {
    const r = reference.toUpperCase();
    if (!pattern.test(r)) throw caseNotFound();
    return r;
  };
}

/** Optional optimistic locking: If-Match carries the version the client last read. */
export function ifMatchVersion(ifMatch?: string): number | undefined {
  if (ifMatch === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!m)
    throw badRequest('If-Match must be the version number of the case', [
      { field: 'If-Match', message: 'not a version' },
    ]);
  return Number(m[1]);
}

export const IfMatch = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'the case version last read; 409 when it changed',
});

/** A staff action on a case: `POST :reference/<action>` answering 200, with If-Match and its body documented. */
export function CaseActionRoute(action: string, body: z.ZodType) {
  return applyDecorators(
    Post(`:reference/${action}`),
    HttpCode(200),
    IfMatch,
    ApiBody({ schema: jsonSchema(body) }),
  );
}

/** A case staff record from a phone call, an email or a letter: the channel and the day received become its source. */
export function staffIntake<B extends { channel: Channel; receivedOn: IsoDate }>(body: B, req: StaffRequest) {
  const { channel, receivedOn, ...rest } = body;
  return [rest, { channel, receivedOn, actor: auditActor(req.staff!.user) }] as const;
}
