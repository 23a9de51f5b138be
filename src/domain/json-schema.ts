/**
 * JSON Schemas generated from the zod schemas, for integrators (docs/*.schema.json and
 * `finplan schema <name>`). The input side is described: money may be a number or a string.
 */
import { z } from 'zod';
import { profileSchema } from './profile.js';

export function profileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(profileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
