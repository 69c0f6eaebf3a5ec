// The two BGP sessions of an interconnect between Oracle's edge (AS 31898) and Microsoft's edge
// (AS 12076): what each side advertises on each session, the private-peering prefix limit, active
// drills, and best-path selection across the two sessions.
//
// AS paths (decided, see docs/differences.md): OCI sees Azure prefixes with path [12076] (the
// gateway's 65515 is stripped by the MSEE, [U]); Azure sees OCI prefixes with path [31898] on the
// private peering and "12076-31898" at the ExpressRoute gateway.
import { cidr, intToIp, parseInterfaceAddress } from '../../model/cidr.ts';
import type { Drill } from '../../model/drill.ts';
import { AZURE_BGP_ASN, ORACLE_BGP_ASN, privatePeeringPrefixLimit } from '../../model/interconnect/providers.ts';
import { ER_GATEWAY_MAX_ADVERTISED_ROUTES } from '../../model/azure/gateway-skus.ts';
import { findCircuitByServiceKey } from '../../lifecycle/interconnect/handshake.ts';
import type { BestPathReason, BgpRoute, BgpSession, InterconnectRouting, LinkPath } from '../types.ts';
import type { Routing } from '../routing.ts';
import { exportedRoutes } from '../oci/drg-table.ts';

const PATHS: readonly LinkPath[] = ['primary', 'secondary'];

const ipOnly = (withMask: string | undefined) => {
  const a = withMask === undefined ? undefined : parseInterfaceAddress(withMask);
  return a ? intToIp(a.address) : undefined;
};

/** The prefixes Azure advertises towards the circuit: each connected gateway's VNet and the spokes using it. */
export function azureAdvertised(r: Routing, gatewayIds: readonly string[]): string[] {
  const out = new Set<string>();
  for (const gwId of gatewayIds) for (const p of r.gatewayAdvertised(gwId)) out.add(p);
  return [...out];
}

function drillsOf(r: Routing, vcId: string): Drill[] {
  return r.memo.list('fr.Drill').filter((d) => d.virtualCircuitId === vcId);
}

/** Where prefix-flood drills take their prefixes: benchmarking space (RFC 2544) that no lab uses, as /29s (16,384 fit). */
export const FLOOD_RANGE = { prefix: '198.18.0.0/15', length: 29 } as const;

function floodPrefixes(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.min(count, 16384); i++) out.push(`${intToIp((0xc6120000 + i * 8) >>> 0)}/${FLOOD_RANGE.length}`);
  return out;
}

/**
 * The gateways whose connection to the circuit carries routes: Connected, the gateway Succeeded (and
 * not being replaced by a drill), and advertising at most 1,000 prefixes. The limit is per
 * ExpressRoute connection (its gateway's VNet and the spokes using it), not per circuit; a
 * connection over it is disconnected, spokes included, until the count falls (ExpressRoute FAQ:
 * "How many prefixes can be advertised from a virtual network to on-premises…", "What happens if
 * the prefix limit on an ExpressRoute connection gets exceeded?").
 */
function connectedGateways(r: Routing, circuitId: string, drills: readonly Drill[], azureWithdrawn: ReadonlySet<string | undefined>): Pick<InterconnectRouting, 'gatewayIds' | 'overAdvertisedLimit'> {
  const gatewayIds: string[] = [];
  const overAdvertisedLimit: InterconnectRouting['overAdvertisedLimit'] = [];
  if (drills.some((d) => d.kind === 'gateway-replace')) return { gatewayIds, overAdvertisedLimit };
  const id = circuitId.toLowerCase();
  for (const c of r.memo.list('azure.Connection')) {
    if (c.properties.peer.id.toLowerCase() !== id || c.properties.connectionStatus !== 'Connected') continue;
    const gatewayId = c.properties.virtualNetworkGateway1.id;
    if (r.memo.get('azure.VirtualNetworkGateway', gatewayId)?.properties.provisioningState !== 'Succeeded') continue;
    const advertised = r.gatewayAdvertised(gatewayId).filter((p) => !azureWithdrawn.has(p)).length;
    if (advertised > ER_GATEWAY_MAX_ADVERTISED_ROUTES) overAdvertisedLimit.push({ gatewayId, advertised, limit: ER_GATEWAY_MAX_ADVERTISED_ROUTES });
    else gatewayIds.push(gatewayId);
  }
  return { gatewayIds, overAdvertisedLimit };
}

