// Routes across chains and rings of remote peerings, built through the lifecycles: OCI propagates a
// route across at most 4 DRGs, never back to a DRG it passed, and prefers the nearer of two peered
// paths. Each DRG's table for RPC, VC and IPSec attachments is made to import ALL routes, so DRGs
// pass on what they learn over one peering to the next (RPC-to-RPC transit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine } from '../../src/engine/engine.ts';
import type { Tx } from '../../src/model/tx.ts';
import { createDrg, DRG_DEFAULT_NAMES } from '../../src/lifecycle/oci/drg.ts';
import { createDrgAttachment } from '../../src/lifecycle/oci/drg-attachment.ts';
import { updateDrgRouteTable } from '../../src/lifecycle/oci/drg-route-table.ts';
import { connectRemotePeeringConnections, createRemotePeeringConnection, deleteRemotePeeringConnection } from '../../src/lifecycle/oci/remote-peering-connection.ts';
import { createVcn } from '../../src/lifecycle/oci/vcn.ts';
import { memoryEngine, ociScope } from '../helpers/interconnect.ts';
import { memoisedAndFresh } from '../helpers/routing-snapshot.ts';
import { resolveConflict } from '../../src/routing/oci/drg-table.ts';
import type { DrgRoute } from '../../src/routing/types.ts';
import { cidr } from '../../src/model/cidr.ts';

const REGIONS = ['us-ashburn-1', 'us-phoenix-1', 'eu-frankfurt-1', 'uk-london-1', 'ap-tokyo-1'];

/** DRG i in REGIONS[i] with VCN 10.(50+i).0.0/16 attached (VCN CIDRs offered), its RPC/VC table importing ALL. */
function regionDrg(tx: Tx, i: number): string {
  const scope = ociScope(REGIONS[i]);
  const drg = createDrg(tx, scope, { compartmentId: scope.tenancyId, displayName: `drg-${i}` });
  const vcn = createVcn(tx, scope, { compartmentId: scope.tenancyId, displayName: `vcn-${i}`, cidrBlocks: [`10.${50 + i}.0.0/16`] });
  createDrgAttachment(tx, scope, { drgId: drg.id, networkDetails: { type: 'VCN', id: vcn.id, vcnRouteType: 'VCN_CIDRS' } });
  const importAll = tx.children('oci.DrgRouteDistribution', drg.id).find((d) => d.displayName === DRG_DEFAULT_NAMES.importAll);
  assert.ok(importAll);
  updateDrgRouteTable(tx, scope, drg.defaultDrgRouteTables.remotePeeringConnection, { importDrgRouteDistributionId: importAll.id });
  return drg.id;
}

function peer(tx: Tx, drgs: readonly string[], i: number, j: number): void {
  const a = createRemotePeeringConnection(tx, ociScope(REGIONS[i]), { compartmentId: ociScope().tenancyId, drgId: drgs[i], displayName: `rpc-${i}-${j}` });
  const b = createRemotePeeringConnection(tx, ociScope(REGIONS[j]), { compartmentId: ociScope().tenancyId, drgId: drgs[j], displayName: `rpc-${j}-${i}` });
  connectRemotePeeringConnections(tx, ociScope(REGIONS[i]), a.id, { peerId: b.id, peerRegionName: REGIONS[j] });
}

/** The destinations DRG i's VCN table routes over remote peering, with how many DRGs each came through. */
async function learned(engine: Engine, drgs: readonly string[], i: number): Promise<Map<string, number>> {
  return engine.read((view) => {
    const drg = view.get('oci.Drg', drgs[i] ?? '');
    assert.ok(drg);
    const table = engine.routing.drgTable(drg.defaultDrgRouteTables.vcn);
    return new Map((table?.rules ?? []).filter((x) => !x.isConflict && (x.via?.length ?? 0) > 0).map((x) => [x.destination, x.via?.length ?? 0]));
  });
}

