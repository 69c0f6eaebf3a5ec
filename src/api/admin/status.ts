// GET /status: the one call that tells a human or a script what FastRoute is doing right now.
import type { FastifyInstance } from 'fastify';
import { labNames } from '../../lab/apply.ts';
import { interconnectStatus } from '../../lifecycle/interconnect/status.ts';
import { interconnectSessionState } from '../../routing/interconnect/session-state.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX, type StatusResponse } from './contract.ts';

export function registerStatusRoutes(app: FastifyInstance, ctx: AdminContext): void {
  app.get(`${API_PREFIX}/status`, async (): Promise<StatusResponse> => {
    const { engine } = ctx;
    // One read: labs and interconnects come from the same settled snapshot. Sessions are the
    // interconnect's one session state (drills, prefix limit), as both clouds' APIs show it.
    // While a big lab is applied in slices, the last committed world, at once.
    const activity = engine.activity();
    const { labs, interconnects } = await engine.readCommitted((view) => ({
      labs: labNames(view),
      interconnects: interconnectStatus(view, (id) => interconnectSessionState(engine.routing, id)),
    }));
    return {
      version: ctx.version,
      clock: engine.clockStatus(),
      dataLocation: ctx.dataLocation,
      endpoints: ctx.endpoints(),
      labs,
      resourceCounts: engine.countByKind(),
      interconnects,
      ...(activity === undefined ? {} : { activity }),
    };
  });
}
