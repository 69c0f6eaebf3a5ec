// Azure as namespaces: a router per VNet (one routing table per subnet, holding the subnet's
// effective routes, chosen by the NIC a packet comes from), a namespace per VM, and the ExpressRoute
// gateway between its VNet's GatewaySubnet and the Microsoft edge of every circuit it is connected
// to. Packets from the circuit enter the VNet by the GatewaySubnet's effective routes, as the
// engine's trace does; the gateway instances hold the GatewaySubnet's .4 and .5.
import { armKey } from '../model/ids.ts';
import { cidr, intToIp, nthAddress } from '../model/cidr.ts';
import type { EffectiveRoute } from '../routing/types.ts';
import { gatewayBgpAddressing } from '../routing/azure/gateway-addressing.ts';
import { FABRIC, FORWARDING, viaRoute } from './builder.ts';
import { applianceRoute, peeringRoute, remoteGatewayRoute } from './compile-peering.ts';
import type { CompileContext, VnetRouter } from './compile-context.ts';
import { compileVm, type VmInterface } from './compile-vm.ts';
import { fastPathRule } from './compile-fastpath.ts';
import type { PlanRoute } from './plan.ts';

/** Azure reserves a subnet's first addresses; the default gateway is its .1. */
const subnetGateway = (prefix: string): string => intToIp(nthAddress(cidr(prefix), 1));

function subnetTable(ctx: CompileContext, router: VnetRouter, subnetId: string): number {
  const key = armKey(subnetId);
  let n = router.tables.get(key);
  if (n === undefined) router.tables.set(key, (n = ctx.b.table(router.ns, key).id));
  return n;
}

export function compileVnets(ctx: CompileContext): void {
  for (const vnet of ctx.r.memo.list('azure.VirtualNetwork')) {
    if (ctx.scope && !ctx.scope.vnet(vnet.id)) continue;
    const ns = ctx.b.namespace({ kind: 'vnet', role: 'vnet-router', cloud: 'azure', resourceId: vnet.id, resourceName: vnet.name, sysctls: FABRIC });
    ctx.vnets.set(armKey(vnet.id), { ns, nextNic: 0, tables: new Map() });
  }
}

export function compileGateways(ctx: CompileContext): void {
  const { r, b } = ctx;
  for (const gw of r.memo.list('azure.VirtualNetworkGateway')) {
    const subnetId = gw.properties.ipConfigurations[0]?.properties.subnet.id;
    const subnet = subnetId === undefined ? undefined : r.memo.get('azure.Subnet', subnetId);
    const router = subnet ? ctx.vnets.get(armKey(subnet.fr.parentId)) : undefined;
    const addressing = gatewayBgpAddressing(r, gw.id);
    if (!subnet || !router || !addressing) continue;
    const ns = b.namespace({ kind: 'ergw', role: 'er-gateway', cloud: 'azure', resourceId: gw.id, resourceName: gw.name, sysctls: FORWARDING });
    const addresses = addressing.instances.map((i) => i.address);
    const length = cidr(subnet.properties.addressPrefix).length;
    const gateway = subnetGateway(subnet.properties.addressPrefix);
    b.link(ns, 'vnet', router.ns, 'gw', 'transit', gw.id);
    for (const a of addresses) {
      ns.addresses.push({ dev: 'vnet', address: `${a}/${length}` });
      b.route(router.ns, { prefix: `${a}/32`, type: 'dev', dev: 'gw', why: `ExpressRoute gateway ${gw.name} instance` });
    }
    router.ns.addresses.push({ dev: 'gw', address: `${gateway}/32` });
    router.gateway = { id: gw.id, addresses };
    fastPathRule(ctx, router, gw.id);
    b.rule(router.ns, 'gw', subnetTable(ctx, router, subnet.id), 'packets from the ExpressRoute gateway follow the GatewaySubnet\'s effective routes');
    const intoVnet = viaRoute('0.0.0.0/0', [{ via: gateway, dev: 'vnet' }], 'into the VNet (its GatewaySubnet\'s routes decide)');
    b.route(ns, intoVnet);
    // Packets from a circuit always enter the VNet, as the trace does (fromGateway): an OCI prefix that
    // covers Azure's own space (advertised back) must not send them back into the circuit.
    const fromCircuit = b.table(ns, 'from-circuit').id;
    b.route(ns, { ...intoVnet, table: fromCircuit });
    linkCircuits(ctx, gw.id, ns, fromCircuit);
  }
}

