// Every answer the routing engine memoises, asked of one Routing and written down as plain data:
// VCN and DRG route tables, the routes each DRG attachment offers and exports, each interconnect's
// sessions and best paths, each gateway's advertised and learned routes, each subnet's effective
// routes (with lookups of every host address), trace verdicts between every pair of hosts and the
// doctor's findings. Asked of the engine's long-lived Routing and of a fresh one on the same world,
// the two snapshots must be equal: anything else is an answer the memo failed to drop.
import type { ReadView } from '../../src/model/world.ts';
import { Routing } from '../../src/routing/routing.ts';
import { exportedRoutes, offeredRoutes } from '../../src/routing/oci/drg-table.ts';
import { traceVerdict } from '../../src/trace/trace.ts';
import { runDoctor } from '../../src/doctor/doctor.ts';
import { ipToInt } from '../../src/model/cidr.ts';

/** JSON with Maps as entry lists and without the FIBs (the lookups below exercise them). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => {
    if (key === 'fib') return undefined;
    return v instanceof Map ? [...(v as Map<unknown, unknown>).entries()] : v;
  }));
}

export interface SnapshotOptions {
  /** Trace every ordered pair of hosts (icmp, tcp/22 and tcp/1521). */
  traces?: boolean;
  doctor?: boolean;
}

export function routingSnapshot(r: Routing, view: ReadView, opts: SnapshotOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const rt of view.list('oci.RouteTable')) out[`vcnTable ${rt.id}`] = plain(r.vcnTable(rt.id));
  for (const t of view.list('oci.DrgRouteTable')) out[`drgTable ${t.id}`] = plain(r.drgTable(t.id));
  for (const a of view.list('oci.DrgAttachment')) {
    out[`offered ${a.id}`] = offeredRoutes(r, a.id).map((o) => [o.destination, o.asPath]);
    if (a.networkDetails.type === 'VIRTUAL_CIRCUIT') out[`exported ${a.id}`] = plain(exportedRoutes(r, a.id));
  }
  for (const vc of view.list('oci.VirtualCircuit')) out[`interconnect ${vc.id}`] = plain(r.interconnect(vc.id));
  for (const g of view.list('azure.VirtualNetworkGateway')) {
    out[`gwAdvertised ${g.id}`] = r.gatewayAdvertised(g.id);
    out[`gwLearned ${g.id}`] = plain(r.gatewayLearned(g.id));
    out[`gwLayer ${g.id}`] = plain(r.gatewayRouteLayer(g.id).routes);
  }
  const hosts = [...view.list('oci.Vnic').map((v) => v.privateIp), ...view.list('azure.NetworkInterface').flatMap((n) => n.properties.ipConfigurations.map((c) => c.properties.privateIPAddress))];
  for (const s of view.list('azure.Subnet')) {
    const table = r.subnetEffective(s.id);
    out[`effective ${s.id}`] = table && {
      gatewayId: table.gatewayId, routeCount: table.routeCount, routes: plain(table.routes),
      lookups: hosts.map((h) => plain(table.fib.lookup(ipToInt(h) ?? 0)?.value.addressPrefix)),
    };
  }
  if (opts.traces) {
    const names = [...view.list('oci.Instance').filter((i) => i.lifecycleState !== 'TERMINATED').map((i) => i.displayName), ...view.list('azure.VirtualMachine').map((v) => v.name)];
    for (const from of names) {
      for (const to of names) {
        if (from === to) continue;
        out[`trace ${from}→${to} icmp`] = traceVerdict(r, { from, to, protocol: 'icmp' });
        for (const port of [22, 1521]) out[`trace ${from}→${to} tcp/${port}`] = traceVerdict(r, { from, to, protocol: 'tcp', port });
      }
    }
  }
  if (opts.doctor) out['doctor'] = plain(runDoctor(r).findings);
  return out;
}

/** The memoised answers of `memoised` and a fresh computation on the same world. */
export function memoisedAndFresh(memoised: Routing, view: ReadView, opts: SnapshotOptions = {}): { memoised: Record<string, unknown>; fresh: Record<string, unknown> } {
  return { memoised: routingSnapshot(memoised, view, opts), fresh: routingSnapshot(new Routing(view), view, opts) };
}
