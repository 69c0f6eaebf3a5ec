// Overlapping address space across the interconnect (interconnect-facts §1.3, §1.11): the VCNs on
// the DRG and the VNets behind the connected gateways must not overlap, and the two BGP /30 blocks
// must overlap neither side (nor each other).
import { cidr, formatPrefix, overlaps, parseInterfaceAddress, prefixOf, type Ipv4Prefix } from '../../model/cidr.ts';
import type { Routing } from '../../routing/routing.ts';
import type { Lab } from '../../lab/types.ts';
import type { Finding } from '../types.ts';
import { finding, interconnects, listOf, vcnName, vnetName, type InterconnectView } from '../context.ts';
import { PrefixIndex } from '../../model/prefix-index.ts';

interface Owner { kind: 'vcn' | 'vnet'; id: string; name: string; prefix: string }

function sides(r: Routing, ic: InterconnectView): { oci: Owner[]; azure: Owner[] } {
  const oci: Owner[] = [];
  for (const a of ic.vcnAttachments) {
    if (a.networkDetails.type !== 'VCN') continue;
    const vcn = r.memo.get('oci.Vcn', a.networkDetails.id);
    for (const p of vcn?.cidrBlocks ?? []) oci.push({ kind: 'vcn', id: a.networkDetails.id, name: vcn?.displayName ?? a.networkDetails.id, prefix: p });
  }
  const azure: Owner[] = [];
  for (const v of ic.azureVnetIds) {
    const vnet = r.memo.get('azure.VirtualNetwork', v);
    for (const p of vnet?.properties.addressSpace.addressPrefixes ?? []) azure.push({ kind: 'vnet', id: vnet?.id ?? v, name: vnet?.name ?? v, prefix: p });
  }
  return { oci, azure };
}

function cidrOverlaps(r: Routing): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const ic of interconnects(r)) {
    const { oci, azure } = sides(r, ic);
    if (oci.length === 0 || azure.length === 0) continue;
    const index = new PrefixIndex(azure.map((o) => ({ prefix: cidr(o.prefix), value: o })));
    // Group the overlapping prefix pairs per (VCN, VNet).
    const pairs = new Map<string, { vcn: Owner; vnet: Owner; clashes: string[]; vnetPrefixes: Set<string> }>();
    for (const o of oci) {
      for (const hit of index.overlapping(cidr(o.prefix))) {
        const key = `${o.id}|${hit.value.id.toLowerCase()}`;
        const entry = pairs.get(key) ?? { vcn: o, vnet: hit.value, clashes: [], vnetPrefixes: new Set<string>() };
        entry.clashes.push(`${o.prefix} ⇄ ${hit.value.prefix}`);
        entry.vnetPrefixes.add(hit.value.prefix);
        pairs.set(key, entry);
      }
    }
    for (const [key, { vcn, vnet, clashes, vnetPrefixes }] of pairs) {
      if (seen.has(key)) continue;
      seen.add(key);
      const vnetSpace = azure.filter((x) => x.id === vnet.id).map((x) => x.prefix);
      out.push(finding('CIDR_OVERLAP', [vcn.id, vnet.id, ic.vc.id],
        `VCN ${vcn.name} and VNet ${vnet.name} overlap across interconnect ${ic.vc.displayName} (VCN ⇄ VNet: ${listOf(clashes)}). `
        + 'Each cloud keeps traffic for its own address space local (OCI local routes, Azure system routes win over BGP), so hosts in the overlap cannot reach the other side.',
        `Renumber one side so no prefix overlaps: remove or change ${listOf([...vnetPrefixes])} in VNet ${vnet.name}'s address space (it holds ${listOf(vnetSpace)}), `
        + `or move VCN ${vcn.name} to CIDRs outside the VNet. Oracle and Microsoft both require non-overlapping CIDRs for the interconnect.`));
    }
  }
  return out;
}

function blockOf(customer: string | undefined): Ipv4Prefix | undefined {
  const a = customer === undefined ? undefined : parseInterfaceAddress(customer);
  return a ? prefixOf(a.address, a.length) : undefined;
}

function bgpBlockOverlaps(r: Routing): Finding[] {
  const out: Finding[] = [];
  for (const ic of interconnects(r)) {
    const { oci, azure } = sides(r, ic);
    const index = new PrefixIndex([...oci, ...azure].map((o) => ({ prefix: cidr(o.prefix), value: o })));
    const blocks = ic.vc.crossConnectMappings.map((m) => blockOf(m.customerBgpPeeringIp));
    blocks.forEach((block, i) => {
      if (!block) return;
      const path = i === 0 ? 'primary' : 'secondary';
      const hits = index.overlapping(block).map((h) => h.value);
      const other = blocks[1 - i];
      const clash = i === 0 && other !== undefined && overlaps(block, other);
      if (hits.length === 0 && !clash) return;
      const what = [
        ...hits.map((h) => `${h.kind === 'vcn' ? 'VCN' : 'VNet'} ${h.kind === 'vcn' ? vcnName(r, h.id) : vnetName(r, h.id)} (${h.prefix})`),
        ...(clash && other ? [`the secondary block ${formatPrefix(other)}`] : []),
      ];
      out.push(finding('BGP_BLOCK_OVERLAP', [ic.vc.id, ...hits.map((h) => h.id)],
        `The ${path} BGP block ${formatPrefix(block)} of virtual circuit ${ic.vc.displayName} overlaps ${listOf(what)}. `
        + 'The two /30 peering blocks must overlap neither network (nor each other): the overlapping addresses become ambiguous on both sides.',
        `Pick an unused /30 for the ${path} session (for example from 169.254.0.0/16 or a range neither cloud uses) and recreate the virtual circuit's ${path} mapping with it (2nd address Oracle, 3rd Azure).`));
    });
  }
  return out;
}

export function overlapRules(r: Routing, _lab?: Lab): Finding[] {
  return [...cidrOverlaps(r), ...bgpBlockOverlaps(r)];
}
