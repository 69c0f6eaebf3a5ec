// OCI local peering gateways as links between VCN routers, as the engine's trace crosses them: a
// route rule targeting a peered LPG goes over the link; the peer VCN delivers what is inside it by
// its host routes, and routes the rest by the peer LPG's route table (transit routing), or drops it.
import type { LocalPeeringGateway } from '../model/oci/gateways.ts';
import { viaRoute } from './builder.ts';
import type { CompileContext, VcnRouter } from './compile-context.ts';
import type { PlanRoute } from './plan.ts';

const live = (lpg: LocalPeeringGateway | undefined): lpg is LocalPeeringGateway => lpg !== undefined && lpg.lifecycleState !== 'TERMINATED' && lpg.lifecycleState !== 'TERMINATING';

/** One link per peered LPG pair whose VCNs both have a router; `table` numbers a VCN's route table. */
export function compileLocalPeerings(ctx: CompileContext, table: (router: VcnRouter, routeTableId: string) => number): void {
  for (const lpg of ctx.r.memo.list('oci.LocalPeeringGateway')) {
    if (!live(lpg) || lpg.peeringStatus !== 'PEERED' || lpg.peerId === undefined) continue;
    const peer = ctx.r.memo.get('oci.LocalPeeringGateway', lpg.peerId);
    const here = ctx.vcns.get(lpg.vcnId);
    const there = live(peer) ? ctx.vcns.get(peer.vcnId) : undefined;
    if (!peer || !here || !there || here.lpgs?.has(lpg.id) || there.lpgs?.has(peer.id)) continue;
    here.lpgs ??= new Map();
    there.lpgs ??= new Map();
    const dev = `lpg${here.lpgs.size}`;
    const peerDev = `lpg${there.lpgs.size}`;
    const ends = ctx.b.transit(here.ns, dev, there.ns, peerDev, `${lpg.id}|${peer.id}`);
    here.lpgs.set(lpg.id, { dev, peer: ends.b, peerDev });
    there.lpgs.set(peer.id, { dev: peerDev, peer: ends.a, peerDev: dev });
    // Packets entering by an LPG follow its route table (its LOCAL routes fall through to the VNICs).
    for (const [side, router, port] of [[lpg, here, dev], [peer, there, peerDev]] as const) {
      if (side.routeTableId !== undefined) ctx.b.rule(router.ns, port, table(router, side.routeTableId), `packets entering by ${side.displayName} follow its route table (transit routing)`);
    }
  }
}

/** A route rule targeting an LPG: over the link when it is peered and built, else dropped as the engine drops it. */
export function localPeeringRoute(ctx: CompileContext, router: VcnRouter, lpgId: string, base: Omit<PlanRoute, 'type'>): PlanRoute {
  const port = router.lpgs?.get(lpgId);
  if (port) return viaRoute(base.prefix, [{ via: port.peer, dev: port.dev }], base.why, base.table);
  if (ctx.r.memo.get('oci.LocalPeeringGateway', lpgId)?.peeringStatus === 'PEERED') ctx.b.notMaterialised(lpgId, 'local peering gateway to a VCN outside the data plane');
  return { ...base, type: 'unreachable' };
}
