// Builds a lab's OCI side through the same operations the OCI API uses, in an order that satisfies
// OCI's own rules: route tables exist (empty) before gateways, subnets and attachments name them,
// and their rules are filled once their targets (attached DRGs, gateways, instances' private IPs) exist.
import type { Tx } from '../model/tx.ts';
import type { Lab, LabEgressRule, LabIngressRule, LabNsgRule, LabRouteRule, LabVcn } from './schema.ts';
import { BLACKHOLE, DEFAULT_TABLE, attachmentName, ociProtocolNumber, parseNsgAddress, parsePortRange, parseRouteDestination, parseRouteTarget } from './schema.ts';
import { applyDhcpOptions, applyVcnGateways, connectLabPeerings } from './apply-oci-gateways.ts';
import { labService } from './services.ts';
import { K, LAB_TAG, type LabIds } from './names.ts';
import { DEFAULT_TENANCY_ID } from '../lifecycle/defaults.ts';
import type { OciScope } from '../lifecycle/oci/scope.ts';
import { ensureCompartment } from '../lifecycle/oci/compartment.ts';
import { availabilityDomainName } from '../lifecycle/oci/availability-domains.ts';
import { createVcn } from '../lifecycle/oci/vcn.ts';
import { createSubnet } from '../lifecycle/oci/subnet.ts';
import { createRouteTable, updateRouteTable, type RouteRuleDetails } from '../lifecycle/oci/route-table.ts';
import { addNsgRules, createInternetGateway, createNetworkSecurityGroup, createSecurityList, updateSecurityList, type EgressRuleDetails, type IngressRuleDetails, type NsgRuleDetails } from '../lifecycle/oci/security-list.ts';
import { createDrg } from '../lifecycle/oci/drg.ts';
import { createDrgAttachment, removeExportDrgRouteDistribution, updateDrgAttachment } from '../lifecycle/oci/drg-attachment.ts';
import { addDrgRouteDistributionStatements, addDrgRouteRules, createDrgRouteDistribution, createDrgRouteTable } from '../lifecycle/oci/drg-route-table.ts';
import { launchInstance } from '../lifecycle/oci/compute.ts';
import { MAX_RULES_PER_ADD } from '../model/oci/limits.ts';
import type { Steps } from '../model/steps.ts';

type RuleLike = Pick<LabIngressRule, 'protocol' | 'ports' | 'sourcePorts' | 'icmpType' | 'icmpCode' | 'stateless' | 'description'>;

function ruleOptions(r: RuleLike): Omit<IngressRuleDetails, 'source' | 'sourceType'> {
  const protocol = ociProtocolNumber(r.protocol);
  const ports = {
    ...(r.ports === undefined ? {} : { destinationPortRange: parsePortRange(r.ports) }),
    ...(r.sourcePorts === undefined ? {} : { sourcePortRange: parsePortRange(r.sourcePorts) }),
  };
  return {
    protocol, isStateless: r.stateless,
    ...(protocol === '6' && (r.ports !== undefined || r.sourcePorts !== undefined) ? { tcpOptions: ports } : {}),
    ...(protocol === '17' && (r.ports !== undefined || r.sourcePorts !== undefined) ? { udpOptions: ports } : {}),
    ...(r.icmpType === undefined ? {} : { icmpOptions: { type: r.icmpType, ...(r.icmpCode === undefined ? {} : { code: r.icmpCode }) } }),
    ...(r.description === undefined ? {} : { description: r.description }),
  };
}

const ingress = (r: LabIngressRule): IngressRuleDetails => ({ ...ruleOptions(r), source: r.source, sourceType: 'CIDR_BLOCK' });
const egress = (r: LabEgressRule): EgressRuleDetails => ({ ...ruleOptions(r), destination: r.destination, destinationType: 'CIDR_BLOCK' });

export function ociLabScope(lab: Lab): OciScope {
  return { tenancyId: DEFAULT_TENANCY_ID, region: lab.oci.region };
}

