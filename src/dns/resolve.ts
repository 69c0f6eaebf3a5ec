// resolve(r, {from, name, type}): a name looked up as the VM's resolver would, hop by hop.
// OCI (docs/dns.md): the VCN resolver at 169.254.169.254 checks its attached views in order, then
// the default view (with the VCN's own host names), then its rules in order (first match), then
// public DNS. Azure: 168.63.129.16 checks the forwarding rules of the rulesets linked to the VNet
// (longest domainName wins), then the private zones linked to the VNet, then the VNet's internal
// names, then public DNS. A forwarded query is a packet: it is traced over UDP 53 from the
// forwarding (outbound) endpoint to the target, and answered by whatever listens there (a
// listening endpoint: its VCN resolver; an inbound endpoint: Azure DNS of its VNet).
import type { Routing } from '../routing/routing.ts';
import { resolveEndpoint } from '../trace/endpoints.ts';
import { trace } from '../trace/trace.ts';
import type { TraceResult } from '../trace/types.ts';
import { OCI_VCN_RESOLVER_ADDRESS, type Resolver, type ResolverEndpoint } from '../model/oci/dns.ts';
import { AZURE_DNS_ADDRESS, type ForwardingRule, type InboundEndpoint } from '../model/azure/dns.ts';
import { cidr, containsAddress, ipToInt } from '../model/cidr.ts';
import { canonicalName, isUnder, labelCount } from './names.ts';
import { azureInternalAnswer, azureZoneAnswer, ociDefaultAnswer, ociViewAnswer, type ZoneAnswer } from './zones.ts';
import { outboundEndpointAddress } from './endpoint-nics.ts';
import type { DnsAnswer, DnsHop, DnsReason, DnsResolution, RecordType, ResolveRequest } from './types.ts';

/** Resolvers a query may cross (forwarders and CNAME hops together): a bound on every walk. */
export const MAX_RESOLVER_HOPS = 8;

/** Who asks a resolver: the VM itself, or a forwarder's address. */
interface Server { cloud: 'oci'; resolver: Resolver; client: string }
interface AzureServer { cloud: 'azure'; vnetId: string; client: string }
type AnyServer = Server | AzureServer;

interface Outcome { reason: DnsReason; answer: DnsAnswer[] }

class Walk {
  readonly hops: DnsHop[] = [];
  /** Resolver identity + name: a query that comes back to the same resolver for the same name loops. */
  readonly seen = new Set<string>();
  steps = 0;
  constructor(readonly r: Routing, readonly type: RecordType) {}
  hop(h: DnsHop): void { this.hops.push(h); }
}

const SECURITY_REASONS = new Set(['SECURITY_LIST_DENY', 'NSG_DENY', 'HOST_FIREWALL_DENY']);

function fail(w: Walk, reason: DnsReason, hop: DnsHop): Outcome {
  w.hop(hop);
  return { reason, answer: [] };
}

function serverKey(s: AnyServer): string {
  return s.cloud === 'oci' ? `oci:${s.resolver.id}` : `azure:${s.vnetId.toLowerCase()}`;
}

/** A zone's answer as the resolver's outcome; a CNAME is followed from the same resolver. */
function fromZone(w: Walk, s: AnyServer, z: ZoneAnswer, hop: Omit<DnsHop, 'decision' | 'detail'>, name: string): Outcome {
  if (z.status === 'nxdomain') return fail(w, 'NXDOMAIN', { ...hop, decision: 'fail', detail: `zone ${z.zoneName} owns ${name} but has no such name (authoritative NXDOMAIN)` });
  if (z.status === 'nodata') return fail(w, 'NODATA', { ...hop, decision: 'fail', detail: `${name} exists in ${z.zoneName} but has no ${w.type} record` });
  w.hop({ ...hop, decision: 'answer', detail: `zone ${z.zoneName} answers ${z.answers.map((a) => `${a.type} ${a.data}`).join(', ')}` });
  if (z.cname === undefined || w.type === 'CNAME') return { reason: 'ANSWERED', answer: z.answers };
  const next = ask(w, s, z.cname);
  return { reason: next.reason, answer: [...z.answers, ...next.answer] };
}

/** The zone of the other cloud (or any zone FastRoute knows) that owns the name, for the NO_FORWARDING_RULE detail. */
function knownZoneOf(w: Walk, name: string): string | undefined {
  const zones = [...w.r.memo.list('oci.Zone').map((z) => z.name), ...w.r.memo.list('azure.PrivateDnsZone').map((z) => z.name), ...w.r.memo.list('oci.Vcn').flatMap((v) => (v.vcnDomainName === undefined ? [] : [v.vcnDomainName]))];
  return zones.filter((z) => isUnder(name, z)).sort((a, b) => labelCount(b) - labelCount(a))[0];
}

