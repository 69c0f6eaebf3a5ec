// Applies a lab's `dns:` section once its VCNs, subnets, NSGs and VNets exist: the OCI VCN
// resolvers (endpoints, attached views, rules), views and PRIVATE zones; the Azure private zones
// (record sets, VNet links), DNS private resolvers (endpoints) and forwarding rulesets (rules, links).
// Resources are written as the APIs would leave them once provisioned (ACTIVE / Succeeded).
import type { Tx } from '../model/tx.ts';
import type { Lab } from './types.ts';
import type { LabDns } from './dns-schema.ts';
import { K, LAB_TAG, type LabIds } from './names.ts';
import { A, azureLabScope } from './apply-azure.ts';
import { ociLabScope } from './apply-oci.ts';
import { ocid, armNetworkId } from '../model/ids.ts';
import { fastroute } from '../model/errors.ts';
import { canonicalName } from '../dns/names.ts';
import { cidr, containsAddress, ipToInt } from '../model/cidr.ts';
import type { DnsRecord, Resolver } from '../model/oci/dns.ts';
import type { PrivateDnsRecordSet } from '../model/azure/dns.ts';

const ociSelf = (region: string, path: string) => `https://dns.${region}.oraclecloud.com/20180115/${path}`;

function inSubnet(tx: Tx, subnetId: string, address: string | undefined, what: string): void {
  if (address === undefined) return;
  const subnet = tx.get('oci.Subnet', subnetId) ?? undefined;
  const a = ipToInt(address);
  if (!subnet || a === undefined || !containsAddress(cidr(subnet.cidrBlock), a)) throw fastroute.invalid('LabReference', `${what} ${address} is not in subnet ${subnet?.displayName ?? subnetId} (${subnet?.cidrBlock ?? '?'})`);
}

/** The VCN's resolver: the one OCI created with the VCN, or a new one with its default view. */
export function vcnResolver(tx: Tx, vcnId: string, tags: Record<string, string>): Resolver {
  const found = tx.children('oci.Resolver', vcnId)[0];
  if (found) return found;
  const vcn = tx.get('oci.Vcn', vcnId);
  if (!vcn) throw fastroute.invalid('LabReference', `no VCN ${vcnId}`);
  const region = vcn.fr.region;
  const now = tx.nowIso;
  const viewId = ocid(tx.ctx.ids, 'dnsview', region);
  tx.put('oci.View', { id: viewId, compartmentId: vcn.compartmentId, displayName: vcn.displayName, isProtected: true, self: ociSelf(region, `views/${viewId}`), timeCreated: now, timeUpdated: now, lifecycleState: 'ACTIVE', freeformTags: tags, definedTags: {}, fr: { ...vcn.fr } });
  const id = ocid(tx.ctx.ids, 'dnsresolver', region);
  const resolver: Resolver = {
    id, compartmentId: vcn.compartmentId, displayName: vcn.displayName, attachedVcnId: vcnId, defaultViewId: viewId, isProtected: true, attachedViews: [], rules: [],
    self: ociSelf(region, `resolvers/${id}`), timeCreated: now, timeUpdated: now, lifecycleState: 'ACTIVE', freeformTags: tags, definedTags: {}, fr: { ...vcn.fr },
  };
  tx.put('oci.Resolver', resolver);
  return resolver;
}