/** Why a gateway's connection carries nothing, in words (for traces and diagnostics). */
export function overAdvertisedLimitDetail(r: Routing, o: InterconnectRouting['overAdvertisedLimit'][number]): string {
  const name = r.memo.get('azure.VirtualNetworkGateway', o.gatewayId)?.name ?? o.gatewayId;
  return `the connection of ExpressRoute gateway ${name} to the circuit is disconnected: the gateway advertises ${o.advertised} prefixes (its VNet and the spokes using it), more than the ${o.limit} one ExpressRoute connection carries`;
}

export function computeInterconnect(r: Routing, vcId: string): InterconnectRouting {
  const vc = r.memo.get('oci.VirtualCircuit', vcId);
  const empty = (down: InterconnectRouting['down'], downReason: string): InterconnectRouting => ({
    virtualCircuitId: vcId, gatewayIds: [], overAdvertisedLimit: [], sessions: [], bestToAzure: new Map(), bestToOci: new Map(), down, downReason,
  });
  if (!vc) return empty('CIRCUIT_NOT_PROVISIONED', 'virtual circuit not found');
  const circuit = vc.providerServiceKeyName === undefined ? undefined : findCircuitByServiceKey(r.memo, vc.providerServiceKeyName);
  if (!circuit || vc.lifecycleState !== 'PROVISIONED' || circuit.properties.serviceProviderProvisioningState !== 'Provisioned') {
    return { ...empty('CIRCUIT_NOT_PROVISIONED', `virtual circuit ${vc.displayName} is ${vc.lifecycleState}; circuit ${circuit?.name ?? '(none)'} is ${circuit?.properties.serviceProviderProvisioningState ?? 'missing'}`), ...(circuit ? { circuitId: circuit.id } : {}) };
  }
  const drills = drillsOf(r, vcId);
  const withdrawn = (side: 'oci' | 'azure') => new Set(drills.filter((d) => d.kind === 'prefix-withdraw' && (d.side ?? 'oci') === side).map((d) => d.prefix));
  const ociWithdrawn = withdrawn('oci');
  const azureWithdrawn = withdrawn('azure');
  const { gatewayIds, overAdvertisedLimit } = connectedGateways(r, circuit.id, drills, azureWithdrawn);
  const limit = privatePeeringPrefixLimit(circuit.sku.tier);
  const attachment = r.memo.children('oci.DrgAttachment', vc.gatewayId ?? '').find((a) => a.networkDetails.type === 'VIRTUAL_CIRCUIT' && a.networkDetails.id === vcId);
  const exportedRules = attachment ? exportedRoutes(r, attachment.id) : [];
  // Prefixes already parsed by the DRG table, so each session's routes need not parse them again.
  const parsed = new Map(exportedRules.map((x) => [x.destination, x.prefix]));
  const exported = exportedRules.map((x) => x.destination).filter((p) => !ociWithdrawn.has(p));
  const flood = [...new Set(drills.filter((d) => d.kind === 'prefix-flood').flatMap((d) => floodPrefixes(d.count ?? limit + 1)))];
  const offered = [...new Set([...exported, ...flood])];
  // Each connection is within its own limit (the others were disconnected): the circuit carries them all.
  const fromAzure = azureAdvertised(r, gatewayIds).filter((p) => !azureWithdrawn.has(p));
  const stored = vc.fr.linkReasons ?? [];
  const sessions: BgpSession[] = PATHS.map((path, i) => {
    const mapping = vc.crossConnectMappings[i];
    const oracleIp = ipOnly(mapping?.oracleBgpPeeringIp);
    const azureIp = ipOnly(mapping?.customerBgpPeeringIp);
    const prepend = drills.filter((d) => d.kind === 'as-path-prepend' && d.path === path).reduce((n, d) => n + (d.count ?? 3), 0);
    const drillDown = drills.find((d) => (d.kind === 'link-down' || d.kind === 'bgp-reset') && d.path === path);
    let reason: string | undefined = stored[i] ?? (mapping?.ipv4BgpStatus === 'UP' ? undefined : 'session down');
    if (reason === undefined && drillDown) reason = drillDown.kind === 'link-down' ? `drill: ${path} link down` : `drill: ${path} BGP session reset`;
    if (reason === undefined && offered.length > limit) reason = `prefix limit exceeded: ${offered.length} prefixes advertised to the ${circuit.sku.tier} private peering (limit ${limit})`;
    const up = reason === undefined;
    const route = (prefix: string, asPath: number[], nextHop: string | undefined): BgpRoute => ({ prefix, network: parsed.get(prefix) ?? cidr(prefix), asPath, nextHop: nextHop ?? '' });
    const pad = (asn: number) => Array.from({ length: prepend }, () => asn);
    // One AS path per session and direction: every route of a session carries the same one.
    const toAzurePath = [ORACLE_BGP_ASN, ...pad(ORACLE_BGP_ASN)];
    const toOciPath = [AZURE_BGP_ASN, ...pad(AZURE_BGP_ASN)];
    return {
      path, ...(oracleIp === undefined ? {} : { oracleIp }), ...(azureIp === undefined ? {} : { azureIp }), up, ...(reason === undefined ? {} : { reason }),
      toAzure: up ? offered.map((p) => route(p, toAzurePath, oracleIp)) : [],
      toOci: up ? fromAzure.map((p) => route(p, toOciPath, azureIp)) : [],
      prefixLimit: limit, offeredToAzure: offered.length,
    };
  });
  const result: InterconnectRouting = {
    virtualCircuitId: vcId, circuitId: circuit.id, gatewayIds, overAdvertisedLimit, sessions, offered: { exported, flood, fromAzure },
    bestToAzure: selectBest(sessions, (s) => s.toAzure), bestToOci: selectBest(sessions, (s) => s.toOci),
  };
  if (!sessions.some((s) => s.up)) return { ...result, down: 'BGP_SESSION_DOWN', downReason: sessions.map((s) => `${s.path}: ${s.reason ?? 'down'}`).join('; ') };
  return result;
}

