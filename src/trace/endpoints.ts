// Who owns an address: VNICs and NICs indexed by IP (memoised with routing, so the index is rebuilt
// only when a VNIC or NIC changes), and endpoint resolution from names, ids or addresses.
import { ipToInt } from '../model/cidr.ts';
import type { Vnic } from '../model/oci/compute.ts';
import type { NetworkInterface } from '../model/azure/network.ts';
import type { Routing } from '../routing/routing.ts';

export type Endpoint =
  | { cloud: 'oci'; ip: number; vnic: Vnic; name: string; hostId: string }
  | { cloud: 'azure'; ip: number; nic: NetworkInterface; subnetId: string; name: string; hostId: string }
  | { cloud: 'none'; ip: number; name: string };

export interface AddressIndex {
  oci: Map<number, Vnic[]>;
  azure: Map<number, { nic: NetworkInterface; subnetId: string }[]>;
}

export function addressIndex(r: Routing): AddressIndex {
  return r.memo.compute('addressIndex', '', () => {
    const oci = new Map<number, Vnic[]>();
    for (const v of r.memo.list('oci.Vnic')) {
      if (v.lifecycleState === 'TERMINATING' || v.lifecycleState === 'TERMINATED') continue;
      const ip = ipToInt(v.privateIp);
      if (ip === undefined) continue;
      const list = oci.get(ip);
      if (list) list.push(v);
      else oci.set(ip, [v]);
    }
    const azure = new Map<number, { nic: NetworkInterface; subnetId: string }[]>();
    for (const nic of r.memo.list('azure.NetworkInterface')) {
      if (nic.properties.provisioningState === 'Deleting') continue;
      for (const c of nic.properties.ipConfigurations) {
        const ip = ipToInt(c.properties.privateIPAddress);
        if (ip === undefined) continue;
        const entry = { nic, subnetId: c.properties.subnet.id };
        const list = azure.get(ip);
        if (list) list.push(entry);
        else azure.set(ip, [entry]);
      }
    }
    return { oci, azure };
  });
}

/** Resolves "vm-oci", an OCID / ARM id, or "10.10.10.10". */
export function resolveEndpoint(r: Routing, text: string): Endpoint | undefined {
  const idx = addressIndex(r);
  const ip = ipToInt(text);
  if (ip !== undefined) {
    const vnic = idx.oci.get(ip)?.[0];
    if (vnic) return { cloud: 'oci', ip, vnic, name: r.memo.get('oci.Instance', vnic.fr.instanceId)?.displayName ?? vnic.displayName, hostId: vnic.fr.instanceId };
    const az = idx.azure.get(ip)?.[0];
    if (az) return { cloud: 'azure', ip, nic: az.nic, subnetId: az.subnetId, name: az.nic.properties.virtualMachine ? (az.nic.properties.virtualMachine.id.split('/').pop() ?? az.nic.name) : az.nic.name, hostId: az.nic.properties.virtualMachine?.id ?? az.nic.id };
    return { cloud: 'none', ip, name: text };
  }
  const names = r.memo.compute('hostsByName', '', () => {
    const m = new Map<string, { oci?: import('../model/oci/compute.ts').Instance; azure?: import('../model/azure/compute.ts').VirtualMachine }>();
    for (const i of r.memo.list('oci.Instance')) if (i.lifecycleState !== 'TERMINATED') { m.set(i.displayName, { ...m.get(i.displayName), oci: i }); m.set(i.id, { oci: i }); }
    for (const v of r.memo.list('azure.VirtualMachine')) { m.set(v.name, { ...m.get(v.name), azure: v }); m.set(v.id.toLowerCase(), { azure: v }); }
    return m;
  });
  const host = names.get(text) ?? names.get(text.toLowerCase());
  const instance = host?.oci;
  if (instance) {
    const vnic = r.memo.children('oci.VnicAttachment', instance.id).map((a) => r.memo.get('oci.Vnic', a.vnicId)).find((v) => v?.isPrimary === true);
    const addr = vnic ? ipToInt(vnic.privateIp) : undefined;
    if (vnic && addr !== undefined) return { cloud: 'oci', ip: addr, vnic, name: instance.displayName, hostId: instance.id };
  }
  const vm = host?.azure;
  if (vm) {
    const nicId = vm.properties.networkProfile.networkInterfaces[0]?.id;
    const nic = nicId === undefined ? undefined : r.memo.get('azure.NetworkInterface', nicId);
    const cfg = nic?.properties.ipConfigurations[0];
    const addr = cfg ? ipToInt(cfg.properties.privateIPAddress) : undefined;
    if (nic && cfg && addr !== undefined) return { cloud: 'azure', ip: addr, nic, subnetId: cfg.properties.subnet.id, name: vm.name, hostId: vm.id };
  }
  return undefined;
}
