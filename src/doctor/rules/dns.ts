// Cross-cloud DNS (docs/dns.md): each OCI VCN resolver that forwards must reach the Azure zones, and
// each VNet served by a DNS private resolver must reach the OCI zones; the forwarders must be
// reachable over UDP 53 and must not loop; Azure zones must be linked to a VNet. Only worlds with DNS
// resources on both sides are judged (a VCN resolver with endpoints, an Azure resolver or zone).
import type { Routing } from '../../routing/routing.ts';
import type { Finding } from '../types.ts';
import { finding, listOf } from '../context.ts';
import { resolveAt } from '../../dns/resolve.ts';
import { isUnder } from '../../dns/names.ts';
import type { DnsResolution } from '../../dns/types.ts';
import type { Resolver } from '../../model/oci/dns.ts';

/** A name inside a domain for the probes (a name no zone is likely to hold, so NXDOMAIN is a success). */
const probeName = (domain: string) => `fastroute-doctor-probe.${domain.replace(/\.$/, '')}`;
const PROBE_CLIENT = '0.0.0.0';

/** The hop a probe failed at, in words. */
function failedAt(res: DnsResolution): string {
  return res.hops.at(-1)?.detail ?? res.reason;
}

function forwardingResolvers(r: Routing): Resolver[] {
  return r.memo.list('oci.Resolver').filter((res) => r.memo.children('oci.ResolverEndpoint', res.id).length > 0);
}

/** VNets a DNS private resolver serves: its own and those linked to a ruleset. */
function dnsVnets(r: Routing): string[] {
  const ids = new Map<string, string>();
  for (const d of r.memo.list('azure.DnsResolver')) ids.set(d.properties.virtualNetwork.id.toLowerCase(), d.properties.virtualNetwork.id);
  for (const l of r.memo.list('azure.RulesetVirtualNetworkLink')) ids.set(l.properties.virtualNetwork.id.toLowerCase(), l.properties.virtualNetwork.id);
  return [...ids.values()];
}

const vnetName = (id: string) => id.split('/').pop() ?? id;

function missingForwarders(r: Routing): Finding[] {
  const out: Finding[] = [];
  const azureZones = r.memo.list('azure.PrivateDnsZone');
  for (const res of forwardingResolvers(r)) {
    for (const zone of azureZones) {
      const covered = res.rules.some((rule) => rule.qnameCoverConditions.length === 0 || rule.qnameCoverConditions.some((d) => isUnder(zone.name, d)));
      const inView = res.attachedViews.some((v) => r.memo.children('oci.Zone', v.viewId).some((z) => isUnder(zone.name, z.name)));
      if (covered || inView) continue;
      out.push(finding('DNS_NO_CONDITIONAL_FORWARDER', [res.id, zone.id],
        `VCN resolver ${res.displayName} has no FORWARD rule for Azure private zone ${zone.name}: VMs in the VCN send ${zone.name} names to public DNS, which answers NXDOMAIN.`,
        `Add a resolver rule { action: FORWARD, qnameCoverConditions: ["${zone.name}"], destinationAddresses: [<Azure inbound endpoint address>], sourceEndpointName: <a forwarding endpoint> } (updateResolver), and let UDP 53 through to the inbound endpoint.`));
    }
  }
  const ociZones = r.memo.list('oci.Zone').filter((z) => !z.isProtected && r.memo.list('oci.Resolver').some((res) => res.attachedViews.some((v) => v.viewId === z.viewId)));
  for (const vnetId of dnsVnets(r)) {
    for (const zone of ociZones) {
      const probe = resolveAt(r, { vnetId }, probeName(zone.name), PROBE_CLIENT);
      if (probe.reason !== 'NO_FORWARDING_RULE') continue;
      out.push(finding('DNS_NO_CONDITIONAL_FORWARDER', [vnetId, zone.id],
        `VNet ${vnetName(vnetId)} has no forwarding rule for OCI private zone ${zone.name}: Azure DNS sends ${zone.name} names to public DNS, which answers NXDOMAIN.`,
        `Add a forwarding rule with domainName "${zone.name}." and targetDnsServers [<OCI listening endpoint address>:53] to a DNS forwarding ruleset linked to ${vnetName(vnetId)} (through an outbound endpoint).`));
    }
  }
  return out;
}

