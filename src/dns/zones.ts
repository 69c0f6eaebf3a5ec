// What a zone says about a name: records of the asked type, a CNAME to follow, NODATA or NXDOMAIN.
// OCI private views hold zones and their records; the VCN's default view also holds the protected
// names OCI makes from dnsLabels; Azure answers from the private zones linked to the VNet (with the
// records auto-registered for VMs of VNets linked with registrationEnabled) and its internal names.
import type { ReadView } from '../model/world.ts';
import type { Vcn } from '../model/oci/vcn.ts';
import type { VirtualNetwork } from '../model/azure/network.ts';
import type { PrivateDnsRecordSet, PrivateDnsZone } from '../model/azure/dns.ts';
import { AZURE_INTERNAL_SUFFIX } from '../model/azure/dns.ts';
import { canonicalName, hostLabel, isUnder, labelCount } from './names.ts';
import type { DnsAnswer, RecordType } from './types.ts';

export interface ZoneAnswer {
  /** The zone that owns the name (id and name), for the hop. */
  zoneId: string;
  zoneName: string;
  status: 'answer' | 'nxdomain' | 'nodata';
  answers: DnsAnswer[];
  /** A CNAME the resolver follows for another type. */
  cname?: string;
}

interface Rr { name: string; type: string; ttl: number; data: string }

function answerFrom(zoneId: string, zoneName: string, name: string, type: RecordType, records: readonly Rr[]): ZoneAnswer {
  const here = records.filter((r) => canonicalName(r.name) === canonicalName(name));
  const answers = here.filter((r) => r.type === type).map((r) => ({ name: canonicalName(name), type, ttl: r.ttl, data: r.data }));
  if (answers.length > 0) return { zoneId, zoneName, status: 'answer', answers };
  const cname = here.find((r) => r.type === 'CNAME');
  if (cname) return { zoneId, zoneName, status: 'answer', answers: [{ name: canonicalName(name), type: 'CNAME', ttl: cname.ttl, data: canonicalName(cname.data) }], cname: canonicalName(cname.data) };
  return { zoneId, zoneName, status: here.length > 0 ? 'nodata' : 'nxdomain', answers: [] };
}

function longest<T>(items: readonly T[], nameOf: (t: T) => string, name: string): T | undefined {
  let best: T | undefined;
  for (const t of items) if (isUnder(name, nameOf(t)) && (best === undefined || labelCount(nameOf(t)) > labelCount(nameOf(best)))) best = t;
  return best;
}

/** The zone of an OCI view that owns the name (the longest), answered from its records. */
export function ociViewAnswer(view: ReadView, viewId: string, name: string, type: RecordType): ZoneAnswer | undefined {
  const zones = view.children('oci.Zone', viewId).filter((z) => z.lifecycleState === 'ACTIVE');
  const zone = longest(zones, (z) => z.name, name);
  if (!zone) return undefined;
  return answerFrom(zone.id, zone.name, name, type, zone.fr.records.map((r) => ({ name: r.domain, type: r.rtype, ttl: r.ttl, data: r.rdata })));
}

/** The host names OCI registers for a VCN: "<hostnameLabel>.<subnet dnsLabel>.<vcn dnsLabel>.oraclevcn.com". */
export function ociDefaultRecords(view: ReadView, vcn: Vcn): Rr[] {
  const out: Rr[] = [];
  for (const subnet of view.children('oci.Subnet', vcn.id)) {
    if (subnet.subnetDomainName === undefined) continue;
    for (const vnic of view.children('oci.Vnic', subnet.id)) {
      if (vnic.lifecycleState !== 'AVAILABLE') continue;
      const instance = view.get('oci.Instance', vnic.fr.instanceId);
      const label = vnic.hostnameLabel ?? (instance ? hostLabel(instance.displayName) : undefined);
      if (label !== undefined) out.push({ name: `${label}.${subnet.subnetDomainName}`, type: 'A', ttl: 30, data: vnic.privateIp });
    }
  }
  return out;
}

