// Finding the resources a diagnostic names, with ARM's errors when they do not exist.
import { arm, type CloudError } from '../../model/errors.ts';
import { ipToInt } from '../../model/cidr.ts';
import type { NetworkInterface, NicIpConfiguration } from '../../model/azure/network.ts';
import type { Routing } from '../routing.ts';

const ARM_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/([^/]+\/[^/]+)\/([^/]+)/i;

/** ARM's 404 for a resource id: ResourceNotFound naming type, name and resource group. */
export function armNotFound(expectedType: string, id: string): CloudError {
  const m = ARM_ID.exec(id);
  if (!m) return arm.error(404, 'NotFound', `The resource '${id}' was not found.`);
  return arm.notFound(m[2] ?? expectedType, m[3] ?? id, m[1] ?? '');
}

export function nicById(r: Routing, id: string): NetworkInterface {
  const nic = r.memo.get('azure.NetworkInterface', id);
  if (!nic || nic.properties.provisioningState === 'Deleting') throw armNotFound('Microsoft.Network/networkInterfaces', id);
  return nic;
}

const isNicId = (id: string) => /\/providers\/Microsoft\.Network\/networkInterfaces\//i.test(id);

/**
 * The NIC a Network Watcher request targets: `targetNicResourceId`, else the VM's primary NIC (a NIC
 * id in `targetResourceId` is accepted as well).
 */
export function nicForTarget(r: Routing, target: { targetResourceId?: string | undefined; targetNicResourceId?: string | undefined }): NetworkInterface | undefined {
  if (target.targetNicResourceId !== undefined && target.targetNicResourceId !== '') return nicById(r, target.targetNicResourceId);
  const id = target.targetResourceId;
  if (id === undefined || id === '') return undefined;
  if (isNicId(id)) return nicById(r, id);
  const vm = r.memo.get('azure.VirtualMachine', id);
  if (!vm || vm.properties.provisioningState === 'Deleting') throw armNotFound('Microsoft.Compute/virtualMachines', id);
  const refs = vm.properties.networkProfile.networkInterfaces;
  const nicId = refs.find((n) => n.properties.primary)?.id ?? refs[0]?.id;
  if (nicId === undefined) throw arm.badRequest('InvalidRequestFormat', `Virtual machine ${vm.name} has no network interface.`);
  return nicById(r, nicId);
}

/** The NIC's primary IP configuration (or its first). */
export function primaryIpConfig(nic: NetworkInterface): NicIpConfiguration | undefined {
  const configs = nic.properties.ipConfigurations;
  return configs.find((c) => c.properties.primary) ?? configs[0];
}

/** The IP configuration holding `ip`, if the NIC has that address. */
export function ipConfigWithAddress(nic: NetworkInterface, ip: string): NicIpConfiguration | undefined {
  const wanted = ipToInt(ip);
  if (wanted === undefined) return undefined;
  return nic.properties.ipConfigurations.find((c) => ipToInt(c.properties.privateIPAddress) === wanted);
}

/** Parses an IPv4 address of a request body, or throws ARM's 400. */
export function requestAddress(field: string, value: string): number {
  const ip = ipToInt(value);
  if (ip === undefined) throw arm.badRequest('InvalidRequestFormat', `${field} '${value}' is not a valid IPv4 address.`, field);
  return ip;
}