/** Every forwarding rule probed once: unreachable targets, blocked UDP 53, and loops. */
function forwardingProbes(r: Routing): Finding[] {
  const out: Finding[] = [];
  const judge = (res: DnsResolution, resources: string[], what: string, fixUnreachable: string) => {
    if (res.reason === 'FORWARDING_LOOP') {
      const resolvers = res.hops.filter((h) => h.kind === 'vcn-resolver' || h.kind === 'azure-dns').map((h) => h.name ?? h.resource);
      out.push(finding('DNS_FORWARDING_LOOP', resources, `${what} loops: the query crosses ${listOf([...new Set(resolvers)])} and comes back (${failedAt(res)}).`,
        'Break the cycle: a resolver must not forward a domain to an endpoint whose resolver forwards it back (e.g. do not link the VNet of an inbound endpoint to a ruleset that forwards the same domain to that endpoint; answer the zone where it lives instead).'));
    } else if (res.reason === 'ENDPOINT_UNREACHABLE' || res.reason === 'SECURITY_BLOCKS_DNS' || res.reason === 'NO_LISTENER') {
      out.push(finding('DNS_ENDPOINT_UNREACHABLE', resources, `${what} does not get an answer: ${failedAt(res)}.`, fixUnreachable));
    }
  };
  for (const res of r.memo.list('oci.Resolver')) {
    res.rules.forEach((rule, i) => {
      for (const d of rule.qnameCoverConditions) {
        judge(resolveAt(r, { ociResolverId: res.id }, probeName(d), rule.clientAddressConditions[0]?.split('/')[0] ?? PROBE_CLIENT),
          [res.id], `Rule ${i + 1} of VCN resolver ${res.displayName} (${d} → ${listOf(rule.destinationAddresses)})`,
          `Open UDP and TCP 53 from the forwarding endpoint ${rule.sourceEndpointName ?? ''} to ${listOf(rule.destinationAddresses)} (OCI security lists/NSGs of the endpoint's subnet, Azure NSGs of the inbound endpoint's subnet), route the endpoint subnet across the interconnect, and point the rule at a listening or inbound endpoint.`);
      }
    });
  }
  for (const link of r.memo.list('azure.RulesetVirtualNetworkLink')) {
    for (const rule of r.memo.children('azure.ForwardingRule', link.fr.parentId)) {
      if (rule.properties.forwardingRuleState !== 'Enabled') continue;
      judge(resolveAt(r, { vnetId: link.properties.virtualNetwork.id }, probeName(rule.properties.domainName), PROBE_CLIENT),
        [rule.id, link.properties.virtualNetwork.id], `Forwarding rule ${rule.name} (${rule.properties.domainName} → ${rule.properties.targetDnsServers.map((t) => `${t.ipAddress}:${t.port}`).join(', ')}) used by VNet ${vnetName(link.properties.virtualNetwork.id)}`,
        'Let UDP and TCP 53 from the outbound endpoint\'s subnet reach the target (OCI security list or NSG of the listening endpoint\'s subnet, routes across the interconnect), and target a listening endpoint.');
    }
  }
  return out;
}

function unlinkedZones(r: Routing): Finding[] {
  return r.memo.list('azure.PrivateDnsZone').filter((z) => r.memo.children('azure.PrivateDnsZoneLink', z.id).length === 0).map((z) => finding('DNS_ZONE_NOT_LINKED', [z.id],
    `Private DNS zone ${z.name} is linked to no virtual network: no VNet, and no inbound endpoint, answers its names (queries from OCI get NXDOMAIN).`,
    `Link the zone to the VNet of the DNS private resolver's inbound endpoint (and to the VNets whose VMs use it): az network private-dns link vnet create --zone-name ${z.name} --virtual-network <vnet> --registration-enabled false.`));
}

export function dnsRules(r: Routing): Finding[] {
  if (r.memo.list('oci.Resolver').length === 0 && r.memo.list('azure.DnsResolver').length === 0 && r.memo.list('azure.PrivateDnsZone').length === 0) return [];
  return [...missingForwarders(r), ...forwardingProbes(r), ...unlinkedZones(r)];
}
