// VNet peerings (hub and spoke): Initiated until the remote VNet peers back, then Connected on
// both sides. Stored inline in the VNet's properties, as ARM returns them.
import { arm } from '../../model/errors.ts';
import { overlaps, cidr } from '../../model/cidr.ts';
import type { Tx } from '../../model/tx.ts';
import type { SubResource } from '../../model/azure/common.ts';
import { checkName } from '../../model/validate/azure.ts';
import { etag, getArm, getReferenced, type AzureScope } from './scope.ts';

export interface VnetPeering {
  id: string;
  name: string;
  etag: string;
  type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings';
  properties: {
    remoteVirtualNetwork: SubResource;
    allowVirtualNetworkAccess: boolean;
    allowForwardedTraffic: boolean;
    allowGatewayTransit: boolean;
    useRemoteGateways: boolean;
    remoteAddressSpace: { addressPrefixes: string[] };
    peeringState: 'Initiated' | 'Connected' | 'Disconnected';
    provisioningState: 'Succeeded';
  };
}

export interface VnetPeeringBody {
  properties?: { remoteVirtualNetwork?: SubResource; allowVirtualNetworkAccess?: boolean; allowForwardedTraffic?: boolean; allowGatewayTransit?: boolean; useRemoteGateways?: boolean };
}

function peeringsOf(tx: Tx, vnetId: string): VnetPeering[] {
  return (tx.get('azure.VirtualNetwork', vnetId)?.properties.virtualNetworkPeerings ?? []) as VnetPeering[];
}

function hasGateway(tx: Tx, vnetId: string): boolean {
  const prefix = `${vnetId.toLowerCase()}/subnets/`;
  return tx.list('azure.VirtualNetworkGateway').some((g) => g.properties.ipConfigurations.some((c) => c.properties.subnet.id.toLowerCase().startsWith(prefix)));
}

export function putVnetPeering(tx: Tx, scope: AzureScope, rgName: string, vnetName: string, name: string, body: VnetPeeringBody): VnetPeering {
  checkName(name);
  const vnet = getArm(tx, scope, 'azure.VirtualNetwork', rgName, 'virtualNetworks', vnetName);
  const remote = getReferenced(tx, 'azure.VirtualNetwork', body.properties?.remoteVirtualNetwork?.id, 'properties.remoteVirtualNetwork.id');
  const p = body.properties ?? {};
  for (const a of vnet.properties.addressSpace.addressPrefixes) {
    for (const b of remote.properties.addressSpace.addressPrefixes) {
      if (overlaps(cidr(a), cidr(b))) throw arm.badRequest('VnetAddressSpacesOverlap', `Cannot create or update peering ${name}. Virtual networks ${vnet.id} and ${remote.id} cannot be peered because their address spaces overlap. Overlapping address prefixes: ${a}, ${b}`);
    }
  }
  if (p.useRemoteGateways) {
    if (hasGateway(tx, vnet.id)) throw arm.badRequest('UseRemoteGatewaysNotAllowedWithLocalGateway', `Peering ${name} cannot use remote gateways because virtual network ${vnet.name} has a gateway of its own.`);
    if (!hasGateway(tx, remote.id)) throw arm.badRequest('RemoteVnetHasNoGateways', `Peering ${name} cannot use remote gateways: virtual network ${remote.name} has no gateway.`);
  }
  const back = peeringsOf(tx, remote.id).find((x) => x.properties.remoteVirtualNetwork.id.toLowerCase() === vnet.id.toLowerCase());
  const peering: VnetPeering = {
    id: `${vnet.id}/virtualNetworkPeerings/${name}`, name, etag: etag(tx), type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
    properties: {
      remoteVirtualNetwork: { id: remote.id }, allowVirtualNetworkAccess: p.allowVirtualNetworkAccess ?? true, allowForwardedTraffic: p.allowForwardedTraffic ?? false,
      allowGatewayTransit: p.allowGatewayTransit ?? false, useRemoteGateways: p.useRemoteGateways ?? false,
      remoteAddressSpace: { addressPrefixes: [...remote.properties.addressSpace.addressPrefixes] },
      peeringState: back ? 'Connected' : 'Initiated', provisioningState: 'Succeeded',
    },
  };
  tx.update('azure.VirtualNetwork', vnet.id, (d) => {
    d.properties.virtualNetworkPeerings = [...(d.properties.virtualNetworkPeerings as VnetPeering[]).filter((x) => x.name.toLowerCase() !== name.toLowerCase()), peering];
  });
  if (back) {
    tx.update('azure.VirtualNetwork', remote.id, (d) => {
      d.properties.virtualNetworkPeerings = (d.properties.virtualNetworkPeerings as VnetPeering[]).map((x) => (x.name === back.name ? { ...x, properties: { ...x.properties, peeringState: 'Connected' as const } } : x));
    });
  }
  return peering;
}

export function deleteVnetPeering(tx: Tx, scope: AzureScope, rgName: string, vnetName: string, name: string): void {
  const vnet = getArm(tx, scope, 'azure.VirtualNetwork', rgName, 'virtualNetworks', vnetName);
  const peering = peeringsOf(tx, vnet.id).find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!peering) throw arm.error(404, 'NotFound', `Resource ${vnet.id}/virtualNetworkPeerings/${name} not found.`);
  tx.update('azure.VirtualNetwork', vnet.id, (d) => { d.properties.virtualNetworkPeerings = (d.properties.virtualNetworkPeerings as VnetPeering[]).filter((x) => x !== peering && x.name !== peering.name); });
  const remoteId = peering.properties.remoteVirtualNetwork.id;
  if (tx.get('azure.VirtualNetwork', remoteId)) {
    tx.update('azure.VirtualNetwork', remoteId, (d) => {
      d.properties.virtualNetworkPeerings = (d.properties.virtualNetworkPeerings as VnetPeering[]).map((x) =>
        x.properties.remoteVirtualNetwork.id.toLowerCase() === vnet.id.toLowerCase() ? { ...x, properties: { ...x.properties, peeringState: 'Disconnected' as const } } : x);
    });
  }
}