void test('a chain of five peered DRGs: a route reaches at most four DRGs', async () => {
  const engine = await memoryEngine();
  const drgs = await engine.mutate('test', (tx) => {
    const ids = REGIONS.map((_, i) => regionDrg(tx, i));
    for (let i = 0; i + 1 < ids.length; i++) peer(tx, ids, i, i + 1);
    return ids;
  });
  const atFirst = await learned(engine, drgs, 0);
  assert.deepEqual([...atFirst.entries()].sort(), [['10.51.0.0/16', 1], ['10.52.0.0/16', 2], ['10.53.0.0/16', 3]], 'DRG 4 is the fifth: its VCN does not reach DRG 0');
  const atLast = await learned(engine, drgs, 4);
  assert.ok(!atLast.has('10.50.0.0/16') && atLast.has('10.51.0.0/16'));
  const same = async () => {
    const { memoised, fresh } = await engine.read((view) => memoisedAndFresh(engine.routing, view));
    assert.deepEqual(memoised, fresh, 'the memoised answers equal a fresh computation');
  };
  await same();
  // Cutting the chain between DRGs 1 and 2: what crossed it is forgotten, memoised answers included.
  await engine.mutate('test', (tx) => {
    const rpc = tx.list('oci.RemotePeeringConnection').find((x) => x.displayName === 'rpc-2-1');
    assert.ok(rpc);
    deleteRemotePeeringConnection(tx, ociScope(REGIONS[2]), rpc.id);
  });
  assert.deepEqual([...(await learned(engine, drgs, 0)).keys()], ['10.51.0.0/16']);
  await same();
});

void test('a ring of three peered DRGs: each learns the others by the shortest way, and nothing comes back to where it started', async () => {
  const engine = await memoryEngine();
  const drgs = await engine.mutate('test', (tx) => {
    const ids = REGIONS.slice(0, 3).map((_, i) => regionDrg(tx, i));
    peer(tx, ids, 0, 1);
    peer(tx, ids, 1, 2);
    peer(tx, ids, 2, 0);
    return ids;
  });
  for (let i = 0; i < 3; i++) {
    const got = await learned(engine, drgs, i);
    assert.ok(!got.has(`10.${50 + i}.0.0/16`), `DRG ${i} does not learn its own VCN back`);
    for (let j = 0; j < 3; j++) if (j !== i) assert.equal(got.get(`10.${50 + j}.0.0/16`), 1, `DRG ${i} reaches VCN ${j} directly (network distance)`);
  }
  const longWay = await engine.read((view) => {
    const drg = view.get('oci.Drg', drgs[0] ?? '');
    assert.ok(drg);
    return engine.routing.drgTable(drg.defaultDrgRouteTables.vcn)?.rules.filter((x) => x.destination === '10.51.0.0/16').map((x) => [x.isConflict, x.via?.length, x.attributes.reason]);
  });
  assert.deepEqual(longWay?.sort(), [[false, 1, 'network-distance'], [true, 2, undefined]], 'the two-DRG path is kept as a conflict loser');
});

const route = (over: Partial<DrgRoute> & { nextHopDrgAttachmentId: string }): DrgRoute => ({
  id: over.nextHopDrgAttachmentId, destination: '10.0.0.0/16', destinationType: 'CIDR_BLOCK', routeType: 'DYNAMIC', routeProvenance: 'VCN',
  isConflict: false, isBlackhole: false, attributes: {}, prefix: cidr('10.0.0.0/16'), ...over,
});

void test('conflicts with routes learned over remote peering: the attachment type ranks RPC last, then network distance, then source priority', () => {
  const local = route({ nextHopDrgAttachmentId: 'z-vcn' });
  const near = route({ nextHopDrgAttachmentId: 'b-rpc', via: ['drg-1'] });
  const far = route({ nextHopDrgAttachmentId: 'a-rpc', via: ['drg-2', 'drg-1'] });
  const nearFromAzure = route({ nextHopDrgAttachmentId: 'a-rpc', via: ['drg-1'], routeProvenance: 'VIRTUAL_CIRCUIT' });
  const vc = route({ nextHopDrgAttachmentId: 'c-vc', routeProvenance: 'VIRTUAL_CIRCUIT', attributes: { asPath: [12076] } });
  assert.deepEqual(resolveConflict([near, local], false), { winners: [local], reason: 'attachment-type' }, 'a VCN attachment beats an RPC, provenance VCN on both');
  assert.deepEqual(resolveConflict([far, near], true), { winners: [near], reason: 'network-distance' });
  assert.deepEqual(resolveConflict([nearFromAzure, near], true), { winners: [near], reason: 'source-priority' }, 'VCN provenance before VIRTUAL_CIRCUIT');
  assert.deepEqual(resolveConflict([vc, near], false), { winners: [near], reason: 'shortest-as-path' }, 'a peered VCN route has an empty AS path');
  assert.deepEqual(resolveConflict([nearFromAzure, route({ ...nearFromAzure, nextHopDrgAttachmentId: 'b-rpc' })], true).winners.length, 1, 'ECMP is for virtual circuits, not for RPCs');
});
