// VNet peerings (hub and spoke): Initiated until the remote VNet peers back, then Connected on
// both sides; a Connected side goes Disconnected once the other side's peering (or VNet) is deleted,
// and stays so until it is deleted and created again. Stored inline in the VNet's properties, as ARM returns them.
//
// `remoteAddressSpace` is what is peered: the remote's address space when the peering was created
// or last synced (PUT …?syncRemoteAddressSpace=true). After an address-space change the two sides
// differ until synced; peeringSyncLevel and remoteVirtualNetworkAddressSpace are computed on read
// (peeringView). Sources: docs/differences.md (VNet peering).
import { arm } from '../../model/errors.ts';
import { overlaps, cidr } from '../../model/cidr.ts';
import type { Tx } from '../../model/tx.ts';
import type { ReadView } from '../../model/world.ts';
import type { SubResource } from '../../model/azure/common.ts';
import type { VirtualNetwork } from '../../model/azure/network.ts';
import { checkName, missingProperty } from '../../model/validate/azure.ts';
import { etag, getArm, getReferenced, type AzureScope } from './scope.ts';

export type PeeringState = 'Initiated' | 'Connected' | 'Disconnected';
export type PeeringSyncLevel = 'FullyInSync' | 'RemoteNotInSync' | 'LocalNotInSync' | 'LocalAndRemoteNotInSync';

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
    doNotVerifyRemoteGateways: boolean;
    remoteAddressSpace: { addressPrefixes: string[] };
    peeringState: PeeringState;
    peerCompleteVnets: boolean;
    resourceGuid: string;
    provisioningState: 'Succeeded';
  };
}

