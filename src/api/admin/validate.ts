// Request validation with zod: a bad body or query is a 400 naming the field, never a 500.
import type { z } from 'zod';
import { fastroute } from '../../model/errors.ts';

export type InputPart = 'body' | 'query' | 'path';

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: InputPart): z.output<S> {
  const result = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => {
    const where = i.path.length > 0 ? i.path.map(String).join('.') : part;
    return `${where}: ${i.message}`;
  });
  throw fastroute.invalid('InvalidParameter', `invalid ${part}: ${problems.join('; ')}`);
}
