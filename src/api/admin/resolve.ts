// POST /resolve: a name looked up from a VM as its resolver would, hop by hop across both clouds.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { displayNamesIn } from '../../model/display-names.ts';
import { resolve } from '../../dns/resolve.ts';
import { RECORD_TYPES, type DnsResolution } from '../../dns/types.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX, type Named } from './contract.ts';
import { parseInput } from './validate.ts';

export type ResolveResponse = DnsResolution & Named;

export const resolveBody = z.strictObject({
  from: z.string().min(1),
  name: z.string().min(1).max(253),
  type: z.enum(RECORD_TYPES).optional(),
});

export function registerResolveRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { engine } = ctx;
  app.post(`${API_PREFIX}/resolve`, async (req): Promise<ResolveResponse> => {
    const body = parseInput(resolveBody, req.body, 'body');
    return engine.read((view) => {
      const result = resolve(engine.routing, { from: body.from, name: body.name, ...(body.type === undefined ? {} : { type: body.type }) });
      return { ...result, names: displayNamesIn(view, result) };
    });
  });
}
