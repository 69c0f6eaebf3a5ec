// The security inputs of a VNIC or NIC, built once per entity version and cached with routing so
// the evaluators' compiled rules are reused across traces.
import type { Vnic } from '../model/oci/compute.ts';
import type { NetworkInterface } from '../model/azure/network.ts';
import type { OciVnicSecurity } from '../security/oci.ts';
import type { AzureNsgContext, AzurePathNsgs } from '../security/azure.ts';
import { cidr } from '../model/cidr.ts';
import { Fib } from '../routing/fib.ts';
import type { VnetPeering } from '../lifecycle/azure/vnet-peering.ts';
import type { Routing } from '../routing/routing.ts';
import { addressIndex } from './endpoints.ts';

// Each answer reads its VNIC or NIC through the memo (not the caller's object), so a change of the
// VNIC's NSGs or the NIC's NSG drops it.

export function vnicSecurity(r: Routing, vnic: Vnic): OciVnicSecurity {
  return r.memo.compute('vnicSecurity', vnic.id, () => {
    const current = r.memo.get('oci.Vnic', vnic.id) ?? vnic;
    const subnet = r.memo.get('oci.Subnet', current.subnetId);
    const securityLists = (subnet?.securityListIds ?? []).map((id) => r.memo.get('oci.SecurityList', id)).filter((x) => x !== undefined);
    const nsgs = current.nsgIds.map((id) => ({ id, displayName: r.memo.get('oci.NetworkSecurityGroup', id)?.displayName ?? id, rules: r.memo.children('oci.NsgSecurityRule', id) }));
    const index = addressIndex(r);
    return { securityLists, nsgs, nsgMembership: (nsgId: string) => (ip: number) => (index.oci.get(ip) ?? []).some((v) => v.nsgIds.includes(nsgId)) };
  });
}

export function nicNsgs(r: Routing, nic: NetworkInterface, subnetId: string): AzurePathNsgs {
  return r.memo.compute('nicNsgs', `${nic.id}|${subnetId}`, () => {
    const current = r.memo.get('azure.NetworkInterface', nic.id) ?? nic;
    const held = (id: string | undefined) => {
      const nsg = id === undefined ? undefined : r.memo.get('azure.NetworkSecurityGroup', id);
      return nsg ? { nsg, rules: r.memo.children('azure.SecurityRule', nsg.id) } : undefined;
    };
    return { nicNsg: held(current.properties.networkSecurityGroup?.id), subnetNsg: held(r.memo.get('azure.Subnet', subnetId)?.properties.networkSecurityGroup?.id) };
  });
}

/**
 * The VirtualNetwork service tag seen from a VNet: its space, peered VNets, and prefixes learned over
 * ExpressRoute. The learned prefixes are one table per gateway, shared by every VNet behind it (a hub
 * and its spokes), so the first trace into each spoke does not copy them all.
 */
export function virtualNetworkTag(r: Routing, vnetId: string): AzureNsgContext {
  return r.memo.compute('vnetTag', vnetId, () => {
    const own = new Fib<true>();
    const vnet = r.memo.get('azure.VirtualNetwork', vnetId);
    for (const p of vnet?.properties.addressSpace.addressPrefixes ?? []) own.set(cidr(p), true);
    for (const peering of (vnet?.properties.virtualNetworkPeerings ?? []) as VnetPeering[]) {
      if (peering.properties.peeringState !== 'Connected') continue;
      for (const p of r.memo.get('azure.VirtualNetwork', peering.properties.remoteVirtualNetwork.id)?.properties.addressSpace.addressPrefixes ?? []) own.set(cidr(p), true);
    }
    const gatewayId = r.effective(vnetId, undefined)?.gatewayId;
    const learned = gatewayId === undefined ? undefined : r.gatewayRouteLayer(gatewayId).fib;
    return { virtualNetwork: (ip: number) => own.lookup(ip) !== undefined || learned?.lookup(ip) !== undefined };
  });
}
