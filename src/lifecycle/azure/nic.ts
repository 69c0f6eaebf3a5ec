// Network interfaces and the minimal virtual machines that hold them.
import { arm } from '../../model/errors.ts';
import { armComputeId, armNetworkId } from '../../model/ids.ts';
import { cidr, containsAddress, intToIp, ipToInt } from '../../model/cidr.ts';
import type { Tx } from '../../model/tx.ts';
import type { SubResource } from '../../model/azure/common.ts';
import type { NetworkInterface } from '../../model/azure/network.ts';
import type { VirtualMachine } from '../../model/azure/compute.ts';
import type { HostFirewall } from '../../model/oci/compute.ts';
import { missingProperty } from '../../model/validate/azure.ts';
import { etag, getArm, getReferenced, meta, preparePut, type ArmBody, type AzureScope } from './scope.ts';
import { armDelete, scheduleArmSucceeded } from '../generic.ts';
import { takenAddresses, usableRange } from './subnet-addresses.ts';

export interface IpConfigBody {
  name?: string;
  properties?: { privateIPAddress?: string; privateIPAllocationMethod?: 'Static' | 'Dynamic'; subnet?: SubResource; primary?: boolean };
}
export type NicBody = ArmBody<{ ipConfigurations?: IpConfigBody[]; networkSecurityGroup?: SubResource | null; enableIPForwarding?: boolean; enableAcceleratedNetworking?: boolean }>;

/** Azure reserves the first four addresses and the last one of every subnet. */
function allocate(tx: Tx, subnetId: string, prefixText: string, requested: string | undefined, nicId: string): string {
  const prefix = cidr(prefixText);
  const used = takenAddresses(tx, subnetId, nicId);
  const { first, last } = usableRange(prefix);
  if (requested !== undefined) {
    const a = ipToInt(requested);
    if (a === undefined || !containsAddress(prefix, a)) throw arm.badRequest('PrivateIPAddressNotInSubnet', `IP address ${requested} does not belong to subnet ${subnetId}.`);
    if (a < first || a > last) throw arm.badRequest('PrivateIPAddressInReservedRange', `Private static IP address ${requested} falls within reserved IP range of subnet prefix ${prefixText}: Azure reserves the first four and the last address.`);
    const holder = used.get(requested);
    if (holder !== undefined) throw arm.badRequest('PrivateIPAddressIsAllocated', `IP configuration ${nicId}/ipConfigurations/ipconfig1 is using the private IP address ${requested} which is already allocated to resource ${holder}.`);
    return requested;
  }
  for (let a = first; a <= last; a++) if (!used.has(intToIp(a))) return intToIp(a);
  throw arm.badRequest('SubnetIsFull', `Subnet ${subnetId} has no more available IP addresses.`);
}

export function putNetworkInterface(tx: Tx, scope: AzureScope, rgName: string, name: string, body: NicBody): NetworkInterface {
  const existing = tx.get('azure.NetworkInterface', armNetworkId(scope.subscriptionId, rgName, 'networkInterfaces', name));
  const { rg, location } = preparePut(tx, scope, 'Microsoft.Network/networkInterfaces', rgName, name, body.location, existing);
  const id = existing?.id ?? armNetworkId(scope.subscriptionId, rg, 'networkInterfaces', name);
  const configs = body.properties?.ipConfigurations;
  if (!configs || configs.length === 0) throw missingProperty('properties.ipConfigurations', id);
  const nsg = body.properties?.networkSecurityGroup;
  if (nsg) getReferenced(tx, 'azure.NetworkSecurityGroup', nsg.id, 'properties.networkSecurityGroup.id');
  const ipConfigurations = configs.map((c, i) => {
    const cname = c.name ?? `ipconfig${i + 1}`;
    const subnet = getReferenced(tx, 'azure.Subnet', c.properties?.subnet?.id, `properties.ipConfigurations[${i}].properties.subnet.id`);
    if (subnet.name === 'GatewaySubnet') throw arm.badRequest('GatewaySubnet', "Subnet with name 'GatewaySubnet' can be used only for the Gateway resource.");
    const requested = c.properties?.privateIPAllocationMethod === 'Dynamic' && existing === undefined ? undefined : c.properties?.privateIPAddress;
    const address = allocate(tx, subnet.id, subnet.properties.addressPrefix, requested, id);
    return {
      id: `${id}/ipConfigurations/${cname}`, name: cname, etag: etag(tx), type: 'Microsoft.Network/networkInterfaces/ipConfigurations' as const,
      properties: {
        privateIPAddress: address, privateIPAllocationMethod: c.properties?.privateIPAllocationMethod ?? (c.properties?.privateIPAddress ? 'Static' as const : 'Dynamic' as const),
        privateIPAddressVersion: 'IPv4' as const, subnet: { id: subnet.id }, primary: c.properties?.primary ?? i === 0, provisioningState: 'Succeeded' as const,
      },
    };
  });
  const nic: NetworkInterface = {
    id, name: existing?.name ?? name, type: 'Microsoft.Network/networkInterfaces', location, tags: body.tags ?? existing?.tags ?? {}, etag: etag(tx),
    properties: {
      ipConfigurations, ...(nsg ? { networkSecurityGroup: { id: tx.get('azure.NetworkSecurityGroup', nsg.id)?.id ?? nsg.id } } : {}),
      ...(existing?.properties.virtualMachine ? { virtualMachine: existing.properties.virtualMachine } : {}),
      macAddress: existing?.properties.macAddress ?? `00-0D-3A-${tx.ctx.ids.randomChars(6).replace(/[^a-f0-9]/g, 'a').toUpperCase().replace(/(..)(?=.)/g, '$1-')}`,
      primary: true, enableIPForwarding: body.properties?.enableIPForwarding ?? false, enableAcceleratedNetworking: body.properties?.enableAcceleratedNetworking ?? false,
      resourceGuid: existing?.properties.resourceGuid ?? tx.ctx.ids.guid(), provisioningState: 'Updating',
    },
    fr: meta(scope, rg),
  };
  tx.put('azure.NetworkInterface', nic);
  scheduleArmSucceeded(tx, 'azure.NetworkInterface', id);
  return nic;
}

