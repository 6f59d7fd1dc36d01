import { z } from 'zod';
import { language, personName } from '../common/validation.js';
import { ROLES } from './policy.js';

// The bodies of the sign-in and account routes; the JSON API and the console's pages parse with these.

export const loginBody = z
  .object({
    email: z.string().trim().max(320),
    password: z.string().max(1024),
    totp: z.string().trim().max(10).optional(),
    recoveryCode: z.string().trim().max(40).optional(),
  })
  .strict();

/** Needed only when a second factor is on already (replacing it): the password and a current code or recovery code. */
const reauth = {
  password: z.string().max(1024).optional(),
  totp: z.string().trim().max(10).optional(),
  recoveryCode: z.string().trim().max(40).optional(),
};
export const totpSetupBody = z.object(reauth).strict();
export const totpConfirmBody = z
  .object({ code: z.string().trim().max(10), password: reauth.password })
  .strict();

export const createUserBody = z
  .object({
    email: z.email().max(320),
    name: personName(200),
    roles: z.array(z.enum(ROLES)).min(1).max(5),
    language: language.default('nl'),
  })
  .strict();
export const updateUserBody = z
  .object({
    name: personName(200).optional(),
    roles: z.array(z.enum(ROLES)).min(1).max(5).optional(),
    language: language.optional(),
    active: z.boolean().optional(),
    resetSecondFactor: z.literal(true).optional(),
  })
  .strict();
export const resetRequestBody = z.object({ email: z.string().trim().max(320) }).strict();
export const resetConfirmBody = z
  .object({ token: z.string().max(200), password: z.string().max(1024) })
  .strict();
export const changePasswordBody = z
  .object({ currentPassword: z.string().max(1024), newPassword: z.string().max(1024) })
  .strict();
