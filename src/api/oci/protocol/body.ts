// Request bodies are checked against the SDK's model shapes with zod. A body that is not the
// model's shape (unknown field, wrong type) is 400 CannotParseRequest, as OCI's deserializer
// answers; a well-formed body with a bad value is left to the engine (400 InvalidParameter).
import type { z } from 'zod';
import { ociApiError } from './errors.ts';
import { oci } from '../../../model/errors.ts';

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => {
    const where = i.path.length > 0 ? i.path.map(String).join('.') : 'body';
    if (i.code === 'unrecognized_keys') return `${where}: unknown field(s) ${i.keys.map((k) => `"${k}"`).join(', ')}`;
    return `${where}: ${i.message}`;
  }).join('; ');
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === undefined || body === null) throw ociApiError.cannotParse('A request body is required.');
  const result = schema.safeParse(body);
  if (!result.success) throw ociApiError.cannotParse(describeIssues(result.error));
  return result.data;
}

/** Query parameters: a bad value is InvalidParameter, a missing required one MissingParameter. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const result = schema.safeParse(query ?? {});
  if (result.success) return result.data;
  const first = result.error.issues[0];
  if (first && first.code === 'invalid_type' && first.input === undefined) throw oci.missingParameter(first.path.map(String).join('.'));
  throw oci.invalidParameter(`Invalid query parameter(s): ${describeIssues(result.error)}.`);
}
