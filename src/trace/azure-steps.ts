// Azure hops: NSGs (outbound NIC then subnet; inbound subnet then NIC), the subnet's effective
// routes, VNet peering, network virtual appliances, and the ExpressRoute gateway entry point.
import { cidr, containsAddress, intToIp } from '../model/cidr.ts';
import type { NetworkInterface } from '../model/azure/network.ts';
import { azureReplyAllowed, evaluateAzurePath } from '../security/azure.ts';
import type { SecurityDecision } from '../security/types.ts';
import type { EffectiveTable } from '../routing/azure/effective.ts';
import { overAdvertisedLimitDetail } from '../routing/interconnect/bgp.ts';
import { addressIndex } from './endpoints.ts';
import { nicNsgs, virtualNetworkTag } from './security-context.ts';
import { describeDecision, type Walk } from './walk.ts';
import { crossToOci } from './interconnect-steps.ts';
import { hostFirewall } from './oci-steps.ts';
import { allowHop, elementHop, forwardHop, passHop } from './hops.ts';
import { connectionBetween } from './lookups.ts';

const vnetOfSubnet = (w: Walk, subnetId: string) => w.r.memo.get('azure.Subnet', subnetId)?.fr.parentId;
const sameId = (a: string | undefined, b: string) => a !== undefined && (a === b || a.toLowerCase() === b.toLowerCase());

const evaluate = (w: Walk, nic: NetworkInterface, subnetId: string, direction: 'Inbound' | 'Outbound') =>
  evaluateAzurePath(direction, w.packet, nicNsgs(w.r, nic, subnetId), virtualNetworkTag(w.r, vnetOfSubnet(w, subnetId) ?? ''));

function check(w: Walk, nic: NetworkInterface, subnetId: string, direction: 'Inbound' | 'Outbound'): SecurityDecision {
  if (!w.forward) {
    const d = evaluate(w, nic, subnetId, direction);
    (direction === 'Inbound' ? w.inbound : w.outbound).set(nic.id, { decision: d, direction, packet: w.packet });
    return d;
  }
  const fwd = (direction === 'Inbound' ? w.forward.outbound : w.forward.inbound).get(nic.id);
  return fwd ? azureReplyAllowed(fwd.decision) : evaluate(w, nic, subnetId, direction);
}

function nsgHop(w: Walk, nic: NetworkInterface, subnetId: string, direction: 'Inbound' | 'Outbound'): boolean {
  const d = check(w, nic, subnetId, direction);
  const kind = direction === 'Inbound' ? 'nic-nsg-inbound' : 'nic-nsg-outbound';
  if (!d.allowed) {
    w.drop({ kind, cloud: 'azure', resource: d.resource ?? nic.id, name: nic.name, rule: describeDecision(d), reason: 'NSG_DENY', detail: `${direction} at NIC ${nic.properties.ipConfigurations[0]?.properties.privateIPAddress ?? ''}` });
    return false;
  }
  w.hop(w.explain ? allowHop(kind, 'azure', d.resource ?? nic.id, nic.name, describeDecision(d)) : null);
  return true;
}

/** Starts a walk at an Azure NIC (the source). */
export function fromAzureNic(w: Walk, nic: NetworkInterface, subnetId: string): void {
  if (!nsgHop(w, nic, subnetId, 'Outbound')) return;
  const table = w.r.subnetEffective(subnetId);
  if (table) route(w, table, w.explain || w.elements ? `subnet ${w.r.memo.get('azure.Subnet', subnetId)?.name ?? subnetId}` : '');
}

/** Does the VNet's own address space hold the address? */
function inVnetSpace(w: Walk, vnetId: string, address: number): boolean {
  return (w.r.memo.get('azure.VirtualNetwork', vnetId)?.properties.addressSpace.addressPrefixes ?? []).some((p) => containsAddress(cidr(p), address));
}

/**
 * Traffic arriving from the circuit at the gateway: GatewaySubnet routes (UDRs apply) unless FastPath.
 * FastPath covers the gateway's own VNet only: the interconnect is a provider circuit, where VNet
 * peering over FastPath is not available, so traffic to a spoke still crosses the gateway and its
 * GatewaySubnet routes (docs/differences.md).
 */
