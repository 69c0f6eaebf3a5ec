// The lab's `dns:` section: OCI VCN resolvers (endpoints, attached views, FORWARD rules) and private
// views/zones; Azure private DNS zones (records, VNet links), DNS private resolvers (inbound and
// outbound endpoints) and forwarding rulesets (rules, VNet links); and name lookups `fastroute
// check` and the lab tests expect (resolve). Cross-references are checked when the lab is applied.
import { z } from 'zod';
import { ipToInt } from '../model/cidr.ts';
import { DNS_REASONS, RECORD_TYPES } from '../dns/types.ts';

const isIpv4 = (value: string): boolean => ipToInt(value) !== undefined;
const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, 'a name uses letters, digits, ".", "_" and "-" (1-80)');
const ref = z.string().min(1, 'must name a resource');
const ipv4 = z.string().refine(isIpv4, { error: (iss) => `"${String(iss.input)}" is not an IPv4 address (a.b.c.d)` });
const domain = z.string().regex(/^([a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?\.)*[a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?\.?$/, 'a domain name is dot-separated labels, e.g. azure.example');
const recordType = z.enum(RECORD_TYPES);

const ociRecord = z.strictObject({
  domain: domain.describe('Fully qualified name of the record, inside the zone.'),
  rtype: recordType.describe('A, AAAA, CNAME or TXT.'),
  rdata: z.string().min(1).describe('The record data ("10.10.10.10", "db.example.").'),
  ttl: z.int().min(0).max(604800).default(300).describe('Seconds; default 300.'),
});

const ociEndpoint = z.strictObject({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,49}$/, 'an OCI resolver endpoint name starts with a letter and uses letters, digits and "_" (at most 50)').describe('Endpoint name (rules name their source endpoint by it).'),
  subnet: ref.describe('The subnet (of the resolver\'s VCN) the endpoint\'s VNIC is in.'),
  forwarding: z.boolean().default(false).describe('Sends queries out (isForwarding).'),
  listening: z.boolean().default(false).describe('Answers queries from outside the VCN (isListening).'),
  forwardingAddress: ipv4.optional().describe('The forwarding address (in the subnet).'),
  listeningAddress: ipv4.optional().describe('The listening address (in the subnet).'),
  nsgs: z.array(ref).default([]).describe('NSGs (of the VCN) of the endpoint\'s VNIC.'),
});

const ociRule = z.strictObject({
  domains: z.array(domain).default([]).describe('qnameCoverConditions: the domains the rule covers (empty: every name).'),
  clients: z.array(z.string()).default([]).describe('clientAddressConditions: client CIDRs (empty: every client).'),
  destinations: z.array(ipv4).min(1).describe('destinationAddresses: the DNS servers queries go to (port 53).'),
  sourceEndpoint: z.string().describe('sourceEndpointName: the forwarding endpoint queries leave from.'),
});

const ociResolver = z.strictObject({
  vcn: ref.describe('The VCN whose resolver this configures (one resolver per VCN).'),
  endpoints: z.array(ociEndpoint).default([]).describe('Resolver endpoints (VNIC).'),
  views: z.array(ref).default([]).describe('Private views attached, in evaluation order.'),
  rules: z.array(ociRule).default([]).describe('FORWARD rules, evaluated in order after the views.'),
});

const ociView = z.strictObject({
  name: name.describe('View display name.'),
  zones: z.array(z.strictObject({
    name: domain.describe('Zone name.'),
    records: z.array(ociRecord).default([]).describe('Records.'),
  })).default([]).describe('PRIVATE, PRIMARY zones of the view.'),
});

const azureRecord = z.strictObject({
  name: z.string().min(1).describe('Record set name, relative to the zone ("@" for the apex).'),
  type: recordType.describe('A, AAAA, CNAME or TXT.'),
  values: z.array(z.string().min(1)).min(1).describe('Addresses (A, AAAA), the canonical name (CNAME, one) or strings (TXT).'),
  ttl: z.int().min(1).max(2147483647).default(3600).describe('Seconds; default 3600.'),
});

