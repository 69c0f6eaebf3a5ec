// The interconnect as namespaces: per virtual circuit, Oracle's edge (linked to its DRG's virtual
// circuit attachment) and Microsoft's edge (the circuit's MSEE), joined by two links, primary and
// secondary, each carrying the /30 of its cross-connect mapping (Oracle's and the customer's BGP
// peering addresses). Each edge routes as the engine's best paths say: a prefix carried by both
// sessions equally is multipath over both links; a session that is down carries nothing.
import type { LinkPath } from '../routing/types.ts';
import { FORWARDING, viaRoute } from './builder.ts';
import type { CompileContext } from './compile-context.ts';
import type { LinkDelay, PlanNamespace } from './plan.ts';
import { latencyForPeeringLocation } from '../model/interconnect/latency.ts';
import { interconnectRate, tbfFor, type LinkRate } from './shaping.ts';

const PATHS: readonly LinkPath[] = ['primary', 'secondary'];
const DEV: Record<LinkPath, string> = { primary: 'pri', secondary: 'sec' };

const hostOf = (address: string): string => address.split('/')[0] ?? address;

export function compileInterconnects(ctx: CompileContext): void {
  const { r, b } = ctx;
  for (const vc of r.memo.list('oci.VirtualCircuit')) {
    const att = r.memo.list('oci.DrgAttachment').find((a) => a.lifecycleState === 'ATTACHED' && a.networkDetails.type === 'VIRTUAL_CIRCUIT' && a.networkDetails.id === vc.id);
    const drgNs = att ? ctx.drgs.get(att.drgId) : undefined;
    const ic = r.interconnect(vc.id);
    if (!att || !drgNs || ic.circuitId === undefined) continue;
    const circuit = r.memo.get('azure.ExpressRouteCircuit', ic.circuitId);
    const oracle = b.namespace({ kind: 'oedge', role: 'oracle-edge', cloud: 'interconnect', resourceId: vc.id, resourceName: vc.displayName, sysctls: FORWARDING });
    const msee = b.namespace({ kind: 'msee', role: 'msee', cloud: 'interconnect', resourceId: ic.circuitId, resourceName: circuit?.name ?? vc.displayName, sysctls: FORWARDING });
    ctx.msees.set(ic.circuitId.toLowerCase(), msee);
    const dev = `att${ctx.attachments.size}`;
    const ends = b.transit(drgNs, dev, oracle, 'drg', att.id);
    ctx.attachments.set(att.id, { drgNs, dev, peer: ends.b, type: 'VIRTUAL_CIRCUIT' });
    const rate = interconnectRate(vc.bandwidthShapeName, circuit?.properties.serviceProviderProperties.bandwidthInMbps);
    const peers = linkPaths(ctx, oracle, msee, vc.id, vc.crossConnectMappings, { rate, delay: circuit && delayOf(circuit.properties.serviceProviderProperties.peeringLocation) });
    // Towards Azure at Oracle's edge: what Microsoft advertises; towards OCI: what Oracle advertises, to the DRG.
    for (const [prefix, best] of ic.bestToOci) {
      const hops = best.paths.flatMap((p) => (peers[p] ? [{ via: peers[p].azure, dev: DEV[p] }] : []));
      if (hops.length > 0) b.route(oracle, viaRoute(prefix, hops, `BGP best path from AS 12076 (${best.paths.join(', ')}; ${best.reason})`));
    }
    for (const [prefix, best] of ic.bestToAzure) {
      b.route(oracle, viaRoute(prefix, [{ via: ends.a, dev: 'drg' }], 'advertised by the DRG through the virtual circuit'));
      const hops = best.paths.flatMap((p) => (peers[p] ? [{ via: peers[p].oracle, dev: DEV[p] }] : []));
      if (hops.length > 0) b.route(msee, viaRoute(prefix, hops, `BGP best path from AS 31898 (${best.paths.join(', ')}; ${best.reason})`));
    }
  }
}

/** The primary and secondary links with their cross-connect mapping's addresses, delayed and shaped at both ends; returns each path's peers. */
function linkPaths(ctx: CompileContext, oracle: PlanNamespace, msee: PlanNamespace, vcId: string, mappings: readonly { oracleBgpPeeringIp?: string; customerBgpPeeringIp?: string }[], { rate, delay }: { rate: LinkRate | undefined; delay: LinkDelay | undefined }): Partial<Record<LinkPath, { oracle: string; azure: string }>> {
  const out: Partial<Record<LinkPath, { oracle: string; azure: string }>> = {};
  PATHS.forEach((path, i) => {
    const m = mappings[i];
    if (m?.oracleBgpPeeringIp === undefined || m.customerBgpPeeringIp === undefined) return;
    const length = m.oracleBgpPeeringIp.split('/')[1] ?? '30';
    ctx.b.link(oracle, DEV[path], msee, DEV[path], path === 'primary' ? 'interconnect-primary' : 'interconnect-secondary', `${vcId}/${path}`, delay);
    oracle.addresses.push({ dev: DEV[path], address: `${hostOf(m.oracleBgpPeeringIp)}/${length}` });
    msee.addresses.push({ dev: DEV[path], address: `${hostOf(m.customerBgpPeeringIp)}/${length}` });
    if (rate) for (const end of [oracle, msee]) (end.qdiscs ??= []).push(tbfFor(DEV[path], rate));
    out[path] = { oracle: hostOf(m.oracleBgpPeeringIp), azure: hostOf(m.customerBgpPeeringIp) };
  });
  return out;
}

/** The circuit's region pair's delay: half its round trip each way (none for a location the table lacks). */
function delayOf(peeringLocation: string): LinkDelay | undefined {
  const found = latencyForPeeringLocation(peeringLocation);
  if (!found) return undefined;
  const { pair, latency } = found;
  return { oneWayUs: Math.round(latency.rttMs * 500), rttMs: latency.rttMs, pair: `${pair.ociRegion} ⇄ ${peeringLocation} ⇄ ${pair.azureRegion}`, confirmed: latency.confirmed };
}
