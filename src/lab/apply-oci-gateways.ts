// A lab VCN's NAT, service and local peering gateways and its custom DHCP options, through the
// operations the OCI API uses. Gateways are created once the VCN's route tables exist (empty), since
// they may name one for ingress or transit routing; LPGs are connected once every VCN has its own.
import type { Tx } from '../model/tx.ts';
import type { OciScope } from '../lifecycle/oci/scope.ts';
import { createNatGateway } from '../lifecycle/oci/nat-gateway.ts';
import { createServiceGateway, updateServiceGateway } from '../lifecycle/oci/service-gateway.ts';
import { connectLocalPeeringGateways, createLocalPeeringGateway } from '../lifecycle/oci/local-peering-gateway.ts';
import { createDhcpOptions, type DhcpOptionDetails } from '../lifecycle/oci/dhcp-options.ts';
import type { CommonDetails } from '../lifecycle/oci/scope.ts';
import type { Lab, LabDhcpOptions, LabVcn } from './schema.ts';
import { labService } from './services.ts';
import { K, type LabIds } from './names.ts';

type Common = (displayName: string) => CommonDetails & { compartmentId: string };

function dhcpOptionList(d: LabDhcpOptions): DhcpOptionDetails[] {
  return [
    d.dnsServers === undefined
      ? { type: 'DomainNameServer', serverType: 'VcnLocalPlusInternet' }
      : { type: 'DomainNameServer', serverType: 'CustomDnsServer', customDnsServers: d.dnsServers },
    ...(d.searchDomain === undefined ? [] : [{ type: 'SearchDomain' as const, searchDomainNames: [d.searchDomain] }]),
  ];
}

/** Custom DHCP options (before the subnets that choose them). */
export function applyDhcpOptions(tx: Tx, scope: OciScope, v: LabVcn, ids: LabIds, common: Common): void {
  for (const d of v.dhcpOptions) {
    ids.set(K.dhcpOptions(v.name, d.name), createDhcpOptions(tx, scope, { ...common(d.name), vcnId: ids.get(K.vcn(v.name)), options: dhcpOptionList(d) }).id);
  }
}

/** NAT, service and local peering gateways (after the VCN's route tables exist). */
export function applyVcnGateways(tx: Tx, scope: OciScope, v: LabVcn, ids: LabIds, common: Common): void {
  const vcnId = ids.get(K.vcn(v.name));
  const table = (name: string | undefined) => (name === undefined ? {} : { routeTableId: ids.get(K.routeTable(v.name, name)) });
  if (v.natGateway) {
    const g = v.natGateway;
    ids.set(K.nat(v.name, g.name), createNatGateway(tx, scope, { ...common(g.name), vcnId, blockTraffic: g.blockTraffic, ...table(g.routeTable) }).id);
  }
  if (v.serviceGateway) {
    const g = v.serviceGateway;
    const sgw = createServiceGateway(tx, scope, { ...common(g.name), vcnId, services: [{ serviceId: labService(scope.region, g.services).id }], ...table(g.routeTable) });
    // blockTraffic is not part of CreateServiceGatewayDetails: OCI sets it by update.
    if (g.blockTraffic) updateServiceGateway(tx, scope, sgw.id, { blockTraffic: true });
    ids.set(K.sgw(v.name, g.name), sgw.id);
  }
  for (const g of v.localPeeringGateways) {
    ids.set(K.lpg(v.name, g.name), createLocalPeeringGateway(tx, scope, { ...common(g.name), vcnId, ...table(g.routeTable) }).id);
  }
}

/** Connects each declared LPG pair once (either side may name the other). */
export function connectLabPeerings(tx: Tx, scope: OciScope, lab: Lab, ids: LabIds): void {
  const done = new Set<string>();
  for (const v of lab.oci.vcns) {
    for (const g of v.localPeeringGateways) {
      if (!g.peer) continue;
      const mine = ids.get(K.lpg(v.name, g.name));
      const theirs = ids.get(K.lpg(g.peer.vcn, g.peer.lpg));
      if (done.has(mine) || done.has(theirs)) continue;
      connectLocalPeeringGateways(tx, scope, mine, theirs);
      done.add(mine).add(theirs);
    }
  }
}
