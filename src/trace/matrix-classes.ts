// Equivalence classes for the reachability matrix: two subnets are interchangeable when nothing in
// the world can tell their representative addresses apart: same configuration (network, route
// table, security lists or NSG) and, for the address, the same disposition in every route table
// (VCN, DRG, Azure effective, gateway) and the same set of security-rule prefixes containing it.
// Walking one member per class pair then gives every pair's verdict exactly. Where an address is
// held by a real VM, or a DRG spreads one prefix over several attachments (ECMP by flow hash), the
// subnet keeps a class of its own.
import { cidr, containsPrefix } from '../model/cidr.ts';
import { Fib } from '../routing/fib.ts';
import type { Routing } from '../routing/routing.ts';
import type { EffectiveRoute } from '../routing/types.ts';
import { addressIndex } from './endpoints.ts';
import type { MatrixSubnet } from './matrix.ts';

type Probe = (ip: number) => string;

const MASKS = Array.from({ length: 33 }, (_, len) => (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0));

/** All prefixes used by security rules, indexed by length, to list the ones containing an address. */
function rulePrefixIndex(r: Routing): Probe {
  const byLength = new Map<number, Map<number, number>>();
  let next = 0;
  const add = (text: string | undefined) => {
    if (text === undefined || text === '*' || !/^\d/.test(text)) return;
    const p = cidr(text.includes('/') ? text : `${text}/32`);
    let m = byLength.get(p.length);
    if (!m) byLength.set(p.length, (m = new Map<number, number>()));
    if (!m.has(p.network)) m.set(p.network, next++);
  };
  for (const sl of r.memo.list('oci.SecurityList')) {
    for (const x of sl.ingressSecurityRules) add(x.source);
    for (const x of sl.egressSecurityRules) add(x.destination);
  }
  for (const x of r.memo.list('oci.NsgSecurityRule')) { if (x.sourceType === 'CIDR_BLOCK') add(x.source); if (x.destinationType === 'CIDR_BLOCK') add(x.destination); }
  for (const x of r.memo.list('azure.SecurityRule')) {
    const p = x.properties;
    for (const a of [p.sourceAddressPrefix, p.destinationAddressPrefix, ...p.sourceAddressPrefixes, ...p.destinationAddressPrefixes]) add(a);
  }
  const lengths = [...byLength.keys()].sort((a, b) => b - a);
  return (ip) => {
    const ids: number[] = [];
    for (const len of lengths) {
      const id = byLength.get(len)?.get((ip & (MASKS[len] ?? 0)) >>> 0);
      if (id !== undefined) ids.push(id);
    }
    return ids.join(',');
  };
}

const routeTexts = new WeakMap<EffectiveRoute, string>();
/** What of an effective route decides a walk (not its prefix), once per (immutable) route. */
function routeText(m: EffectiveRoute): string {
  let text = routeTexts.get(m);
  if (text === undefined) routeTexts.set(m, (text = `${m.nextHopType}|${m.source}|${m.nextHopIpAddress.join(',')}|${m.remoteVnetId ?? ''}`));
  return text;
}

/** Every route table's disposition for an address; undefined when a DRG uses ECMP (no grouping then). */
function routeProbes(r: Routing): Probe[] | undefined {
  const probes: Probe[] = [];
  for (const rt of r.memo.list('oci.RouteTable')) {
    const t = r.vcnTable(rt.id);
    if (t) probes.push((ip) => { const m = t.fib.lookup(ip); return m ? m.value.networkEntityId : '-'; });
  }
  for (const dt of r.memo.list('oci.DrgRouteTable')) {
    const t = r.drgTable(dt.id);
    if (!t) continue;
    for (const x of t.rules) if (!x.isConflict && t.fib.get(x.prefix)?.length !== 1) return undefined;
    probes.push((ip) => { const m = t.fib.lookup(ip)?.value[0]; return m ? `${m.nextHopDrgAttachmentId}${m.isBlackhole ? '!' : ''}` : '-'; });
  }
  const seen = new Set<object>();
  for (const s of r.memo.list('azure.Subnet')) {
    const t = r.subnetEffective(s.id);
    if (!t || seen.has(t)) continue;
    seen.add(t);
    const invalid = new Fib<string>();
    for (const x of t.routes) if (x.state === 'Invalid') invalid.set(x.prefix, `${x.source}|${x.nextHopType}`);
    probes.push((ip) => {
      const m = t.fib.lookup(ip)?.value;
      const inv = invalid.lookup(ip)?.value ?? '';
      return m ? `${routeText(m)}|${inv}` : `-|${inv}`;
    });
  }
  for (const g of r.memo.list('azure.VirtualNetworkGateway')) {
    const toOci = r.gatewayToOciFib(g.id);
    const adv = r.gatewayAdvertisedFib(g.id);
    const learned = new Fib<true>();
    for (const b of r.gatewayLearned(g.id).routes) learned.set(b.network, true);
    probes.push((ip) => `${toOci.lookup(ip)?.value.virtualCircuitId ?? '-'}|${adv.lookup(ip) ? 'a' : '-'}|${learned.lookup(ip) ? 'l' : '-'}`);
  }
  const vcns = r.memo.list('oci.Vcn').map((v) => ({ id: v.id, blocks: v.cidrBlocks.map((b) => cidr(b)) }));
  probes.push((ip) => vcns.find((v) => v.blocks.some((b) => containsPrefix(b, { network: ip, length: 32 })))?.id ?? '-');
  return probes;
}

function configKey(r: Routing, s: MatrixSubnet): string {
  if (s.cloud === 'oci') {
    const x = r.memo.get('oci.Subnet', s.subnetId);
    return `oci|${x?.vcnId ?? ''}|${x?.routeTableId ?? ''}|${x?.securityListIds.join(',') ?? ''}`;
  }
  const x = r.memo.get('azure.Subnet', s.subnetId);
  return `az|${x?.fr.parentId ?? ''}|${x?.properties.networkSecurityGroup?.id ?? ''}|${x?.properties.routeTable?.id ?? ''}|${x?.name === 'GatewaySubnet' ? 'gw' : ''}`;
}

/** Class index per subnet (same index = interchangeable), for subnets with representative addresses `ips`. */
export function matrixClasses(r: Routing, subnets: readonly MatrixSubnet[], ips: readonly (number | undefined)[]): number[] {
  const probes = routeProbes(r);
  const rules = rulePrefixIndex(r);
  const occupied = addressIndex(r);
  const classes = new Map<string, number>();
  return subnets.map((s, i) => {
    const ip = ips[i];
    if (probes === undefined || ip === undefined || occupied.oci.has(ip) || occupied.azure.has(ip)) return -1 - i; // its own class
    const key = `${configKey(r, s)}#${rules(ip)}#${probes.map((p) => p(ip)).join('#')}`;
    let c = classes.get(key);
    if (c === undefined) classes.set(key, (c = classes.size));
    return c;
  });
}

