// Runs failure drills on the live engine. Starting a drill is one unit of work: the route view
// before is read inside it (the committed world the drill is applied to, so no other request can
// slip in between), the fr.Drill is stored, and the view during is read once it is committed.
// Stopping removes the drill(s) in one unit of work; routing recomputes what read them, so the
// interconnect returns exactly to its prior state.
import type { Engine } from './engine.ts';
import type { Drill } from '../model/drill.ts';
import { activeDrills, applyDrill, removeDrills, resolveInterconnect, routeImpact, routeView } from '../drills/drills.ts';
import type { DrillListing, DrillReport, DrillSpec, RouteView, TrafficShift } from '../drills/types.ts';
import type { Placement } from '../traffic/types.ts';
import { placeDeclared, trafficFlows } from './traffic-runner.ts';

const shiftPart = (p: Placement): TrafficShift['before'] => ({ elements: p.elements, drops: p.drops, totals: p.totals });

export async function startDrill(engine: Engine, spec: DrillSpec): Promise<DrillReport> {
  // Traffic is placed at one instant both times, so only the drill changes the figures.
  const at = engine.now();
  const withTraffic = trafficFlows(engine).length > 0;
  const { drill, before, trafficBefore } = await engine.mutate(`drill:${spec.kind}`, (tx) => {
    // engine.routing answers over the committed world, which is this Tx's base: the state before.
    const vc = resolveInterconnect(tx, spec.interconnect);
    const prior = routeView(engine.routing, vc.id);
    const placed = withTraffic ? placeDeclared(engine, at) : undefined;
    return { drill: applyDrill(tx, spec), before: prior, trafficBefore: placed };
  });
  const { during, trafficDuring } = await engine.read(() => ({
    during: routeView(engine.routing, drill.virtualCircuitId),
    trafficDuring: trafficBefore ? placeDeclared(engine, at) : undefined,
  }));
  const report: DrillReport = {
    id: drill.id, kind: drill.kind, interconnect: during.interconnect, virtualCircuitId: drill.virtualCircuitId,
    drill, before, during, impact: routeImpact(before, during),
  };
  if (trafficBefore && trafficDuring) report.traffic = { at, before: shiftPart(trafficBefore), during: shiftPart(trafficDuring) };
  return report;
}

/** Stops one drill, or every drill without an id. `after` has one view per interconnect a stopped drill acted on. */
export async function stopDrill(engine: Engine, id?: string): Promise<{ stopped: string[]; after: RouteView[] }> {
  const removed: Drill[] = await engine.mutate('drill:stop', (tx) => removeDrills(tx, id));
  const vcIds = [...new Set(removed.map((d) => d.virtualCircuitId))];
  const after = await engine.read(() => vcIds.map((vcId) => routeView(engine.routing, vcId)));
  return { stopped: removed.map((d) => d.id), after };
}

export function listDrills(engine: Engine): Promise<DrillListing[]> {
  return engine.read((view) => activeDrills(view));
}

/** The route view of one interconnect now (by name or OCID, or the only one). */
export function currentRouteView(engine: Engine, interconnect?: string): Promise<RouteView> {
  return engine.read((view) => routeView(engine.routing, resolveInterconnect(view, interconnect).id));
}
