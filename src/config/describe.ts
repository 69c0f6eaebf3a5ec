// Field descriptions and defaults straight from the schema, for `fastroute start --help` (and so
// the help text can never disagree with what the schema accepts).
import { z } from 'zod';
import { getPath } from './layers.ts';
import { configSchema } from './schema.ts';

function fieldSchema(path: string): z.ZodType | undefined {
  let node: z.ZodType | undefined = configSchema;
  for (const part of path.split('.')) {
    while (node instanceof z.ZodDefault || node instanceof z.ZodOptional) node = node.unwrap() as z.ZodType;
    if (!(node instanceof z.ZodObject)) return undefined;
    node = (node.shape as Record<string, z.ZodType | undefined>)[part];
  }
  return node;
}

export function describeField(path: string): string {
  return fieldSchema(path)?.description ?? '';
}

const defaults: unknown = configSchema.parse({});

export function defaultOf(path: string): unknown {
  return getPath(defaults, path.split('.'));
}
