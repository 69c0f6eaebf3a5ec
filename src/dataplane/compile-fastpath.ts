// FastPath as the engine's trace takes it (trace/azure-steps.ts fromGateway): on a connection with
// FastPath (expressRouteGatewayBypass), packets from the circuit for the gateway VNet's own address
// space go straight to the VM, by the VNet's system routes: the GatewaySubnet's UDRs (an appliance
// meant to inspect them) are bypassed. Packets for peered VNets still follow the GatewaySubnet's
// routes. In the VNet router, a table chosen before the GatewaySubnet's for packets from the gateway
// holds the host routes of the VMs inside the VNet's space; anything else finds no route there and
// falls through to the GatewaySubnet's table.
import { armKey } from '../model/ids.ts';
import { cidr, containsAddress, ipToInt } from '../model/cidr.ts';
import type { CompileContext, VnetRouter } from './compile-context.ts';

/** Does a connection of the gateway bypass it (FastPath)? The VNet router cannot tell circuits apart, so any one counts. */
function fastPathOn(ctx: CompileContext, gatewayId: string): boolean {
  return ctx.r.memo.list('azure.Connection').some((c) => armKey(c.properties.virtualNetworkGateway1.id) === armKey(gatewayId) && c.properties.expressRouteGatewayBypass);
}

/** The FastPath rule of the VNet router for packets from its gateway; added before the GatewaySubnet's rule, so it is looked up first. */
export function fastPathRule(ctx: CompileContext, router: VnetRouter, gatewayId: string): void {
  if (!fastPathOn(ctx, gatewayId)) return;
  router.fastPathTable = ctx.b.table(router.ns, 'fastpath').id;
  ctx.b.rule(router.ns, 'gw', router.fastPathTable, 'FastPath: packets from the circuit for the VNet\'s own space go straight to the VM (GatewaySubnet UDRs bypassed)');
}

/** Once the VMs' host routes exist: those inside the VNet's own space, copied into the FastPath table. */
export function fillFastPathTables(ctx: CompileContext): void {
  for (const router of ctx.vnets.values()) {
    const table = router.fastPathTable;
    if (table === undefined) continue;
    const space = (ctx.r.memo.get('azure.VirtualNetwork', router.ns.resourceId)?.properties.addressSpace.addressPrefixes ?? []).map(cidr);
    const hosts = router.ns.routes.filter((x) => x.table === undefined && x.type === 'dev' && x.prefix.endsWith('/32'));
    for (const host of hosts) {
      const ip = ipToInt(host.prefix.slice(0, -3));
      if (ip !== undefined && space.some((p) => containsAddress(p, ip))) ctx.b.route(router.ns, { ...host, table, why: `FastPath: ${host.why}` });
    }
  }
}