function publicDns(w: Walk, s: AnyServer, name: string): Outcome {
  const zone = knownZoneOf(w, name);
  const at = s.cloud === 'oci' ? 'the VCN resolver' : 'Azure DNS';
  if (zone !== undefined) return fail(w, 'NO_FORWARDING_RULE', { kind: 'public-dns', cloud: 'internet', resource: 'public DNS', decision: 'fail', detail: `${name} is in private zone ${zone}, which ${at} does not see: no view, linked zone or forwarding rule covers it, so the query goes to public DNS, which answers NXDOMAIN` });
  return fail(w, 'NXDOMAIN', { kind: 'public-dns', cloud: 'internet', resource: 'public DNS', decision: 'fail', detail: `no private zone covers ${name}; public DNS is not modelled (FastRoute has no internet), so it answers NXDOMAIN` });
}

/** Who answers DNS at an address: an OCI listening endpoint or an Azure inbound endpoint. */
function listenerAt(w: Walk, address: string): { oci: ResolverEndpoint } | { azure: InboundEndpoint } | undefined {
  const oci = w.r.memo.list('oci.ResolverEndpoint').find((e) => e.isListening && e.listeningAddress === address && e.lifecycleState === 'ACTIVE');
  if (oci) return { oci };
  const azure = w.r.memo.list('azure.InboundEndpoint').find((e) => e.properties.ipConfigurations.some((c) => c.privateIpAddress === address));
  return azure ? { azure } : undefined;
}

/** The forwarded query as a packet (UDP 53) from the forwarder's address to the target; then whoever listens there answers. */
function forward(w: Walk, from: { cloud: 'oci' | 'azure'; address: string }, target: string, port: number, name: string): Outcome {
  const t: TraceResult = trace(w.r, { from: from.address, to: target, protocol: 'udp', port, sourcePort: 53000 });
  if (t.verdict === 'dropped') {
    const drop = [...t.hops, ...(t.returnPath?.hops ?? [])].find((h) => h.decision === 'drop');
    const where = drop ? `${drop.name ?? drop.resource}${drop.rule === undefined ? '' : ` (${drop.rule})`}: ${drop.detail ?? drop.reason}` : t.reason;
    const reason: DnsReason = SECURITY_REASONS.has(t.reason) ? 'SECURITY_BLOCKS_DNS' : 'ENDPOINT_UNREACHABLE';
    return fail(w, reason, { kind: 'network', cloud: from.cloud, resource: `${from.address} → ${target}:${port}/udp`, decision: 'fail', detail: `the query from ${from.address} to ${target} port ${port}/udp is dropped (${t.reason}) at ${where}`, trace: t });
  }
  w.hop({ kind: 'network', cloud: from.cloud, resource: `${from.address} → ${target}:${port}/udp`, decision: 'forward', detail: `${from.address} reaches ${target} port ${port}/udp and the reply returns (${t.hops.length + (t.returnPath?.hops.length ?? 0)} hops)`, trace: t });
  const listener = port === 53 ? listenerAt(w, target) : undefined;
  if (!listener) return fail(w, 'NO_LISTENER', { kind: 'network', cloud: from.cloud, resource: target, decision: 'fail', detail: `nothing answers DNS at ${target}:${port}: it is not a listening endpoint (OCI) or an inbound endpoint (Azure)` });
  if ('oci' in listener) {
    const resolver = w.r.memo.get('oci.Resolver', listener.oci.resolverId);
    if (!resolver) return fail(w, 'NO_LISTENER', { kind: 'listening-endpoint', cloud: 'oci', resource: listener.oci.id, name: listener.oci.name, decision: 'fail', detail: 'the listening endpoint has no resolver' });
    w.hop({ kind: 'listening-endpoint', cloud: 'oci', resource: listener.oci.id, name: listener.oci.name, decision: 'query', detail: `listening endpoint ${listener.oci.name} (${target}) hands ${name} to its VCN resolver` });
    return ask(w, { cloud: 'oci', resolver, client: from.address }, name);
  }
  const dnsResolver = w.r.memo.get('azure.DnsResolver', listener.azure.fr.parentId);
  if (!dnsResolver) return fail(w, 'NO_LISTENER', { kind: 'inbound-endpoint', cloud: 'azure', resource: listener.azure.id, name: listener.azure.name, decision: 'fail', detail: 'the inbound endpoint has no DNS resolver' });
  w.hop({ kind: 'inbound-endpoint', cloud: 'azure', resource: listener.azure.id, name: listener.azure.name, decision: 'query', detail: `inbound endpoint ${listener.azure.name} (${target}) hands ${name} to Azure DNS of ${dnsResolver.properties.virtualNetwork.id.split('/').pop() ?? ''}` });
  return ask(w, { cloud: 'azure', vnetId: dnsResolver.properties.virtualNetwork.id, client: from.address }, name);
}

