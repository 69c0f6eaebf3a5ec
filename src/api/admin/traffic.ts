// Traffic: declare flows at a rate (POST), see them placed on the paths at an instant (GET), remove
// them (DELETE). The same flow schema as a lab's `traffic:` section; endpoints must resolve.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { currentPlacement, declareTraffic, removeTraffic, trafficFlows, type DeclaredFlow } from '../../engine/traffic-runner.ts';
import { fastroute } from '../../model/errors.ts';
import { resolveEndpoint } from '../../trace/endpoints.ts';
import { trafficListSchema } from '../../traffic/schema.ts';
import type { Placement } from '../../traffic/types.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX } from './contract.ts';
import { parseInput } from './validate.ts';

export interface TrafficResponse {
  flows: DeclaredFlow[];
  placement: Placement;
}

export interface TrafficDeleteResponse {
  deleted: string[];
}

const postBody = z.strictObject({
  traffic: trafficListSchema,
  /** true: the posted flows replace every declared flow; default: added, or replacing by name. */
  replace: z.boolean().optional(),
});

const getQuery = z.strictObject({
  /** The instant to place at (ISO 8601); default now on the engine clock. */
  at: z.iso.datetime({ offset: true, error: 'at is an ISO 8601 date-time, e.g. 2026-01-15T12:00:00Z' }).optional(),
});

const nameParams = z.strictObject({ name: z.string().min(1) });

export function registerTrafficRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { engine } = ctx;

  app.get(`${API_PREFIX}/traffic`, async (req): Promise<TrafficResponse> => {
    const { at } = parseInput(getQuery, req.query, 'query');
    return { flows: trafficFlows(engine), placement: await currentPlacement(engine, at === undefined ? undefined : Date.parse(at)) };
  });

  app.post(`${API_PREFIX}/traffic`, async (req, reply) => {
    const body = parseInput(postBody, req.body, 'body');
    // An endpoint nobody knows is a mistake in the request, not a flow that is dropped.
    const unknown = await engine.read(() => body.traffic.flatMap((f, i) => (['from', 'to'] as const)
      .filter((key) => resolveEndpoint(engine.routing, f[key]) === undefined)
      .map((key) => `traffic.${i}.${key}: "${f[key]}" is not a VM name, a resource id, or an address FastRoute knows`)));
    if (unknown.length > 0) throw fastroute.invalid('InvalidParameter', `invalid body: ${unknown.join('; ')}`);
    const flows = declareTraffic(engine, body.traffic, { replace: body.replace === true });
    const response: TrafficResponse = { flows, placement: await currentPlacement(engine) };
    return reply.code(201).send(response);
  });

  // Flows live in memory: no unit of work, so the handlers answer synchronously.
  app.delete(`${API_PREFIX}/traffic/:name`, (req, reply) => {
    const { name } = parseInput(nameParams, req.params, 'path');
    const deleted = removeTraffic(engine, name);
    if (deleted.length === 0) throw fastroute.notFound(`no traffic flow is named ${name}`);
    return reply.send({ deleted } satisfies TrafficDeleteResponse);
  });

  app.delete(`${API_PREFIX}/traffic`, (_req, reply) => reply.send({ deleted: removeTraffic(engine) } satisfies TrafficDeleteResponse));
}
