import { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { isIsoDate } from '../calendar/dates.js';
import { badRequest, FieldError } from './problem.js';

/** A calendar date YYYY-MM-DD that exists (2026-02-30 is refused). */
export const isoDate = z
  .string()
  .refine((v) => isIsoDate(v), { message: 'must be a real date written as YYYY-MM-DD' })
  .meta({ format: 'date', example: '2026-03-16' });

export const language = z.enum(['nl', 'en']);

/** Free text: trimmed, bounded, never interpreted (stored as written, escaped when shown). */
export const text = (max: number, min = 1) =>
  z.string().trim().min(min, `must be at least ${min} character(s)`).max(max);

export function zodErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => {
    const field = i.path.join('.') || (i.code === 'unrecognized_keys' ? '' : '(body)');
    if (i.code === 'unrecognized_keys') {
      return { field: i.keys.map((k) => (field ? `${field}.${k}` : k)).join(', '), message: 'unknown field' };
    }
    return { field, message: i.message };
  });
}

/** Parses with a strict schema; unknown fields, wrong types and bad dates become one 400 problem. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}
  transform(value: unknown): z.infer<T> {
    const result = this.schema.safeParse(value ?? {});
    if (!result.success) {
      const errors = zodErrors(result.error);
      throw badRequest(`The request has ${errors.length} invalid field(s)`, errors);
    }
    return result.data;
  }
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  return new ZodPipe(schema).transform(value);
}

/** The JSON Schema of a zod schema, for the OpenAPI document. */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const s = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' }) as Record<
    string,
    unknown
  >;
  delete s.$schema;
  return s;
}