/** Best path per prefix across the sessions: shortest AS path; equal paths are both used (ECMP). */
function selectBest(sessions: readonly BgpSession[], routes: (s: BgpSession) => BgpRoute[]): InterconnectRouting['bestToAzure'] {
  const byPrefix = new Map<string, { route: BgpRoute; path: LinkPath }[]>();
  for (const s of sessions) {
    for (const route of routes(s)) {
      const list = byPrefix.get(route.prefix);
      if (list) list.push({ route, path: s.path });
      else byPrefix.set(route.prefix, [{ route, path: s.path }]);
    }
  }
  const out: InterconnectRouting['bestToAzure'] = new Map();
  for (const [prefix, list] of byPrefix) {
    // Plain loops: this runs for every prefix of both directions (thousands), so no closures or spreads.
    let shortest = Infinity;
    for (const x of list) if (x.route.asPath.length < shortest) shortest = x.route.asPath.length;
    const winners: BgpRoute[] = [];
    const paths: LinkPath[] = [];
    for (const x of list) if (x.route.asPath.length === shortest) { winners.push(x.route); paths.push(x.path); }
    const reason: BestPathReason = list.length === 1 ? 'only-path' : winners.length < list.length ? 'shortest-as-path' : 'ecmp';
    for (const x of list) { x.route.best = x.route.asPath.length === shortest; x.route.reason = reason; }
    out.set(prefix, { routes: winners, paths, reason });
  }
  return out;
}

/** Redundant prefixes are received on both sessions; the rest depend on one link (Azure's failover test wording). */
export function redundancy(ic: InterconnectRouting): { redundant: string[]; nonRedundant: string[] } {
  const count = new Map<string, number>();
  for (const s of ic.sessions) for (const r of [...s.toAzure, ...s.toOci]) count.set(r.prefix, (count.get(r.prefix) ?? 0) + 1);
  const redundant: string[] = [];
  const nonRedundant: string[] = [];
  for (const [p, n] of count) (n >= 2 ? redundant : nonRedundant).push(p);
  return { redundant: redundant.sort(), nonRedundant: nonRedundant.sort() };
}
