// Routing as the clouds compute it, checked on the sample labs and on small worlds built through
// the lifecycle operations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Routing } from '../../src/routing/routing.ts';
import { resolveConflict } from '../../src/routing/oci/drg-table.ts';
import type { DrgRoute } from '../../src/routing/types.ts';
import { cidr } from '../../src/model/cidr.ts';
import { labEngine } from '../helpers/lab.ts';
import { ociScope, AZ } from '../helpers/interconnect.ts';
import { updateRouteTable } from '../../src/lifecycle/oci/route-table.ts';
import { putRouteTable } from '../../src/lifecycle/azure/route-table.ts';
import { putSubnet } from '../../src/lifecycle/azure/vnet.ts';
import { updateDrgRouteTable } from '../../src/lifecycle/oci/drg-route-table.ts';
import { removeExportDrgRouteDistribution } from '../../src/lifecycle/oci/drg-attachment.ts';

const route = (over: Partial<DrgRoute> & { nextHopDrgAttachmentId: string }): DrgRoute => ({
  id: over.nextHopDrgAttachmentId, destination: '10.0.0.0/16', destinationType: 'CIDR_BLOCK', routeType: 'DYNAMIC', routeProvenance: 'VCN',
  isConflict: false, isBlackhole: false, attributes: {}, prefix: cidr('10.0.0.0/16'), ...over,
});

void test("DRG conflict resolution follows OCI's order: static, AS path, attachment type, ECMP or stable", () => {
  const st = route({ nextHopDrgAttachmentId: 'z', routeType: 'STATIC', routeProvenance: 'STATIC' });
  const vcn = route({ nextHopDrgAttachmentId: 'b' });
  const vc1 = route({ nextHopDrgAttachmentId: 'c', routeProvenance: 'VIRTUAL_CIRCUIT', attributes: { asPath: [12076] } });
  const vc2 = route({ nextHopDrgAttachmentId: 'd', routeProvenance: 'VIRTUAL_CIRCUIT', attributes: { asPath: [12076] } });
  const vcLong = route({ nextHopDrgAttachmentId: 'e', routeProvenance: 'VIRTUAL_CIRCUIT', attributes: { asPath: [12076, 12076] } });
  assert.deepEqual(resolveConflict([vcn, st, vc1], false), { winners: [st], reason: 'static-over-dynamic' });
  assert.deepEqual(resolveConflict([vc1, vcn], false), { winners: [vcn], reason: 'shortest-as-path' }, 'a VCN route has an empty AS path');
  assert.deepEqual(resolveConflict([vcLong, vc1], false), { winners: [vc1], reason: 'shortest-as-path' });
  assert.deepEqual(resolveConflict([vc2, vc1], false), { winners: [vc1], reason: 'stable-tiebreak' });
  assert.deepEqual(resolveConflict([vc2, vc1], true), { winners: [vc1, vc2], reason: 'ecmp' });
  const vcnB = route({ nextHopDrgAttachmentId: 'a' });
  assert.deepEqual(resolveConflict([vcn, vcnB], true).winners, [vcnB], 'ECMP never applies to VCN routes');
});

void test('tutorial: the VCN table imports the VNet from the VC, the VC table exports only VCN routes', async () => {
  const { engine } = await labEngine('labs/tutorial.yaml');
  const r = engine.routing;
  const drg = engine.world.list('oci.Drg')[0];
  assert.ok(drg);
  const vcnTable = await engine.read(() => r.drgTable(drg.defaultDrgRouteTables.vcn));
  assert.deepEqual(vcnTable?.rules.map((x) => [x.destination, x.routeType, x.routeProvenance, x.isConflict, x.attributes.asPath ?? []]).sort(), [
    ['10.10.10.0/24', 'DYNAMIC', 'VCN', false, []], ['10.20.0.0/16', 'DYNAMIC', 'VIRTUAL_CIRCUIT', false, [12076]],
  ]);
  const vcTable = r.drgTable(drg.defaultDrgRouteTables.virtualCircuit);
  assert.deepEqual(vcTable?.rules.map((x) => x.destination), ['10.10.10.0/24']);
  const vc = engine.world.list('oci.VirtualCircuit')[0];
  assert.ok(vc);
  const ic = r.interconnect(vc.id);
  assert.deepEqual(ic.sessions.map((s) => [s.path, s.up, s.toAzure.map((x) => `${x.prefix} ${x.asPath.join(' ')} via ${x.nextHop}`), s.toOci.map((x) => `${x.prefix} ${x.asPath.join(' ')} via ${x.nextHop}`)]), [
    ['primary', true, ['10.10.10.0/24 31898 via 10.99.0.1'], ['10.20.0.0/16 12076 via 10.99.0.2']],
    ['secondary', true, ['10.10.10.0/24 31898 via 10.99.0.5'], ['10.20.0.0/16 12076 via 10.99.0.6']],
  ]);
  assert.equal(ic.bestToAzure.get('10.10.10.0/24')?.reason, 'ecmp', 'equal paths on both links');
});