function applyOciDns(tx: Tx, lab: Lab, dns: LabDns, ids: LabIds, tags: Record<string, string>): void {
  const scope = ociLabScope(lab);
  const views = new Map<string, string>();
  const compartmentOf = (vcnName: string) => tx.get('oci.Vcn', ids.get(K.vcn(vcnName)))?.compartmentId ?? '';
  const anyCompartment = lab.oci.vcns[0] ? compartmentOf(lab.oci.vcns[0].name) : '';
  for (const v of dns.oci.views) {
    const now = tx.nowIso;
    const viewId = ocid(tx.ctx.ids, 'dnsview', scope.region);
    tx.put('oci.View', { id: viewId, compartmentId: anyCompartment, displayName: v.name, isProtected: false, self: ociSelf(scope.region, `views/${viewId}`), timeCreated: now, timeUpdated: now, lifecycleState: 'ACTIVE', freeformTags: tags, definedTags: {}, fr: { tenancyId: scope.tenancyId, region: scope.region } });
    views.set(v.name, viewId);
    for (const z of v.zones) {
      const zoneId = ocid(tx.ctx.ids, 'dns-zone', scope.region);
      const records: DnsRecord[] = z.records.map((r, i) => ({ domain: canonicalName(r.domain), rtype: r.rtype, rdata: r.rdata, ttl: r.ttl, recordHash: `${zoneId.slice(-8)}${i}`, rrsetVersion: '1', isProtected: false }));
      tx.put('oci.Zone', {
        id: zoneId, name: canonicalName(z.name), compartmentId: anyCompartment, zoneType: 'PRIMARY', scope: 'PRIVATE', viewId, isProtected: false, serial: 1, version: '1',
        self: ociSelf(scope.region, `zones/${zoneId}`), timeCreated: now, lifecycleState: 'ACTIVE', freeformTags: tags, definedTags: {}, fr: { tenancyId: scope.tenancyId, region: scope.region, records },
      });
    }
  }
  for (const r of dns.oci.resolvers) {
    const vcnId = ids.get(K.vcn(r.vcn));
    const resolver = vcnResolver(tx, vcnId, tags);
    const now = tx.nowIso;
    for (const e of r.endpoints) {
      const subnetId = ids.get(K.subnet(r.vcn, e.subnet));
      inSubnet(tx, subnetId, e.forwardingAddress, `forwarding address of ${e.name}`);
      inSubnet(tx, subnetId, e.listeningAddress, `listening address of ${e.name}`);
      const id = ocid(tx.ctx.ids, 'dnsresolverendpoint', scope.region);
      tx.put('oci.ResolverEndpoint', {
        id, name: e.name, resolverId: resolver.id, compartmentId: resolver.compartmentId, endpointType: 'VNIC', subnetId, nsgIds: e.nsgs.map((n) => ids.get(K.nsg(r.vcn, n))),
        isForwarding: e.forwarding, isListening: e.listening, ...(e.forwardingAddress === undefined ? {} : { forwardingAddress: e.forwardingAddress }), ...(e.listeningAddress === undefined ? {} : { listeningAddress: e.listeningAddress }),
        self: `${resolver.self}/endpoints/${e.name}`, timeCreated: now, timeUpdated: now, lifecycleState: 'ACTIVE', freeformTags: tags, definedTags: {}, fr: { tenancyId: scope.tenancyId, region: scope.region },
      });
    }
    const attached = r.views.map((v) => {
      const viewId = views.get(v);
      if (viewId === undefined) throw fastroute.invalid('LabReference', `resolver of ${r.vcn} attaches view "${v}", which dns.oci.views does not declare`);
      return { viewId };
    });
    tx.put('oci.Resolver', {
      ...resolver, timeUpdated: now, attachedViews: attached,
      rules: r.rules.map((rule) => ({ action: 'FORWARD' as const, clientAddressConditions: rule.clients, qnameCoverConditions: rule.domains.map(canonicalName), destinationAddresses: rule.destinations, sourceEndpointName: rule.sourceEndpoint })),
    });
  }
}

