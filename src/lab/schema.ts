// The lab file format: one YAML document declaring both clouds' networks, their VMs, the interconnect
// between them and the flows expected to be delivered or dropped. This schema checks the *syntax*
// (shapes, enums, CIDRs, addresses, ports, priorities) and the *cross-references* between names.
// Cloud semantics (overlaps, containment, GatewaySubnet size, SKU limits, region pairs...) are left
// to the engine, which reports them with the clouds' own errors. labs/README.md documents every field.
import { z } from 'zod';
import { formatPrefix, intToIp, ipToInt, parseCidr, parseInterfaceAddress } from '../model/cidr.ts';
import { normaliseErGatewaySku } from '../model/azure/gateway-skus.ts';
import { ON_PREMISES_ROUTERS } from '../model/onprem/site.ts';
import { MAX_FLOWS, trafficFlowSchema } from '../traffic/schema.ts';
import { labDnsSchema } from './dns-schema.ts';

// ---------------------------------------------------------------------------------------------
// Scalars
// ---------------------------------------------------------------------------------------------

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/** A resource name declared in the lab (also the cloud display name / ARM name). */
const resourceName = (what: string) =>
  z.string().regex(NAME_RE, `${what} names use letters, digits, ".", "_" and "-", start with a letter or digit and have at most 80 characters`);

/** A reference to a name declared elsewhere in the lab; existence is checked by `checkReferences`. */
const ref = z.string().min(1, 'must name a resource');

function cidrProblem(value: string): string | undefined {
  if (value.trim() !== value) return `"${value}" has surrounding spaces`;
  const parsed = parseCidr(value);
  if (parsed.ok) return undefined;
  if (parsed.problem === 'not-ipv4') return `"${value}" is not an IPv4 CIDR block: labs are IPv4 only`;
  if (parsed.problem === 'host-bits-set') {
    const loose = parseCidr(value, false);
    const network = loose.ok ? formatPrefix(loose.prefix) : undefined;
    return `"${value}" has host bits set${network === undefined ? '' : `: the network is ${network}`}`;
  }
  return `"${value}" is not a CIDR block (expected a.b.c.d/n, e.g. 10.10.0.0/16)`;
}

/** An IPv4 network in CIDR notation with no host bits set, as both clouds require. */
const cidr = z.string().superRefine((value, ctx) => {
  const problem = cidrProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

const isIpv4 = (value: string): boolean => ipToInt(value) !== undefined;

const ipv4 = z.string().refine(isIpv4, { error: (iss) => `"${String(iss.input)}" is not an IPv4 address (a.b.c.d)` });

/** An interface address with its mask, e.g. "10.99.0.2/30" (the host part is kept). */
const interfaceAddress = z.string().refine(
  (value) => /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(value) && parseInterfaceAddress(value) !== undefined,
  { error: (iss) => `"${String(iss.input)}" is not an interface address with its mask (e.g. 10.99.0.2/30)` },
);

const PORT_RANGE_RE = /^(\d{1,5})(?:-(\d{1,5}))?$/;

/** Parses "22" or "1521-1522" into a range; undefined when malformed or out of 1..65535. */
export function parsePortRange(text: string): { min: number; max: number } | undefined {
  const match = PORT_RANGE_RE.exec(text);
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (min < 1 || max > 65535 || min > max) return undefined;
  return { min, max };
}

const PORT_HINT = 'a port is 1-65535 ("22") and a range is "min-max" with min <= max ("1521-1522")';

/** A port or port range, written as a number (22) or a string ("22", "1521-1522"); output as a string. */
const portRange = z
  .union([z.int(), z.string()], { error: `expected a port or a port range: ${PORT_HINT}` })
  .transform(String)
  .refine((value) => parsePortRange(value) !== undefined, { error: PORT_HINT });

/** An Azure port: "*", a port or a range; output as a string. */
const azurePort = z
  .union([z.int(), z.string()], { error: `expected "*", a port or a port range: ${PORT_HINT}` })
  .transform(String)
  .refine((value) => value === '*' || parsePortRange(value) !== undefined, { error: `expected "*" or ${PORT_HINT}` });

const azurePorts = z.union([azurePort, z.array(azurePort).min(1)], {
  error: 'expected "*", a port, a range, or a list of ports and ranges',
});

// ---------------------------------------------------------------------------------------------
// OCI
// ---------------------------------------------------------------------------------------------

export const OCI_PROTOCOL_NAMES = ['all', 'icmp', 'tcp', 'udp', 'icmpv6'] as const;
const OCI_PROTOCOL_NUMBERS: Readonly<Record<(typeof OCI_PROTOCOL_NAMES)[number], string>> = {
  all: 'all', icmp: '1', tcp: '6', udp: '17', icmpv6: '58',
};

const ociProtocol = z.union([z.enum(OCI_PROTOCOL_NAMES), z.int().min(0).max(255)], {
  error: 'protocol must be all, icmp, tcp, udp, icmpv6 or an IANA protocol number 0-255',
});

export type OciProtocol = z.output<typeof ociProtocol>;

/** The OCI API form of a lab protocol: "all" or the IANA number as a string ("1", "6", "17", "58"...). */
export function ociProtocolNumber(protocol: OciProtocol): string {
  return typeof protocol === 'number' ? String(protocol) : OCI_PROTOCOL_NUMBERS[protocol];
}

const ociRuleOptions = {
  protocol: ociProtocol.describe('"all", "icmp", "tcp", "udp", "icmpv6" or an IANA protocol number (0-255).'),
  ports: portRange.optional().describe('TCP/UDP destination port or range ("22", "1521-1522"); absent = all ports. Only with tcp or udp.'),
  sourcePorts: portRange.optional().describe('TCP/UDP source port or range; absent = all ports. Only with tcp or udp.'),
  icmpType: z.int().min(0).max(255).optional().describe('ICMP type (e.g. 8 echo request, 3 destination unreachable); absent = all types. Only with icmp or icmpv6.'),
  icmpCode: z.int().min(0).max(255).optional().describe('ICMP code (e.g. 4 with type 3: fragmentation needed); needs icmpType.'),
  stateless: z.boolean().default(false).describe('Stateless rule (OCI isStateless): replies need their own rule. Default false (stateful).'),
  description: z.string().max(255).optional().describe('Free text kept on the rule.'),
};

interface RuleOptions {
  protocol: OciProtocol;
  ports?: string | undefined;
  sourcePorts?: string | undefined;
  icmpType?: number | undefined;
  icmpCode?: number | undefined;
}

function checkRuleOptions(rule: RuleOptions, ctx: z.core.$RefinementCtx): void {
  const proto = ociProtocolNumber(rule.protocol);
  const portsAllowed = proto === '6' || proto === '17';
  const icmpAllowed = proto === '1' || proto === '58';
  for (const key of ['ports', 'sourcePorts'] as const) {
    if (rule[key] !== undefined && !portsAllowed) {
      ctx.addIssue({ code: 'custom', path: [key], message: `${key} applies only to tcp or udp rules (protocol is ${String(rule.protocol)})` });
    }
  }
  for (const key of ['icmpType', 'icmpCode'] as const) {
    if (rule[key] !== undefined && !icmpAllowed) {
      ctx.addIssue({ code: 'custom', path: [key], message: `${key} applies only to icmp or icmpv6 rules (protocol is ${String(rule.protocol)})` });
    }
  }
  if (rule.icmpCode !== undefined && rule.icmpType === undefined) {
    ctx.addIssue({ code: 'custom', path: ['icmpCode'], message: 'icmpCode needs icmpType' });
  }
}

const ingressRule = z
  .strictObject({
    source: cidr.describe('Source CIDR block (e.g. the Azure VNet 10.20.0.0/16, or 0.0.0.0/0).'),
    ...ociRuleOptions,
  })
  .superRefine(checkRuleOptions)
  .describe('A security list ingress rule (OCI IngressSecurityRule).');

const egressRule = z
  .strictObject({
    destination: cidr.describe('Destination CIDR block.'),
    ...ociRuleOptions,
  })
  .superRefine(checkRuleOptions)
  .describe('A security list egress rule (OCI EgressSecurityRule).');

const NSG_REF_PREFIX = 'nsg:';

/** An NSG rule endpoint: a CIDR block or "nsg:<name>" (an NSG of the same VCN). */
export type NsgAddress = { kind: 'cidr'; cidr: string } | { kind: 'nsg'; name: string };

export function parseNsgAddress(text: string): NsgAddress {
  return text.startsWith(NSG_REF_PREFIX) ? { kind: 'nsg', name: text.slice(NSG_REF_PREFIX.length) } : { kind: 'cidr', cidr: text };
}

const nsgAddress = z.string().superRefine((value, ctx) => {
  const parsed = parseNsgAddress(value);
  if (parsed.kind === 'nsg') {
    if (parsed.name === '') ctx.addIssue({ code: 'custom', message: '"nsg:" must be followed by an NSG name' });
    return;
  }
  const problem = cidrProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `${problem}; an NSG rule endpoint is a CIDR block or "nsg:<name>"` });
});

