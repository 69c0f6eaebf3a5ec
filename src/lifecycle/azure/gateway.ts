// Virtual network gateways of type ExpressRoute: they live in the VNet's GatewaySubnet (exact name,
// at least /29, /27 for the 10 Gbps SKUs), one per type per VNet, and take long to deploy.
import { arm } from '../../model/errors.ts';
import { armNetworkId } from '../../model/ids.ts';
import { cidr } from '../../model/cidr.ts';
import type { Tx } from '../../model/tx.ts';
import type { SubResource } from '../../model/azure/common.ts';
import type { VirtualNetworkGateway } from '../../model/azure/expressroute.ts';
import { ER_GATEWAY_SKUS, normaliseErGatewaySku } from '../../model/azure/gateway-skus.ts';
import { ER_GATEWAY_ASN } from '../../model/interconnect/providers.ts';
import { missingProperty } from '../../model/validate/azure.ts';
import { etag, getArm, getReferenced, meta, preparePut, type ArmBody, type AzureScope } from './scope.ts';
import { armDelete, scheduleArmSucceeded } from '../generic.ts';
import { connectionsOfGateway } from './connection.ts';
import { publicIpUsers } from './public-ip.ts';

export type GatewayBody = ArmBody<{
  gatewayType?: string;
  vpnType?: string;
  sku?: { name?: string; tier?: string; capacity?: number };
  ipConfigurations?: { name?: string; properties?: { subnet?: SubResource; publicIPAddress?: SubResource; privateIPAllocationMethod?: 'Static' | 'Dynamic' } }[];
  activeActive?: boolean;
  enableBgp?: boolean;
  autoScaleConfiguration?: { bounds?: { min?: number; max?: number } };
}>;

export function putVirtualNetworkGateway(tx: Tx, scope: AzureScope, rgName: string, name: string, body: GatewayBody): VirtualNetworkGateway {
  const existing = tx.get('azure.VirtualNetworkGateway', armNetworkId(scope.subscriptionId, rgName, 'virtualNetworkGateways', name));
  const { rg, location } = preparePut(tx, scope, 'Microsoft.Network/virtualNetworkGateways', rgName, name, body.location, existing);
  const id = existing?.id ?? armNetworkId(scope.subscriptionId, rg, 'virtualNetworkGateways', name);
  const p = body.properties ?? {};
  const gatewayType = (['Vpn', 'ExpressRoute', 'LocalGateway'] as const).find((t) => t.toLowerCase() === (p.gatewayType ?? '').toLowerCase());
  if (!gatewayType) throw missingProperty('properties.gatewayType', id);
  if (gatewayType !== 'ExpressRoute') throw arm.badRequest('GatewayTypeNotSupported', `Gateway type ${gatewayType} is not modelled by FastRoute; use ExpressRoute.`);
  const skuName = normaliseErGatewaySku(p.sku?.name ?? '');
  // ARM's own words (docs/error-code-sources.md, row 30): a size the gateway type does not offer, and a tier that is not the name.
  if (!skuName) throw arm.badRequest('InvalidGatewaySize', `The specified gateway size is not valid, supported gateway sizes are ${Object.keys(ER_GATEWAY_SKUS).join(',')}.`, 'properties.sku.name');
  if (p.sku?.tier !== undefined && normaliseErGatewaySku(p.sku.tier) !== skuName) throw arm.badRequest('InvalidGatewaySku', `Virtual network gateway Sku specified is not valid for gateway ${id}`, 'properties.sku.tier');
  if (existing && existing.properties.sku.name !== skuName && !canResize(existing.properties.sku.name, skuName)) {
    throw arm.badRequest('InvalidGatewaySkuResize', `Gateway ${name} cannot be resized from ${existing.properties.sku.name} to ${skuName}; delete and re-create it.`);
  }
  const ipConfigs = p.ipConfigurations ?? [];
  const first = ipConfigs[0];
  if (!first?.properties?.subnet?.id) throw missingProperty('properties.ipConfigurations[0].properties.subnet.id', id);
  const subnet = getReferenced(tx, 'azure.Subnet', first.properties.subnet.id, 'properties.ipConfigurations[0].properties.subnet.id');
  if (subnet.name !== 'GatewaySubnet') {
    throw arm.badRequest('InvalidGatewaySubnet', `Subnet ${subnet.id} is not named 'GatewaySubnet'. A virtual network gateway must be deployed in a subnet named exactly GatewaySubnet.`);
  }
  const length = cidr(subnet.properties.addressPrefix).length;
  if ((skuName === 'UltraPerformance' || skuName === 'ErGw3AZ') && length > 27) {
    throw arm.badRequest('GatewaySubnetTooSmallForExpressrouteUltraPerformanceGatewaySku', `To deploy an Expressroute UltraPerformance gateway SKU, the GatewaySubnet ${subnet.id} must be /27 or larger.`);
  }
  if (length > 29) {
    throw arm.badRequest('GatewaySubnetTooSmall', `The GatewaySubnet ${subnet.id} (${subnet.properties.addressPrefix}) is too small: an ExpressRoute gateway needs /29 or larger (/27 recommended).`);
  }
  const vnetId = subnet.fr.parentId.toLowerCase();
  const other = tx.list('azure.VirtualNetworkGateway').find((g) => g.id.toLowerCase() !== id.toLowerCase() && g.properties.gatewayType === gatewayType
    && g.properties.provisioningState !== 'Deleting' && g.properties.ipConfigurations.some((c) => c.properties.subnet.id.toLowerCase().startsWith(`${vnetId}/`)));
  if (other) throw arm.badRequest('VnetAlreadyHasGatewayOfType', `A virtual network can't be associated with more than one gateway of type ${gatewayType}: ${other.id} is already in it.`);
  const publicIps = ipConfigs.map((c, i) => checkPublicIp(tx, id, `${id}/ipConfigurations/${c.name ?? 'default'}`, c.properties?.publicIPAddress?.id, i));
  const gw: VirtualNetworkGateway = {
    id, name: existing?.name ?? name, type: 'Microsoft.Network/virtualNetworkGateways', location, tags: body.tags ?? existing?.tags ?? {}, etag: etag(tx),
    properties: {
      gatewayType, vpnType: p.vpnType === 'PolicyBased' ? 'PolicyBased' : 'RouteBased',
      sku: { name: skuName, tier: skuName, ...(skuName === 'ErGwScale' ? { capacity: scaleUnitsOf(p, existing) } : {}) },
      ipConfigurations: ipConfigs.map((c, i) => ({
        id: `${id}/ipConfigurations/${c.name ?? 'default'}`, name: c.name ?? 'default', etag: etag(tx),
        properties: { privateIPAllocationMethod: 'Dynamic', subnet: { id: i === 0 ? subnet.id : (c.properties?.subnet?.id ?? subnet.id) }, ...(publicIps[i] === undefined ? {} : { publicIPAddress: { id: publicIps[i] } }), provisioningState: 'Succeeded' },
      })),
      activeActive: p.activeActive ?? false, enableBgp: p.enableBgp ?? false,
      bgpSettings: { asn: ER_GATEWAY_ASN, bgpPeeringAddress: '', peerWeight: 0 },
      resourceGuid: existing?.properties.resourceGuid ?? tx.ctx.ids.guid(), provisioningState: 'Updating',
    },
    fr: meta(scope, rg),
  };
  tx.put('azure.VirtualNetworkGateway', gw);
  scheduleArmSucceeded(tx, 'azure.VirtualNetworkGateway', id, existing ? 'azure.create' : 'azure.gateway.create');
  return gw;
}

