import { Body } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import type { z } from 'zod';
import { jsonSchema, ZodPipe } from './validation.js';

/**
 * The request body, parsed with a strict zod schema (unknown fields refused, 400 naming each bad
 * field), and the same schema as the route's OpenAPI request body: one decorator, so the two
 * cannot drift apart. `@ValidBody(noteBody) body: z.infer<typeof noteBody>`.
 */
export function ValidBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodPipe(schema))(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (key !== undefined && descriptor) ApiBody({ schema: jsonSchema(schema) })(target, key, descriptor);
  };
}