const nsgRule = z
  .strictObject({
    direction: z.enum(['ingress', 'egress']).describe('ingress (needs source) or egress (needs destination).'),
    source: nsgAddress.optional().describe('Ingress only: a CIDR block or "nsg:<name>" (an NSG in the same VCN).'),
    destination: nsgAddress.optional().describe('Egress only: a CIDR block or "nsg:<name>".'),
    ...ociRuleOptions,
  })
  .superRefine((rule, ctx) => {
    checkRuleOptions(rule, ctx);
    if (rule.direction === 'ingress') {
      if (rule.source === undefined) ctx.addIssue({ code: 'custom', path: ['source'], message: 'an ingress NSG rule needs a source' });
      if (rule.destination !== undefined) ctx.addIssue({ code: 'custom', path: ['destination'], message: 'an ingress NSG rule has a source, not a destination' });
    } else {
      if (rule.destination === undefined) ctx.addIssue({ code: 'custom', path: ['destination'], message: 'an egress NSG rule needs a destination' });
      if (rule.source !== undefined) ctx.addIssue({ code: 'custom', path: ['source'], message: 'an egress NSG rule has a destination, not a source' });
    }
  })
  .describe('A rule of a network security group (OCI SecurityRule).');

/** A VCN route rule target. */
export type RouteTarget =
  | { kind: 'drg'; drg?: string }
  | { kind: 'igw' | 'nat' | 'sgw' | 'lpg'; name: string }
  | { kind: 'privateIp'; instance: string }
  | { kind: 'privateIp'; ip: string };

/** The VCN gateways a rule names by "<prefix>:<name>", and what the lab calls them. */
export const GATEWAY_TARGETS = {
  igw: 'internet gateway',
  nat: 'NAT gateway',
  sgw: 'service gateway',
  lpg: 'local peering gateway',
} as const;

const ROUTE_TARGET_HINT = 'a route target is "drg", "drg:<name>", "igw:<internet gateway>", "nat:<NAT gateway>", "sgw:<service gateway>", "lpg:<local peering gateway>" or "privateIp:<instance name or IP>"';

const isGatewayPrefix = (kind: string): kind is keyof typeof GATEWAY_TARGETS => Object.hasOwn(GATEWAY_TARGETS, kind);

/** Parses a route rule target; undefined when malformed. */
export function parseRouteTarget(text: string): RouteTarget | undefined {
  if (text === 'drg') return { kind: 'drg' };
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const kind = text.slice(0, colon);
  const value = text.slice(colon + 1);
  if (value === '') return undefined;
  if (kind === 'drg') return { kind: 'drg', drg: value };
  if (isGatewayPrefix(kind)) return { kind, name: value };
  if (kind === 'privateIp') return isIpv4(value) ? { kind: 'privateIp', ip: value } : { kind: 'privateIp', instance: value };
  return undefined;
}

/** The Oracle services a service gateway can enable, by the lab's name for them. */
export const SERVICE_CHOICES = ['all', 'objectstorage'] as const;
export type ServiceChoice = (typeof SERVICE_CHOICES)[number];

const SERVICE_PREFIX = 'service:';

/** A route rule destination: a CIDR block, or "service:all" / "service:objectstorage" (a service CIDR label). */
export type RouteDestination = { kind: 'cidr'; cidr: string } | { kind: 'service'; service: ServiceChoice };

export function parseRouteDestination(text: string): RouteDestination {
  return text.startsWith(SERVICE_PREFIX) ? { kind: 'service', service: text.slice(SERVICE_PREFIX.length) as ServiceChoice } : { kind: 'cidr', cidr: text };
}

const routeDestination = z.string().superRefine((value, ctx) => {
  const parsed = parseRouteDestination(value);
  if (parsed.kind === 'service') {
    if (!(SERVICE_CHOICES as readonly string[]).includes(parsed.service)) ctx.addIssue({ code: 'custom', message: `"${value}": a service destination is "service:all" or "service:objectstorage"` });
    return;
  }
  const problem = cidrProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `${problem}; a route destination is a CIDR block or "service:all" / "service:objectstorage" (with an sgw: target)` });
});

const routeRule = z
  .strictObject({
    destination: routeDestination.describe('Destination CIDR block (longest prefix wins), or "service:all" / "service:objectstorage" (the Oracle services label; only with an "sgw:" target).'),
    target: z
      .string()
      .refine((value) => parseRouteTarget(value) !== undefined, { error: (iss) => `"${String(iss.input)}": ${ROUTE_TARGET_HINT}` })
      .describe('"drg" (the DRG the VCN is attached to), "drg:<name>", "igw:<name>", "nat:<name>", "sgw:<name>", "lpg:<name>" (gateways of this VCN) or "privateIp:<instance name or IP>".'),
    description: z.string().max(255).optional().describe('Free text kept on the rule.'),
  })
  .describe('A VCN route rule.');

const routeRules = z.array(routeRule).default([]).describe('Route rules.');

const hostFirewall = z
  .strictObject({
    allowIcmp: z.boolean().describe('Whether the guest firewall lets ICMP in (firewalld on Oracle images often does not).'),
    allowInbound: z
      .array(
        z.string().refine((value) => {
          if (value === 'icmp') return true;
          const match = /^(tcp|udp)\/(.+)$/.exec(value);
          return match !== null && parsePortRange(match[2] ?? '') !== undefined;
        }, { error: (iss) => `"${String(iss.input)}" is not a firewall entry ("tcp/22", "udp/53", "tcp/1521-1522" or "icmp")` }),
      )
      .optional()
      .describe('Inbound services the guest firewall allows ("tcp/22", "udp/53", "tcp/1521-1522"; "icmp" is the same as allowIcmp: true); absent = allow everything.'),
  })
  .describe('The guest OS firewall (firewalld / Windows Firewall) of a VM; absent = no guest filtering.');

const ociSubnet = z
  .strictObject({
    name: resourceName('Subnet').describe('Subnet name, unique in its VCN.'),
    cidr: cidr.describe('Subnet CIDR block, inside one of the VCN CIDRs.'),
    routeTable: ref.optional().describe('Route table of this VCN, or "default"; absent = the VCN default route table.'),
    securityLists: z.array(ref).optional().describe('Security lists of this VCN (OCI allows up to 5); "default" names the default list; absent = [default].'),
    dnsLabel: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,14}$/, 'a DNS label is a letter followed by up to 14 letters or digits').optional().describe('Subnet DNS label.'),
    public: z.boolean().default(false).describe('Public subnet (VNICs may have public IPs); default false (prohibitPublicIpOnVnic).'),
    dhcpOptions: ref.optional().describe('DHCP options of this VCN (dhcpOptions), or "default"; absent = the VCN default DHCP options.'),
  })
  .describe('A regional subnet.');

