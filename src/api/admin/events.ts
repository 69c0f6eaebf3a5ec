// The event log: every state and configuration change, filterable for humans and tests.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isKind } from '../../model/kinds.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX, type EventsResponse } from './contract.ts';
import { parseInput } from './validate.ts';

/** Without a limit the log could be huge; callers page with `after`. */
export const DEFAULT_EVENT_LIMIT = 1000;
const MAX_EVENT_LIMIT = 100_000;

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const eventsQuery = z.strictObject({
  after: z.coerce.number().int().min(0).optional(),
  resourceId: z.string().min(1).optional(),
  kind: z.string().refine(isKind, { message: 'unknown resource kind' }).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_EVENT_LIMIT).optional(),
  newestFirst: flag.optional(),
});

export function registerEventRoutes(app: FastifyInstance, ctx: AdminContext): void {
  app.get(`${API_PREFIX}/events`, async (req): Promise<EventsResponse> => {
    const q = parseInput(eventsQuery, req.query, 'query');
    const events = await ctx.engine.queryEvents({
      ...(q.after === undefined ? {} : { afterSeq: q.after }),
      ...(q.resourceId === undefined ? {} : { resourceId: q.resourceId }),
      ...(q.kind === undefined ? {} : { kind: q.kind }),
      newestFirst: q.newestFirst ?? false,
      limit: q.limit ?? DEFAULT_EVENT_LIMIT,
    });
    return { events };
  });
}