/**
 * An ExpressRoute gateway needs no public IP (Azure assigns one itself), but one it names must exist,
 * be Standard and not be used by another resource. Returns the stored id, or undefined.
 */
function checkPublicIp(tx: Tx, gatewayId: string, ipConfigId: string, pipId: string | undefined, index: number): string | undefined {
  if (pipId === undefined) return undefined;
  const pip = getReferenced(tx, 'azure.PublicIPAddress', pipId, `properties.ipConfigurations[${index}].properties.publicIPAddress.id`);
  if (pip.sku.name === 'Basic') {
    throw arm.badRequest('PublicIpWithBasicSkuNotAllowedOnExpressRouteGateways', `Basic IP configuration for ExpressRoute Virtual Network Gateways is not supported. Please create and associate a Standard IP. ${gatewayId}`);
  }
  const other = publicIpUsers(tx, pip.id).find((u) => u.toLowerCase() !== ipConfigId.toLowerCase());
  if (other !== undefined) {
    throw arm.badRequest('PublicIPAddressInUse', `IP configuration ${ipConfigId} is referencing public IP address ${pip.id} that is already allocated to resource ${other}.`);
  }
  return pip.id;
}

/**
 * ErGwScale's scale units: ARM's autoScaleConfiguration minimum (the units always there), else the
 * capacity a lab sets, else what the gateway had, else 2.
 */
function scaleUnitsOf(p: NonNullable<GatewayBody['properties']>, existing: VirtualNetworkGateway | undefined): number {
  return p.autoScaleConfiguration?.bounds?.min ?? p.sku?.capacity ?? existing?.properties.sku.capacity ?? 2;
}

function canResize(from: string, to: string): boolean {
  const allowed: Record<string, string[]> = {
    Standard: ['HighPerformance', 'UltraPerformance'], HighPerformance: ['UltraPerformance', 'Standard'], UltraPerformance: [],
    ErGw1AZ: ['ErGw2AZ', 'ErGw3AZ'], ErGw2AZ: ['ErGw3AZ', 'ErGw1AZ'], ErGw3AZ: [], ErGwScale: [],
  };
  return allowed[from]?.includes(to) ?? false;
}

export function deleteVirtualNetworkGateway(tx: Tx, scope: AzureScope, rgName: string, name: string): void {
  const gw = getArm(tx, scope, 'azure.VirtualNetworkGateway', rgName, 'virtualNetworkGateways', name);
  const conns = connectionsOfGateway(tx, gw.id);
  if (conns.length > 0) {
    throw arm.badRequest('InUseVirtualNetworkGatewayCannotBeDeleted', `Virtual network gateway ${gw.id} cannot be deleted because it is in use by the connection(s) ${conns.map((c) => c.id).join(', ')}.`);
  }
  armDelete(tx, 'azure.VirtualNetworkGateway', gw.id, 'azure.gateway.delete');
}
