// Pieces of ARM request bodies shared by several resources. Loose objects: clients send superset
// shapes across api-versions and ARM ignores what it does not know.
import { z } from 'zod';

export const subResource = z.looseObject({ id: z.string() });
export const nullableRef = subResource.nullable().optional();
export const tags = z.record(z.string(), z.string()).optional();

/** A tracked resource's envelope around its properties schema. */
export function tracked<P extends z.ZodType>(properties: P) {
  return z.looseObject({ location: z.string().optional(), tags, properties: properties.optional() });
}

/** A child resource (subnet, rule, route…): name and properties. */
export function child<P extends z.ZodType>(properties: P) {
  return z.looseObject({ name: z.string().optional(), properties: properties.optional() });
}