export interface VnetPeeringBody {
  properties?: {
    remoteVirtualNetwork?: SubResource; allowVirtualNetworkAccess?: boolean; allowForwardedTraffic?: boolean; allowGatewayTransit?: boolean;
    useRemoteGateways?: boolean; doNotVerifyRemoteGateways?: boolean;
  };
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function peeringsOf(view: ReadView, vnetId: string): VnetPeering[] {
  return (view.get('azure.VirtualNetwork', vnetId)?.properties.virtualNetworkPeerings ?? []) as VnetPeering[];
}

/** The remote VNet's peering back to `vnetId`, if it has one. */
function backPeering(view: ReadView, remoteId: string, vnetId: string): VnetPeering | undefined {
  return peeringsOf(view, remoteId).find((x) => same(x.properties.remoteVirtualNetwork.id, vnetId));
}

function hasGateway(tx: Tx, vnetId: string): boolean {
  const prefix = `${vnetId.toLowerCase()}/subnets/`;
  return tx.list('azure.VirtualNetworkGateway').some((g) => g.properties.provisioningState !== 'Deleting' && g.properties.ipConfigurations.some((c) => c.properties.subnet.id.toLowerCase().startsWith(prefix)));
}

function checkOverlaps(tx: Tx, peeringId: string, vnet: VirtualNetwork, remote: VirtualNetwork, remoteSpace: readonly string[]): void {
  for (const a of vnet.properties.addressSpace.addressPrefixes) {
    for (const b of remoteSpace) {
      if (overlaps(cidr(a), cidr(b))) throw arm.badRequest('VnetAddressSpacesOverlap', `Cannot create or update peering ${peeringId}. Virtual networks ${vnet.id} and ${remote.id} cannot be peered because their address spaces overlap. Overlapping address prefixes: ${a}, ${b}`);
    }
  }
  // Nor may this VNet overlap a VNet the remote is already peered with (it could not tell them apart).
  for (const other of peeringsOf(tx, remote.id)) {
    const otherId = other.properties.remoteVirtualNetwork.id;
    if (same(otherId, vnet.id)) continue;
    for (const a of vnet.properties.addressSpace.addressPrefixes) {
      const hit = other.properties.remoteAddressSpace.addressPrefixes.find((b) => overlaps(cidr(a), cidr(b)));
      if (hit !== undefined) {
        throw arm.badRequest('VnetAddressSpaceOverlapsWithAlreadyPeeredVnet', `Cannot create or update peering ${peeringId}. Virtual networks ${vnet.id} and ${remote.id} cannot be peered because address space of the first virtual network overlaps with address space of virtual network ${otherId} already peered with the second virtual network. Overlapping address prefixes: ${hit}.`);
      }
    }
  }
}

function checkRemoteGateways(tx: Tx, peeringId: string, name: string, vnet: VirtualNetwork, remote: VirtualNetwork, back: VnetPeering | undefined): void {
  const other = peeringsOf(tx, vnet.id).find((x) => !same(x.name, name) && x.properties.useRemoteGateways);
  if (other) throw arm.badRequest('OnlyOnePeeringCanUseRemoteGateways', `Peering ${peeringId} cannot have UseRemoteGateways flag set to true because peering ${other.id} of the same virtual network already has it set. Only one peering can use remote gateways.`);
  if (hasGateway(tx, vnet.id)) throw arm.badRequest('UseRemoteGatewaysNotAllowedWithLocalGateway', `Peering ${peeringId} cannot have UseRemoteGateways flag set to true because virtual network ${vnet.id} has a gateway of its own.`);
  if (!hasGateway(tx, remote.id)) throw arm.badRequest('RemoteVnetHasNoGateways', `Peering ${peeringId} cannot have UseRemoteGateway flag set to true because remote virtual network ${remote.id} referenced by the peering does not have any gateways.`);
  if (back && !back.properties.allowGatewayTransit) {
    throw arm.badRequest('RemotePeeringDoesNotAllowGatewayTransit', `Peering ${peeringId} cannot have UseRemoteGateways flag set to true, because corresponding remote peering ${back.id} has AllowGatewayTransit flag set to false.`);
  }
}

function writePeerings(tx: Tx, vnetId: string, change: (peerings: VnetPeering[]) => VnetPeering[]): void {
  tx.update('azure.VirtualNetwork', vnetId, (d) => { d.properties.virtualNetworkPeerings = change(d.properties.virtualNetworkPeerings as VnetPeering[]); });
}

function setState(tx: Tx, vnetId: string, peeringId: string, state: PeeringState): void {
  writePeerings(tx, vnetId, (ps) => ps.map((x) => (same(x.id, peeringId) ? { ...x, properties: { ...x.properties, peeringState: state } } : x)));
}

export interface PeeringPutOptions {
  /** ?syncRemoteAddressSpace=true: take the remote's current address space. */
  syncRemoteAddressSpace?: boolean;
}

export function putVnetPeering(tx: Tx, scope: AzureScope, rgName: string, vnetName: string, name: string, body: VnetPeeringBody, opts: PeeringPutOptions = {}): VnetPeering {
  checkName(name);
  const vnet = getArm(tx, scope, 'azure.VirtualNetwork', rgName, 'virtualNetworks', vnetName);
  const existing = peeringsOf(tx, vnet.id).find((x) => same(x.name, name));
  const id = existing?.id ?? `${vnet.id}/virtualNetworkPeerings/${name}`;
  const remoteRef = body.properties?.remoteVirtualNetwork?.id;
  if (remoteRef === undefined) throw missingProperty('properties.remoteVirtualNetwork.id', id);
  const remote = getReferenced(tx, 'azure.VirtualNetwork', remoteRef, 'properties.remoteVirtualNetwork.id');
  if (same(remote.id, vnet.id)) throw arm.badRequest('VnetCannotPeerWithItself', `Cannot create or update peering ${id}. A virtual network cannot be peered with itself.`);
  if (existing && !same(existing.properties.remoteVirtualNetwork.id, remote.id)) {
    throw arm.badRequest('RemoteVirtualNetworkCannotBeChanged', `Cannot update peering ${id}: its remote virtual network ${existing.properties.remoteVirtualNetwork.id} cannot be changed. Delete the peering and create a new one.`);
  }
  const p = body.properties ?? {};
  const remoteSpace = existing && opts.syncRemoteAddressSpace !== true ? existing.properties.remoteAddressSpace.addressPrefixes : remote.properties.addressSpace.addressPrefixes;
  checkOverlaps(tx, id, vnet, remote, remoteSpace);
  const back = backPeering(tx, remote.id, vnet.id);
  if (p.useRemoteGateways === true) checkRemoteGateways(tx, id, name, vnet, remote, back);
  const backLive = back !== undefined && back.properties.peeringState !== 'Disconnected';
  // A Disconnected peering stays so until deleted and created again.
  const state: PeeringState = existing?.properties.peeringState === 'Disconnected' ? 'Disconnected' : backLive ? 'Connected' : 'Initiated';
  const peering: VnetPeering = {
    id, name: existing?.name ?? name, etag: etag(tx), type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
    properties: {
      remoteVirtualNetwork: { id: remote.id }, allowVirtualNetworkAccess: p.allowVirtualNetworkAccess ?? true, allowForwardedTraffic: p.allowForwardedTraffic ?? false,
      allowGatewayTransit: p.allowGatewayTransit ?? false, useRemoteGateways: p.useRemoteGateways ?? false, doNotVerifyRemoteGateways: p.doNotVerifyRemoteGateways ?? false,
      remoteAddressSpace: { addressPrefixes: [...remoteSpace] },
      peeringState: state, peerCompleteVnets: true, resourceGuid: existing?.properties.resourceGuid ?? tx.ctx.ids.guid(), provisioningState: 'Succeeded',
    },
  };
  writePeerings(tx, vnet.id, (ps) => [...ps.filter((x) => !same(x.name, name)), peering]);
  if (back && backLive && state === 'Connected') setState(tx, remote.id, back.id, 'Connected');
  return peering;
}

export function deleteVnetPeering(tx: Tx, scope: AzureScope, rgName: string, vnetName: string, name: string): void {
  const vnet = getArm(tx, scope, 'azure.VirtualNetwork', rgName, 'virtualNetworks', vnetName);
  const peering = peeringsOf(tx, vnet.id).find((x) => same(x.name, name));
  if (!peering) throw arm.error(404, 'NotFound', `Resource ${vnet.id}/virtualNetworkPeerings/${name} not found.`);
  writePeerings(tx, vnet.id, (ps) => ps.filter((x) => !same(x.name, peering.name)));
  const remoteId = peering.properties.remoteVirtualNetwork.id;
  // A Connected other side goes Disconnected; an Initiated one keeps waiting for this side.
  const back = backPeering(tx, remoteId, vnet.id);
  if (back?.properties.peeringState === 'Connected') setState(tx, remoteId, back.id, 'Disconnected');
}

/** A VNet is going: every peering towards it goes Disconnected. */
export function disconnectPeeringsTo(tx: Tx, vnetId: string): void {
  for (const v of tx.list('azure.VirtualNetwork')) {
    for (const p of peeringsOf(tx, v.id)) if (same(p.properties.remoteVirtualNetwork.id, vnetId)) setState(tx, v.id, p.id, 'Disconnected');
  }
}

const sameSpace = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** A peering as ARM shows it: with peeringSyncLevel and the remote's current address space. */
export function peeringView(view: ReadView, vnet: VirtualNetwork, p: VnetPeering): VnetPeering & { properties: { peeringSyncLevel: PeeringSyncLevel; remoteVirtualNetworkAddressSpace: { addressPrefixes: string[] } } } {
  const remote = view.get('azure.VirtualNetwork', p.properties.remoteVirtualNetwork.id);
  const current = remote?.properties.addressSpace.addressPrefixes ?? p.properties.remoteAddressSpace.addressPrefixes;
  const back = remote ? backPeering(view, remote.id, vnet.id) : undefined;
  const localInSync = sameSpace(p.properties.remoteAddressSpace.addressPrefixes, current);
  const remoteInSync = back === undefined || sameSpace(back.properties.remoteAddressSpace.addressPrefixes, vnet.properties.addressSpace.addressPrefixes);
  const peeringSyncLevel: PeeringSyncLevel = localInSync ? (remoteInSync ? 'FullyInSync' : 'RemoteNotInSync') : remoteInSync ? 'LocalNotInSync' : 'LocalAndRemoteNotInSync';
  return { ...p, properties: { ...p.properties, peeringSyncLevel, remoteVirtualNetworkAddressSpace: { addressPrefixes: [...current] } } };
}