const vcn = z
  .strictObject({
    name: resourceName('VCN').describe('VCN name, unique in the lab.'),
    cidrs: z.array(cidr).min(1).max(5).describe('VCN CIDR blocks (1 to 5).'),
    dnsLabel: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,14}$/, 'a DNS label is a letter followed by up to 14 letters or digits').optional().describe('VCN DNS label.'),
    subnets: z.array(ociSubnet).default([]).describe('Subnets.'),
    routeTables: z
      .array(
        z.strictObject({
          name: resourceName('Route table').describe('Route table name, unique in its VCN ("default" is reserved).'),
          rules: routeRules,
        }).describe('A VCN route table.'),
      )
      .default([])
      .describe('Extra route tables (the VCN also has its default route table).'),
    defaultRouteTable: z
      .strictObject({ rules: routeRules })
      .optional()
      .describe('Rules added to the VCN default route table (which OCI creates empty).'),
    securityLists: z
      .array(
        z.strictObject({
          name: resourceName('Security list').describe('Security list name, unique in its VCN ("default" is reserved).'),
          ingress: z.array(ingressRule).default([]).describe('Ingress rules.'),
          egress: z.array(egressRule).default([]).describe('Egress rules.'),
        }).describe('A security list.'),
      )
      .default([])
      .describe('Extra security lists (the VCN also has its default security list).'),
    defaultSecurityList: z
      .strictObject({
        ingress: z.array(ingressRule).default([]).describe('Ingress rules added to the default list.'),
        egress: z.array(egressRule).default([]).describe('Egress rules added to the default list.'),
        replace: z.boolean().default(false).describe('true: these rules replace OCI\'s default rules (SSH and ICMP in, all out) instead of adding to them.'),
      })
      .optional()
      .describe('Changes to the VCN default security list.'),
    nsgs: z
      .array(
        z.strictObject({
          name: resourceName('NSG').describe('Network security group name, unique in its VCN.'),
          rules: z.array(nsgRule).default([]).describe('Security rules.'),
        }).describe('A network security group.'),
      )
      .default([])
      .describe('Network security groups (attached to instance VNICs).'),
    internetGateways: z
      .array(
        z.strictObject({
          name: resourceName('Internet gateway').describe('Internet gateway name, unique in its VCN.'),
          enabled: z.boolean().default(true).describe('Whether the gateway is enabled (OCI isEnabled); default true.'),
        }).describe('An internet gateway.'),
      )
      .default([])
      .describe('Internet gateways (route target "igw:<name>").'),
    natGateway: z
      .strictObject({
        name: resourceName('NAT gateway').describe('NAT gateway name.'),
        blockTraffic: z.boolean().default(false).describe('Block traffic through the gateway (OCI blockTraffic); default false.'),
        routeTable: ref.optional().describe('Route table of this VCN for traffic arriving through the gateway (ingress routing); absent = none.'),
      })
      .optional()
      .describe('The VCN\'s NAT gateway (OCI allows one per VCN; route target "nat:<name>").'),
    serviceGateway: z
      .strictObject({
        name: resourceName('Service gateway').describe('Service gateway name.'),
        services: z.enum(SERVICE_CHOICES).describe('"all" (All <region> Services In Oracle Services Network) or "objectstorage" (OCI <region> Object Storage).'),
        blockTraffic: z.boolean().default(false).describe('Block traffic through the gateway (OCI blockTraffic); default false.'),
        routeTable: ref.optional().describe('Route table of this VCN for traffic arriving through the gateway (ingress routing); absent = none.'),
      })
      .optional()
      .describe('The VCN\'s service gateway (OCI allows one per VCN; route rule { destination: "service:<services>", target: "sgw:<name>" }).'),
    localPeeringGateways: z
      .array(
        z.strictObject({
          name: resourceName('Local peering gateway').describe('Local peering gateway name, unique in its VCN.'),
          peer: z
            .strictObject({
              vcn: ref.describe('The peer VCN (of this lab, same region, CIDRs not overlapping).'),
              lpg: ref.describe('The local peering gateway of that VCN to connect to (if it names a peer, it must name this one).'),
            })
            .optional()
            .describe('The LPG to connect to; absent = not connected here (the peer may name this one instead).'),
          routeTable: ref.optional().describe('Route table of this VCN for traffic arriving through the LPG (transit routing); its CIDR destinations are advertised to the peer.'),
        }).describe('A local peering gateway.'),
      )
      .default([])
      .describe('Local peering gateways (OCI allows 10 per VCN; route target "lpg:<name>").'),
    dhcpOptions: z
      .array(
        z.strictObject({
          name: resourceName('DHCP options').describe('DHCP options name, unique in its VCN ("default" is reserved).'),
          dnsServers: z.array(ipv4).min(1).max(3).optional().describe('Custom DNS servers (1 to 3; serverType CustomDnsServer); absent = the Internet and VCN Resolver (VcnLocalPlusInternet).'),
          searchDomain: z.string().min(1).optional().describe('Search domain handed to the subnets\' hosts (e.g. corp.example.com).'),
        }).describe('A set of DHCP options.'),
      )
      .default([])
      .describe('Custom DHCP options (the VCN also has its default set); a subnet chooses one with dhcpOptions.'),
  })
  .describe('A virtual cloud network.');

const ATTACHMENT_TYPES = ['VCN', 'VIRTUAL_CIRCUIT', 'IPSEC_TUNNEL', 'REMOTE_PEERING_CONNECTION'] as const;

const distributionMatch = z.union(
  [
    z.literal('all').describe('Match every route (MATCH_ALL).'),
    z.strictObject({ attachmentType: z.enum(ATTACHMENT_TYPES).describe('Match routes from every attachment of this type.') }).describe('DRG_ATTACHMENT_TYPE match.'),
    z.strictObject({ attachment: ref.describe('A VCN attachment of this DRG, or a virtual circuit on it, by name.') }).describe('DRG_ATTACHMENT_ID match.'),
  ],
  { error: 'match is "all", { attachmentType: VCN|VIRTUAL_CIRCUIT|IPSEC_TUNNEL|REMOTE_PEERING_CONNECTION } or { attachment: <name> }' },
);

const drg = z
  .strictObject({
    name: resourceName('DRG').describe('DRG name, unique in the lab.'),
    attachments: z
      .array(
        z.strictObject({
          name: resourceName('DRG attachment').optional().describe('Attachment name, unique in its DRG; default "<vcn>-attachment".'),
          vcn: ref.describe('The VCN to attach.'),
          drgRouteTable: ref.optional().describe('DRG route table (of this DRG) for traffic entering the DRG from this VCN; default: the DRG\'s autogenerated VCN table.'),
          vcnRouteTable: ref.optional().describe('Route table of the attached VCN (or "default") applied to traffic entering the VCN from the DRG (ingress routing); OCI also imports its static rules into the DRG.'),
          vcnRouteType: z.enum(['SUBNET_CIDRS', 'VCN_CIDRS']).default('SUBNET_CIDRS').describe('What the attachment imports into the DRG: every subnet CIDR (default) or the VCN CIDRs.'),
          export: z.boolean().optional().describe('The attachment\'s export distribution: true assigns the DRG default export distribution, false removes it; absent = OCI\'s default (none for VCN attachments).'),
        }).describe('A VCN attachment (VC attachments are created with their virtual circuits).'),
      )
      .default([])
      .describe('VCN attachments.'),
    routeTables: z
      .array(
        z.strictObject({
          name: resourceName('DRG route table').describe('DRG route table name, unique in its DRG.'),
          ecmp: z.boolean().default(false).describe('ECMP across equal virtual-circuit (or IPSec) routes; default false.'),
          importDistribution: ref.optional().describe('Import distribution (of this DRG) that fills the table with dynamic routes; absent = static rules only.'),
          staticRules: z
            .array(
              z.strictObject({
                destination: cidr.describe('Destination CIDR block.'),
                nextHop: ref.describe('Attachment name (of this DRG) or "BLACKHOLE".'),
              }).describe('A static DRG route rule.'),
            )
            .default([])
            .describe('Static route rules (they win over dynamic routes for the same CIDR).'),
        }).describe('A DRG route table.'),
      )
      .default([])
      .describe('Extra DRG route tables (the DRG also has its two autogenerated tables).'),
    importDistributions: z
      .array(
        z.strictObject({
          name: resourceName('Import distribution').describe('Distribution name, unique in its DRG.'),
          statements: z
            .array(
              z.strictObject({
                priority: z.int().min(0).max(65535).describe('Statement priority, 0-65535; lower first.'),
                match: distributionMatch.describe('"all", { attachmentType: ... } or { attachment: <name> }.'),
              }).describe('An ACCEPT statement.'),
            )
            .default([])
            .describe('ACCEPT statements.'),
        }).describe('A DRG import route distribution.'),
      )
      .default([])
      .describe('Import route distributions (used by route tables here).'),
  })
  .describe('A dynamic routing gateway.');

const instance = z
  .strictObject({
    name: resourceName('Instance').describe('Instance name, unique among all VMs of both clouds.'),
    vcn: ref.describe('The VCN of the primary VNIC.'),
    subnet: ref.describe('The subnet (of that VCN) of the primary VNIC.'),
    privateIp: ipv4.describe('Primary private IP.'),
    shape: z.string().min(1).default('VM.Standard.E4.Flex').describe('Compute shape; default VM.Standard.E4.Flex.'),
    nsgs: z.array(ref).optional().describe('NSGs (of the same VCN) of the primary VNIC.'),
    skipSourceDestCheck: z.boolean().default(false).describe('Let the VNIC forward traffic not addressed to it (firewalls, routers); default false.'),
    hostFirewall: hostFirewall.optional().describe('The guest OS firewall; absent = no guest filtering.'),
  })
  .describe('A compute instance with one VNIC.');