/** The gateway's links to the Microsoft edge of each circuit it carries routes for, and both sides' routes. */
function linkCircuits(ctx: CompileContext, gatewayId: string, ns: VnetRouter['ns'], fromCircuit: number): void {
  const { r, b } = ctx;
  const routed = new Set<string>();
  let k = 0;
  for (const vc of r.memo.list('oci.VirtualCircuit')) {
    const ic = r.interconnect(vc.id);
    const msee = ic.circuitId === undefined ? undefined : ctx.msees.get(ic.circuitId.toLowerCase());
    if (!msee || !ic.gatewayIds.some((g) => armKey(g) === armKey(gatewayId))) continue;
    const dev = `ms${k++}`;
    const ends = b.transit(ns, dev, msee, `gw${k - 1}`, `${ic.circuitId ?? ''}|${gatewayId}`);
    b.rule(ns, dev, fromCircuit, `packets from circuit ${msee.resourceName} enter the VNet`);
    for (const prefix of ic.bestToAzure.keys()) {
      if (routed.has(prefix)) continue;
      routed.add(prefix);
      b.route(ns, viaRoute(prefix, [{ via: ends.b, dev }], `learned from circuit ${msee.resourceName}`));
    }
    for (const prefix of r.gatewayAdvertised(gatewayId)) {
      if (msee.routes.some((x) => x.prefix === prefix)) continue;
      b.route(msee, viaRoute(prefix, [{ via: ends.a, dev: `gw${k - 1}` }], `advertised by gateway ${ns.resourceName}`));
    }
  }
}

export function compileAzureVms(ctx: CompileContext): void {
  const { r } = ctx;
  for (const vm of r.memo.list('azure.VirtualMachine')) {
    const interfaces: VmInterface[] = [];
    let forwards = false;
    const nicRefs = [...vm.properties.networkProfile.networkInterfaces].sort((a, b) => Number(b.properties.primary) - Number(a.properties.primary));
    for (const ref of nicRefs) {
      const nic = r.memo.get('azure.NetworkInterface', ref.id);
      const configs = nic?.properties.ipConfigurations ?? [];
      const first = configs[0];
      const subnet = first ? r.memo.get('azure.Subnet', first.properties.subnet.id) : undefined;
      const router = subnet ? ctx.vnets.get(armKey(subnet.fr.parentId)) : undefined;
      if (!nic || !subnet || !router) continue;
      forwards ||= nic.properties.enableIPForwarding;
      const ips = [...configs].sort((a, b) => Number(b.properties.primary) - Number(a.properties.primary)).map((c) => c.properties.privateIPAddress);
      interfaces.push({
        resourceId: nic.id, ips, subnetLength: cidr(subnet.properties.addressPrefix).length, gateway: subnetGateway(subnet.properties.addressPrefix),
        router: router.ns, routerDev: `nic${router.nextNic++}`, routerTable: subnetTable(ctx, router, subnet.id),
      });
    }
    compileVm(ctx.b, { cloud: 'azure', resourceId: vm.id, name: vm.name, forwards, interfaces });
  }
}

/** Every subnet's Active effective routes, once the gateway links and NIC host routes exist. */
export function fillVnetTables(ctx: CompileContext): void {
  for (const router of ctx.vnets.values()) {
    for (const [subnetKey, table] of router.tables) {
      const computed = ctx.r.subnetEffective(subnetKey);
      if (!computed) continue;
      const seen = new Set<string>();
      for (const route of computed.routes) {
        if (route.state !== 'Active') continue;
        for (const prefix of route.addressPrefix) {
          if (seen.has(prefix)) continue;
          seen.add(prefix);
          ctx.b.route(router.ns, effectiveRoute(ctx, router, route, prefix, table, { subnetKey, gatewayId: computed.gatewayId }));
        }
      }
    }
  }
}

/**
 * The subnet a table stands for: its key and the sources other routers recognise its packets by (its
 * prefixes; any source for the GatewaySubnet, whose table routes what the gateway brings from OCI).
 */
function subnetSource(ctx: CompileContext, subnetKey: string): { subnetKey: string; prefixes: string[] } {
  const subnet = ctx.r.memo.get('azure.Subnet', subnetKey);
  if (subnet?.name === 'GatewaySubnet') return { subnetKey, prefixes: ['0.0.0.0/0'] };
  return { subnetKey, prefixes: subnet ? subnet.properties.addressPrefixes ?? [subnet.properties.addressPrefix] : [] };
}

function effectiveRoute(ctx: CompileContext, router: VnetRouter, route: EffectiveRoute, prefix: string, table: number, at: { subnetKey: string; gatewayId: string | undefined }): PlanRoute {
  const why = `${route.source} ${prefix} → ${route.nextHopType}${route.nextHopIpAddress.length > 0 ? ` ${route.nextHopIpAddress.join(', ')}` : ''}`;
  const base = { prefix, table, why };
  const { gatewayId } = at;
  switch (route.nextHopType) {
    case 'VnetLocal':
      return { ...base, type: 'throw' };
    case 'VirtualNetworkGateway': {
      const own = router.gateway !== undefined && gatewayId !== undefined && armKey(router.gateway.id) === armKey(gatewayId);
      if (own && router.gateway) return viaRoute(prefix, [{ via: route.nextHopIpAddress[0] ?? router.gateway.addresses[0] ?? '', dev: 'gw' }], why, table);
      return gatewayId === undefined ? { ...base, type: 'unreachable' } : remoteGatewayRoute(ctx, router, gatewayId, base);
    }
    case 'VirtualAppliance':
      return applianceRoute(ctx, router, route.nextHopIpAddress[0] ?? '', subnetSource(ctx, at.subnetKey), base);
    case 'VNetPeering':
      return peeringRoute(ctx, router, route, base);
    case 'None':
      return { ...base, type: 'blackhole' };
    default:
      return { ...base, type: 'unreachable' };
  }
}
