// GET /cost: the running world's monthly estimate in the clouds' billing terms (circuits, gateways,
// FastConnect ports, data transfer for the declared traffic), each circuit's plans compared.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { estimateCost } from '../../cost/estimate.ts';
import type { CostReport } from '../../cost/types.ts';
import { trafficFlows } from '../../engine/traffic-runner.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX } from './contract.ts';
import { parseInput } from './validate.ts';

export type CostResponse = CostReport;

const getQuery = z.strictObject({
  /** A day to place the traffic over (ISO 8601; only its UTC date matters); default today on the engine clock. */
  at: z.iso.datetime({ offset: true, error: 'at is an ISO 8601 date-time, e.g. 2026-01-15T12:00:00Z' }).optional(),
});

export function registerCostRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { engine } = ctx;
  app.get(`${API_PREFIX}/cost`, async (req): Promise<CostResponse> => {
    const { at } = parseInput(getQuery, req.query, 'query');
    return engine.read(() => estimateCost(engine.routing, trafficFlows(engine), at === undefined ? engine.now() : Date.parse(at)));
  });
}