function clientMatches(rule: Resolver['rules'][number], client: string): boolean {
  const ip = ipToInt(client);
  return rule.clientAddressConditions.length === 0 || (ip !== undefined && rule.clientAddressConditions.some((c) => containsAddress(cidr(c), ip)));
}

function askOci(w: Walk, s: Server, name: string): Outcome {
  const res = s.resolver;
  const vcn = w.r.memo.get('oci.Vcn', res.attachedVcnId);
  for (const v of res.attachedViews) {
    const z = ociViewAnswer(w.r.memo, v.viewId, name, w.type);
    const view = w.r.memo.get('oci.View', v.viewId);
    if (z) return fromZone(w, s, z, { kind: 'private-view', cloud: 'oci', resource: z.zoneId, name: `${view?.displayName ?? v.viewId}/${z.zoneName}` }, name);
  }
  const inDefault = ociViewAnswer(w.r.memo, res.defaultViewId, name, w.type) ?? (vcn ? ociDefaultAnswer(w.r.memo, vcn, name, w.type) : undefined);
  if (inDefault) return fromZone(w, s, inDefault, { kind: 'default-names', cloud: 'oci', resource: inDefault.zoneId, name: `default view/${inDefault.zoneName}` }, name);
  const ruleIndex = res.rules.findIndex((rule) => clientMatches(rule, s.client) && (rule.qnameCoverConditions.length === 0 || rule.qnameCoverConditions.some((d) => isUnder(name, d))));
  const rule = res.rules[ruleIndex];
  if (!rule) return publicDns(w, s, name);
  const covers = rule.qnameCoverConditions.find((d) => isUnder(name, d)) ?? '(every name)';
  w.hop({ kind: 'resolver-rule', cloud: 'oci', resource: res.id, name: `rule ${ruleIndex + 1}`, decision: 'match', detail: `rule ${ruleIndex + 1} (FORWARD ${covers} → ${rule.destinationAddresses.join(', ')}${rule.sourceEndpointName === undefined ? '' : ` from ${rule.sourceEndpointName}`}) matches ${name}` });
  const endpoint = w.r.memo.children('oci.ResolverEndpoint', res.id).find((e) => e.name === rule.sourceEndpointName && e.isForwarding);
  if (!endpoint?.forwardingAddress) return fail(w, 'ENDPOINT_UNREACHABLE', { kind: 'forwarding-endpoint', cloud: 'oci', resource: res.id, name: rule.sourceEndpointName ?? '(none)', decision: 'fail', detail: `the rule's source endpoint ${rule.sourceEndpointName ?? '(none)'} is not a forwarding endpoint of this resolver` });
  w.hop({ kind: 'forwarding-endpoint', cloud: 'oci', resource: endpoint.id, name: endpoint.name, decision: 'forward', detail: `forwarding endpoint ${endpoint.name} sends the query from ${endpoint.forwardingAddress}` });
  return forwardToFirst(w, { cloud: 'oci', address: endpoint.forwardingAddress }, rule.destinationAddresses.map((a) => ({ ipAddress: a, port: 53 })), name);
}

/** Targets in order: the first that answers wins; when none does, the first one's failure is the outcome. */
function forwardToFirst(w: Walk, from: { cloud: 'oci' | 'azure'; address: string }, targets: readonly { ipAddress: string; port: number }[], name: string): Outcome {
  let first: Outcome | undefined;
  for (const t of targets) {
    const o = forward(w, from, t.ipAddress, t.port, name);
    if (o.reason === 'ANSWERED' || o.reason === 'NXDOMAIN' || o.reason === 'NODATA' || o.reason === 'FORWARDING_LOOP') return o;
    first ??= o;
  }
  return first ?? { reason: 'ENDPOINT_UNREACHABLE', answer: [] };
}