const oci = z
  .strictObject({
    region: z.string().regex(/^[a-z]{2,}(-[a-z0-9]+)+-\d+$/, 'an OCI region id looks like us-ashburn-1').describe('OCI region id, e.g. us-ashburn-1.'),
    compartment: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'a compartment name uses letters, digits, ".", "_" and "-" (1-100)').default('fastroute').describe('Compartment (created under the tenancy); default "fastroute".'),
    vcns: z.array(vcn).default([]).describe('Virtual cloud networks.'),
    drgs: z.array(drg).default([]).describe('Dynamic routing gateways.'),
    instances: z.array(instance).default([]).describe('Compute instances.'),
  })
  .describe('The OCI side.');

// ---------------------------------------------------------------------------------------------
// Azure
// ---------------------------------------------------------------------------------------------

export const AZURE_ADDRESS_TAGS = ['*', 'VirtualNetwork', 'Internet', 'AzureLoadBalancer'] as const;

const azureAddress = z.string().refine(
  (value) => (AZURE_ADDRESS_TAGS as readonly string[]).includes(value) || isIpv4(value) || cidrProblem(value) === undefined,
  { error: (iss) => `"${String(iss.input)}" is not a CIDR block, an IP address, "*", VirtualNetwork, Internet or AzureLoadBalancer` },
);

const azureAddresses = z.union([azureAddress, z.array(azureAddress).min(1)], {
  error: 'expected a CIDR block, an IP address, a service tag ("*", VirtualNetwork, Internet, AzureLoadBalancer) or a list of them',
});

const nsgSecurityRule = z
  .strictObject({
    name: resourceName('Security rule').describe('Rule name, unique in its NSG.'),
    priority: z.int().min(100).max(4096).describe('100-4096; lower is evaluated first.'),
    direction: z.enum(['Inbound', 'Outbound']).describe('Inbound or Outbound.'),
    access: z.enum(['Allow', 'Deny']).describe('Allow or Deny.'),
    protocol: z.enum(['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', '*']).describe('Tcp, Udp, Icmp, Esp, Ah or "*".'),
    source: azureAddresses.describe('Source: CIDR, IP, "*", VirtualNetwork, Internet, AzureLoadBalancer, or a list of CIDRs/IPs.'),
    sourcePorts: azurePorts.default('*').describe('Source ports: "*" (default), a port, a range or a list.'),
    destination: azureAddresses.describe('Destination: same forms as source.'),
    destinationPorts: azurePorts.default('*').describe('Destination ports: "*" (default), "22", "1521-1522" or a list.'),
    description: z.string().max(140).optional().describe('Free text kept on the rule.'),
  })
  .describe('An NSG security rule (the default rules 65000-65500 always exist).');

const azureSubnet = z
  .strictObject({
    name: resourceName('Subnet').describe('Subnet name, unique in its VNet; "GatewaySubnet" holds the ExpressRoute gateway.'),
    prefix: cidr.describe('Subnet address prefix, inside the VNet address space.'),
    nsg: ref.optional().describe('NSG (azure.nsgs) associated with the subnet.'),
    routeTable: ref.optional().describe('Route table (azure.routeTables) associated with the subnet.'),
  })
  .describe('A VNet subnet.');

const vnet = z
  .strictObject({
    name: resourceName('VNet').describe('VNet name, unique in the lab.'),
    addressSpace: z.array(cidr).min(1).describe('Address prefixes of the VNet.'),
    subnets: z.array(azureSubnet).default([]).describe('Subnets.'),
    peerings: z
      .array(
        z.strictObject({
          name: resourceName('Peering').describe('Peering name, unique in its VNet.'),
          remoteVnet: ref.describe('The peered VNet (declare the reverse peering on it too, as ARM requires).'),
          allowVirtualNetworkAccess: z.boolean().default(true).describe('Let the VNets reach each other; default true.'),
          allowForwardedTraffic: z.boolean().default(false).describe('Accept traffic forwarded by the remote VNet (e.g. by its NVA); default false.'),
          allowGatewayTransit: z.boolean().default(false).describe('Let the remote VNet use this VNet\'s gateway (set on the hub); default false.'),
          useRemoteGateways: z.boolean().default(false).describe('Use the remote VNet\'s gateway (set on the spoke); default false.'),
        }).describe('One direction of a VNet peering.'),
      )
      .default([])
      .describe('Peerings from this VNet.'),
  })
  .describe('A virtual network.');

const ER_GATEWAY_SKUS = ['Standard', 'HighPerformance', 'UltraPerformance', 'ErGw1AZ', 'ErGw2AZ', 'ErGw3AZ', 'ErGwScale'] as const;

const erGatewaySku = z.preprocess(
  (value) => (typeof value === 'string' ? normaliseErGatewaySku(value) ?? value : value),
  z.enum(ER_GATEWAY_SKUS),
);

const azureVm = z
  .strictObject({
    name: resourceName('VM').describe('VM name, unique among all VMs of both clouds.'),
    vnet: ref.describe('The VNet of the NIC.'),
    subnet: ref.describe('The subnet (of that VNet) of the NIC.'),
    privateIp: ipv4.describe('Static private IP of the NIC.'),
    nicNsg: ref.optional().describe('NSG (azure.nsgs) on the NIC.'),
    ipForwarding: z.boolean().default(false).describe('NIC IP forwarding (needed by NVAs); default false.'),
    size: z.string().min(1).default('Standard_B2s').describe('VM size; default Standard_B2s.'),
    hostFirewall: hostFirewall.optional().describe('The guest OS firewall; absent = no guest filtering.'),
  })
  .describe('A virtual machine with one NIC.');

const azure = z
  .strictObject({
    subscription: z.guid('a subscription id is a GUID').optional().describe('Subscription id; absent = the default subscription.'),
    resourceGroup: z.string().regex(/^[-\w.()]{0,89}[-\w()]$/, 'a resource group name has 1-90 letters, digits, "_", "-", ".", "(", ")" and does not end with "."').describe('Resource group (created if missing).'),
    location: z.string().min(1).describe('Azure region of the resources, e.g. eastus.'),
    vnets: z.array(vnet).default([]).describe('Virtual networks.'),
    nsgs: z
      .array(
        z.strictObject({
          name: resourceName('NSG').describe('NSG name, unique in the lab.'),
          rules: z.array(nsgSecurityRule).default([]).describe('Security rules.'),
        }).describe('A network security group.'),
      )
      .default([])
      .describe('Network security groups.'),
    routeTables: z
      .array(
        z.strictObject({
          name: resourceName('Route table').describe('Route table name, unique in the lab.'),
          disableBgpRoutePropagation: z.boolean().default(false).describe('Hide gateway (BGP) routes from the subnets using this table; default false.'),
          routes: z
            .array(
              z.strictObject({
                name: resourceName('Route').describe('Route name, unique in its table.'),
                prefix: cidr.describe('Address prefix.'),
                nextHopType: z.enum(['VirtualNetworkGateway', 'VnetLocal', 'Internet', 'VirtualAppliance', 'None']).describe('VirtualNetworkGateway, VnetLocal, Internet, VirtualAppliance or None.'),
                nextHopIp: ipv4.optional().describe('Next hop IP (for VirtualAppliance).'),
              }).describe('A user-defined route.'),
            )
            .default([])
            .describe('Routes.'),
        }).describe('A route table (UDRs).'),
      )
      .default([])
      .describe('Route tables.'),
    gateways: z
      .array(
        z.strictObject({
          name: resourceName('Gateway').describe('Gateway name, unique in the lab.'),
          vnet: ref.describe('The VNet (its GatewaySubnet hosts the gateway).'),
          sku: erGatewaySku.describe('Standard, HighPerformance, UltraPerformance, ErGw1AZ, ErGw2AZ, ErGw3AZ or ErGwScale (case-insensitive).'),
          scaleUnits: z.int().min(1).max(40).optional().describe('ErGwScale only: scale units (1-40).'),
        }).describe('A virtual network gateway of type ExpressRoute.'),
      )
      .default([])
      .describe('ExpressRoute virtual network gateways.'),
    vms: z.array(azureVm).default([]).describe('Virtual machines.'),
  })
  .describe('The Azure side.');