function recordSet(zoneId: string, zoneName: string, r: LabDns['azure']['privateZones'][number]['records'][number], etag: string, fr: { subscriptionId: string; resourceGroup: string }): PrivateDnsRecordSet {
  const fqdn = `${r.name === '@' ? zoneName : `${r.name}.${zoneName}`}.`;
  const data = r.type === 'A' ? { aRecords: r.values.map((v) => ({ ipv4Address: v })) }
    : r.type === 'AAAA' ? { aaaaRecords: r.values.map((v) => ({ ipv6Address: v })) }
      : r.type === 'CNAME' ? { cnameRecord: { cname: r.values[0] ?? '' } }
        : { txtRecords: [{ value: r.values }] };
  return { id: `${zoneId}/${r.type}/${r.name}`, name: r.name, type: `Microsoft.Network/privateDnsZones/${r.type}`, etag, properties: { ttl: r.ttl, fqdn, isAutoRegistered: false, ...data }, fr: { ...fr, parentId: zoneId } };
}

function applyAzureDns(tx: Tx, lab: Lab, dns: LabDns, ids: LabIds, tags: Record<string, string>): void {
  const { subscriptionId } = azureLabScope(lab);
  const rg = lab.azure.resourceGroup;
  const fr = { subscriptionId, resourceGroup: rg };
  const etag = () => tx.ctx.ids.guid();
  const guid = () => tx.ctx.ids.guid();
  const location = lab.azure.location;
  for (const z of dns.azure.privateZones) {
    const zoneName = canonicalName(z.name);
    const zoneId = armNetworkId(subscriptionId, rg, 'privateDnsZones', zoneName);
    const registering = z.links.filter((l) => l.registrationEnabled).length;
    tx.put('azure.PrivateDnsZone', {
      id: zoneId, name: zoneName, type: 'Microsoft.Network/privateDnsZones', location: 'global', tags, etag: etag(),
      properties: { maxNumberOfRecordSets: 25000, numberOfRecordSets: z.records.length + 1, maxNumberOfVirtualNetworkLinks: 1000, numberOfVirtualNetworkLinks: z.links.length, maxNumberOfVirtualNetworkLinksWithRegistration: 100, numberOfVirtualNetworkLinksWithRegistration: registering, provisioningState: 'Succeeded', internalId: guid() },
      fr,
    });
    for (const r of z.records) tx.put('azure.PrivateDnsRecordSet', recordSet(zoneId, zoneName, r, etag(), fr));
    for (const l of z.links) {
      tx.put('azure.PrivateDnsZoneLink', {
        id: `${zoneId}/virtualNetworkLinks/${l.name}`, name: l.name, type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks', location: 'global', tags, etag: etag(),
        properties: { virtualNetwork: { id: ids.get(A.vnet(l.vnet)) }, registrationEnabled: l.registrationEnabled, resolutionPolicy: 'Default', virtualNetworkLinkState: 'Completed', provisioningState: 'Succeeded' },
        fr: { ...fr, parentId: zoneId },
      });
    }
  }
  const outbound = new Map<string, string>();
  for (const r of dns.azure.resolvers) {
    const id = armNetworkId(subscriptionId, rg, 'dnsResolvers', r.name);
    tx.put('azure.DnsResolver', { id, name: r.name, type: 'Microsoft.Network/dnsResolvers', location, tags, etag: etag(), properties: { virtualNetwork: { id: ids.get(A.vnet(r.vnet)) }, dnsResolverState: 'Connected', provisioningState: 'Succeeded', resourceGuid: guid() }, fr });
    for (const e of r.inbound) {
      tx.put('azure.InboundEndpoint', {
        id: `${id}/inboundEndpoints/${e.name}`, name: e.name, type: 'Microsoft.Network/dnsResolvers/inboundEndpoints', location, tags, etag: etag(),
        properties: { ipConfigurations: [{ subnet: { id: ids.get(A.subnet(r.vnet, e.subnet)) }, privateIpAddress: e.privateIp, privateIpAllocationMethod: 'Static' }], provisioningState: 'Succeeded', resourceGuid: guid() },
        fr: { ...fr, parentId: id },
      });
    }
    for (const e of r.outbound) {
      const endpointId = `${id}/outboundEndpoints/${e.name}`;
      outbound.set(`${r.name}/${e.name}`, endpointId);
      tx.put('azure.OutboundEndpoint', { id: endpointId, name: e.name, type: 'Microsoft.Network/dnsResolvers/outboundEndpoints', location, tags, etag: etag(), properties: { subnet: { id: ids.get(A.subnet(r.vnet, e.subnet)) }, provisioningState: 'Succeeded', resourceGuid: guid() }, fr: { ...fr, parentId: id } });
    }
  }
  for (const s of dns.azure.rulesets) {
    const id = armNetworkId(subscriptionId, rg, 'dnsForwardingRulesets', s.name);
    const endpoints = s.outboundEndpoints.map((o) => {
      const found = outbound.get(o);
      if (found === undefined) throw fastroute.invalid('LabReference', `ruleset ${s.name} names outbound endpoint "${o}", which dns.azure.resolvers does not declare`);
      return { id: found };
    });
    tx.put('azure.DnsForwardingRuleset', { id, name: s.name, type: 'Microsoft.Network/dnsForwardingRulesets', location, tags, etag: etag(), properties: { dnsResolverOutboundEndpoints: endpoints, provisioningState: 'Succeeded', resourceGuid: guid() }, fr });
    for (const rule of s.rules) {
      tx.put('azure.ForwardingRule', {
        id: `${id}/forwardingRules/${rule.name}`, name: rule.name, type: 'Microsoft.Network/dnsForwardingRulesets/forwardingRules', etag: etag(),
        properties: { domainName: rule.domainName, targetDnsServers: rule.targets.map((t) => { const [ip = '', port = '53'] = t.split(':'); return { ipAddress: ip, port: Number(port) }; }), forwardingRuleState: rule.enabled ? 'Enabled' : 'Disabled', provisioningState: 'Succeeded' },
        fr: { ...fr, parentId: id },
      });
    }
    for (const l of s.links) {
      tx.put('azure.RulesetVirtualNetworkLink', { id: `${id}/virtualNetworkLinks/${l.name}`, name: l.name, type: 'Microsoft.Network/dnsForwardingRulesets/virtualNetworkLinks', etag: etag(), properties: { virtualNetwork: { id: ids.get(A.vnet(l.vnet)) }, provisioningState: 'Succeeded' }, fr: { ...fr, parentId: id } });
    }
  }
}

