// Crossing the interconnect in either direction: the virtual circuit, Oracle's edge (AS 31898), the
// primary or secondary link (by best path, or by flow hash when both are equal), Microsoft's edge
// (AS 12076), and the ExpressRoute gateway (or FastPath) of the VNet that owns the destination.
import { intToIp } from '../model/cidr.ts';
import type { DrgAttachment } from '../model/oci/drg.ts';
import type { InterconnectRouting, LinkPath } from '../routing/types.ts';
import type { Walk } from './walk.ts';
import { fromGateway } from './azure-steps.ts';
import { atDrg } from './oci-steps.ts';
import { elementHop, passHop } from './hops.ts';
import type { Hop } from './types.ts';
import { connectionBetween, virtualCircuitAttachment } from './lookups.ts';
import { crossToOnPremises } from './on-premises-steps.ts';

/** The link hop's detail when both links carry the prefix equally (traffic placement splits the load on it). */
export const ECMP_LINK_DETAIL = 'both links carry this prefix equally; the flow hash picked this one';

function pickPath(w: Walk, paths: readonly LinkPath[]): LinkPath | undefined {
  if (paths.length <= 1) return paths[0];
  return paths[w.flowHash % paths.length];
}

/**
 * The three hops of a link crossing (Oracle edge, link, Microsoft edge, in the packet's order), built
 * once per interconnect answer (immutable) and variant, then shared, frozen, by every trace.
 */
const linkHopCache = new WeakMap<InterconnectRouting, { vlan: number | undefined; hops: (readonly Hop[] | undefined)[] }>();

function linkHops(w: Walk, ic: InterconnectRouting, path: LinkPath, toAzure: boolean, vlan: number | undefined, ecmp: boolean): void {
  // Element walks take the same shared hops (placement reads the link and which edge came first).
  if (!w.explain && !w.elements) { w.hop(null); w.hop(null); w.hop(null); return; }
  let cached = linkHopCache.get(ic);
  if (cached === undefined || cached.vlan !== vlan) linkHopCache.set(ic, (cached = { vlan, hops: [] }));
  const variant = (path === 'primary' ? 0 : 1) + (toAzure ? 2 : 0) + (ecmp ? 4 : 0);
  let hops = cached.hops[variant];
  if (!hops) cached.hops[variant] = hops = Object.freeze(buildLinkHops(ic, path, toAzure, vlan, ecmp).map((h) => Object.freeze(h)));
  for (const h of hops) w.hop(h);
}

function buildLinkHops(ic: InterconnectRouting, path: LinkPath, toAzure: boolean, vlan: number | undefined, ecmp: boolean): Hop[] {
  const s = ic.sessions.find((x) => x.path === path);
  const oracle = { kind: 'oracle-edge' as const, cloud: 'interconnect' as const, resource: `${ic.virtualCircuitId}/oracle-edge/${path}`, name: `Oracle edge (AS 31898) ${path}`, decision: 'forward' as const, reason: 'FORWARDED' as const, ...(s?.oracleIp === undefined ? {} : { detail: `BGP peer ${s.oracleIp}` }) };
  const link = {
    kind: 'link' as const, cloud: 'interconnect' as const, resource: `${ic.virtualCircuitId}/${path}`, name: `${path} link`, decision: 'forward' as const, reason: 'FORWARDED' as const,
    rule: `${path}${vlan === undefined ? '' : ` VLAN ${vlan}`} ${s?.oracleIp ?? '?'} ⇄ ${s?.azureIp ?? '?'}`,
    ...(ecmp ? { detail: ECMP_LINK_DETAIL } : { detail: 'best path' }),
  };
  const microsoft = { kind: 'microsoft-edge' as const, cloud: 'interconnect' as const, resource: `${ic.circuitId ?? ''}/msee/${path}`, name: `Microsoft edge (AS 12076) ${path}`, decision: 'forward' as const, reason: 'FORWARDED' as const, ...(s?.azureIp === undefined ? {} : { detail: `BGP peer ${s.azureIp}` }) };
  return toAzure ? [oracle, link, microsoft] : [microsoft, link, oracle];
}

/** The virtual-circuit hop; returns the circuit's VLAN (shown on the link hop). */
function vcHop(w: Walk, vcId: string, vc = w.r.memo.get('oci.VirtualCircuit', vcId)): number | undefined {
  w.hop(w.explain ? passHop('virtual-circuit', 'interconnect', vcId, vc?.displayName ?? vcId, `${vc?.bandwidthShapeName ?? ''} private virtual circuit`) : null);
  return vc?.crossConnectMappings[0]?.vlan;
}

