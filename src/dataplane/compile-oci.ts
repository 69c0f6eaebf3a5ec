// OCI as namespaces: a router per VCN (one routing table per subnet route table, chosen by the
// interface a packet comes from), a namespace per instance, and a router per DRG with one routing
// table per DRG route table, chosen by the attachment a packet enters by (as the DRG does). The
// VCN's local routes are `throw` routes, so lookups fall through to the host routes of its VNICs.
import { cidr } from '../model/cidr.ts';
import type { Vnic } from '../model/oci/compute.ts';
import { FABRIC, FORWARDING, hostRouteDev, viaRoute } from './builder.ts';
import type { CompileContext, VcnRouter } from './compile-context.ts';
import { compileVm, type VmInterface } from './compile-vm.ts';
import { localPeeringRoute } from './compile-lpg.ts';
import type { PlanRoute } from './plan.ts';

const liveVnic = (v: Vnic | undefined): v is Vnic => v !== undefined && v.lifecycleState !== 'TERMINATING' && v.lifecycleState !== 'TERMINATED';

export function vcnTableNumber(ctx: CompileContext, router: VcnRouter, routeTableId: string): number {
  let n = router.tables.get(routeTableId);
  if (n === undefined) router.tables.set(routeTableId, (n = ctx.b.table(router.ns, routeTableId).id));
  return n;
}

export function compileVcns(ctx: CompileContext): void {
  for (const vcn of ctx.r.memo.list('oci.Vcn')) {
    if (vcn.lifecycleState !== 'AVAILABLE' || (ctx.scope && !ctx.scope.vcn(vcn.id))) continue;
    const ns = ctx.b.namespace({ kind: 'vcn', role: 'vcn-router', cloud: 'oci', resourceId: vcn.id, resourceName: vcn.displayName, sysctls: FABRIC });
    ctx.vcns.set(vcn.id, { ns, nextVm: 0, tables: new Map() });
  }
}

export function compileInstances(ctx: CompileContext): void {
  const { r } = ctx;
  for (const instance of r.memo.list('oci.Instance')) {
    if (instance.lifecycleState === 'TERMINATED' || instance.lifecycleState === 'TERMINATING') continue;
    const vnics = r.memo.children('oci.VnicAttachment', instance.id)
      .filter((a) => a.lifecycleState === 'ATTACHED' || a.lifecycleState === 'ATTACHING')
      .map((a) => r.memo.get('oci.Vnic', a.vnicId)).filter(liveVnic)
      .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
    const interfaces: VmInterface[] = [];
    for (const vnic of vnics) {
      const subnet = r.memo.get('oci.Subnet', vnic.subnetId);
      const router = subnet ? ctx.vcns.get(subnet.vcnId) : undefined;
      if (!subnet || !router) continue;
      const secondary = r.memo.children('oci.PrivateIp', vnic.id).filter((p) => !p.isPrimary && p.ipAddress !== vnic.privateIp).map((p) => p.ipAddress);
      interfaces.push({
        resourceId: vnic.id, ips: [vnic.privateIp, ...secondary], subnetLength: cidr(subnet.cidrBlock).length, gateway: subnet.virtualRouterIp,
        router: router.ns, routerDev: `vm${router.nextVm++}`, routerTable: vcnTableNumber(ctx, router, subnet.routeTableId),
      });
    }
    compileVm(ctx.b, { cloud: 'oci', resourceId: instance.id, name: instance.displayName, forwards: vnics.some((v) => v.skipSourceDestCheck), interfaces });
  }
}

/** DRG routers and their VCN attachments (virtual circuit attachments are linked by the interconnect compiler). */
export function compileDrgs(ctx: CompileContext): void {
  const { r, b } = ctx;
  for (const drg of r.memo.list('oci.Drg')) {
    const attachments = r.memo.children('oci.DrgAttachment', drg.id).filter((a) => a.lifecycleState === 'ATTACHED');
    const vcnAtts = attachments.filter((a) => a.networkDetails.type === 'VCN' && ctx.vcns.has(a.networkDetails.id));
    if (vcnAtts.length === 0) continue;
    const ns = b.namespace({ kind: 'drg', role: 'drg', cloud: 'oci', resourceId: drg.id, resourceName: drg.displayName, sysctls: FORWARDING });
    ctx.drgs.set(drg.id, ns);
    for (const att of vcnAtts) {
      const router = ctx.vcns.get(att.networkDetails.id);
      if (!router) continue;
      const dev = `att${ctx.attachments.size}`;
      const ends = b.transit(ns, dev, router.ns, 'drg', att.id);
      ctx.attachments.set(att.id, { drgNs: ns, dev, peer: ends.b, type: 'VCN' });
      router.drg = { drgId: drg.id, peer: ends.a };
      const ingress = att.networkDetails.type === 'VCN' ? att.networkDetails.routeTableId : undefined;
      if (ingress !== undefined) b.rule(router.ns, 'drg', vcnTableNumber(ctx, router, ingress), `packets from the DRG follow the attachment's VCN ingress route table`);
    }
    for (const att of attachments) {
      if (att.networkDetails.type !== 'VCN' && att.networkDetails.type !== 'VIRTUAL_CIRCUIT') b.notMaterialised(att.id, `${att.networkDetails.type} attachment ${att.displayName}`);
    }
  }
}