export function applyDns(tx: Tx, lab: Lab, ids: LabIds): void {
  if (!lab.dns) return;
  const tags = { [LAB_TAG]: lab.name };
  applyOciDns(tx, lab, lab.dns, ids, tags);
  applyAzureDns(tx, lab, lab.dns, ids, tags);
}

const DNS_PARENTS = ['oci.Resolver', 'oci.View', 'azure.PrivateDnsZone', 'azure.DnsResolver', 'azure.DnsForwardingRuleset'] as const;
const DNS_PARTS = ['oci.ResolverEndpoint', 'oci.Zone', 'azure.PrivateDnsRecordSet', 'azure.PrivateDnsZoneLink', 'azure.InboundEndpoint', 'azure.OutboundEndpoint', 'azure.ForwardingRule', 'azure.RulesetVirtualNetworkLink'] as const;

/** Removes a lab's DNS resources (tagged with the lab) and their parts, first in `down`: nothing else depends on them. */
export function removeLabDns(tx: Tx, name: string): number {
  let removed = 0;
  const taggedWith = (e: { freeformTags?: Record<string, string>; tags?: Record<string, string> }) => (e.freeformTags ?? e.tags)?.[LAB_TAG] === name;
  for (const kind of DNS_PARENTS) {
    for (const e of tx.list(kind)) {
      if (!taggedWith(e)) continue;
      for (const part of DNS_PARTS) for (const c of tx.children(part, e.id)) { tx.remove(part, c.id); removed++; }
      tx.remove(kind, e.id);
      removed++;
    }
  }
  return removed;
}
