// Public IP addresses (minimal, for gateways that reference one). Defaults follow the spec's
// PublicIpAddressCreateDefaults example: Basic, Dynamic, IPv4, 4-minute idle timeout. A Standard
// address must be Static; Basic takes no zones. The address is reserved at create from documentation
// space (198.51.100.0/24, then 203.0.113.0/24), so FastRoute never hands out a routable one.
import { arm } from '../../model/errors.ts';
import { armNetworkId } from '../../model/ids.ts';
import { intToIp, ipToInt } from '../../model/cidr.ts';
import type { Tx } from '../../model/tx.ts';
import type { ReadView } from '../../model/world.ts';
import type { PublicIPAddress, PublicIPSkuName, PublicIPSkuTier } from '../../model/azure/public-ip.ts';
import { etag, getArm, meta, preparePut, type ArmBody, type AzureScope } from './scope.ts';
import { armDelete, scheduleArmSucceeded } from '../generic.ts';

export type PublicIPAddressBody = ArmBody<{
  publicIPAllocationMethod?: 'Static' | 'Dynamic';
  publicIPAddressVersion?: 'IPv4' | 'IPv6';
  idleTimeoutInMinutes?: number;
  ipTags?: { ipTagType: string; tag: string }[];
}> & { sku?: { name?: PublicIPSkuName; tier?: PublicIPSkuTier }; zones?: string[] };

const POOLS = ['198.51.100.0', '203.0.113.0'].map((p) => ipToInt(p) ?? 0);

/** The lowest free address of the documentation pools (.1 to .254 of each /24). */
function reserveAddress(tx: Tx): string {
  const used = new Set(tx.list('azure.PublicIPAddress').map((p) => p.fr.address));
  for (const base of POOLS) {
    for (let host = 1; host <= 254; host++) {
      const a = intToIp(base + host);
      if (!used.has(a)) return a;
    }
  }
  throw arm.badRequest('PublicIPCountLimitReached', `Cannot create more than ${POOLS.length * 254} public IP addresses: FastRoute allocates them from two documentation /24s.`);
}

/** The gateway ip configurations that use a public IP (live gateways only). */
export function publicIpUsers(view: ReadView, publicIpId: string): string[] {
  const id = publicIpId.toLowerCase();
  const users: string[] = [];
  for (const gw of view.list('azure.VirtualNetworkGateway')) {
    if (gw.properties.provisioningState === 'Deleting') continue;
    for (const c of gw.properties.ipConfigurations) if (c.properties.publicIPAddress?.id.toLowerCase() === id) users.push(c.id);
  }
  return users;
}

export function putPublicIPAddress(tx: Tx, scope: AzureScope, rgName: string, name: string, body: PublicIPAddressBody): PublicIPAddress {
  const existing = tx.get('azure.PublicIPAddress', armNetworkId(scope.subscriptionId, rgName, 'publicIPAddresses', name));
  const { rg, location } = preparePut(tx, scope, 'Microsoft.Network/publicIPAddresses', rgName, name, body.location, existing);
  const id = existing?.id ?? armNetworkId(scope.subscriptionId, rg, 'publicIPAddresses', name);
  const p = body.properties ?? {};
  const skuName = body.sku?.name ?? existing?.sku.name ?? 'Basic';
  const allocation = p.publicIPAllocationMethod ?? existing?.properties.publicIPAllocationMethod ?? (skuName === 'Standard' ? 'Static' : 'Dynamic');
  if (p.publicIPAddressVersion === 'IPv6') throw arm.error(501, 'NotImplemented', 'FastRoute does not model IPv6 public IP addresses. See docs/differences.md.');
  if (skuName === 'Standard' && allocation !== 'Static') {
    throw arm.badRequest('StandardSkuPublicIPAddressesMustBeStatic', `Standard sku publicIp ${id} must have AllocationMethod set to Static.`);
  }
  if (existing && existing.sku.name === 'Standard' && skuName === 'Basic') {
    throw arm.badRequest('PublicIPSkuDowngradeNotAllowed', `Public IP address ${id} cannot be downgraded from Standard to Basic SKU.`);
  }
  const zones = body.zones ?? existing?.zones ?? [];
  if (zones.length > 0 && skuName === 'Basic') {
    throw arm.badRequest('ZonesNotAllowedInBasicSkuResource', `Zones not allowed in basic SKU resource ${id} in this region. Please use standard SKU.`);
  }
  const badZone = zones.find((z) => !['1', '2', '3'].includes(z));
  if (badZone !== undefined) throw arm.badRequest('InvalidAvailabilityZone', `The zone '${badZone}' of resource ${id} is not valid: zones are '1', '2' and '3'.`, 'zones');
  const idle = p.idleTimeoutInMinutes ?? existing?.properties.idleTimeoutInMinutes ?? 4;
  if (!Number.isInteger(idle) || idle < 4 || idle > 30) {
    throw arm.badRequest('PublicIPIdleTimeoutIsOutOfRange', `The idle timeout of public IP address ${id} is ${idle} minutes; it must be between 4 and 30 minutes.`);
  }
  const pip: PublicIPAddress = {
    id, name: existing?.name ?? name, type: 'Microsoft.Network/publicIPAddresses', location, tags: body.tags ?? existing?.tags ?? {}, etag: etag(tx),
    sku: { name: skuName, tier: body.sku?.tier ?? existing?.sku.tier ?? 'Regional' },
    ...(zones.length > 0 ? { zones: [...zones] } : {}),
    properties: {
      publicIPAllocationMethod: allocation, publicIPAddressVersion: 'IPv4', idleTimeoutInMinutes: idle, ipTags: p.ipTags ?? existing?.properties.ipTags ?? [],
      ddosSettings: { protectionMode: 'VirtualNetworkInherited' },
      resourceGuid: existing?.properties.resourceGuid ?? tx.ctx.ids.guid(), provisioningState: 'Updating',
    },
    fr: { ...meta(scope, rg), address: existing?.fr.address ?? reserveAddress(tx) },
  };
  tx.put('azure.PublicIPAddress', pip);
  scheduleArmSucceeded(tx, 'azure.PublicIPAddress', id);
  return pip;
}

export function deletePublicIPAddress(tx: Tx, scope: AzureScope, rgName: string, name: string): void {
  const pip = getArm(tx, scope, 'azure.PublicIPAddress', rgName, 'publicIPAddresses', name);
  const users = publicIpUsers(tx, pip.id);
  if (users.length > 0) {
    throw arm.badRequest('PublicIPAddressCannotBeDeleted', `Public IP address ${pip.id} can not be deleted since it is still allocated to resource ${users[0] ?? ''}. In order to delete the public IP, disassociate/detach the Public IP address from the resource.  To learn how to do this, see aka.ms/deletepublicip.`);
  }
  armDelete(tx, 'azure.PublicIPAddress', pip.id);
}
