// Failure drills on the live world: start one (routes before and during), list the running ones,
// stop one or all (everything returns to the prior state).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listDrills, startDrill, stopDrill } from '../../engine/drill-runner.ts';
import { parseCidr } from '../../model/cidr.ts';
import type { DrillKind } from '../../model/drill.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX, type DrillReport, type DrillsResponse, type DrillStopResponse } from './contract.ts';
import { parseInput } from './validate.ts';
import type { FollowReport } from '../../dataplane/service.ts';

export const DRILL_KINDS = ['link-down', 'bgp-reset', 'as-path-prepend', 'prefix-withdraw', 'gateway-replace', 'prefix-flood'] as const satisfies readonly DrillKind[];

const drillBody = z.strictObject({
  kind: z.enum(DRILL_KINDS),
  interconnect: z.string().min(1).optional(),
  path: z.enum(['primary', 'secondary']).optional(),
  prefix: z.string().refine((p) => parseCidr(p, false).ok, { error: (iss) => `"${String(iss.input)}" is not an IPv4 CIDR block (e.g. 10.20.0.0/16)` }).optional(),
  side: z.enum(['oci', 'azure']).optional(),
  count: z.int().min(1).max(100_000).optional(),
});

const stopParams = z.strictObject({ id: z.string().min(1) });

export function registerDrillRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { engine } = ctx;

  app.get(`${API_PREFIX}/drills`, async (): Promise<DrillsResponse> => ({ drills: await listDrills(engine) }));

  app.post(`${API_PREFIX}/drills`, async (req, reply) => {
    const spec = parseInput(drillBody, req.body, 'body');
    const report: DrillReport = await startDrill(engine, spec);
    return reply.code(201).send({ ...report, ...(await followedByDataplane(ctx)) });
  });

  app.delete(`${API_PREFIX}/drills/:id`, async (req): Promise<DrillStopResponse> => {
    const { id } = parseInput(stopParams, req.params, 'path');
    const stopped = await stopDrill(engine, id);
    return { ...stopped, ...(await followedByDataplane(ctx)) };
  });

  app.delete(`${API_PREFIX}/drills`, async (): Promise<DrillStopResponse> => ({ ...(await stopDrill(engine)), ...(await followedByDataplane(ctx)) }));
}

/**
 * A running data plane follows the drill before the answer goes out: links cut or restored, the
 * edges' routes replaced. The drill itself is committed either way; a failure here is reported, not thrown.
 */
async function followedByDataplane(ctx: AdminContext): Promise<{ dataplane?: FollowReport | { error: string } }> {
  if (!ctx.dataplane) return {};
  try {
    const report = await ctx.dataplane.followDrills();
    return report.linksDown.length === 0 && report.rerouted.length === 0 && ctx.dataplane.status().state !== 'up' ? {} : { dataplane: report };
  } catch (err) {
    return { dataplane: { error: err instanceof Error ? err.message : String(err) } };
  }
}