/** The longest enabled forwarding rule of the rulesets linked to the VNet. */
function azureRule(w: Walk, vnetId: string, name: string): { rule: ForwardingRule; rulesetId: string } | undefined {
  let best: { rule: ForwardingRule; rulesetId: string } | undefined;
  for (const link of w.r.memo.list('azure.RulesetVirtualNetworkLink')) {
    if (link.properties.virtualNetwork.id.toLowerCase() !== vnetId.toLowerCase()) continue;
    for (const rule of w.r.memo.children('azure.ForwardingRule', link.fr.parentId)) {
      if (rule.properties.forwardingRuleState !== 'Enabled' || !isUnder(name, rule.properties.domainName)) continue;
      if (!best || labelCount(rule.properties.domainName) > labelCount(best.rule.properties.domainName)) best = { rule, rulesetId: link.fr.parentId };
    }
  }
  return best;
}

function askAzure(w: Walk, s: AzureServer, name: string): Outcome {
  const matched = azureRule(w, s.vnetId, name);
  if (matched) {
    const { rule, rulesetId } = matched;
    const ruleset = w.r.memo.get('azure.DnsForwardingRuleset', rulesetId);
    w.hop({ kind: 'forwarding-rule', cloud: 'azure', resource: rule.id, name: `${ruleset?.name ?? ''}/${rule.name}`, decision: 'match', detail: `forwarding rule ${rule.name} (${rule.properties.domainName} → ${rule.properties.targetDnsServers.map((t) => `${t.ipAddress}:${t.port}`).join(', ')}) is the longest match for ${name}` });
    const outboundId = ruleset?.properties.dnsResolverOutboundEndpoints[0]?.id;
    const outbound = outboundId === undefined ? undefined : w.r.memo.get('azure.OutboundEndpoint', outboundId);
    const address = outbound ? outboundEndpointAddress(w.r.memo, outbound) : undefined;
    if (!outbound || address === undefined) return fail(w, 'ENDPOINT_UNREACHABLE', { kind: 'outbound-endpoint', cloud: 'azure', resource: rulesetId, name: ruleset?.name ?? rulesetId, decision: 'fail', detail: 'the ruleset has no outbound endpoint in a subnet FastRoute knows' });
    w.hop({ kind: 'outbound-endpoint', cloud: 'azure', resource: outbound.id, name: outbound.name, decision: 'forward', detail: `outbound endpoint ${outbound.name} sends the query from ${address}` });
    return forwardToFirst(w, { cloud: 'azure', address }, rule.properties.targetDnsServers, name);
  }
  const zone = azureZoneAnswer(w.r.memo, s.vnetId, name, w.type);
  if (zone) return fromZone(w, s, zone, { kind: 'private-zone', cloud: 'azure', resource: zone.zoneId, name: zone.zoneName }, name);
  const vnet = w.r.memo.get('azure.VirtualNetwork', s.vnetId);
  const internal = vnet ? azureInternalAnswer(w.r.memo, vnet, name, w.type) : undefined;
  if (internal) return fromZone(w, s, internal, { kind: 'default-names', cloud: 'azure', resource: s.vnetId, name: internal.zoneName }, name);
  return publicDns(w, s, name);
}

function ask(w: Walk, s: AnyServer, name: string): Outcome {
  const key = `${serverKey(s)}|${canonicalName(name)}`;
  if (w.seen.has(key) || ++w.steps > MAX_RESOLVER_HOPS) {
    const at = s.cloud === 'oci' ? s.resolver.id : s.vnetId;
    const label = s.cloud === 'oci' ? s.resolver.displayName : (s.vnetId.split('/').pop() ?? s.vnetId);
    return fail(w, 'FORWARDING_LOOP', { kind: s.cloud === 'oci' ? 'vcn-resolver' : 'azure-dns', cloud: s.cloud, resource: at, name: label, decision: 'fail', detail: `${name} came back to ${s.cloud === 'oci' ? 'VCN resolver' : 'Azure DNS of'} ${label} (asked by ${s.client}): the forwarders loop; the query is stopped here (real resolvers time out, then answer SERVFAIL)` });
  }
  w.seen.add(key);
  if (s.cloud === 'oci') {
    w.hop({ kind: 'vcn-resolver', cloud: 'oci', resource: s.resolver.id, name: s.resolver.displayName, decision: 'query', detail: `VCN resolver ${s.resolver.displayName} (${OCI_VCN_RESOLVER_ADDRESS} in the VCN) gets ${name} ${w.type} from ${s.client}` });
    return askOci(w, s, name);
  }
  w.hop({ kind: 'azure-dns', cloud: 'azure', resource: s.vnetId, name: s.vnetId.split('/').pop() ?? s.vnetId, decision: 'query', detail: `Azure DNS (${AZURE_DNS_ADDRESS}) of the VNet gets ${name} ${w.type} from ${s.client}` });
  return askAzure(w, s, name);
}