export function fromGateway(w: Walk, gatewayId: string, circuitId: string): void {
  const gw = w.r.memo.get('azure.VirtualNetworkGateway', gatewayId);
  const conn = connectionBetween(w.r, gatewayId, circuitId);
  const subnetId = gw?.properties.ipConfigurations[0]?.properties.subnet.id;
  const vnetId = subnetId === undefined ? undefined : vnetOfSubnet(w, subnetId);
  const fastPathOn = conn?.properties.expressRouteGatewayBypass === true;
  const fastPath = fastPathOn && vnetId !== undefined && inVnetSpace(w, vnetId, w.packet.dst);
  elementHop(w, fastPath ? 'fastpath' : 'er-gateway', 'azure', gatewayId, () => gw?.name ?? gatewayId, () => (fastPath
    ? 'FastPath: straight to the VM, bypassing the gateway'
    : `ExpressRoute gateway ${gw?.properties.sku.name ?? ''} via connection ${conn?.name ?? ''}${fastPathOn && !fastPath ? ' (FastPath does not cover peered VNets on a provider circuit)' : ''}`));
  const table = fastPath || subnetId === undefined ? (vnetId === undefined ? undefined : w.r.effective(vnetId, undefined)) : w.r.subnetEffective(subnetId);
  if (!table) return;
  route(w, table, fastPath ? 'system routes of the gateway VNet' : 'GatewaySubnet');
}

/**
 * When an OCI address would leave by the default route (or by none), say why the interconnect does
 * not carry it: no gateway, the circuit down, or the prefix not advertised by OCI.
 */
function towardsOci(w: Walk, table: EffectiveTable): { reason: 'GATEWAY_NOT_CONNECTED' | 'CIRCUIT_NOT_PROVISIONED' | 'BGP_SESSION_DOWN' | 'NOT_EXPORTED' | 'INVALID_ROUTE'; detail: string } | undefined {
  const inOci = w.r.memo.list('oci.Vcn').some((v) => v.cidrBlocks.some((b) => containsAddress(cidr(b), w.packet.dst)));
  if (!inOci) return undefined;
  if (table.gatewayId === undefined) return { reason: 'GATEWAY_NOT_CONNECTED', detail: `${intToIp(w.packet.dst)} is in OCI, but this VNet has no ExpressRoute gateway (of its own or through a peering with gateway transit)` };
  const ics = w.r.memo.list('oci.VirtualCircuit').map((vc) => w.r.interconnect(vc.id)).filter((ic) => ic.circuitId !== undefined);
  const linked = ics.filter((ic) => ic.gatewayIds.some((g) => g.toLowerCase() === table.gatewayId?.toLowerCase()));
  if (linked.length === 0) {
    const overLimit = ics.flatMap((ic) => ic.overAdvertisedLimit).find((o) => o.gatewayId.toLowerCase() === table.gatewayId?.toLowerCase());
    if (overLimit) return { reason: 'GATEWAY_NOT_CONNECTED', detail: overAdvertisedLimitDetail(w.r, overLimit) };
    const down = ics.find((ic) => ic.down !== undefined);
    if (down?.down) return { reason: down.down, detail: down.downReason ?? '' };
    return { reason: 'GATEWAY_NOT_CONNECTED', detail: 'the VNet\'s ExpressRoute gateway has no Connected connection to a provisioned circuit' };
  }
  const down = linked.find((ic) => ic.down !== undefined);
  if (down?.down) return { reason: down.down, detail: down.downReason ?? '' };
  const invalid = table.routes.find((x) => x.state === 'Invalid' && x.source === 'User' && containsAddress(x.prefix, w.packet.dst));
  if (invalid) return { reason: 'INVALID_ROUTE', detail: `the user route ${invalid.name ?? invalid.addressPrefix.join(',')} would carry it, but it is Invalid: ${invalid.invalidReason ?? ''}` };
  if (w.r.gatewayLearned(table.gatewayId).routes.some((b) => containsAddress(b.network, w.packet.dst)) && !table.routes.some((x) => x.source === 'VirtualNetworkGateway')) {
    return { reason: 'NOT_EXPORTED', detail: `the gateway learned a route for ${intToIp(w.packet.dst)}, but the subnet's route table disables gateway route propagation` };
  }
  return { reason: 'NOT_EXPORTED', detail: `${intToIp(w.packet.dst)} is in an OCI VCN, but OCI does not advertise it over the interconnect (export distribution, VC route table import, or a withdrawn prefix)` };
}