/** The VCN's protected default zone (its vcnDomainName), when the name is under it. */
export function ociDefaultAnswer(view: ReadView, vcn: Vcn, name: string, type: RecordType): ZoneAnswer | undefined {
  if (vcn.vcnDomainName === undefined || !isUnder(name, vcn.vcnDomainName)) return undefined;
  return answerFrom(vcn.id, vcn.vcnDomainName, name, type, ociDefaultRecords(view, vcn));
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The VMs of a VNet (by their first NIC's subnet), with their first address. */
export function vnetVms(view: ReadView, vnetId: string): { name: string; address: string }[] {
  const out: { name: string; address: string }[] = [];
  for (const vm of view.list('azure.VirtualMachine')) {
    const nicId = vm.properties.networkProfile.networkInterfaces[0]?.id;
    const cfg = nicId === undefined ? undefined : view.get('azure.NetworkInterface', nicId)?.properties.ipConfigurations[0];
    const subnet = cfg ? view.get('azure.Subnet', cfg.properties.subnet.id) : undefined;
    if (cfg && subnet && sameId(subnet.fr.parentId, vnetId)) out.push({ name: vm.name.toLowerCase(), address: cfg.properties.privateIPAddress });
  }
  return out;
}

/** The private zones linked to a VNet. */
export function linkedZones(view: ReadView, vnetId: string): PrivateDnsZone[] {
  const out: PrivateDnsZone[] = [];
  for (const link of view.list('azure.PrivateDnsZoneLink')) {
    if (!sameId(link.properties.virtualNetwork.id, vnetId)) continue;
    const zone = view.get('azure.PrivateDnsZone', link.fr.parentId);
    if (zone && !out.includes(zone)) out.push(zone);
  }
  return out;
}

function recordSetRrs(zone: PrivateDnsZone, set: PrivateDnsRecordSet): Rr[] {
  const name = set.name === '@' ? zone.name : `${set.name}.${zone.name}`;
  const type = set.type.split('/').pop() ?? '';
  const p = set.properties;
  return [
    ...(p.aRecords ?? []).map((a) => ({ name, type, ttl: p.ttl, data: a.ipv4Address })),
    ...(p.aaaaRecords ?? []).map((a) => ({ name, type, ttl: p.ttl, data: a.ipv6Address })),
    ...(p.cnameRecord ? [{ name, type, ttl: p.ttl, data: p.cnameRecord.cname }] : []),
    ...(p.txtRecords ?? []).map((t) => ({ name, type, ttl: p.ttl, data: t.value.join('') })),
  ];
}

/** A zone's records, with the A records Azure registers for VMs of VNets linked with registrationEnabled. */
export function zoneRecords(view: ReadView, zone: PrivateDnsZone): Rr[] {
  const out = view.children('azure.PrivateDnsRecordSet', zone.id).flatMap((s) => recordSetRrs(zone, s));
  for (const link of view.children('azure.PrivateDnsZoneLink', zone.id)) {
    if (!link.properties.registrationEnabled) continue;
    for (const vm of vnetVms(view, link.properties.virtualNetwork.id)) out.push({ name: `${vm.name}.${zone.name}`, type: 'A', ttl: 10, data: vm.address });
  }
  return out;
}

/** The longest private zone linked to the VNet that owns the name. */
export function azureZoneAnswer(view: ReadView, vnetId: string, name: string, type: RecordType): ZoneAnswer | undefined {
  const zone = longest(linkedZones(view, vnetId), (z) => z.name, name);
  return zone ? answerFrom(zone.id, zone.name, name, type, zoneRecords(view, zone)) : undefined;
}

/** The VNet's Azure-provided DNS suffix: "<label from the VNet's resourceGuid>.internal.cloudapp.net". */
export function vnetInternalSuffix(vnet: VirtualNetwork): string {
  return `${vnet.properties.resourceGuid.replace(/-/g, '').slice(0, 26)}.${AZURE_INTERNAL_SUFFIX}`;
}

/** Azure-provided names of the VNet's VMs: "<vm>.<suffix>", or the bare "<vm>" (the VM's search suffix), asked from the same VNet. */
export function azureInternalAnswer(view: ReadView, vnet: VirtualNetwork, name: string, type: RecordType): ZoneAnswer | undefined {
  const suffix = vnetInternalSuffix(vnet);
  const n = canonicalName(name);
  const full = n.includes('.') ? n : `${n}.${suffix}`;
  if (!isUnder(full, suffix)) return undefined;
  return answerFrom(vnet.id, suffix, full, type, vnetVms(view, vnet.id).map((vm) => ({ name: `${vm.name}.${suffix}`, type: 'A', ttl: 10, data: vm.address })));
}