// ---------------------------------------------------------------------------------------------
// Interconnect and expectations
// ---------------------------------------------------------------------------------------------

export const VC_BANDWIDTHS = ['1 Gbps', '2 Gbps', '5 Gbps', '10 Gbps'] as const;

const bgpPeer = z.union(
  [
    z.strictObject({
      block: cidr.describe('The /30 (OCI accepts /28-/31) of this session: 2nd address = Oracle, 3rd = Azure ("customer").'),
    }).describe('BGP addressing from a block.'),
    z.strictObject({
      oracle: interfaceAddress.optional().describe('Oracle BGP address with mask, e.g. 10.99.0.1/30; absent = inferred by Oracle from the customer address.'),
      customer: interfaceAddress.describe('Customer (Azure) BGP address with mask, e.g. 10.99.0.2/30.'),
    }).describe('Explicit BGP addresses.'),
  ],
  { error: 'a BGP session is { block: <CIDR> } or { customer: <a.b.c.d/n>, oracle?: <a.b.c.d/n> }' },
);

export type BgpPeer = z.output<typeof bgpPeer>;

/**
 * The OCI crossConnectMapping addresses of a session. From a block: 2nd address = Oracle, 3rd = Azure
 * ("customer"), with the block's mask (interconnect-facts §1.5). A /31 has no 3rd address: its two
 * addresses are used, Oracle first ([U]; the engine decides whether the clouds accept it).
 */
export function bgpPeerAddresses(peer: BgpPeer): { oracle?: string; customer: string } {
  if ('block' in peer) {
    const parsed = parseCidr(peer.block);
    if (!parsed.ok) throw new Error(`invalid BGP block ${peer.block}`);
    const { network, length } = parsed.prefix;
    const first = length >= 31 ? 0 : 1;
    return {
      oracle: `${intToIp((network + first) >>> 0)}/${length}`,
      customer: `${intToIp((network + first + 1) >>> 0)}/${length}`,
    };
  }
  return peer.oracle === undefined ? { customer: peer.customer } : { oracle: peer.oracle, customer: peer.customer };
}

const interconnect = z
  .strictObject({
    name: resourceName('Interconnect').describe('Interconnect name, unique in the lab.'),
    circuit: z
      .strictObject({
        name: resourceName('Circuit').describe('ExpressRoute circuit name, unique in the lab.'),
        peeringLocation: z.string().min(1).describe('ExpressRoute peering location, e.g. "Washington DC" (paired with the OCI region).'),
        bandwidthMbps: z.int().positive().describe('Circuit bandwidth in Mbps, e.g. 1000.'),
        skuTier: z.enum(['Standard', 'Premium', 'Local']).default('Standard').describe('Standard (default), Premium or Local.'),
        skuFamily: z.enum(['MeteredData', 'UnlimitedData']).default('MeteredData').describe('MeteredData (default) or UnlimitedData.'),
        location: z.string().min(1).optional().describe('Azure region of the circuit resource; default azure.location.'),
      })
      .describe('The ExpressRoute circuit (provider "Oracle Cloud FastConnect").'),
    virtualCircuit: z
      .strictObject({
        name: resourceName('Virtual circuit').describe('FastConnect virtual circuit name, unique in the lab.'),
        drg: ref.describe('The DRG (oci.drgs) the private virtual circuit attaches to.'),
        bandwidth: z.enum(VC_BANDWIDTHS).describe('Bandwidth shape: "1 Gbps", "2 Gbps", "5 Gbps" or "10 Gbps".'),
        drgRouteTable: ref.optional().describe('DRG route table (of that DRG) for the VC attachment; default: the autogenerated VC table.'),
        primary: bgpPeer.describe('Primary BGP session: { block } or { oracle?, customer }.'),
        secondary: bgpPeer.describe('Secondary BGP session: { block } or { oracle?, customer }.'),
        region: z.string().min(1).optional().describe('OCI region of the virtual circuit; default oci.region.'),
        export: z.boolean().optional().describe('false removes the default export distribution from the VC attachment (nothing is advertised to Azure); absent = OCI\'s default (assigned).'),
        mtu: z.union([z.literal(1500), z.literal(9000)], { error: 'mtu is 1500 or 9000' }).optional().describe('IP MTU, 1500 or 9000; absent = OCI\'s default (1500).'),
        bfd: z.boolean().optional().describe('BFD on the BGP sessions; absent = OCI\'s default.'),
      })
      .describe('The FastConnect private virtual circuit (provider "Microsoft Azure"), keyed with the circuit\'s service key.'),
    connection: z
      .strictObject({
        name: resourceName('Connection').describe('Connection name, unique in the lab.'),
        gateway: ref.describe('The ExpressRoute gateway (azure.gateways) to link.'),
        routingWeight: z.int().min(0).max(32000).default(0).describe('Routing weight of routes learned over this connection (0-32000); default 0.'),
        fastPath: z.boolean().default(false).describe('FastPath (expressRouteGatewayBypass); default false.'),
      })
      .optional()
      .describe('The ExpressRoute connection linking the circuit to a gateway; absent = not linked yet.'),
  })
  .describe('One Oracle Interconnect for Azure: an ExpressRoute circuit and the FastConnect virtual circuit keyed to it.');

const onPremisesSite = z
  .strictObject({
    name: resourceName('On-premises site').describe('Site name, unique in the lab; expectations name it "onprem:<name>".'),
    asn: z.int().describe('The site router\'s BGP ASN (1-4294967295; not 65515-65520, 12076 or 31898).'),
    prefixes: z.array(cidr).min(1, 'an on-premises site announces at least one prefix').describe('The prefixes the site\'s router announces to the circuit.'),
    router: z.enum(ON_PREMISES_ROUTERS).describe('The BGP daemon the data plane runs for the site: frr, bird, gobgp, or external (your own config).'),
    circuit: ref.optional().describe('The ExpressRoute circuit (an interconnect\'s circuit.name) whose private peering the site connects to; optional when the lab has one interconnect.'),
    peering: z.strictObject({
      primary: cidr.describe('The /30 of the primary link: 1st usable address = the site\'s router, 2nd = Microsoft.'),
      secondary: cidr.describe('The /30 of the secondary link.'),
    }).optional().describe('The two /30s of the site\'s BGP sessions with Microsoft\'s edge; default: link-local blocks from 169.254.240.0/20, one pair per site.'),
  })
  .describe('An on-premises site connected to an ExpressRoute circuit\'s private peering (bring your own router).');

/** The default /30s of the n-th on-premises site (0-based): link-local space no lab addresses. */
export function defaultSitePeering(index: number): { primary: string; secondary: string } {
  const base = (0xa9fef000 + index * 8) >>> 0; // 169.254.240.0 + 8 per site
  return { primary: `${intToIp(base)}/30`, secondary: `${intToIp((base + 4) >>> 0)}/30` };
}

/** The circuit an on-premises site names, or the lab's only interconnect circuit. */
export function siteCircuitName(lab: { interconnects: readonly { circuit: { name: string } }[] }, site: { circuit?: string | undefined }): string | undefined {
  return site.circuit ?? (lab.interconnects.length === 1 ? lab.interconnects[0]?.circuit.name : undefined);
}

export const ON_PREMISES_PREFIX = 'onprem:';

/** An expectation endpoint: a VM by name, an IP address, an Oracle service ("service:objectstorage") or an on-premises site ("onprem:dc1"). */
export type Endpoint = { kind: 'vm'; name: string } | { kind: 'ip'; ip: string } | { kind: 'service'; service: ServiceChoice } | { kind: 'onprem'; site: string };

export function parseEndpoint(text: string): Endpoint {
  if (isIpv4(text)) return { kind: 'ip', ip: text };
  if (text.startsWith(ON_PREMISES_PREFIX)) return { kind: 'onprem', site: text.slice(ON_PREMISES_PREFIX.length) };
  const d = parseRouteDestination(text);
  return d.kind === 'service' ? { kind: 'service', service: d.service } : { kind: 'vm', name: text };
}

const reasonCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a reason code is UPPER_SNAKE_CASE, e.g. NO_ROUTE');