/** The routes of every VCN route table in use, once the DRG links exist. */
export function fillVcnTables(ctx: CompileContext): void {
  for (const router of ctx.vcns.values()) {
    for (const [routeTableId, table] of router.tables) {
      const computed = ctx.r.vcnTable(routeTableId);
      if (!computed) continue;
      const seen = new Set<string>();
      for (const route of computed.routes) {
        if (seen.has(route.destination)) continue;
        seen.add(route.destination);
        const winner = computed.fib.get(route.prefix) ?? route;
        ctx.b.route(router.ns, vcnRoute(ctx, router, winner, table));
      }
    }
  }
}

function vcnRoute(ctx: CompileContext, router: VcnRouter, route: { destination: string; routeType: string; networkEntityId: string }, table: number): PlanRoute {
  const why = route.routeType === 'LOCAL' ? `local route ${route.destination} (VCN)` : `rule ${route.destination} → ${route.networkEntityId}`;
  const base = { prefix: route.destination, table, why };
  if (route.routeType === 'LOCAL') return { ...base, type: 'throw' };
  const target = route.networkEntityId;
  if (target.startsWith('ocid1.drg.')) {
    if (router.drg?.drgId === target) return viaRoute(route.destination, [{ via: router.drg.peer, dev: 'drg' }], why, table);
    return { ...base, type: 'unreachable' };
  }
  if (target.startsWith('ocid1.privateip.')) {
    const pip = ctx.r.memo.get('oci.PrivateIp', target);
    const dev = pip ? hostRouteDev(router.ns, pip.ipAddress) : undefined;
    if (pip && dev) return viaRoute(route.destination, [{ via: pip.ipAddress, dev }], why, table);
    return { ...base, type: 'blackhole' };
  }
  if (ctx.r.memo.get('oci.LocalPeeringGateway', target)) return localPeeringRoute(ctx, router, target, base);
  ctx.b.notMaterialised(target, 'VCN gateway (internet, NAT or service): packets routed to it are dropped');
  return { ...base, type: 'unreachable' };
}

/** Every DRG route table as a routing table, selected by the attachment a packet enters by. */
export function fillDrgTables(ctx: CompileContext): void {
  const { r, b } = ctx;
  for (const [attId, port] of ctx.attachments) {
    const att = r.memo.get('oci.DrgAttachment', attId);
    if (!att) continue;
    // Packets entering from a virtual circuit may not leave by another one (no transit between on-premises attachments).
    const fromCircuit = port.type === 'VIRTUAL_CIRCUIT';
    const { id, isNew } = b.table(port.drgNs, `${att.drgRouteTableId}|${fromCircuit ? 'vc' : 'other'}`);
    b.rule(port.drgNs, port.dev, id, `packets entering by ${att.displayName} follow DRG route table ${att.drgRouteTableId}`);
    if (!isNew) continue;
    const table = r.drgTable(att.drgRouteTableId);
    if (!table) continue;
    const seen = new Set<string>();
    for (const rule of table.rules) {
      if (seen.has(rule.destination)) continue;
      seen.add(rule.destination);
      const winners = table.fib.get(rule.prefix) ?? [rule];
      const why = winners.map((w) => `${w.routeType} ${w.destination} → ${w.nextHopDrgAttachmentId} (${w.routeProvenance})`).join('; ');
      const nexthops = winners.flatMap((w) => {
        const next = ctx.attachments.get(w.nextHopDrgAttachmentId);
        if (!next || w.isBlackhole || (fromCircuit && next.type === 'VIRTUAL_CIRCUIT')) return [];
        return [{ via: next.peer, dev: next.dev }];
      });
      if (nexthops.length > 0) b.route(port.drgNs, viaRoute(rule.destination, nexthops, why, id));
      else b.route(port.drgNs, { prefix: rule.destination, table: id, type: winners.some((w) => w.isBlackhole) ? 'blackhole' : 'unreachable', why });
    }
  }
}