/** OCI → Azure, leaving the DRG through a virtual-circuit attachment. */
export function crossToAzure(w: Walk, vcAttachment: DrgAttachment, destination: string): void {
  const vcId = vcAttachment.networkDetails.id;
  const ic = w.r.interconnect(vcId);
  if (ic.down) {
    w.drop({ kind: 'virtual-circuit', cloud: 'interconnect', resource: vcId, reason: ic.down, detail: ic.downReason ?? '' });
    return;
  }
  const vlan = vcHop(w, vcId);
  const best = ic.bestToOci.get(destination);
  const path = pickPath(w, best?.paths ?? []);
  if (!path) {
    w.drop({ kind: 'link', cloud: 'interconnect', resource: vcId, reason: 'BGP_SESSION_DOWN', detail: `no session carries ${destination}` });
    return;
  }
  linkHops(w, ic, path, true, vlan, (best?.paths.length ?? 0) > 1);
  // The gateway whose VNet (or spokes) advertises the destination.
  const gatewayId = ic.gatewayIds.find((g) => w.r.gatewayAdvertisedFib(g).lookup(w.packet.dst) !== undefined);
  if (gatewayId === undefined) {
    w.drop({ kind: 'microsoft-edge', cloud: 'interconnect', resource: ic.circuitId ?? vcId, reason: ic.gatewayIds.length === 0 ? 'GATEWAY_NOT_CONNECTED' : 'NO_ROUTE', detail: ic.gatewayIds.length === 0 ? 'no ExpressRoute gateway is connected to the circuit' : `no connected VNet advertises ${intToIp(w.packet.dst)}` });
    return;
  }
  fromGateway(w, gatewayId, ic.circuitId ?? '');
}

/** Azure → OCI, leaving through the ExpressRoute gateway towards the circuit(s) it is connected to. */
export function crossToOci(w: Walk, gatewayId: string): void {
  const gw = w.r.memo.get('azure.VirtualNetworkGateway', gatewayId);
  const ociHit = w.r.gatewayToOciFib(gatewayId).lookup(w.packet.dst);
  // An on-premises site's prefix wins when it is the longer match (equal: OCI's, as the gateway keeps it).
  const siteHit = w.r.gatewayToOnPremisesFib(gatewayId).lookup(w.packet.dst);
  const toSite = siteHit !== undefined && (ociHit === undefined || siteHit.length > ociHit.length) ? siteHit.value : undefined;
  const hit = toSite ? undefined : ociHit?.value;
  const chosen = hit ? { ic: w.r.interconnect(hit.virtualCircuitId), prefix: hit.prefix } : undefined;
  const conn = chosen || toSite ? connectionBetween(w.r, gatewayId, toSite?.circuitId ?? chosen?.ic.circuitId ?? '') : undefined;
  const fastPath = conn?.properties.expressRouteGatewayBypass === true;
  elementHop(w, fastPath ? 'fastpath' : 'er-gateway', 'azure', gatewayId, () => gw?.name ?? gatewayId, () => (fastPath ? 'FastPath: the gateway is bypassed for data' : `ExpressRoute gateway ${gw?.properties.sku.name ?? ''}`));
  if (toSite) { crossToOnPremises(w, toSite.siteId, toSite.prefix); return; }
  if (!chosen) {
    w.drop({ kind: 'er-gateway', cloud: 'azure', resource: gatewayId, reason: 'NOT_EXPORTED', detail: `no circuit connected to the gateway carries ${intToIp(w.packet.dst)}` });
    return;
  }
  const { ic, prefix } = chosen;
  const best = ic.bestToAzure.get(prefix);
  const path = pickPath(w, best?.paths ?? []);
  if (!path) return;
  const vc = w.r.memo.get('oci.VirtualCircuit', ic.virtualCircuitId);
  linkHops(w, ic, path, false, vc?.crossConnectMappings[0]?.vlan, (best?.paths.length ?? 0) > 1);
  vcHop(w, ic.virtualCircuitId, vc);
  const att = virtualCircuitAttachment(w.r, ic.virtualCircuitId);
  if (!att) {
    w.drop({ kind: 'drg', cloud: 'oci', resource: vc?.gatewayId ?? '', reason: 'CIRCUIT_NOT_PROVISIONED', detail: 'the virtual circuit is not attached to its DRG' });
    return;
  }
  atDrg(w, att);
}
