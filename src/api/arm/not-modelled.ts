// Request properties FastRoute cannot honour at all (their effect is the resource's addressing or
// its path, which FastRoute would get wrong) are refused by name, in ARM's error shape, before the
// lifecycle reads the body: a silent drop would report success for something that did not happen,
// and the lifecycle's own check (e.g. "serviceProviderName is required") would mislead. Properties
// whose effect FastRoute merely does not simulate are stored and echoed instead (passthrough.ts).
import { arm, type CloudError } from '../../model/errors.ts';
import type { Kind } from '../../model/world.ts';

/** 400 naming the feature and the property that asks for it. */
export function notModelled(feature: string, property: string): CloudError {
  return arm.badRequest('FeatureNotModelled', `FastRoute does not model ${feature}, which ${property} asks for; the request was not applied. See docs/differences.md.`, property);
}

/** The readable name of what a resource type FastRoute does not serve stands for (by lower-cased type). */
const FEATURES: Record<string, string> = {
  'microsoft.network/expressrouteports': 'ExpressRoute Direct (expressRoutePorts)',
  'microsoft.network/networkmanagers/ipampools': 'IPAM pools of Azure Virtual Network Manager',
  'microsoft.network/loadbalancers': 'load balancers',
  'microsoft.network/loadbalancers/backendaddresspools': 'load balancers',
  'microsoft.network/loadbalancers/inboundnatrules': 'load balancers',
  'microsoft.network/loadbalancers/frontendipconfigurations': 'load balancers',
  'microsoft.network/applicationsecuritygroups': 'application security groups',
  'microsoft.network/applicationgateways/backendaddresspools': 'application gateways',
  'microsoft.network/natgateways': 'NAT gateways',
  'microsoft.network/ddosprotectionplans': 'DDoS protection plans',
  'microsoft.network/routefilters': 'route filters',
  'microsoft.network/serviceendpointpolicies': 'service endpoint policies',
  'microsoft.network/publicipprefixes': 'public IP prefixes',
  'microsoft.network/localnetworkgateways': 'local network gateways (VPN)',
  'microsoft.network/virtualhubs': 'Virtual WAN hubs',
  'microsoft.authorization/locks': 'management locks',
};

/** The feature a resource type FastRoute does not serve stands for, or the type itself. */
export function featureOfType(type: string): string {
  return FEATURES[type.toLowerCase()] ?? type;
}

/** 400 for an operation on a modelled resource whose effect FastRoute does not model (VPN, failover tests). */
export function operationNotModelled(feature: string, operation: string): CloudError {
  return arm.badRequest('FeatureNotModelled', `FastRoute does not model ${feature}, which the ${operation} operation needs; nothing was done. See docs/differences.md.`);
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Json : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function subnetRefusal(props: Json, at: string): CloudError | undefined {
  if (list(props.addressPrefixes).length > 1) return notModelled('subnets with more than one address prefix', `${at}.addressPrefixes`);
  if (list(props.ipamPoolPrefixAllocations).length > 0) return notModelled('IPAM pools of Azure Virtual Network Manager', `${at}.ipamPoolPrefixAllocations`);
  return undefined;
}

const REFUSALS: Partial<Record<Kind, (props: Json) => CloudError | undefined>> = {
  'azure.Subnet': (p) => subnetRefusal(p, 'properties'),
  'azure.VirtualNetwork': (p) => {
    if (list(obj(p.addressSpace).ipamPoolPrefixAllocations).length > 0) return notModelled('IPAM pools of Azure Virtual Network Manager', 'properties.addressSpace.ipamPoolPrefixAllocations');
    for (const [i, s] of list(p.subnets).entries()) {
      const refusal = subnetRefusal(obj(obj(s).properties), `properties.subnets[${i}].properties`);
      if (refusal) return refusal;
    }
    return undefined;
  },
  'azure.ExpressRouteCircuit': (p) => {
    if (p.expressRoutePort !== undefined && p.expressRoutePort !== null) return notModelled('ExpressRoute Direct (expressRoutePorts); circuits are created through a service provider', 'properties.expressRoutePort');
    if (p.bandwidthInGbps !== undefined) return notModelled('ExpressRoute Direct (expressRoutePorts); circuits are created through a service provider', 'properties.bandwidthInGbps');
    return undefined;
  },
  'azure.NetworkInterface': (p) => {
    for (const [i, c] of list(p.ipConfigurations).entries()) {
      const cp = obj(obj(c).properties);
      if (cp.privateIPAddressPrefixLength !== undefined) return notModelled('IP prefixes on NIC ip configurations', `properties.ipConfigurations[${i}].properties.privateIPAddressPrefixLength`);
      if (typeof cp.privateIPAddressVersion === 'string' && cp.privateIPAddressVersion.toLowerCase() === 'ipv6') return notModelled('IPv6', `properties.ipConfigurations[${i}].properties.privateIPAddressVersion`);
    }
    return undefined;
  },
};

/** A VNet peering's subnet-level and IPv6-only modes: FastRoute peers whole VNets over IPv4. */
export function refusePartialPeering(body: unknown): void {
  const p = obj(obj(body).properties);
  if (p.peerCompleteVnets === false) throw notModelled('subnet peering (peerCompleteVnets false)', 'properties.peerCompleteVnets');
  for (const f of ['localSubnetNames', 'remoteSubnetNames'] as const) if (list(p[f]).length > 0) throw notModelled('subnet peering', `properties.${f}`);
  if (p.enableOnlyIPv6Peering === true) throw notModelled('IPv6', 'properties.enableOnlyIPv6Peering');
}

/** Throws the refusal for the first property of `body` FastRoute cannot honour for a resource of `kind`. */
export function refuseNotModelled(kind: Kind, body: unknown): void {
  const refusal = REFUSALS[kind]?.(obj(obj(body).properties));
  if (refusal) throw refusal;
}
