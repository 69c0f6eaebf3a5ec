// Who owns an address: VNICs and NICs indexed by IP (memoised with routing, so the index is rebuilt
// only when a VNIC or NIC changes), and endpoint resolution from names, ids or addresses.
import type { Instance, Vnic } from '../model/oci/compute.ts';
import type { VirtualMachine } from '../model/azure/compute.ts';
import type { NetworkInterface } from '../model/azure/network.ts';
import type { Routing } from '../routing/routing.ts';
import { serviceById, serviceByLabel, type Service } from '../model/oci/services.ts';
import type { OnPremisesSite } from '../model/onprem/site.ts';
import { cidr, ipToInt, nthAddress } from '../model/cidr.ts';
import { siteForAddress } from '../routing/interconnect/on-premises.ts';
import { resolverEndpointHosts } from '../dns/endpoint-nics.ts';

const ON_PREMISES = 'onprem:';

/** "onprem:<site>": the site's first prefix, its first usable address (the network itself for a /31 or /32). */
function onPremisesEndpoint(r: Routing, name: string): Endpoint | undefined {
  const site = r.memo.list('fr.OnPremisesSite').find((s) => s.name === name);
  const first = site?.prefixes[0];
  if (!site || first === undefined) return undefined;
  const p = cidr(first);
  return { cloud: 'onprem', ip: p.length >= 31 ? p.network : nthAddress(p, 1), site, name: site.name };
}

export type Endpoint =
  | { cloud: 'oci'; ip: number; vnic: Vnic; name: string; hostId: string }
  | { cloud: 'azure'; ip: number; nic: NetworkInterface; subnetId: string; name: string; hostId: string }
  | { cloud: 'none'; ip: number; name: string }
  /** An Oracle service, named by its CIDR label or OCID (reached through a service gateway only). */
  | { cloud: 'service'; ip: number; service: Service; name: string }
  /** An on-premises site ("onprem:<site>", or an address in one of its prefixes). */
  | { cloud: 'onprem'; ip: number; site: OnPremisesSite; name: string };

/**
 * The address a packet to an Oracle service carries. OCI's service ranges are public and published,
 * but FastRoute does not carry them: a documentation address (RFC 5737) stands in, so only rules for
 * 0.0.0.0/0 (or the whole internet) match it, as they match real service addresses.
 */
export const ORACLE_SERVICES_STAND_IN = '192.0.2.1';

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
    // DNS resolver endpoints hold addresses too (after the VMs: a VM's own address wins a clash).
    const dns = resolverEndpointHosts(r.memo);
    for (const v of dns.oci) { const ip = ipToInt(v.privateIp); if (ip !== undefined) oci.set(ip, [...(oci.get(ip) ?? []), v]); }
    for (const e of dns.azure) { const ip = ipToInt(e.nic.properties.ipConfigurations[0]?.properties.privateIPAddress ?? ''); if (ip !== undefined) azure.set(ip, [...(azure.get(ip) ?? []), e]); }
    return { oci, azure };
  });
}

/** Resolves "vm-oci", an OCID / ARM id, "10.10.10.10", or an Oracle service ("oci-iad-objectstorage"). */
export function resolveEndpoint(r: Routing, text: string): Endpoint | undefined {
  const service = serviceByLabel(text) ?? (text.startsWith('ocid1.service.') ? serviceById(text) : undefined);
  if (service) return { cloud: 'service', ip: ipToInt(ORACLE_SERVICES_STAND_IN) ?? 0, service, name: service.name };
  const ip = ipToInt(text);
  if (ip !== undefined) {
    const idx = addressIndex(r);
    const vnic = idx.oci.get(ip)?.[0];
    if (vnic) return { cloud: 'oci', ip, vnic, name: r.memo.get('oci.Instance', vnic.fr.instanceId)?.displayName ?? vnic.displayName, hostId: vnic.fr.instanceId };
    const az = idx.azure.get(ip)?.[0];
    if (az) return { cloud: 'azure', ip, nic: az.nic, subnetId: az.subnetId, name: az.nic.properties.virtualMachine ? (az.nic.properties.virtualMachine.id.split('/').pop() ?? az.nic.name) : az.nic.name, hostId: az.nic.properties.virtualMachine?.id ?? az.nic.id };
    const site = siteForAddress(r, ip);
    if (site) return { cloud: 'onprem', ip, site: site.site, name: site.site.name };
    return { cloud: 'none', ip, name: text };
  }
  if (text.startsWith(ON_PREMISES)) return onPremisesEndpoint(r, text.slice(ON_PREMISES.length));
  const names = r.memo.compute('hostsByName', '', () => {
    const m = new Map<string, { oci?: Instance; azure?: VirtualMachine }>();
    for (const i of r.memo.list('oci.Instance')) if (i.lifecycleState !== 'TERMINATED') { m.set(i.displayName, { ...m.get(i.displayName), oci: i }); m.set(i.id, { oci: i }); }
    for (const v of r.memo.list('azure.VirtualMachine')) { m.set(v.name, { ...m.get(v.name), azure: v }); m.set(v.id.toLowerCase(), { azure: v }); }
    return m;
  });
  const host = names.get(text) ?? names.get(text.toLowerCase());
  const instance = host?.oci;
  const oci = instance ? r.memo.compute('ociHostEndpoint', instance.id, () => ociHostEndpoint(r, instance.id)) : undefined;
  if (oci) return oci;
  const vm = host?.azure;
  return vm ? r.memo.compute('azureHostEndpoint', vm.id, () => azureHostEndpoint(r, vm.id)) : undefined;
}

// Memoised per host (traces by VM name are the common case); each reads its host through the memo,
// so a change to the host, its VNICs or its NIC drops the answer.

/** An instance's primary VNIC and address. */
function ociHostEndpoint(r: Routing, instanceId: string): Endpoint | undefined {
  const instance = r.memo.get('oci.Instance', instanceId);
  if (!instance) return undefined;
  const vnic = r.memo.children('oci.VnicAttachment', instance.id).map((a) => r.memo.get('oci.Vnic', a.vnicId)).find((v) => v?.isPrimary === true);
  const addr = vnic ? ipToInt(vnic.privateIp) : undefined;
  return vnic && addr !== undefined ? { cloud: 'oci', ip: addr, vnic, name: instance.displayName, hostId: instance.id } : undefined;
}

/** A VM's first NIC and address. */
function azureHostEndpoint(r: Routing, vmId: string): Endpoint | undefined {
  const vm = r.memo.get('azure.VirtualMachine', vmId);
  if (!vm) return undefined;
  const nicId = vm.properties.networkProfile.networkInterfaces[0]?.id;
  const nic = nicId === undefined ? undefined : r.memo.get('azure.NetworkInterface', nicId);
  const cfg = nic?.properties.ipConfigurations[0];
  const addr = cfg ? ipToInt(cfg.properties.privateIPAddress) : undefined;
  return nic && cfg && addr !== undefined ? { cloud: 'azure', ip: addr, nic, subnetId: cfg.properties.subnet.id, name: vm.name, hostId: vm.id } : undefined;
}
