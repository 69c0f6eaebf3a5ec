// GET /status: the one call that tells a human or a script what FastRoute is doing right now.
import type { FastifyInstance } from 'fastify';
import { labNames } from '../../lab/apply.ts';
import { interconnectStatus } from '../../lifecycle/interconnect/status.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX, type StatusResponse } from './contract.ts';

export function registerStatusRoutes(app: FastifyInstance, ctx: AdminContext): void {
  app.get(`${API_PREFIX}/status`, async (): Promise<StatusResponse> => {
    const { engine } = ctx;
    // One read: labs and interconnects come from the same settled snapshot.
    // Sessions show the effective state (drills, prefix limit) that routing computes, next to the
    // configured state the clouds' APIs report.
    const { labs, interconnects } = await engine.read((view) => ({
      labs: labNames(view),
      interconnects: interconnectStatus(view).map((s) => {
        const ic = engine.routing.interconnect(s.virtualCircuit.id);
        return {
          ...s,
          virtualCircuit: {
            ...s.virtualCircuit,
            sessions: s.virtualCircuit.sessions.map((x, i) => {
              const eff = ic.sessions[i];
              return eff === undefined || x.state === 'DOWN' ? x : { ...x, state: eff.up ? 'UP' as const : 'DOWN' as const, ...(eff.reason === undefined ? {} : { reason: eff.reason }) };
            }),
          },
        };
      }),
    }));
    return {
      version: ctx.version,
      clock: engine.clockStatus(),
      dataLocation: ctx.dataLocation,
      endpoints: ctx.endpoints(),
      labs,
      resourceCounts: engine.countByKind(),
      interconnects,
    };
  });
}
