// GET /routes?target=…: the routes a target sees, computed by the live Routing (settled first).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AdminContext } from './context.ts';
import { API_PREFIX, type RoutesResponse } from './contract.ts';
import { circuitPathRoutes, provisionedAt } from './routes-circuit.ts';
import { resolveRoutesTarget, TARGET_HELP } from './routes-target.ts';
import { bgpSessionsRoutes, drgTableRoutes, effectiveRoutes, vcnTableRoutes } from './routes-views.ts';
import { parseInput } from './validate.ts';

const routesQuery = z.strictObject({
  target: z.string({ error: TARGET_HELP }).trim().min(1, TARGET_HELP),
  /** A DRG's route table: vcn, vc, rpc, ipsec, or a table's or attachment's name or OCID. */
  table: z.string().trim().min(1).optional(),
});

export function registerRoutesRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { engine } = ctx;
  app.get(`${API_PREFIX}/routes`, async (req): Promise<RoutesResponse> => {
    const { target, table } = parseInput(routesQuery, req.query, 'query');
    // A circuit's uptime comes from the event log, read before the (synchronous) routing answer.
    const resolved = await engine.read((view) => resolveRoutesTarget(view, target, table));
    const since = resolved.kind === 'circuit' ? await provisionedAt(engine, resolved.virtualCircuitId) : undefined;
    return engine.read((view): RoutesResponse => {
      const r = engine.routing;
      const t = resolveRoutesTarget(view, target, table);
      switch (t.kind) {
        case 'vcn-table': return vcnTableRoutes(r, view, target, t.id, t.via);
        case 'drg-table': return drgTableRoutes(r, view, target, t.id);
        case 'effective': return effectiveRoutes(r, target, t);
        case 'circuit': return circuitPathRoutes(engine, view, target, t, since);
        case 'sessions': return bgpSessionsRoutes(r, view, target, t.virtualCircuitId);
      }
    });
  });
}