/** One step per VCN, attachment, subnet and instance, so a big lab can be applied in slices. */
export function* applyOci(tx: Tx, lab: Lab, ids: LabIds): Steps<void> {
  const scope = ociLabScope(lab);
  const tags = { [LAB_TAG]: lab.name };
  const compartmentId = ensureCompartment(tx, scope, lab.oci.compartment, `FastRoute lab ${lab.name}`).id;
  const common = (displayName: string) => ({ compartmentId, displayName, freeformTags: tags });

  for (const v of lab.oci.vcns) {
    const vcn = createVcn(tx, scope, { ...common(v.name), cidrBlocks: v.cidrs, ...(v.dnsLabel === undefined ? {} : { dnsLabel: v.dnsLabel }) });
    ids.set(K.vcn(v.name), vcn.id);
    ids.set(K.routeTable(v.name, DEFAULT_TABLE), vcn.defaultRouteTableId);
    ids.set(K.securityList(v.name, DEFAULT_TABLE), vcn.defaultSecurityListId);
    for (const g of v.internetGateways) ids.set(K.igw(v.name, g.name), createInternetGateway(tx, scope, { ...common(g.name), vcnId: vcn.id, isEnabled: g.enabled }).id);
    for (const t of v.routeTables) ids.set(K.routeTable(v.name, t.name), createRouteTable(tx, scope, { ...common(t.name), vcnId: vcn.id }).id);
    applyVcnGateways(tx, scope, v, ids, common);
    applyDhcpOptions(tx, scope, v, ids, common);
    for (const l of v.securityLists) {
      ids.set(K.securityList(v.name, l.name), createSecurityList(tx, scope, { ...common(l.name), vcnId: vcn.id, ingressSecurityRules: l.ingress.map(ingress), egressSecurityRules: l.egress.map(egress) }).id);
    }
    if (v.defaultSecurityList) {
      const d = v.defaultSecurityList;
      const current = tx.get('oci.SecurityList', vcn.defaultSecurityListId);
      updateSecurityList(tx, scope, vcn.defaultSecurityListId, {
        ingressSecurityRules: [...(d.replace ? [] : current?.ingressSecurityRules ?? []), ...d.ingress.map(ingress)],
        egressSecurityRules: [...(d.replace ? [] : current?.egressSecurityRules ?? []), ...d.egress.map(egress)],
      });
    }
    for (const n of v.nsgs) ids.set(K.nsg(v.name, n.name), createNetworkSecurityGroup(tx, scope, { ...common(n.name), vcnId: vcn.id }).id);
    yield;
  }

  connectLabPeerings(tx, scope, lab, ids);

  for (const d of lab.oci.drgs) {
    const drg = createDrg(tx, scope, common(d.name));
    ids.set(K.drg(d.name), drg.id);
    for (const dist of d.importDistributions) {
      ids.set(K.distribution(d.name, dist.name), createDrgRouteDistribution(tx, scope, { ...common(dist.name), drgId: drg.id, distributionType: 'IMPORT' }).id);
    }
    for (const t of d.routeTables) {
      const importId = t.importDistribution === undefined ? undefined : ids.get(K.distribution(d.name, t.importDistribution));
      ids.set(K.drgRouteTable(d.name, t.name), createDrgRouteTable(tx, scope, { ...common(t.name), drgId: drg.id, isEcmpEnabled: t.ecmp, ...(importId === undefined ? {} : { importDrgRouteDistributionId: importId }) }).id);
    }
    for (const a of d.attachments) {
      const name = attachmentName(a);
      const att = createDrgAttachment(tx, scope, {
        ...common(name), drgId: drg.id,
        ...(a.drgRouteTable === undefined ? {} : { drgRouteTableId: ids.get(K.drgRouteTable(d.name, a.drgRouteTable)) }),
        networkDetails: { type: 'VCN', id: ids.get(K.vcn(a.vcn)), vcnRouteType: a.vcnRouteType, ...(a.vcnRouteTable === undefined ? {} : { routeTableId: ids.get(K.routeTable(a.vcn, a.vcnRouteTable)) }) },
      });
      ids.set(K.attachment(d.name, name), att.id);
      if (a.export === true) updateDrgAttachment(tx, scope, att.id, { exportDrgRouteDistributionId: drg.defaultExportDrgRouteDistributionId });
      if (a.export === false) removeExportDrgRouteDistribution(tx, scope, att.id);
      yield;
    }
  }

  for (const v of lab.oci.vcns) {
    for (const s of v.subnets) {
      const subnet = createSubnet(tx, scope, {
        ...common(s.name), vcnId: ids.get(K.vcn(v.name)), cidrBlock: s.cidr, prohibitPublicIpOnVnic: !s.public,
        ...(s.routeTable === undefined ? {} : { routeTableId: ids.get(K.routeTable(v.name, s.routeTable)) }),
        ...(s.securityLists === undefined ? {} : { securityListIds: s.securityLists.map((l) => ids.get(K.securityList(v.name, l))) }),
        ...(s.dnsLabel === undefined ? {} : { dnsLabel: s.dnsLabel }),
        ...(s.dhcpOptions === undefined || s.dhcpOptions === DEFAULT_TABLE ? {} : { dhcpOptionsId: ids.get(K.dhcpOptions(v.name, s.dhcpOptions)) }),
      });
      ids.set(K.subnet(v.name, s.name), subnet.id);
      yield;
    }
  }

  for (const i of lab.oci.instances) {
    const launched = launchInstance(tx, scope, {
      compartmentId, displayName: i.name, availabilityDomain: availabilityDomainName(scope.tenancyId, scope.region, 1), shape: i.shape, freeformTags: tags,
      createVnicDetails: { subnetId: ids.get(K.subnet(i.vcn, i.subnet)), privateIp: i.privateIp, skipSourceDestCheck: i.skipSourceDestCheck, nsgIds: (i.nsgs ?? []).map((n) => ids.get(K.nsg(i.vcn, n))) },
      ...(i.hostFirewall ? { hostFirewall: { allowIcmp: i.hostFirewall.allowIcmp, ...(i.hostFirewall.allowInbound ? { allowInbound: i.hostFirewall.allowInbound } : {}) } } : {}),
    });
    ids.set(K.instance(i.name), launched.instance.id);
    ids.set(K.privateIp(i.name), launched.privateIp.id);
    yield;
  }

  for (const v of lab.oci.vcns) {
    const resolve = (rules: readonly LabRouteRule[]): RouteRuleDetails[] => rules.map((r) => ({
      ...routeDestination(scope, r.destination), networkEntityId: routeTarget(tx, lab, ids, v, r.target), ...(r.description === undefined ? {} : { description: r.description }),
    }));
    for (const t of v.routeTables) if (t.rules.length > 0) updateRouteTable(tx, scope, ids.get(K.routeTable(v.name, t.name)), { routeRules: resolve(t.rules) });
    if (v.defaultRouteTable && v.defaultRouteTable.rules.length > 0) updateRouteTable(tx, scope, ids.get(K.routeTable(v.name, DEFAULT_TABLE)), { routeRules: resolve(v.defaultRouteTable.rules) });
    for (const n of v.nsgs) {
      const rules = n.rules.map((r) => nsgRule(ids, v.name, r));
      // In batches, as a client must: one AddNetworkSecurityGroupSecurityRules call takes 25 at most.
      for (let i = 0; i < rules.length; i += MAX_RULES_PER_ADD) addNsgRules(tx, scope, ids.get(K.nsg(v.name, n.name)), rules.slice(i, i + MAX_RULES_PER_ADD));
    }
    yield;
  }

  for (const d of lab.oci.drgs) {
    for (const t of d.routeTables) {
      if (t.staticRules.length === 0) continue;
      addDrgRouteRules(tx, scope, ids.get(K.drgRouteTable(d.name, t.name)), t.staticRules.map((r) => ({
        destination: r.destination, destinationType: 'CIDR_BLOCK', nextHopDrgAttachmentId: r.nextHop === BLACKHOLE ? BLACKHOLE : ids.get(K.attachment(d.name, r.nextHop)),
      })));
    }
  }
}