/**
 * The VCN's resolver. OCI creates one with every VCN; a VCN FastRoute built without one (labs
 * without a dns section, older stores) gets a stand-in with the default view only, no rules.
 */
export function vcnResolverOf(r: Routing, vcnId: string): Resolver | undefined {
  const stored = r.memo.children('oci.Resolver', vcnId)[0];
  if (stored) return stored;
  const vcn = r.memo.get('oci.Vcn', vcnId);
  if (!vcn) return undefined;
  return {
    id: `resolver-of:${vcn.id}`, compartmentId: vcn.compartmentId, displayName: vcn.displayName, attachedVcnId: vcn.id, defaultViewId: '', isProtected: true, attachedViews: [], rules: [],
    self: '', timeCreated: vcn.timeCreated, timeUpdated: vcn.timeCreated, lifecycleState: 'ACTIVE', freeformTags: {}, definedTags: {}, fr: vcn.fr,
  };
}

/** A name asked directly of a resolver (the doctor's probes): an OCI VCN resolver or Azure DNS of a VNet. */
export function resolveAt(r: Routing, at: { ociResolverId: string } | { vnetId: string }, name: string, client: string, type: RecordType = 'A'): DnsResolution {
  const w = new Walk(r, type);
  const n = canonicalName(name);
  let out: Outcome;
  if ('ociResolverId' in at) {
    const resolver = r.memo.get('oci.Resolver', at.ociResolverId);
    out = resolver ? ask(w, { cloud: 'oci', resolver, client }, n) : { reason: 'UNKNOWN_CLIENT', answer: [] };
  } else out = ask(w, { cloud: 'azure', vnetId: at.vnetId, client }, n);
  return { query: { from: client, name: n, type }, verdict: out.reason === 'ANSWERED' ? 'answered' : 'failed', reason: out.reason, answer: out.answer, hops: w.hops };
}

function unknownClient(req: ResolveRequest, type: RecordType, detail: string): DnsResolution {
  return { query: { from: req.from, name: canonicalName(req.name), type }, verdict: 'failed', reason: 'UNKNOWN_CLIENT', answer: [], hops: [{ kind: 'client', cloud: 'oci', resource: req.from, decision: 'fail', detail }] };
}

export function resolve(r: Routing, req: ResolveRequest): DnsResolution {
  const type = req.type ?? 'A';
  const name = canonicalName(req.name);
  const ep = resolveEndpoint(r, req.from);
  if (!ep || (ep.cloud !== 'oci' && ep.cloud !== 'azure')) return unknownClient(req, type, `${req.from} is not a VM FastRoute knows`);
  const w = new Walk(r, type);
  let server: AnyServer;
  if (ep.cloud === 'oci') {
    const vcnId = r.memo.get('oci.Subnet', ep.vnic.subnetId)?.vcnId ?? '';
    const resolver = vcnResolverOf(r, vcnId);
    if (!resolver) return unknownClient(req, type, `the VCN of ${ep.name} is not known`);
    w.hop({ kind: 'client', cloud: 'oci', resource: ep.hostId, name: ep.name, decision: 'query', detail: `${ep.name} (${ep.vnic.privateIp}) asks ${OCI_VCN_RESOLVER_ADDRESS} for ${name} ${type}` });
    server = { cloud: 'oci', resolver, client: ep.vnic.privateIp };
  } else {
    const vnetId = r.memo.get('azure.Subnet', ep.subnetId)?.fr.parentId ?? '';
    const address = ep.nic.properties.ipConfigurations[0]?.properties.privateIPAddress ?? '';
    w.hop({ kind: 'client', cloud: 'azure', resource: ep.hostId, name: ep.name, decision: 'query', detail: `${ep.name} (${address}) asks ${AZURE_DNS_ADDRESS} for ${name} ${type}` });
    server = { cloud: 'azure', vnetId, client: address };
  }
  const out = ask(w, server, name);
  return { query: { from: ep.name, name, type }, verdict: out.reason === 'ANSWERED' ? 'answered' : 'failed', reason: out.reason, answer: out.answer, hops: w.hops };
}