const azureZone = z.strictObject({
  name: domain.describe('Private zone name (e.g. azure.example).'),
  records: z.array(azureRecord).default([]).describe('Record sets.'),
  links: z.array(z.strictObject({
    name: name.describe('Link name.'),
    vnet: ref.describe('The linked VNet.'),
    registrationEnabled: z.boolean().default(false).describe('Auto-register the VNet\'s VMs in the zone.'),
  })).default([]).describe('virtualNetworkLinks.'),
});

const azureResolver = z.strictObject({
  name: name.describe('DNS private resolver name.'),
  vnet: ref.describe('The VNet the resolver is in.'),
  inbound: z.array(z.strictObject({ name: name.describe('Inbound endpoint name.'), subnet: ref.describe('Dedicated subnet (of the VNet).'), privateIp: ipv4.describe('The inbound endpoint address (static).') })).default([]).describe('Inbound endpoints.'),
  outbound: z.array(z.strictObject({ name: name.describe('Outbound endpoint name (rulesets name it "<resolver>/<endpoint>").'), subnet: ref.describe('Dedicated subnet (of the VNet).') })).default([]).describe('Outbound endpoints.'),
});

const azureRuleset = z.strictObject({
  name: name.describe('Forwarding ruleset name.'),
  outboundEndpoints: z.array(z.string().regex(/^[^/]+\/[^/]+$/, 'an outbound endpoint is "<resolver>/<endpoint>"')).min(1).describe('"<resolver>/<outbound endpoint>".'),
  rules: z.array(z.strictObject({
    name: name.describe('Rule name.'),
    domainName: z.string().regex(/\.$/, 'a forwarding rule domainName ends with "." (e.g. "oraclevcn.com.")').describe('Domain, ending with ".".'),
    targets: z.array(z.string().regex(/^\d+\.\d+\.\d+\.\d+(:\d+)?$/, 'a target is "ip" or "ip:port"')).min(1).describe('targetDnsServers, "ip[:port]" (port 53 by default).'),
    enabled: z.boolean().default(true).describe('forwardingRuleState Enabled (default) or Disabled.'),
  })).default([]).describe('Forwarding rules.'),
  links: z.array(z.strictObject({ name: name.describe('Link name.'), vnet: ref.describe('The VNet whose Azure DNS uses the ruleset.') })).default([]).describe('VNets that use the ruleset.'),
});

const dnsExpectation = z.strictObject({
  name: name.describe('Expectation name.'),
  from: ref.describe('The asking VM.'),
  query: domain.describe('The name looked up.'),
  type: recordType.default('A').describe('Record type; default A.'),
  expect: z.enum(['answered', 'failed']).describe('answered or failed.'),
  answer: z.array(z.string()).optional().describe('For answered: the record data expected (any order).'),
  reason: z.enum(Object.keys(DNS_REASONS) as [keyof typeof DNS_REASONS, ...(keyof typeof DNS_REASONS)[]]).optional().describe('For failed: the expected reason.'),
});

export const labDnsSchema = z.strictObject({
  oci: z.strictObject({
    resolvers: z.array(ociResolver).default([]).describe('VCN resolvers (one per VCN).'),
    views: z.array(ociView).default([]).describe('Private views and their zones.'),
  }).default({ resolvers: [], views: [] }).describe('OCI DNS (API 20180115).'),
  azure: z.strictObject({
    privateZones: z.array(azureZone).default([]).describe('Private DNS zones (Microsoft.Network/privateDnsZones).'),
    resolvers: z.array(azureResolver).default([]).describe('DNS private resolvers (Microsoft.Network/dnsResolvers).'),
    rulesets: z.array(azureRuleset).default([]).describe('DNS forwarding rulesets (Microsoft.Network/dnsForwardingRulesets).'),
  }).default({ privateZones: [], resolvers: [], rulesets: [] }).describe('Azure DNS.'),
  expectations: z.array(dnsExpectation).default([]).describe('Name lookups checked by the lab tests (resolve).'),
}).describe('Cross-cloud DNS (docs/dns.md).');

export type LabDns = z.output<typeof labDnsSchema>;
