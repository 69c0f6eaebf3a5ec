// Route tables in the clouds' shapes, from the live Routing: a VCN route table, a DRG route table
// (dynamic and static rules, losers flagged isConflict), a NIC's or subnet's effective routes, and
// the BGP sessions of a virtual circuit with their Adj-RIB-In/Out and best-path reasons.
import { fastroute } from '../../model/errors.ts';
import type { ReadView } from '../../model/world.ts';
import { drgRouteRules, effectiveRouteToWire } from '../../routing/diagnostics/index.ts';
import type { Routing } from '../../routing/routing.ts';
import type { BgpRoute, BgpSession } from '../../routing/types.ts';
import type {
  BgpRouteView, BgpSessionsRoutes, BgpSessionView, DrgRouteTableRoutes, EffectiveRoutes, VcnRouteRuleView, VcnRouteTableRoutes,
} from './routes-shapes.ts';

/** A next hop's display name: the DRG, gateway, private IP or attachment an OCID names. */
export function ociName(view: ReadView, id: string): string {
  if (id === 'local') return 'local';
  const named = view.get('oci.Drg', id) ?? view.get('oci.InternetGateway', id) ?? view.get('oci.DrgAttachment', id)
    ?? view.get('oci.NatGateway', id) ?? view.get('oci.ServiceGateway', id) ?? view.get('oci.LocalPeeringGateway', id);
  if (named) return named.displayName;
  const ip = view.get('oci.PrivateIp', id);
  return ip ? ip.ipAddress : id;
}

export function vcnTableRoutes(r: Routing, view: ReadView, target: string, id: string, via?: string): VcnRouteTableRoutes {
  const rt = view.get('oci.RouteTable', id);
  const table = r.vcnTable(id);
  if (!rt || !table) throw fastroute.notFound(`no route table ${id}`);
  const rules = rt.routeRules;
  return {
    type: 'vcn-route-table', target, id, displayName: rt.displayName, vcnId: rt.vcnId, vcnName: view.get('oci.Vcn', rt.vcnId)?.displayName ?? rt.vcnId,
    ...(via === undefined ? {} : { via }),
    routeRules: table.routes.map((route): VcnRouteRuleView => {
      const description = route.ruleIndex === undefined ? undefined : rules[route.ruleIndex]?.description;
      return {
        destination: route.destination, destinationType: 'CIDR_BLOCK' as const, networkEntityId: route.networkEntityId, routeType: route.routeType,
        ...(description === undefined ? {} : { description }), networkEntityName: ociName(view, route.networkEntityId),
      };
    }).concat(table.serviceRoutes.map((route) => {
      const description = rules[route.ruleIndex]?.description;
      return {
        destination: route.destination, destinationType: 'SERVICE_CIDR_BLOCK' as const, networkEntityId: route.networkEntityId, routeType: 'STATIC' as const,
        ...(description === undefined ? {} : { description }), networkEntityName: ociName(view, route.networkEntityId),
      };
    })),
  };
}

export function drgTableRoutes(r: Routing, view: ReadView, target: string, id: string): DrgRouteTableRoutes {
  const t = view.get('oci.DrgRouteTable', id);
  if (!t) throw fastroute.notFound(`no DRG route table ${id}`);
  return {
    type: 'drg-route-table', target, id, displayName: t.displayName, drgId: t.drgId, isEcmpEnabled: t.isEcmpEnabled,
    rules: drgRouteRules(r, id).map((rule) => ({ ...rule, nextHopName: ociName(view, rule.nextHopDrgAttachmentId) })),
  };
}

export function effectiveRoutes(r: Routing, target: string, t: { subnetId: string; nicId?: string; nicName?: string; vmName?: string }): EffectiveRoutes {
  const table = r.subnetEffective(t.subnetId);
  if (!table) throw fastroute.notFound(`no subnet ${t.subnetId}`);
  return {
    type: 'effective-routes', target, subnetId: t.subnetId,
    ...(t.nicId === undefined ? {} : { nicId: t.nicId }), ...(t.nicName === undefined ? {} : { nicName: t.nicName }), ...(t.vmName === undefined ? {} : { vmName: t.vmName }),
    // ARM's EffectiveRoute, plus FastRoute's reason when a route is Invalid.
    value: table.routes.map((route) => ({ ...effectiveRouteToWire(route), ...(route.invalidReason === undefined ? {} : { invalidReason: route.invalidReason }) })),
  };
}

function bgpRoute(route: BgpRoute): BgpRouteView {
  return { prefix: route.prefix, asPath: route.asPath, nextHop: route.nextHop, best: route.best ?? false, ...(route.reason === undefined ? {} : { reason: route.reason }) };
}

function session(s: BgpSession): BgpSessionView {
  return {
    path: s.path, up: s.up, ...(s.reason === undefined ? {} : { reason: s.reason }),
    ...(s.oracleIp === undefined ? {} : { oracleIp: s.oracleIp }), ...(s.azureIp === undefined ? {} : { azureIp: s.azureIp }),
    prefixLimit: s.prefixLimit, offeredToAzure: s.offeredToAzure, toAzure: s.toAzure.map(bgpRoute), toOci: s.toOci.map(bgpRoute),
  };
}

export function bgpSessionsRoutes(r: Routing, view: ReadView, target: string, vcId: string): BgpSessionsRoutes {
  const vc = view.get('oci.VirtualCircuit', vcId);
  if (!vc) throw fastroute.notFound(`no virtual circuit ${vcId}`);
  const ic = r.interconnect(vcId);
  return {
    type: 'bgp-sessions', target, virtualCircuitId: vcId, name: vc.displayName, ...(ic.circuitId === undefined ? {} : { circuitId: ic.circuitId }),
    gatewayIds: ic.gatewayIds, ...(ic.down === undefined ? {} : { down: ic.down }), ...(ic.downReason === undefined ? {} : { downReason: ic.downReason }),
    sessions: ic.sessions.map(session),
  };
}