const expectation = z
  .strictObject({
    name: resourceName('Expectation').describe('Expectation name, unique in the lab.'),
    description: z.string().optional().describe('Free text shown with the result.'),
    from: ref.describe('Source: an OCI instance or Azure VM by name, an IP address, or "onprem:<site>" (an on-premises site).'),
    to: ref.describe('Destination: a VM name, an IP address, "onprem:<site>", or "service:all" / "service:objectstorage" (the region\'s Oracle services, reached through a service gateway).'),
    protocol: z.enum(['icmp', 'tcp', 'udp']).describe('icmp (echo), tcp or udp.'),
    port: z.int().min(1).max(65535).optional().describe('Destination port: required for tcp and udp, absent for icmp.'),
    expect: z.enum(['delivered', 'dropped']).describe('delivered or dropped.'),
    reason: z.union([reasonCode, z.array(reasonCode).min(1)], { error: 'reason is a reason code or a list of accepted codes' }).optional().describe('For dropped: the expected reason code, or a list of accepted codes; absent = any reason.'),
  })
  .superRefine((e, ctx) => {
    if (e.protocol === 'icmp' && e.port !== undefined) ctx.addIssue({ code: 'custom', path: ['port'], message: 'an icmp flow has no port' });
    if (e.protocol !== 'icmp' && e.port === undefined) ctx.addIssue({ code: 'custom', path: ['protocol'], message: `a ${e.protocol} flow needs a port` });
    if (e.expect === 'delivered' && e.reason !== undefined) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a delivered flow has no drop reason' });
  })
  .describe('A flow that must be delivered or dropped.');

// ---------------------------------------------------------------------------------------------
// The lab, and its cross-references
// ---------------------------------------------------------------------------------------------

const LabShape = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9-]{1,63}$/, 'a lab name uses lowercase letters, digits and "-" (at most 63)').describe('Lab name ([a-z0-9-]+); resources are tagged with it.'),
    description: z.string().optional().describe('What the lab shows.'),
    oci,
    azure,
    interconnects: z.array(interconnect).default([]).describe('Interconnects between the two clouds.'),
    onPremises: z.array(onPremisesSite).default([]).describe('On-premises sites connected to a circuit\'s private peering.'),
    expectations: z.array(expectation).default([]).describe('Flows checked by `fastroute check`.'),
    traffic: z.array(trafficFlowSchema).max(MAX_FLOWS).default([]).describe('Flows of traffic at a rate, placed on the computed paths (docs/traffic.md).'),
    dns: labDnsSchema.optional().describe('Cross-cloud DNS: resolvers, endpoints, zones, forwarding rules (docs/dns.md).'),
  })
  .describe('A FastRoute lab.');

type LabDraft = z.output<typeof LabShape>;
type Path = (string | number)[];

/** The name of a DRG VCN attachment (explicit, or "<vcn>-attachment"). */
export function attachmentName(attachment: { name?: string | undefined; vcn: string }): string {
  return attachment.name ?? `${attachment.vcn}-attachment`;
}

export const DEFAULT_TABLE = 'default';
export const BLACKHOLE = 'BLACKHOLE';

