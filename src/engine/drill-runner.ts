// Runs failure drills on the live engine. Starting a drill is one unit of work: the route view
// before is read inside it (the committed world the drill is applied to, so no other request can
// slip in between), the fr.Drill is stored, and the view during is read once it is committed.
// Stopping removes the drill(s) in one unit of work; routing recomputes what read them, so the
// interconnect returns exactly to its prior state.
import type { Engine } from './engine.ts';
import type { Drill } from '../model/drill.ts';
import { activeDrills, applyDrill, removeDrills, resolveInterconnect, routeImpact, routeView } from '../drills/drills.ts';
import type { DrillListing, DrillReport, DrillSpec, RouteView } from '../drills/types.ts';

export async function startDrill(engine: Engine, spec: DrillSpec): Promise<DrillReport> {
  const { drill, before } = await engine.mutate(`drill:${spec.kind}`, (tx) => {
    // engine.routing answers over the committed world, which is this Tx's base: the state before.
    const vc = resolveInterconnect(tx, spec.interconnect);
    const prior = routeView(engine.routing, vc.id);
    return { drill: applyDrill(tx, spec), before: prior };
  });
  const during = await engine.read(() => routeView(engine.routing, drill.virtualCircuitId));
  return {
    id: drill.id, kind: drill.kind, interconnect: during.interconnect, virtualCircuitId: drill.virtualCircuitId,
    drill, before, during, impact: routeImpact(before, during),
  };
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
