// Network Watcher's next hop and IP flow verify (interconnect-facts §6.3): the route a NIC's subnet
// would use for a destination, and the NSG rule that decides a 5-tuple at a NIC. Both reuse what the
// trace uses (the subnet's effective routes, the NIC's NSGs and the VirtualNetwork tag).
import { arm } from '../../model/errors.ts';
import type { Packet } from '../../security/types.ts';
import { evaluateAzurePathSteps, type AzureDirection, type AzurePathNsgs, type AzurePathStep } from '../../security/azure.ts';
import { nicNsgs, virtualNetworkTag } from '../../trace/security-context.ts';
import { addressIndex } from '../../trace/endpoints.ts';
import type { Routing } from '../routing.ts';
import { ipConfigWithAddress, nicForTarget, requestAddress } from './resolve.ts';
import type { NextHopParameters, NextHopResult, VerificationIPFlowParameters, VerificationIPFlowResult } from './types.ts';

const SYSTEM_ROUTE = 'System Route';

/**
 * The next hop from `sourceIPAddress` (an address of the target NIC, or of any NIC when no target is
 * given) to `destinationIPAddress`: the Active effective route with the longest matching prefix.
 * `nextHopIpAddress` is the route's first next-hop address ("" for VnetLocal, Internet, None);
 * `routeTableId` is the user route table's id for a UDR, else "System Route"; no route gives None.
 */
export function nextHop(r: Routing, params: NextHopParameters): NextHopResult {
  const source = requestAddress('sourceIPAddress', params.sourceIPAddress);
  const destination = requestAddress('destinationIPAddress', params.destinationIPAddress);
  const nic = nicForTarget(r, params);
  let subnetId: string;
  if (nic) {
    const config = ipConfigWithAddress(nic, params.sourceIPAddress);
    if (!config) throw arm.badRequest('InvalidRequestFormat', `sourceIPAddress ${params.sourceIPAddress} is not an address of network interface ${nic.name}.`, 'sourceIPAddress');
    subnetId = config.properties.subnet.id;
  } else {
    const owner = addressIndex(r).azure.get(source)?.[0];
    if (!owner) throw arm.error(404, 'NotFound', `No network interface has the address ${params.sourceIPAddress}.`, 'sourceIPAddress');
    subnetId = owner.subnetId;
  }
  const hit = r.subnetEffective(subnetId)?.fib.lookup(destination);
  if (!hit) return { nextHopType: 'None', nextHopIpAddress: '', routeTableId: SYSTEM_ROUTE };
  const route = hit.value;
  return {
    nextHopType: route.nextHopType,
    nextHopIpAddress: route.nextHopIpAddress[0] ?? '',
    routeTableId: route.source === 'User' && route.routeTableId !== undefined ? route.routeTableId : SYSTEM_ROUTE,
  };
}

function port(field: string, value: string | number): number | undefined {
  const text = String(value).trim();
  if (text === '*') return undefined;
  const n = Number(text);
  if (!/^\d{1,5}$/.test(text) || n > 65535) throw arm.badRequest('InvalidRequestFormat', `${field} '${text}' must be a port between 0 and 65535, or *.`, field);
  return n;
}

function directionOf(value: string): AzureDirection {
  const d = value.toLowerCase();
  if (d === 'inbound') return 'Inbound';
  if (d === 'outbound') return 'Outbound';
  throw arm.badRequest('InvalidRequestFormat', `direction '${value}' must be Inbound or Outbound.`, 'direction');
}

function protocolOf(value: string): 'tcp' | 'udp' {
  const p = value.toLowerCase();
  if (p === 'tcp' || p === 'udp') return p;
  throw arm.badRequest('InvalidRequestFormat', `protocol '${value}' must be TCP or UDP.`, 'protocol');
}

/** "securityRules/<name>" or "defaultSecurityRules/<name>" for the rule that decided a step. */
function ruleNameOf(step: AzurePathStep, nsgs: AzurePathNsgs): string {
  const held = step.at === 'nic' ? nsgs.nicNsg : nsgs.subnetNsg;
  const rule = step.decision.rule;
  if (!held || rule === undefined) return '';
  const prefix = `${held.nsg.name}/`;
  const name = rule.startsWith(prefix) ? rule.slice(prefix.length) : rule;
  return `${step.decision.reason === 'DEFAULT_RULE' ? 'defaultSecurityRules' : 'securityRules'}/${name}`;
}

/**
 * IP flow verify at a NIC: both NSGs in Azure's order (inbound subnet then NIC, outbound NIC then
 * subnet). A deny names the denying rule; an allow names the rule of the last NSG on the path (the
 * one that finally admitted the packet); no NSG at all allows with an empty rule name.
 */
export function ipFlowVerify(r: Routing, params: VerificationIPFlowParameters): VerificationIPFlowResult {
  const nic = nicForTarget(r, params);
  if (!nic) throw arm.badRequest('InvalidRequestFormat', 'targetResourceId (the virtual machine) is required.', 'targetResourceId');
  const direction = directionOf(params.direction);
  const protocol = protocolOf(params.protocol);
  const local = requestAddress('localIPAddress', params.localIPAddress);
  const remote = requestAddress('remoteIPAddress', params.remoteIPAddress);
  const localPort = port('localPort', params.localPort);
  const remotePort = port('remotePort', params.remotePort);
  const config = ipConfigWithAddress(nic, params.localIPAddress);
  if (!config) throw arm.badRequest('InvalidRequestFormat', `localIPAddress ${params.localIPAddress} is not an address of network interface ${nic.name}.`, 'localIPAddress');

  const inbound = direction === 'Inbound';
  const packet: Packet = { protocol, src: inbound ? remote : local, dst: inbound ? local : remote };
  const srcPort = inbound ? remotePort : localPort;
  const dstPort = inbound ? localPort : remotePort;
  if (srcPort !== undefined) packet.srcPort = srcPort;
  if (dstPort !== undefined) packet.dstPort = dstPort;

  const subnetId = config.properties.subnet.id;
  const nsgs = nicNsgs(r, nic, subnetId);
  const vnetId = r.memo.get('azure.Subnet', subnetId)?.fr.parentId;
  const ctx = vnetId === undefined ? { virtualNetwork: () => false } : virtualNetworkTag(r, vnetId);
  const steps = evaluateAzurePathSteps(direction, packet, nsgs, ctx);
  const decided = steps.find((s) => !s.decision.allowed) ?? [...steps].reverse().find((s) => s.decision.reason !== 'NO_FILTER');
  if (!decided) return { access: 'Allow', ruleName: '' };
  return { access: decided.decision.allowed ? 'Allow' : 'Deny', ruleName: ruleNameOf(decided, nsgs) };
}