function checkReferences(lab: LabDraft, ctx: z.core.$RefinementCtx<LabDraft>): void {
  const issue = (path: Path, message: string) => {
    ctx.addIssue({ code: 'custom', path, message });
  };
  /** Reports every repeated name; returns the set of names. */
  const unique = (names: readonly string[], path: (i: number) => Path, what: string): Set<string> => {
    const seen = new Set<string>();
    names.forEach((n, i) => {
      if (seen.has(n)) issue(path(i), `duplicate ${what} name "${n}"`);
      seen.add(n);
    });
    return seen;
  };
  const named = (items: readonly { name: string }[], base: Path, what: string) =>
    unique(items.map((x) => x.name), (i) => [...base, i, 'name'], what);
  const reserved = (items: readonly { name: string }[], base: Path, what: string) => {
    items.forEach((x, i) => {
      if (x.name === DEFAULT_TABLE) issue([...base, i, 'name'], `"${DEFAULT_TABLE}" is reserved for the VCN's default ${what}`);
    });
  };
  const list = (names: Iterable<string>) => {
    const all = [...names];
    return all.length === 0 ? 'none is declared' : `declared: ${all.join(', ')}`;
  };

  // ---- OCI ----
  const vcns = new Map(lab.oci.vcns.map((v) => [v.name, v]));
  named(lab.oci.vcns, ['oci', 'vcns'], 'VCN');
  const attachedVcns = new Set(lab.oci.drgs.flatMap((d) => d.attachments.map((a) => a.vcn)));
  const drgNames = named(lab.oci.drgs, ['oci', 'drgs'], 'DRG');

  /** An LPG's peer: an LPG of another VCN of the lab that names no other peer. */
  const checkPeer = (vcnName: string, lpgName: string, peer: { vcn: string; lpg: string }, path: Path) => {
    const peerVcn = vcns.get(peer.vcn);
    if (peerVcn === undefined) { issue([...path, 'vcn'], `no VCN "${peer.vcn}" (${list(vcns.keys())})`); return; }
    if (peer.vcn === vcnName) { issue([...path, 'vcn'], `a local peering gateway peers with another VCN, not its own (${vcnName})`); return; }
    const other = peerVcn.localPeeringGateways.find((g) => g.name === peer.lpg);
    if (other === undefined) { issue([...path, 'lpg'], `no local peering gateway "${peer.lpg}" in VCN ${peer.vcn} (${list(peerVcn.localPeeringGateways.map((g) => g.name))})`); return; }
    if (other.peer !== undefined && (other.peer.vcn !== vcnName || other.peer.lpg !== lpgName)) {
      issue([...path, 'lpg'], `${peer.vcn}/${peer.lpg} peers with ${other.peer.vcn}/${other.peer.lpg}, not ${vcnName}/${lpgName}: an LPG connects to one peer`);
    }
  };

  lab.oci.vcns.forEach((v, vi) => {
    const at = (...rest: Path): Path => ['oci', 'vcns', vi, ...rest];
    const tables = named(v.routeTables, at('routeTables'), 'route table');
    reserved(v.routeTables, at('routeTables'), 'route table');
    const lists = named(v.securityLists, at('securityLists'), 'security list');
    reserved(v.securityLists, at('securityLists'), 'security list');
    const nsgs = named(v.nsgs, at('nsgs'), 'NSG');
    const gateways: Record<keyof typeof GATEWAY_TARGETS, Set<string>> = {
      igw: named(v.internetGateways, at('internetGateways'), 'internet gateway'),
      nat: new Set(v.natGateway ? [v.natGateway.name] : []),
      sgw: new Set(v.serviceGateway ? [v.serviceGateway.name] : []),
      lpg: named(v.localPeeringGateways, at('localPeeringGateways'), 'local peering gateway'),
    };
    const dhcp = named(v.dhcpOptions, at('dhcpOptions'), 'DHCP options');
    reserved(v.dhcpOptions, at('dhcpOptions'), 'DHCP options');
    named(v.subnets, at('subnets'), 'subnet');
    const vcnInstances = new Set(lab.oci.instances.filter((x) => x.vcn === v.name).map((x) => x.name));

    const checkTable = (name: string | undefined, path: Path) => {
      if (name !== undefined && name !== DEFAULT_TABLE && !tables.has(name)) issue(path, `no route table "${name}" in VCN ${v.name} (${list(tables)}; "default" is the VCN default table)`);
    };
    v.subnets.forEach((s, si) => {
      checkTable(s.routeTable, at('subnets', si, 'routeTable'));
      if (s.dhcpOptions !== undefined && s.dhcpOptions !== DEFAULT_TABLE && !dhcp.has(s.dhcpOptions)) {
        issue(at('subnets', si, 'dhcpOptions'), `no DHCP options "${s.dhcpOptions}" in VCN ${v.name} (${list(dhcp)}; "default" is the VCN default set)`);
      }
      s.securityLists?.forEach((l, li) => {
        if (l !== DEFAULT_TABLE && !lists.has(l)) {
          issue(at('subnets', si, 'securityLists', li), `no security list "${l}" in VCN ${v.name} (${list(lists)}; "default" is the VCN default list)`);
        }
      });
    });

    if (v.natGateway) checkTable(v.natGateway.routeTable, at('natGateway', 'routeTable'));
    if (v.serviceGateway) checkTable(v.serviceGateway.routeTable, at('serviceGateway', 'routeTable'));
    v.localPeeringGateways.forEach((g, gi) => {
      checkTable(g.routeTable, at('localPeeringGateways', gi, 'routeTable'));
      if (g.peer) checkPeer(v.name, g.name, g.peer, at('localPeeringGateways', gi, 'peer'));
    });

    const checkRules = (rules: readonly { destination: string; target: string }[], base: Path) => {
      rules.forEach((r, ri) => {
        const target = parseRouteTarget(r.target);
        const path = [...base, ri, 'target'];
        if (target === undefined) return;
        const toService = parseRouteDestination(r.destination).kind === 'service';
        if (toService !== (target.kind === 'sgw')) {
          issue(toService ? [...base, ri, 'destination'] : path, toService ? `a service destination ("${r.destination}") needs an "sgw:<service gateway>" target` : `a service gateway carries Oracle services traffic only: its rule's destination is "service:all" or "service:objectstorage", not ${r.destination}`);
        }
        if (target.kind === 'drg') {
          if (target.drg === undefined && !attachedVcns.has(v.name)) issue(path, `target "drg" but VCN ${v.name} is not attached to any DRG (add it to a DRG's attachments)`);
          if (target.drg !== undefined && !drgNames.has(target.drg)) issue(path, `no DRG "${target.drg}" (${list(drgNames)})`);
        } else if (target.kind !== 'privateIp') {
          if (!gateways[target.kind].has(target.name)) issue(path, `no ${GATEWAY_TARGETS[target.kind]} "${target.name}" in VCN ${v.name} (${list(gateways[target.kind])})`);
        } else if ('instance' in target && !vcnInstances.has(target.instance)) {
          issue(path, `no instance "${target.instance}" in VCN ${v.name} (${list(vcnInstances)})`);
        }
      });
    };
    v.routeTables.forEach((t, ti) => {
      checkRules(t.rules, at('routeTables', ti, 'rules'));
    });
    if (v.defaultRouteTable) checkRules(v.defaultRouteTable.rules, at('defaultRouteTable', 'rules'));

    v.nsgs.forEach((g, gi) => {
      g.rules.forEach((r, ri) => {
        for (const key of ['source', 'destination'] as const) {
          const value = r[key];
          if (value === undefined) continue;
          const parsed = parseNsgAddress(value);
          if (parsed.kind === 'nsg' && parsed.name !== '' && !nsgs.has(parsed.name)) {
            issue(at('nsgs', gi, 'rules', ri, key), `no NSG "${parsed.name}" in VCN ${v.name} (${list(nsgs)})`);
          }
        }
      });
    });
  });

  // Virtual circuits are attachments of their DRG too (distribution matches and static rules may name them).
  const vcsByDrg = new Map<string, string[]>();
  for (const ic of lab.interconnects) {
    const existing = vcsByDrg.get(ic.virtualCircuit.drg) ?? [];
    existing.push(ic.virtualCircuit.name);
    vcsByDrg.set(ic.virtualCircuit.drg, existing);
  }

  lab.oci.drgs.forEach((d, di) => {
    const at = (...rest: Path): Path => ['oci', 'drgs', di, ...rest];
    const tables = named(d.routeTables, at('routeTables'), 'DRG route table');
    const distributions = named(d.importDistributions, at('importDistributions'), 'import distribution');
    const attachments = new Set<string>();
    d.attachments.forEach((a, ai) => {
      const n = attachmentName(a);
      if (attachments.has(n)) issue(at('attachments', ai, a.name === undefined ? 'vcn' : 'name'), `duplicate attachment name "${n}" in DRG ${d.name}${a.name === undefined ? ' (the default name; give the attachment a name)' : ''}`);
      attachments.add(n);
      const attachedVcn = vcns.get(a.vcn);
      if (attachedVcn === undefined) {
        issue(at('attachments', ai, 'vcn'), `no VCN "${a.vcn}" (${list(vcns.keys())})`);
      } else if (a.vcnRouteTable !== undefined && a.vcnRouteTable !== DEFAULT_TABLE && !attachedVcn.routeTables.some((t) => t.name === a.vcnRouteTable)) {
        issue(at('attachments', ai, 'vcnRouteTable'), `no route table "${a.vcnRouteTable}" in VCN ${a.vcn} (${list(attachedVcn.routeTables.map((t) => t.name))})`);
      }
      if (a.drgRouteTable !== undefined && !tables.has(a.drgRouteTable)) {
        issue(at('attachments', ai, 'drgRouteTable'), `no DRG route table "${a.drgRouteTable}" in DRG ${d.name} (${list(tables)})`);
      }
    });
    const vcNames = vcsByDrg.get(d.name) ?? [];
    const attachable = new Set([...attachments, ...vcNames]);
    const attachableList = list(attachable);
    d.routeTables.forEach((t, ti) => {
      if (t.importDistribution !== undefined && !distributions.has(t.importDistribution)) {
        issue(at('routeTables', ti, 'importDistribution'), `no import distribution "${t.importDistribution}" in DRG ${d.name} (${list(distributions)})`);
      }
      t.staticRules.forEach((r, ri) => {
        if (r.nextHop !== BLACKHOLE && !attachable.has(r.nextHop)) {
          issue(at('routeTables', ti, 'staticRules', ri, 'nextHop'), `no attachment "${r.nextHop}" on DRG ${d.name} (${attachableList}; or BLACKHOLE)`);
        }
      });
    });
    d.importDistributions.forEach((dist, xi) => {
      dist.statements.forEach((s, si) => {
        if (typeof s.match === 'object' && 'attachment' in s.match && !attachable.has(s.match.attachment)) {
          issue(at('importDistributions', xi, 'statements', si, 'match', 'attachment'), `no attachment "${s.match.attachment}" on DRG ${d.name} (${attachableList})`);
        }
      });
    });
  });

  const vmNames = new Set<string>();
  lab.oci.instances.forEach((x, xi) => {
    const at = (...rest: Path): Path => ['oci', 'instances', xi, ...rest];
    if (vmNames.has(x.name)) issue(at('name'), `duplicate VM name "${x.name}"`);
    vmNames.add(x.name);
    const v = vcns.get(x.vcn);
    if (v === undefined) {
      issue(at('vcn'), `no VCN "${x.vcn}" (${list(vcns.keys())})`);
      return;
    }
    if (!v.subnets.some((s) => s.name === x.subnet)) issue(at('subnet'), `no subnet "${x.subnet}" in VCN ${v.name} (${list(v.subnets.map((s) => s.name))})`);
    x.nsgs?.forEach((g, gi) => {
      if (!v.nsgs.some((n) => n.name === g)) issue(at('nsgs', gi), `no NSG "${g}" in VCN ${v.name} (${list(v.nsgs.map((n) => n.name))})`);
    });
  });

  // ---- Azure ----
  const vnets = new Map(lab.azure.vnets.map((v) => [v.name, v]));
  named(lab.azure.vnets, ['azure', 'vnets'], 'VNet');
  const azNsgs = named(lab.azure.nsgs, ['azure', 'nsgs'], 'NSG');
  const azTables = named(lab.azure.routeTables, ['azure', 'routeTables'], 'route table');
  const gateways = named(lab.azure.gateways, ['azure', 'gateways'], 'gateway');
  lab.azure.nsgs.forEach((g, gi) => named(g.rules, ['azure', 'nsgs', gi, 'rules'], 'security rule'));
  lab.azure.routeTables.forEach((t, ti) => named(t.routes, ['azure', 'routeTables', ti, 'routes'], 'route'));

  lab.azure.vnets.forEach((v, vi) => {
    const at = (...rest: Path): Path => ['azure', 'vnets', vi, ...rest];
    named(v.subnets, at('subnets'), 'subnet');
    named(v.peerings, at('peerings'), 'peering');
    v.subnets.forEach((s, si) => {
      if (s.nsg !== undefined && !azNsgs.has(s.nsg)) issue(at('subnets', si, 'nsg'), `no NSG "${s.nsg}" (${list(azNsgs)})`);
      if (s.routeTable !== undefined && !azTables.has(s.routeTable)) issue(at('subnets', si, 'routeTable'), `no route table "${s.routeTable}" (${list(azTables)})`);
    });
    v.peerings.forEach((p, pi) => {
      if (!vnets.has(p.remoteVnet)) issue(at('peerings', pi, 'remoteVnet'), `no VNet "${p.remoteVnet}" (${list(vnets.keys())})`);
    });
  });

  lab.azure.gateways.forEach((g, gi) => {
    if (!vnets.has(g.vnet)) issue(['azure', 'gateways', gi, 'vnet'], `no VNet "${g.vnet}" (${list(vnets.keys())})`);
  });

  lab.azure.vms.forEach((m, mi) => {
    const at = (...rest: Path): Path => ['azure', 'vms', mi, ...rest];
    if (vmNames.has(m.name)) issue(at('name'), `duplicate VM name "${m.name}" (VM and instance names are unique across both clouds)`);
    vmNames.add(m.name);
    if (m.nicNsg !== undefined && !azNsgs.has(m.nicNsg)) issue(at('nicNsg'), `no NSG "${m.nicNsg}" (${list(azNsgs)})`);
    const v = vnets.get(m.vnet);
    if (v === undefined) {
      issue(at('vnet'), `no VNet "${m.vnet}" (${list(vnets.keys())})`);
      return;
    }
    if (!v.subnets.some((s) => s.name === m.subnet)) issue(at('subnet'), `no subnet "${m.subnet}" in VNet ${v.name} (${list(v.subnets.map((s) => s.name))})`);
  });

  // ---- Interconnects ----
  const ics = lab.interconnects;
  named(ics, ['interconnects'], 'interconnect');
  unique(ics.map((c) => c.circuit.name), (i) => ['interconnects', i, 'circuit', 'name'], 'circuit');
  unique(ics.map((c) => c.virtualCircuit.name), (i) => ['interconnects', i, 'virtualCircuit', 'name'], 'virtual circuit');
  const withConnection = ics.flatMap((c, i) => (c.connection === undefined ? [] : [{ i, name: c.connection.name }]));
  unique(withConnection.map((c) => c.name), (k) => ['interconnects', withConnection[k]?.i ?? 0, 'connection', 'name'], 'connection');
  ics.forEach((c, ci) => {
    const at = (...rest: Path): Path => ['interconnects', ci, ...rest];
    const vc = c.virtualCircuit;
    const d = lab.oci.drgs.find((x) => x.name === vc.drg);
    if (d === undefined) {
      issue(at('virtualCircuit', 'drg'), `no DRG "${vc.drg}" (${list(drgNames)})`);
    } else {
      if (vc.drgRouteTable !== undefined && !d.routeTables.some((t) => t.name === vc.drgRouteTable)) {
        issue(at('virtualCircuit', 'drgRouteTable'), `no DRG route table "${vc.drgRouteTable}" in DRG ${d.name} (${list(d.routeTables.map((t) => t.name))})`);
      }
      if (d.attachments.some((a) => attachmentName(a) === vc.name)) {
        issue(at('virtualCircuit', 'name'), `virtual circuit "${vc.name}" has the name of a VCN attachment of DRG ${d.name}: attachment names must be unique in a DRG`);
      }
    }
    if (c.connection !== undefined && !gateways.has(c.connection.gateway)) {
      issue(at('connection', 'gateway'), `no gateway "${c.connection.gateway}" (${list(gateways)})`);
    }
  });

  // ---- On-premises sites ----
  const sites = named(lab.onPremises, ['onPremises'], 'on-premises site');
  const circuits = new Set(ics.map((c) => c.circuit.name));
  lab.onPremises.forEach((site, si) => {
    if (site.circuit !== undefined && !circuits.has(site.circuit)) issue(['onPremises', si, 'circuit'], `no circuit "${site.circuit}" (${list(circuits)}): an on-premises site connects to an interconnect's ExpressRoute circuit`);
    if (site.circuit === undefined && ics.length !== 1) issue(['onPremises', si], `name the circuit the site connects to (circuit: <name>): the lab has ${ics.length} interconnects (${list(circuits)})`);
  });

  // ---- Expectations and traffic: the same endpoints ----
  const endpoints = (section: 'expectations' | 'traffic', flows: readonly { from: string; to: string }[]) => { flows.forEach((e, ei) => {
    for (const key of ['from', 'to'] as const) {
      const endpoint = parseEndpoint(e[key]);
      if (endpoint.kind === 'vm' && !vmNames.has(endpoint.name)) {
        issue([section, ei, key], `"${endpoint.name}" is neither a VM (${list(vmNames)}) nor an IPv4 address`);
      }
      if (endpoint.kind === 'onprem' && !sites.has(endpoint.site)) {
        issue([section, ei, key], `"${e[key]}": no on-premises site "${endpoint.site}" (${list(sites)})`);
      }
      if (endpoint.kind === 'service' && !(SERVICE_CHOICES as readonly string[]).includes(endpoint.service)) {
        issue([section, ei, key], `"${e[key]}": a service endpoint is "service:all" or "service:objectstorage"`);
      } else if (endpoint.kind === 'service' && key === 'from') {
        issue([section, ei, key], 'an Oracle service is a destination only: flows start at a VM or an IP address');
      }
    }
  }); };
  named(lab.expectations, ['expectations'], 'expectation');
  endpoints('expectations', lab.expectations);
  named(lab.traffic, ['traffic'], 'traffic flow');
  endpoints('traffic', lab.traffic);
}

