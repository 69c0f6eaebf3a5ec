// Request bodies: ARM ignores properties it does not know (clients send superset shapes across
// api-versions), so schemas are loose; a wrong type is NRP's InvalidRequestFormat naming the path.
import type { z } from 'zod';
import { armApiError } from './errors.ts';

/** ARM's refusal of a body that is missing or not a JSON object (`[]`, `null`, `"x"`). */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) throw armApiError.invalidRequestContent('the request body is missing.');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw armApiError.invalidRequestContent('the request body must be a JSON object.');
  return body as Record<string, unknown>;
}

export function parseArmBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  requireObjectBody(body);
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const at = issue?.path.map(String).join('.') ?? '';
  throw armApiError.invalidRequestFormat(`Property '${at}' has an invalid value: ${issue?.message ?? 'invalid'}.`, at);
}
