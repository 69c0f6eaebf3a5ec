// A VCN route table as OCI evaluates it: the table's static rules plus the implicit local routes
// for the VCN's CIDRs; longest prefix wins, a static rule of the same length as a VCN CIDR wins
// over the local route, and no match means the packet is dropped. Rules for a service CIDR label
// (SERVICE_CIDR_BLOCK) match traffic for that Oracle service, never an address, so they stay apart.
import { cidr, containsPrefix } from '../../model/cidr.ts';
import type { ReadView } from '../../model/world.ts';
import { Fib } from '../fib.ts';
import type { VcnRoute } from '../types.ts';

/** A rule whose destination is a service CIDR label: it routes traffic for that Oracle service, not an address range. */
export interface VcnServiceRoute {
  destination: string;
  destinationType: 'SERVICE_CIDR_BLOCK';
  networkEntityId: string;
  ruleIndex: number;
}

export interface VcnTable {
  routeTableId: string;
  vcnId: string;
  routes: VcnRoute[];
  fib: Fib<VcnRoute>;
  serviceRoutes: VcnServiceRoute[];
}

export function computeVcnTable(view: ReadView, routeTableId: string): VcnTable | undefined {
  const rt = view.get('oci.RouteTable', routeTableId);
  if (!rt) return undefined;
  const vcn = view.get('oci.Vcn', rt.vcnId);
  const fib = new Fib<VcnRoute>();
  const routes: VcnRoute[] = [];
  const serviceRoutes: VcnServiceRoute[] = [];
  for (const block of vcn?.cidrBlocks ?? []) {
    const route: VcnRoute = { destination: block, prefix: cidr(block), routeType: 'LOCAL', networkEntityId: 'local' };
    routes.push(route);
    fib.set(route.prefix, route);
  }
  rt.routeRules.forEach((rule, i) => {
    if (rule.destinationType === 'SERVICE_CIDR_BLOCK') {
      serviceRoutes.push({ destination: rule.destination, destinationType: 'SERVICE_CIDR_BLOCK', networkEntityId: rule.networkEntityId, ruleIndex: i });
      return;
    }
    const route: VcnRoute = { destination: rule.destination, prefix: cidr(rule.destination), routeType: 'STATIC', networkEntityId: rule.networkEntityId, ruleIndex: i };
    routes.push(route);
    fib.set(route.prefix, route); // same length as a VCN CIDR: the static rule replaces the local route
  });
  return { routeTableId, vcnId: rt.vcnId, routes, fib, serviceRoutes };
}

/** True when the prefix lies inside one of the VCN's CIDRs (traffic for it stays in the VCN by default). */
export function insideVcn(view: ReadView, vcnId: string, prefix: ReturnType<typeof cidr>): boolean {
  return (view.get('oci.Vcn', vcnId)?.cidrBlocks ?? []).some((b) => containsPrefix(cidr(b), prefix));
}