/** Distribution statements may name VC attachments, which exist only once the interconnects are built. */
export function applyOciDistributionStatements(tx: Tx, lab: Lab, ids: LabIds): void {
  const scope = ociLabScope(lab);
  for (const d of lab.oci.drgs) {
    for (const dist of d.importDistributions) {
      if (dist.statements.length === 0) continue;
      addDrgRouteDistributionStatements(tx, scope, ids.get(K.distribution(d.name, dist.name)), dist.statements.map((s) => ({
        priority: s.priority, action: 'ACCEPT',
        matchCriteria: s.match === 'all' ? [{ matchType: 'MATCH_ALL' }]
          : 'attachmentType' in s.match ? [{ matchType: 'DRG_ATTACHMENT_TYPE', attachmentType: s.match.attachmentType }]
            : [{ matchType: 'DRG_ATTACHMENT_ID', drgAttachmentId: ids.find(K.attachment(d.name, s.match.attachment)) ?? ids.get(`oci.vcAttachment/${s.match.attachment}`) }],
      })));
    }
  }
}

/** A CIDR destination, or a service CIDR label (SERVICE_CIDR_BLOCK) for "service:<choice>". */
function routeDestination(scope: OciScope, text: string): Pick<RouteRuleDetails, 'destination' | 'destinationType'> {
  const d = parseRouteDestination(text);
  return d.kind === 'cidr' ? { destination: d.cidr, destinationType: 'CIDR_BLOCK' } : { destination: labService(scope.region, d.service).cidrBlock, destinationType: 'SERVICE_CIDR_BLOCK' };
}

function routeTarget(tx: Tx, lab: Lab, ids: LabIds, vcn: LabVcn, target: string): string {
  const t = parseRouteTarget(target);
  if (!t) return target;
  if (t.kind === 'drg') {
    if (t.drg !== undefined) return ids.get(K.drg(t.drg));
    const owner = lab.oci.drgs.find((d) => d.attachments.some((a) => a.vcn === vcn.name));
    return owner ? ids.get(K.drg(owner.name)) : `drg-not-attached-to-${vcn.name}`;
  }
  if (t.kind !== 'privateIp') return ids.get(K[t.kind](vcn.name, t.name));
  if ('instance' in t) return ids.get(K.privateIp(t.instance));
  const ip = tx.list('oci.PrivateIp').find((p) => p.ipAddress === t.ip && tx.get('oci.Subnet', p.subnetId)?.vcnId === ids.get(K.vcn(vcn.name)));
  return ip?.id ?? `privateip-not-found-${t.ip}`;
}

function nsgRule(ids: LabIds, vcn: string, r: LabNsgRule): NsgRuleDetails {
  const address = parseNsgAddress((r.direction === 'ingress' ? r.source : r.destination) ?? '');
  const value = address.kind === 'nsg' ? ids.get(K.nsg(vcn, address.name)) : address.cidr;
  const type = address.kind === 'nsg' ? 'NETWORK_SECURITY_GROUP' as const : 'CIDR_BLOCK' as const;
  return {
    ...ruleOptions(r), direction: r.direction === 'ingress' ? 'INGRESS' : 'EGRESS',
    ...(r.direction === 'ingress' ? { source: value, sourceType: type } : { destination: value, destinationType: type }),
  };
}
