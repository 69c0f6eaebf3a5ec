// Read-only listing of the world, by kind, as the clouds would show it: FastRoute's internal
// bookkeeping (the `fr` field) is stripped.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ALL_KINDS, isKind } from '../../model/kinds.ts';
import { fastroute } from '../../model/errors.ts';
import type { Kind } from '../../model/world.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX, type KindsResponse, type ResourcesResponse } from './contract.ts';
import { parseInput } from './validate.ts';

const listQuery = z.strictObject({ kind: z.string().min(1).optional() });

function toKind(value: string): Kind {
  if (!isKind(value)) throw fastroute.invalid('UnknownKind', `unknown resource kind "${value}"; known kinds: ${ALL_KINDS.join(', ')}`);
  return value;
}

/** The resource without FastRoute's private `fr` field. */
export function publicView(entity: unknown): unknown {
  if (typeof entity !== 'object' || entity === null || !('fr' in entity)) return entity;
  const { fr: _fr, ...rest } = entity as Record<string, unknown>;
  return rest;
}

export function registerResourceRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { engine } = ctx;

  app.get(`${API_PREFIX}/resources`, async (req): Promise<KindsResponse | ResourcesResponse> => {
    const query = parseInput(listQuery, req.query, 'query');
    if (query.kind === undefined) {
      const counts = await engine.read(() => engine.countByKind());
      return { kinds: ALL_KINDS.map((kind) => ({ kind, count: counts[kind] ?? 0 })) };
    }
    const kind = toKind(query.kind);
    const items = await engine.read((view) => view.list(kind).map(publicView));
    return { kind, count: items.length, items };
  });

  // The id is a wildcard: ARM ids contain slashes (clients may also percent-encode them).
  app.get(`${API_PREFIX}/resources/:kind/*`, async (req) => {
    const params = req.params as { kind: string; '*': string };
    const kind = toKind(params.kind);
    const id = params['*'];
    if (id === '') throw fastroute.invalid('InvalidParameter', 'a resource id is required');
    const entity = await engine.read((view) => view.get(kind, id));
    if (entity === undefined) throw fastroute.notFound(`no ${kind} with id ${id}`);
    return publicView(entity);
  });
}
