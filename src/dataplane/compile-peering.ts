// VNet peering, gateway transit and appliances across a peering, as the engine's effective routes
// say. A peering is a link between the two VNet routers: a `VNetPeering` route goes over it and
// the packet is delivered in the remote VNet by its host routes (the trace delivers straight to the
// NIC, no remote route table applies). A `VirtualAppliance` route to an appliance in another VNet
// goes over the link too, and the remote router hands the packet to the appliance by a table
// selected by the link and the source subnet (the source's routes chose the appliance, so the
// remote router must repeat that choice, not route by destination). A `VirtualNetworkGateway` route
// of a VNet using a peered VNet's gateway (use-remote-gateways) goes straight to that gateway, as
// the trace crosses to OCI from there; replies come back through the hub's GatewaySubnet routes.
import { armKey } from '../model/ids.ts';
import type { EffectiveRoute } from '../routing/types.ts';
import { hostRouteDev, viaRoute } from './builder.ts';
import type { CompileContext, PeerPort, VnetRouter } from './compile-context.ts';
import type { PlanRoute } from './plan.ts';

/** The link between two VNet routers, created on first use; seen from `router`. */
function peerPort(ctx: CompileContext, router: VnetRouter, remote: VnetRouter): PeerPort {
  const remoteKey = armKey(remote.ns.resourceId);
  const found = router.peers?.get(remoteKey);
  if (found) return found;
  router.peers ??= new Map();
  remote.peers ??= new Map();
  const dev = `peer${router.peers.size}`;
  const remoteDev = `peer${remote.peers.size}`;
  const ends = ctx.b.transit(router.ns, dev, remote.ns, remoteDev, `${router.ns.resourceId}|${remote.ns.resourceId}`);
  const port = { dev, peer: ends.b, peerDev: remoteDev };
  router.peers.set(remoteKey, port);
  remote.peers.set(armKey(router.ns.resourceId), { dev: remoteDev, peer: ends.a, peerDev: dev });
  return port;
}

/** `VNetPeering`: over the link to the remote VNet's router, which delivers by its host routes. */
export function peeringRoute(ctx: CompileContext, router: VnetRouter, route: EffectiveRoute, base: Omit<PlanRoute, 'type'>): PlanRoute {
  const remote = route.remoteVnetId === undefined ? undefined : ctx.vnets.get(armKey(route.remoteVnetId));
  if (!remote) {
    ctx.b.notMaterialised(route.remoteVnetId ?? router.ns.resourceId, 'VNet peering to a VNet outside the data plane');
    return { ...base, type: 'unreachable' };
  }
  const port = peerPort(ctx, router, remote);
  return viaRoute(base.prefix, [{ via: port.peer, dev: port.dev }], base.why, base.table);
}

/** The VNet router holding a host route to `ip` (where the VM with that address hangs). */
function routerHolding(ctx: CompileContext, ip: string): { router: VnetRouter; dev: string } | undefined {
  for (const router of ctx.vnets.values()) {
    const dev = hostRouteDev(router.ns, ip);
    if (dev) return { router, dev };
  }
  return undefined;
}

/**
 * `VirtualAppliance` at `ip`: its own NIC when the appliance is in this VNet, else over the link to
 * the appliance's VNet, where a table for packets from this subnet sends the prefix on to the
 * appliance (the engine hands the packet to the appliance's NIC wherever it is).
 */
export function applianceRoute(ctx: CompileContext, router: VnetRouter, ip: string, source: { subnetKey: string; prefixes: string[] }, base: Omit<PlanRoute, 'type'>): PlanRoute {
  const local = hostRouteDev(router.ns, ip);
  if (local) return viaRoute(base.prefix, [{ via: ip, dev: local }], base.why, base.table);
  const holder = routerHolding(ctx, ip);
  if (!holder) return { ...base, type: 'blackhole' };
  const port = peerPort(ctx, router, holder.router);
  const { id, isNew } = ctx.b.table(holder.router.ns, `appliance|${port.peerDev}|${source.subnetKey}`);
  if (isNew) {
    for (const from of source.prefixes) ctx.b.rule(holder.router.ns, port.peerDev, id, `packets from ${router.ns.resourceName} subnet ${from} follow its routes to the appliance ${ip}`, from);
  }
  ctx.b.route(holder.router.ns, viaRoute(base.prefix, [{ via: ip, dev: holder.dev }], `${base.why} (chosen in ${router.ns.resourceName})`, id));
  return viaRoute(base.prefix, [{ via: port.peer, dev: port.dev }], base.why, base.table);
}

/** `VirtualNetworkGateway` of a peered VNet's gateway (use-remote-gateways): a link straight to that gateway. */
export function remoteGatewayRoute(ctx: CompileContext, router: VnetRouter, gatewayId: string, base: Omit<PlanRoute, 'type'>): PlanRoute {
  if (router.remoteGateway && armKey(router.remoteGateway.id) === armKey(gatewayId)) {
    return viaRoute(base.prefix, [{ via: router.remoteGateway.port.peer, dev: router.remoteGateway.port.dev }], base.why, base.table);
  }
  const gateway = ctx.b.plan.namespaces.find((n) => n.role === 'er-gateway' && armKey(n.resourceId) === armKey(gatewayId));
  if (!gateway || router.remoteGateway) {
    ctx.b.notMaterialised(gatewayId, 'gateway transit to an ExpressRoute gateway outside the data plane');
    return { ...base, type: 'unreachable' };
  }
  const gatewayDev = `sp${ctx.b.plan.links.filter((l) => (l.a.ns === gateway.name && l.a.dev.startsWith('sp')) || (l.b.ns === gateway.name && l.b.dev.startsWith('sp'))).length}`;
  const ends = ctx.b.transit(router.ns, 'rgw', gateway, gatewayDev, `${router.ns.resourceId}|${gatewayId}`);
  router.remoteGateway = { id: gatewayId, port: { dev: 'rgw', peer: ends.b, peerDev: gatewayDev } };
  return viaRoute(base.prefix, [{ via: ends.b, dev: 'rgw' }], base.why, base.table);
}