const routeLabels = new WeakMap<object, string>();
/** The rule text of an effective route, built once per (immutable) route object. */
function routeLabel(r: EffectiveTable['routes'][number]): string {
  let label = routeLabels.get(r);
  if (label === undefined) {
    label = `${r.source} ${r.addressPrefix.join(',')} → ${r.nextHopType}${r.nextHopIpAddress.length ? ` ${r.nextHopIpAddress.join(',')}` : ''}${r.name ? ` (${r.name})` : ''}`;
    routeLabels.set(r, label);
  }
  return label;
}

const tableLabel = (table: EffectiveTable) => `${table.vnetId}|${table.routeTableId ?? ''}`;
/** The start of an effective-routes hop that drops (the drop adds its reason, detail and rule). */
const routesHop = (table: EffectiveTable, where: string) => ({ kind: 'effective-routes' as const, cloud: 'azure' as const, resource: table.routeTableId ?? table.vnetId, name: where });
function forwarded(w: Walk, table: EffectiveTable, where: string, r: EffectiveTable['routes'][number]): void {
  w.hop(w.explain ? forwardHop('effective-routes', 'azure', table.routeTableId ?? table.vnetId, where, routeLabel(r)) : null);
}

/** `where` names the table in the hop (which subnet or gateway uses it); empty on a decide-only walk without elements (a drop hop's name). */
function route(w: Walk, table: EffectiveTable, where: string): void {
  if (!w.enter(table, tableLabel)) return;
  const m = table.fib.lookup(w.packet.dst);
  if (!m || (m.value.nextHopType === 'Internet' && m.value.prefix.length === 0)) {
    const why = towardsOci(w, table);
    if (why) {
      w.drop({ ...routesHop(table, where), reason: why.reason, detail: why.detail, ...(m ? { rule: routeLabel(m.value) } : {}) });
      return;
    }
  }
  if (!m) {
    const invalid = table.routes.find((x) => x.state === 'Invalid' && ((w.packet.dst & (x.prefix.length === 0 ? 0 : (0xffffffff << (32 - x.prefix.length)) >>> 0)) >>> 0) === x.prefix.network);
    w.drop({ ...routesHop(table, where), reason: invalid ? 'INVALID_ROUTE' : 'NO_ROUTE', detail: invalid ? `only an Invalid route matches: ${invalid.invalidReason ?? ''}` : `no effective route for ${intToIp(w.packet.dst)}` });
    return;
  }
  const r = m.value;
  switch (r.nextHopType) {
    case 'VnetLocal':
      forwarded(w, table, where, r);
      { deliverInVnet(w, table.vnetId); return; }
    case 'VNetPeering':
      forwarded(w, table, where, r);
      w.hop(w.explain ? passHop('vnet-peering', 'azure', r.remoteVnetId ?? '', w.r.memo.get('azure.VirtualNetwork', r.remoteVnetId ?? '')?.name ?? '') : null);
      { deliverInVnet(w, r.remoteVnetId ?? ''); return; }
    case 'VirtualNetworkGateway':
      forwarded(w, table, where, r);
      if (table.gatewayId === undefined) {
        w.drop({ ...routesHop(table, where), reason: 'GATEWAY_NOT_CONNECTED', detail: 'the VNet has no ExpressRoute gateway' });
        return;
      }
      { crossToOci(w, table.gatewayId); return; }
    case 'VirtualAppliance':
      forwarded(w, table, where, r);
      { throughAppliance(w, r.nextHopIpAddress[0] ?? ''); return; }
    case 'None':
      w.drop({ ...routesHop(table, where), rule: routeLabel(r), reason: 'BLACKHOLE', detail: 'next hop None drops the packet' });
      return;
    default:
      w.drop({ ...routesHop(table, where), rule: routeLabel(r), reason: 'NO_ROUTE', detail: 'the route leaves to the Internet' });
  }
}

