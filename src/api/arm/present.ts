// Entities → ARM's wire shapes: `fr` stripped, child resources composed into their parent (subnets
// into the VNet, rules into the NSG, …) and the read-only values ARM computes (a subnet's
// ipConfigurations, an NSG's subnets and networkInterfaces, a route table's subnets, a peering's
// sync level, a public IP's address and ipConfiguration), over the stored request (passthrough.ts).
import type { Entity, Kind, ReadView } from '../../model/world.ts';
import { publicIpUsers } from '../../lifecycle/azure/public-ip.ts';
import { peeringView, type VnetPeering } from '../../lifecycle/azure/vnet-peering.ts';
import { INLINE_CHILDREN, requestedFor, withRequested } from './passthrough.ts';

type Json = Record<string, unknown>;


export function strip(e: unknown): Json {
  const { fr: _fr, ...rest } = e as Json;
  return rest;
}

function ref(id: string): { id: string } {
  return { id };
}

function backRefs(view: ReadView, kind: Kind, e: Json): Json {
  const id = String(e.id).toLowerCase();
  const same = (other: { id: string } | undefined) => other !== undefined && other.id.toLowerCase() === id;
  switch (kind) {
    case 'azure.Subnet': {
      const ipConfigurations: { id: string }[] = [];
      for (const nic of view.list('azure.NetworkInterface')) for (const ip of nic.properties.ipConfigurations) if (same(ip.properties.subnet)) ipConfigurations.push(ref(ip.id));
      for (const gw of view.list('azure.VirtualNetworkGateway')) for (const ip of gw.properties.ipConfigurations) if (same(ip.properties.subnet)) ipConfigurations.push(ref(ip.id));
      return ipConfigurations.length === 0 ? {} : { ipConfigurations };
    }
    case 'azure.NetworkSecurityGroup': {
      const subnets = view.list('azure.Subnet').filter((s) => same(s.properties.networkSecurityGroup)).map((s) => ref(s.id));
      const networkInterfaces = view.list('azure.NetworkInterface').filter((n) => same(n.properties.networkSecurityGroup)).map((n) => ref(n.id));
      return { ...(subnets.length ? { subnets } : {}), ...(networkInterfaces.length ? { networkInterfaces } : {}) };
    }
    case 'azure.RouteTable': {
      const subnets = view.list('azure.Subnet').filter((s) => same(s.properties.routeTable)).map((s) => ref(s.id));
      return subnets.length ? { subnets } : {};
    }
    case 'azure.VirtualNetwork': {
      const vnet = view.get('azure.VirtualNetwork', String(e.id));
      return vnet ? { virtualNetworkPeerings: (vnet.properties.virtualNetworkPeerings as VnetPeering[]).map((p) => peeringView(view, vnet, p)) } : {};
    }
    case 'azure.PublicIPAddress': {
      const pip = view.get('azure.PublicIPAddress', String(e.id));
      const user = publicIpUsers(view, String(e.id))[0];
      // A Dynamic address exists only while something uses it; a Static one from creation.
      const address = pip && (pip.properties.publicIPAllocationMethod === 'Static' || user !== undefined) ? { ipAddress: pip.fr.address } : {};
      return { ...address, ...(user === undefined ? {} : { ipConfiguration: ref(user) }) };
    }
    default:
      return {};
  }
}

/** One resource as ARM returns it. */
export function presentArm<K extends Kind>(view: ReadView, kind: K, entity: Entity<K>): Json {
  const out = strip(entity);
  const props = { ...(out.properties as Json | undefined), ...backRefs(view, kind, out) };
  // An NSG's default rules are stored inline, each with its own bookkeeping.
  if (Array.isArray(props.defaultSecurityRules)) props.defaultSecurityRules = props.defaultSecurityRules.map(strip);
  for (const [field, childKind] of INLINE_CHILDREN[kind] ?? []) {
    props[field] = view.children(childKind, String(out.id)).map((c) => presentArm(view, childKind, c));
  }
  // What the last PUT asked for and FastRoute does not model lies under the modelled values.
  return withRequested(out.properties === undefined ? out : { ...out, properties: props }, requestedFor(entity));
}

export function presentList<K extends Kind>(view: ReadView, kind: K, entities: readonly Entity<K>[]): { value: Json[] } {
  return { value: entities.map((e) => presentArm(view, kind, e)) };
}