export function deleteNetworkInterface(tx: Tx, scope: AzureScope, rgName: string, name: string): void {
  const nic = getArm(tx, scope, 'azure.NetworkInterface', rgName, 'networkInterfaces', name);
  const vm = nic.properties.virtualMachine;
  if (vm && tx.get('azure.VirtualMachine', vm.id)?.properties.provisioningState !== 'Deleting') {
    throw arm.badRequest('NicInUse', `Network Interface ${nic.id} is used by existing resource ${vm.id}. In order to delete the network interface, it must be dissociated from the resource.`);
  }
  armDelete(tx, 'azure.NetworkInterface', nic.id);
}

export type VirtualMachineBody = ArmBody<{
  hardwareProfile?: { vmSize?: string };
  networkProfile?: { networkInterfaces?: { id?: string; properties?: { primary?: boolean } }[] };
}> & { hostFirewall?: HostFirewall };

export function putVirtualMachine(tx: Tx, scope: AzureScope, rgName: string, name: string, body: VirtualMachineBody): VirtualMachine {
  const existing = tx.get('azure.VirtualMachine', armComputeId(scope.subscriptionId, rgName, 'virtualMachines', name));
  const { rg, location } = preparePut(tx, scope, 'Microsoft.Compute/virtualMachines', rgName, name, body.location, existing);
  const id = existing?.id ?? armComputeId(scope.subscriptionId, rg, 'virtualMachines', name);
  const nics = body.properties?.networkProfile?.networkInterfaces ?? [];
  if (nics.length === 0) throw missingProperty('properties.networkProfile.networkInterfaces', id);
  const resolved = nics.map((n, i) => {
    const nic = getReferenced(tx, 'azure.NetworkInterface', n.id, `properties.networkProfile.networkInterfaces[${i}].id`);
    const owner = nic.properties.virtualMachine?.id;
    if (owner !== undefined && owner.toLowerCase() !== id.toLowerCase()) throw arm.conflict('NicInUse', `Network interface ${nic.id} is already attached to virtual machine ${owner}.`);
    return { nic, primary: n.properties?.primary ?? i === 0 };
  });
  const vm: VirtualMachine = {
    id, name: existing?.name ?? name, type: 'Microsoft.Compute/virtualMachines', location, tags: body.tags ?? existing?.tags ?? {}, etag: etag(tx),
    properties: {
      vmId: existing?.properties.vmId ?? tx.ctx.ids.guid(), hardwareProfile: { vmSize: body.properties?.hardwareProfile?.vmSize ?? 'Standard_B2s' },
      networkProfile: { networkInterfaces: resolved.map((r) => ({ id: r.nic.id, properties: { primary: r.primary } })) }, provisioningState: 'Creating',
    },
    fr: { ...meta(scope, rg), ...(body.hostFirewall ? { hostFirewall: body.hostFirewall } : {}) },
  };
  tx.put('azure.VirtualMachine', vm);
  for (const r of resolved) tx.update('azure.NetworkInterface', r.nic.id, (d) => { d.properties.virtualMachine = { id }; });
  scheduleArmSucceeded(tx, 'azure.VirtualMachine', id);
  return vm;
}

export function deleteVirtualMachine(tx: Tx, scope: AzureScope, rgName: string, name: string): void {
  requireVm(tx, scope, rgName, name);
  const vm = tx.get('azure.VirtualMachine', armComputeId(scope.subscriptionId, rgName, 'virtualMachines', name));
  if (!vm) return;
  for (const n of vm.properties.networkProfile.networkInterfaces) {
    if (tx.get('azure.NetworkInterface', n.id)) tx.update('azure.NetworkInterface', n.id, (d) => { delete d.properties.virtualMachine; });
  }
  armDelete(tx, 'azure.VirtualMachine', vm.id);
}

function requireVm(tx: Tx, scope: AzureScope, rgName: string, name: string): void {
  const vm = tx.get('azure.VirtualMachine', armComputeId(scope.subscriptionId, rgName, 'virtualMachines', name));
  if (!vm) throw arm.notFound('Microsoft.Compute/virtualMachines', name, rgName);
}
