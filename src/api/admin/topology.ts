// GET /topology: both clouds' networking and the interconnect as nodes and edges with live states,
// for the web console. One settled read, so every state comes from the same snapshot.
import type { FastifyInstance } from 'fastify';
import { buildTopology } from '../../topology/topology.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX, type TopologyResponse } from './contract.ts';

export function registerTopologyRoutes(app: FastifyInstance, ctx: AdminContext): void {
  app.get(`${API_PREFIX}/topology`, async (): Promise<TopologyResponse> => {
    const { engine } = ctx;
    return engine.read((view) => buildTopology(view, engine.routing));
  });
}