function throughAppliance(w: Walk, ip: string): void {
  const idx = addressIndex(w.r);
  const parts = ip.split('.').map(Number);
  const addr = parts.length === 4 ? (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0 : 0;
  const entry = idx.azure.get(addr)?.[0];
  if (!entry || !w.enter(entry.nic, entry.nic.id)) {
    if (!entry) w.drop({ kind: 'appliance', cloud: 'azure', resource: ip, reason: 'BLACKHOLE', detail: `no NIC has the appliance address ${ip}` });
    return;
  }
  if (!nsgHop(w, entry.nic, entry.subnetId, 'Inbound')) return;
  if (!entry.nic.properties.enableIPForwarding) {
    w.drop({ kind: 'appliance', cloud: 'azure', resource: entry.nic.id, name: entry.nic.name, reason: 'SOURCE_DEST_CHECK', detail: `NIC ${ip} does not have IP forwarding enabled` });
    return;
  }
  w.appliances.push(entry.nic.id.toLowerCase());
  elementHop(w, 'appliance', 'azure', entry.nic.id, () => entry.nic.properties.virtualMachine?.id.split('/').pop() ?? entry.nic.name, () => `forwarded by the network virtual appliance at ${ip} (stateful firewall)`);
  if (!nsgHop(w, entry.nic, entry.subnetId, 'Outbound')) return;
  const table = w.r.subnetEffective(entry.subnetId);
  if (table) route(w, table, w.explain || w.elements ? `appliance subnet ${w.r.memo.get('azure.Subnet', entry.subnetId)?.name ?? ''}` : '');
}

/** A stand-in NIC for a subnet without VMs (matrix mode): the subnet's NSG only. */
export function subnetNic(w: Walk, subnetId: string, ip = w.packet.dst): { nic: NetworkInterface; subnetId: string } | undefined {
  const subnet = w.r.memo.get('azure.Subnet', subnetId);
  if (!subnet) return undefined;
  const nic: NetworkInterface = {
    id: `subnet-endpoint:${subnet.id}`, name: subnet.name, type: 'Microsoft.Network/networkInterfaces', location: '', tags: {}, etag: '',
    properties: {
      ipConfigurations: [{ id: `subnet-endpoint:${subnet.id}/ip`, name: 'ip', etag: '', type: 'Microsoft.Network/networkInterfaces/ipConfigurations', properties: { privateIPAddress: intToIp(ip), privateIPAllocationMethod: 'Static', privateIPAddressVersion: 'IPv4', subnet: { id: subnet.id }, primary: true, provisioningState: 'Succeeded' } }],
      macAddress: '', primary: true, enableIPForwarding: false, enableAcceleratedNetworking: false, resourceGuid: '', provisioningState: 'Succeeded',
    },
    fr: { subscriptionId: subnet.fr.subscriptionId, resourceGroup: subnet.fr.resourceGroup },
  };
  return { nic, subnetId: subnet.id };
}

/** The NIC holding the destination address in this VNet (addresses repeat across VNets). */
function nicInVnet(w: Walk, vnetId: string): { nic: NetworkInterface; subnetId: string } | undefined {
  for (const e of addressIndex(w.r).azure.get(w.packet.dst) ?? []) if (sameId(vnetOfSubnet(w, e.subnetId), vnetId)) return e;
  return undefined;
}

function deliverInVnet(w: Walk, vnetId: string): void {
  const target = w.subnetTarget;
  const entry = nicInVnet(w, vnetId)
    ?? (target?.cloud === 'azure' && sameId(vnetOfSubnet(w, target.subnetId), vnetId) ? subnetNic(w, target.subnetId) : undefined);
  if (!entry) {
    w.drop({ kind: 'destination', cloud: 'azure', resource: vnetId, name: w.r.memo.get('azure.VirtualNetwork', vnetId)?.name ?? vnetId, reason: 'UNKNOWN_ENDPOINT', detail: `no NIC has ${intToIp(w.packet.dst)} in this VNet` });
    return;
  }
  if (!nsgHop(w, entry.nic, entry.subnetId, 'Inbound')) return;
  const vmId = entry.nic.properties.virtualMachine?.id;
  const vm = vmId === undefined ? undefined : w.r.memo.get('azure.VirtualMachine', vmId);
  if (!hostFirewall(w, vm?.fr.hostFirewall, vm?.id ?? entry.nic.id, vm?.name ?? entry.nic.name, 'azure')) return;
  w.deliver('azure', vm?.id ?? entry.nic.id, vm?.name ?? entry.nic.name, w.explain ? `delivered to ${intToIp(w.packet.dst)}` : '');
}
