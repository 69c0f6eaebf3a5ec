// Routing as the clouds compute it, for any state of the world: one facade over memoised pure
// computations. Ask a question (a table, an interconnect, a subnet's effective routes) and get the
// answer; call `update(changes)` after a commit and only the answers that read a changed entity
// are recomputed (Memo tracks what each answer read).
import type { ChangeEntry, ReadView } from '../model/world.ts';
import { Memo } from './memo.ts';
import { computeVcnTable, type VcnTable } from './oci/vcn-table.ts';
import { computeDrgTable, type DrgTable } from './oci/drg-table.ts';
import { computeInterconnect } from './interconnect/bgp.ts';
import { computeGatewayAdvertised, computeGatewayLearned, type GatewayLearned } from './azure/gateway.ts';
import { computeEffective, type EffectiveTable } from './azure/effective.ts';
import { computeGatewayRouteLayer, type GatewayRouteLayer } from './azure/gateway-layer.ts';
import type { InterconnectRouting } from './types.ts';
import { computeSiteRouting, type SiteRouting } from './interconnect/on-premises.ts';
import { Fib } from './fib.ts';
import { cidr } from '../model/cidr.ts';

export class Routing {
  readonly memo: Memo;

  constructor(view: ReadView) {
    this.memo = new Memo(view);
  }

  /** Forget what the committed changes made stale. Returns how many answers were dropped. */
  update(changes: readonly ChangeEntry[]): number {
    return this.memo.invalidate(changes);
  }

  vcnTable(routeTableId: string): VcnTable | undefined {
    return this.memo.compute('vcnTable', routeTableId, () => computeVcnTable(this.memo, routeTableId));
  }

  drgTable(drgRouteTableId: string): DrgTable | undefined {
    return this.memo.compute('drgTable', drgRouteTableId, () => computeDrgTable(this, drgRouteTableId));
  }

  interconnect(virtualCircuitId: string): InterconnectRouting {
    return this.memo.compute('interconnect', virtualCircuitId, () => computeInterconnect(this, virtualCircuitId));
  }

  gatewayAdvertised(gatewayId: string): string[] {
    return this.memo.compute('gwAdvertised', gatewayId, () => computeGatewayAdvertised(this, gatewayId));
  }

  /** The gateway's advertised prefixes as an LPM table (for traces arriving from the circuit). */
  gatewayAdvertisedFib(gatewayId: string): Fib<string> {
    return this.memo.compute('gwAdvertisedFib', gatewayId, () => {
      const fib = new Fib<string>();
      for (const p of this.gatewayAdvertised(gatewayId)) fib.set(cidr(p), p);
      return fib;
    });
  }

  /** Towards OCI from a gateway: the best prefix of every interconnect the gateway is connected to. */
  gatewayToOciFib(gatewayId: string): Fib<{ virtualCircuitId: string; prefix: string }> {
    return this.memo.compute('gwToOciFib', gatewayId, () => {
      const fib = new Fib<{ virtualCircuitId: string; prefix: string }>();
      const id = gatewayId.toLowerCase();
      for (const vc of this.memo.list('oci.VirtualCircuit')) {
        const ic = this.interconnect(vc.id);
        if (!ic.gatewayIds.some((g) => g.toLowerCase() === id)) continue;
        for (const [prefix, best] of ic.bestToAzure) {
          const net = best.routes[0]?.network;
          if (net && fib.get(net) === undefined) fib.set(net, { virtualCircuitId: vc.id, prefix });
        }
      }
      return fib;
    });
  }

  /** An on-premises site's sessions with Microsoft's edge, and what crosses them. */
  onPremises(siteId: string): SiteRouting | undefined {
    return this.memo.compute('onPremises', siteId, () => computeSiteRouting(this, siteId));
  }

  /** Towards on-premises from a gateway: the prefixes of the sites on the circuits the gateway is connected to. */
  gatewayToOnPremisesFib(gatewayId: string): Fib<{ siteId: string; circuitId: string; prefix: string }> {
    return this.memo.compute('gwToOnPremFib', gatewayId, () => {
      const fib = new Fib<{ siteId: string; circuitId: string; prefix: string }>();
      const id = gatewayId.toLowerCase();
      for (const site of this.memo.list('fr.OnPremisesSite')) {
        const sr = this.onPremises(site.id);
        if (!sr || sr.down !== undefined || !sr.gatewayIds.some((g) => g.toLowerCase() === id)) continue;
        for (const p of site.prefixes) {
          const net = cidr(p);
          if (fib.get(net) === undefined) fib.set(net, { siteId: site.id, circuitId: sr.circuitId, prefix: p });
        }
      }
      return fib;
    });
  }

  gatewayLearned(gatewayId: string): GatewayLearned {
    return this.memo.compute('gwLearned', gatewayId, () => computeGatewayLearned(this, gatewayId));
  }

  /** The gateway's learned routes as effective routes, shared by every VNet that takes them. */
  gatewayRouteLayer(gatewayId: string): GatewayRouteLayer {
    return this.memo.compute('gwRouteLayer', gatewayId, () => computeGatewayRouteLayer(this.gatewayLearned(gatewayId)));
  }

  /** Effective routes shared by every NIC of subnets in `vnetId` using `routeTableId`. */
  effective(vnetId: string, routeTableId: string | undefined): EffectiveTable | undefined {
    // Keyed by the VNet id itself when there is no route table: no key string to build and hash per subnet.
    if (routeTableId === undefined) return this.memo.compute('effective', vnetId, () => computeEffective(this, vnetId, undefined));
    return this.memo.compute('effectiveWithTable', `${vnetId}|${routeTableId}`, () => computeEffective(this, vnetId, routeTableId));
  }

  /** Effective routes of an Azure subnet. */
  subnetEffective(subnetId: string): EffectiveTable | undefined {
    return this.memo.compute('subnetEffective', subnetId, () => {
      const subnet = this.memo.get('azure.Subnet', subnetId);
      return subnet ? this.effective(subnet.fr.parentId, subnet.properties.routeTable?.id) : undefined;
    });
  }

  /** Computes every table of the world (for benchmarks and `fastroute routes --all`). Returns the route count. */
  computeAll(): number {
    let n = 0;
    for (const rt of this.memo.list('oci.RouteTable')) n += this.vcnTable(rt.id)?.routes.length ?? 0;
    for (const t of this.memo.list('oci.DrgRouteTable')) n += this.drgTable(t.id)?.rules.length ?? 0;
    for (const vc of this.memo.list('oci.VirtualCircuit')) n += this.interconnect(vc.id).sessions.reduce((s, x) => s + x.toAzure.length + x.toOci.length, 0);
    for (const s of this.memo.list('azure.Subnet')) n += this.subnetEffective(s.id)?.routeCount ?? 0;
    return n;
  }
}
