// A circuit's device path (Primary/Secondary) as Microsoft's edge shows it: the private peering's
// route table, route table summary and ARP table, from routing's diagnostics (ARM's shapes).
import type { Engine } from '../../engine/engine.ts';
import { fastroute } from '../../model/errors.ts';
import type { ReadView } from '../../model/world.ts';
import { circuitArpTable, circuitRouteTable, circuitRouteTableSummary, type DiagnosticsClock } from '../../routing/diagnostics/index.ts';
import type { CircuitPathRoutes, DevicePath } from './routes-shapes.ts';

export interface CircuitPathTarget {
  circuitId: string;
  virtualCircuitId?: string;
  path: DevicePath;
}

/**
 * When the virtual circuit last became PROVISIONED, from the event log (the diagnostics count the
 * sessions' uptime and the ARP entries' age from it); undefined when the log does not say.
 */
export async function provisionedAt(engine: Engine, virtualCircuitId: string | undefined): Promise<string | undefined> {
  if (virtualCircuitId === undefined) return undefined;
  const events = await engine.queryEvents({ resourceId: virtualCircuitId, kind: 'oci.VirtualCircuit', newestFirst: true, limit: 1000 });
  return events.find((e) => e.change === 'state' && e.field === 'lifecycleState' && e.after === 'PROVISIONED')?.time;
}

export function circuitPathRoutes(engine: Engine, view: ReadView, target: string, t: CircuitPathTarget, since: string | undefined): CircuitPathRoutes {
  const circuit = view.get('azure.ExpressRouteCircuit', t.circuitId);
  if (!circuit) throw fastroute.notFound(`no ExpressRoute circuit ${t.circuitId}`);
  const r = engine.routing;
  const clock: DiagnosticsClock = { now: engine.now(), ...(since === undefined ? {} : { provisionedAt: since }) };
  return {
    type: 'circuit-path', target, circuitId: circuit.id, circuitName: circuit.name,
    ...(t.virtualCircuitId === undefined ? {} : { virtualCircuitId: t.virtualCircuitId }), devicePath: t.path,
    routeTable: circuitRouteTable(r, circuit.id, t.path, clock),
    routeTableSummary: circuitRouteTableSummary(r, circuit.id, t.path, clock),
    arpTable: circuitArpTable(r, circuit.id, t.path, clock),
  };
}