void test('Azure effective routes: system, BGP from the gateway, and the precedence rules', async () => {
  const { engine } = await labEngine('labs/tutorial.yaml');
  const r = engine.routing;
  const subnet = engine.world.list('azure.Subnet').find((s) => s.name === 'subnet-workload');
  assert.ok(subnet);
  const routes = (await engine.read(() => r.subnetEffective(subnet.id)))?.routes ?? [];
  const show = (x: (typeof routes)[number]) => `${x.source} ${x.addressPrefix.join()} ${x.nextHopType} ${x.state}`;
  assert.ok(routes.map(show).includes('Default 10.20.0.0/16 VnetLocal Active'));
  assert.ok(routes.map(show).includes('Default 0.0.0.0/0 Internet Active'));
  assert.ok(!routes.some((x) => x.addressPrefix[0] === '10.0.0.0/8'), '10/8 None is replaced because the VNet uses it');
  const bgp = routes.find((x) => x.source === 'VirtualNetworkGateway');
  assert.deepEqual([bgp?.addressPrefix, bgp?.nextHopType, bgp?.state, bgp?.nextHopIpAddress], [['10.10.10.0/24'], 'VirtualNetworkGateway', 'Active', ['10.20.255.4', '10.20.255.5']]);
  // A UDR for the same prefix wins; a UDR to the ER gateway is Invalid; a BGP route inside the VNet space loses.
  await engine.mutate('t', (tx) => {
    const rt = putRouteTable(tx, AZ, 'rg-fastroute', 'rt-test', { location: 'eastus', properties: { routes: [
      { name: 'to-nva', properties: { addressPrefix: '10.10.10.0/24', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.20.10.50' } },
      { name: 'to-er', properties: { addressPrefix: '10.10.0.0/16', nextHopType: 'VirtualNetworkGateway' } },
    ] } });
    putSubnet(tx, AZ, 'rg-fastroute', 'vnet-azure', 'subnet-workload', { properties: { addressPrefix: '10.20.10.0/24', routeTable: { id: rt.id }, networkSecurityGroup: { id: subnet.properties.networkSecurityGroup?.id ?? '' } } });
  });
  const after = (await engine.read(() => r.subnetEffective(subnet.id)))?.routes ?? [];
  assert.equal(after.find((x) => x.name === 'to-nva')?.state, 'Active');
  assert.equal(after.find((x) => x.source === 'VirtualNetworkGateway' && x.addressPrefix[0] === '10.10.10.0/24')?.state, 'Invalid', 'User beats BGP for the same prefix');
  const toEr = after.find((x) => x.name === 'to-er');
  assert.equal(toEr?.state, 'Invalid');
  assert.match(toEr?.invalidReason ?? '', /ExpressRoute gateway cannot be the next hop/);
});

void test('disableBgpRoutePropagation hides gateway routes from the subnet', async () => {
  const { engine } = await labEngine('labs/tutorial.yaml');
  const subnet = engine.world.list('azure.Subnet').find((s) => s.name === 'subnet-workload');
  assert.ok(subnet);
  await engine.mutate('t', (tx) => {
    const rt = putRouteTable(tx, AZ, 'rg-fastroute', 'rt-nobgp', { location: 'eastus', properties: { disableBgpRoutePropagation: true } });
    putSubnet(tx, AZ, 'rg-fastroute', 'vnet-azure', 'subnet-workload', { properties: { addressPrefix: '10.20.10.0/24', routeTable: { id: rt.id } } });
  });
  const routes = (await engine.read(() => engine.routing.subnetEffective(subnet.id)))?.routes ?? [];
  assert.ok(!routes.some((x) => x.source === 'VirtualNetworkGateway'));
});

void test('the VC export: removing the export distribution stops the VCN routes reaching Azure', async () => {
  const { engine } = await labEngine('labs/tutorial.yaml');
  const vcAtt = engine.world.list('oci.DrgAttachment').find((a) => a.networkDetails.type === 'VIRTUAL_CIRCUIT');
  assert.ok(vcAtt);
  await engine.mutate('t', (tx) => removeExportDrgRouteDistribution(tx, ociScope(), vcAtt.id));
  const vc = engine.world.list('oci.VirtualCircuit')[0];
  assert.ok(vc);
  const ic = await engine.read(() => engine.routing.interconnect(vc.id));
  assert.deepEqual(ic.sessions.map((s) => s.toAzure.length), [0, 0]);
  assert.deepEqual(ic.sessions.map((s) => s.toOci.length), [1, 1], 'Azure still advertises its VNet');
});

void test('an import distribution that does not match the VC keeps Azure routes out of the VCN table', async () => {
  const { engine } = await labEngine('labs/tutorial.yaml');
  const drg = engine.world.list('oci.Drg')[0];
  assert.ok(drg);
  const importVcn = engine.world.list('oci.DrgRouteTable').find((t) => t.id === drg.defaultDrgRouteTables.virtualCircuit)?.importDrgRouteDistributionId;
  assert.ok(importVcn);
  await engine.mutate('t', (tx) => updateDrgRouteTable(tx, ociScope(), drg.defaultDrgRouteTables.vcn, { importDrgRouteDistributionId: importVcn }));
  const table = await engine.read(() => engine.routing.drgTable(drg.defaultDrgRouteTables.vcn));
  assert.deepEqual(table?.rules.map((x) => x.destination), ['10.10.10.0/24']);
});

void test('incremental recompute: after changes, answers equal a fresh computation, and unrelated answers are kept', async () => {
  const { engine } = await labEngine('labs/hub-and-spoke.yaml');
  const r = engine.routing;
  await engine.read(() => r.computeAll());
  const cachedBefore = r.memo.cached;
  const rt = engine.world.list('oci.RouteTable').find((t) => t.displayName === 'rt-app');
  assert.ok(rt);
  await engine.mutate('t', (tx) => updateRouteTable(tx, ociScope(), rt.id, { routeRules: rt.routeRules.map((x) => ({ destination: x.destination, networkEntityId: x.networkEntityId })).concat([{ destination: '192.168.50.0/24', networkEntityId: rt.routeRules[0]?.networkEntityId ?? '' }]) }));
  const kept = r.memo.cached;
  assert.ok(kept > 0 && kept < cachedBefore, `only some answers were dropped (${cachedBefore} → ${kept})`);
  await engine.read(() => r.computeAll());
  const fresh = new Routing(engine.world);
  fresh.computeAll();
  const snapshot = (x: Routing) => {
    const out: unknown[] = [];
    for (const t of engine.world.list('oci.RouteTable')) out.push(x.vcnTable(t.id)?.routes.map((y) => y.destination));
    for (const t of engine.world.list('oci.DrgRouteTable')) out.push(x.drgTable(t.id)?.rules.map((y) => [y.destination, y.isConflict, y.nextHopDrgAttachmentId]));
    for (const vc of engine.world.list('oci.VirtualCircuit')) out.push(x.interconnect(vc.id).sessions.map((s) => [s.up, s.toAzure.map((y) => y.prefix), s.toOci.map((y) => y.prefix)]));
    for (const s of engine.world.list('azure.Subnet')) out.push(x.subnetEffective(s.id)?.routes.map((y) => [y.addressPrefix, y.state, y.nextHopType]));
    return out;
  };
  assert.deepEqual(snapshot(r), snapshot(fresh));
});