/**
 * Fields whose subtrees `checkReferences` never reads. Zod skips refinements once a type error
 * (wrong type, bad enum value, no matching union member) has been found anywhere in the object;
 * when every such error lies inside one of these subtrees, the references are still checked, so a
 * lab with several mistakes reports them all at once.
 */
const OPAQUE_TO_REFERENCES = new Set([
  'description', 'region', 'compartment', 'cidrs', 'cidr', 'dnsLabel', 'public', 'protocol', 'ports', 'sourcePorts',
  'icmpType', 'icmpCode', 'stateless', 'replace', 'enabled', 'vcnRouteType', 'export', 'ecmp', 'priority', 'privateIp',
  'shape', 'skipSourceDestCheck', 'hostFirewall', 'subscription', 'resourceGroup', 'location', 'addressSpace', 'prefix',
  'allowVirtualNetworkAccess', 'allowForwardedTraffic', 'allowGatewayTransit', 'useRemoteGateways', 'access',
  'destinationPorts', 'disableBgpRoutePropagation', 'nextHopType', 'nextHopIp', 'sku', 'scaleUnits', 'ipForwarding',
  'size', 'peeringLocation', 'bandwidthMbps', 'skuTier', 'skuFamily', 'bandwidth', 'primary', 'secondary', 'mtu', 'bfd',
  'routingWeight', 'fastPath', 'port', 'expect', 'reason', 'blockTraffic', 'services', 'dnsServers', 'searchDomain',
  'asn', 'prefixes', 'router', 'peering', 'mbps', 'replyMbps', 'schedule',
]);

function referencesReadable(payload: z.core.ParsePayload): boolean {
  return payload.issues.every((i) => i.continue === true || (i.path ?? []).some((seg) => typeof seg === 'string' && OPAQUE_TO_REFERENCES.has(seg)));
}

/** The lab schema: syntax plus cross-references. Parse YAML with `parseLab` (lab/parse.ts). */
export const LabSchema = LabShape.superRefine(checkReferences, { when: referencesReadable });

export type Lab = z.infer<typeof LabSchema>;
export type LabOci = Lab['oci'];
export type LabVcn = LabOci['vcns'][number];
export type LabOciSubnet = LabVcn['subnets'][number];
export type LabRouteRule = LabVcn['routeTables'][number]['rules'][number];
export type LabLocalPeeringGateway = LabVcn['localPeeringGateways'][number];
export type LabDhcpOptions = LabVcn['dhcpOptions'][number];
export type LabIngressRule = LabVcn['securityLists'][number]['ingress'][number];
export type LabEgressRule = LabVcn['securityLists'][number]['egress'][number];
export type LabNsgRule = LabVcn['nsgs'][number]['rules'][number];
export type LabDrg = LabOci['drgs'][number];
export type LabDrgAttachment = LabDrg['attachments'][number];
export type LabDrgRouteTable = LabDrg['routeTables'][number];
export type LabImportDistribution = LabDrg['importDistributions'][number];
export type LabInstance = LabOci['instances'][number];
export type LabAzure = Lab['azure'];
export type LabVnet = LabAzure['vnets'][number];
export type LabAzureNsg = LabAzure['nsgs'][number];
export type LabAzureSecurityRule = LabAzureNsg['rules'][number];
export type LabAzureRouteTable = LabAzure['routeTables'][number];
export type LabGateway = LabAzure['gateways'][number];
export type LabAzureVm = LabAzure['vms'][number];
export type LabInterconnect = Lab['interconnects'][number];
export type LabExpectation = Lab['expectations'][number];
export type LabTrafficFlow = Lab['traffic'][number];
export type LabOnPremisesSite = Lab['onPremises'][number];
export type LabHostFirewall = z.output<typeof hostFirewall>;
