// The clouds' views while BGP runs on the wire (root, FRR, BIRD 2): the tutorial up with the daemons
// and test timers 1/3; through the OCI SDK (oci-core) and the ARM SDK (@azure/arm-network) both
// sessions are UP / Established and the gateway learns OCI's prefix with the AS path the MSEE's
// daemon received (12076-31898). The primary link cut silently (a link-down drill drops its
// frames, carrier up): while the daemons still hold the session the views say UP; once the hold
// timer runs out (3 s, read within 1 s) the primary is DOWN in the OCI mappings and the ARM route
// table summary (the daemon's state word), the gateway gets nothing from the primary MSEE, the
// secondary stays up. Restored: up again. BGP administratively disabled through the OCI SDK: both
// neighbours shut down on the wire, both DOWN in both clouds; enabled: up again. Once with BIRD on Microsoft's edge, once with FRR.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NetworkManagementClient } from '@azure/arm-network';
import { models as ociModels } from 'oci-core';
import { FAST_POLL, startArmServer, type ArmTestServer } from '../api/arm/harness.ts';
import { ociClients, type OciClients } from '../api/oci/harness.ts';
import { TUTORIAL } from '../api/server.ts';
import { resources } from '../api/tutorial-server.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { DataplaneStatus } from '../../src/api/admin/contract.ts';
import { bgpMisses } from '../../src/dataplane/bgp-daemons.ts';
import { dataplaneMissing } from './machine.ts';

const RG = 'rg-fastroute';
const CIRCUIT = 'er-oci-azure';
const GATEWAY = 'ergw';
const OCI_PREFIX = '10.10.10.0/24';
/** Generous for a loaded shared machine: convergence; the hold timer (3 s) plus a read (1 s) plus slack for the cut. */
const CONVERGE_MS = 30_000;
const NOTICE_MS = 15_000;

function missing(): string | undefined {
  const misses = bgpMisses(['frr', 'bird']);
  return dataplaneMissing() ?? (misses.length === 0 ? undefined : `skipped: ${misses.map((m) => `${m.what} (${m.fix})`).join(', ')} not found`);
}

interface Views {
  oci: string | undefined;
  mappings: (string | undefined)[];
  summary: string[];
  routeTable: string[][];
  peers: { neighbor: string; state: string; routesReceived: number }[];
  learned: string[];
}

async function views(network: NetworkManagementClient, oci: OciClients, vcId: string): Promise<Views> {
  const vc = (await oci.network.getVirtualCircuit({ virtualCircuitId: vcId })).virtualCircuit;
  const mappings = (await oci.network.listCrossConnectMappings({ virtualCircuitId: vcId })).crossConnectMappingDetailsCollection.items.map((m) => m.ipv4BgpStatus);
  const summary: string[] = [];
  const routeTable: string[][] = [];
  for (const p of ['primary', 'secondary']) {
    summary.push((await network.expressRouteCircuits.beginListRoutesTableSummaryAndWait(RG, CIRCUIT, 'AzurePrivatePeering', p, FAST_POLL)).value?.[0]?.statePfxRcd ?? '');
    routeTable.push(((await network.expressRouteCircuits.beginListRoutesTableAndWait(RG, CIRCUIT, 'AzurePrivatePeering', p, FAST_POLL)).value ?? []).filter((x) => x.network === OCI_PREFIX).map((x) => `${x.nextHop ?? ''} ${x.path ?? ''}`));
  }
  const peers = ((await network.virtualNetworkGateways.beginGetBgpPeerStatusAndWait(RG, GATEWAY, FAST_POLL)).value ?? []).map((x) => ({ neighbor: x.neighbor ?? '', state: x.state ?? '', routesReceived: x.routesReceived ?? -1 }));
  const learned = ((await network.virtualNetworkGateways.beginGetLearnedRoutesAndWait(RG, GATEWAY, FAST_POLL)).value ?? []).filter((x) => x.network === OCI_PREFIX).map((x) => `${x.sourcePeer ?? ''} ${x.asPath ?? ''}`).sort();
  return { oci: vc.bgpSessionState, mappings, summary, routeTable, peers, learned };
}

async function until(what: string, within: number, read: () => Promise<Views>, ok: (v: Views) => boolean): Promise<Views> {
  const t0 = performance.now();
  let v: Views | undefined;
  while (performance.now() - t0 < within) {
    v = await read();
    if (ok(v)) return v;
    await sleep(250);
  }
  assert.fail(`${what} within ${within / 1000} s; the views said ${JSON.stringify(v)}`);
}

const isCount = (x: string | undefined): boolean => /^\d+$/.test(x ?? '');
const bothUp = (v: Views): boolean => v.oci === 'UP' && v.mappings.every((m) => m === 'UP') && v.summary.every((x) => x === '1') && v.routeTable.every((t) => t.length === 1) && v.learned.length === 2;

async function drillTheCut(msee: 'frr' | 'bird'): Promise<void> {
  const s: ArmTestServer = await startArmServer({ lab: TUTORIAL });
  try {
    const { network } = s.clients();
    const oci = ociClients(s.endpoints.oci);
    const [vc] = await resources<{ id: string }>(s, 'oci.VirtualCircuit');
    const vcId = vc?.id ?? '';
    const up = await s.api('POST', '/dataplane', { bgp: { msee, keepalive: 1, hold: 3 } });
    assert.equal(up.status, 201, up.text);
    const read = () => views(network, oci, vcId);

    const v = await until('both sessions up in both clouds', CONVERGE_MS, read, bothUp);
    assert.deepEqual(v.summary, ['1', '1'], 'one prefix received from Oracle per device path');
    assert.deepEqual(v.routeTable, [['10.99.0.1 31898'], ['10.99.0.5 31898']], 'the MSEE\'s table: Oracle\'s prefix on each path with AS path 31898');
    assert.deepEqual(v.learned.map((x) => x.split(' ')[1]), ['12076-31898', '12076-31898'], 'the gateway learns OCI\'s prefix from both MSEEs');
    assert.ok(v.peers.length === 2 && v.peers.every((p) => p.state === 'Connected' && p.routesReceived === 1), JSON.stringify(v.peers));
    const status = (await s.api('GET', '/dataplane')).body as DataplaneStatus;
    assert.equal(status.bgp?.viewsSource, 'daemons');
    assert.equal(status.bgp.pollMs, 1000);
    assert.ok(Date.now() - Date.parse(status.bgp.readAt ?? '') < 5000, `read recently: ${status.bgp.readAt ?? 'never'}`);
    const primaryPeer = v.peers[0]?.neighbor ?? '';

    const cut = performance.now();
    assert.equal((await s.api('POST', '/drills', { kind: 'link-down', path: 'primary' })).status, 201);
    const early = await read();
    // The engine cut it at once; the daemons have not noticed yet (hold 3 s), and they have the last word.
    if (performance.now() - cut < 1500) assert.deepEqual(early.mappings, ['UP', 'UP'], 'still UP until the hold timer runs out');
    const down = await until('the primary DOWN in both clouds, the secondary up', NOTICE_MS, read, (x) =>
      x.mappings.join() === 'DOWN,UP' && !isCount(x.summary[0]) && x.summary[1] === '1' && x.learned.length === 1);
    const noticedMs = Math.round(performance.now() - cut);
    // Hold 3 s counted from the last keepalive (at most 1 s before the cut): 1.9 s was seen, never less than 1 s.
    assert.ok(noticedMs >= 1000, `noticed when the hold timer ran out, not at once (${noticedMs} ms)`);
    assert.equal(down.oci, 'UP', 'the circuit stays UP on one link');
    assert.match(down.summary[0] ?? '', /^(Idle|Active|Connect|OpenSent|OpenConfirm)$/, 'the daemon\'s BGP state word');
    assert.deepEqual(down.routeTable, [[], ['10.99.0.5 31898']]);
    assert.deepEqual(down.peers.map((p) => [p.neighbor === primaryPeer, p.routesReceived]), [[true, 0], [false, 1]], 'nothing from the primary MSEE');
    const vcShown = (await oci.network.getVirtualCircuit({ virtualCircuitId: vcId })).virtualCircuit;
    assert.equal(vcShown.virtualCircuitRedundancyMetadata?.ipv4bgpSessionRedundancyStatus, 'NOT_MET_SLA');

    assert.equal((await s.api('DELETE', '/drills')).status, 200);
    await until('both sessions up again', CONVERGE_MS, read, bothUp);

    // BGP administratively disabled through the OCI SDK: both neighbours shut down on the wire, DOWN in both clouds.
    const setAdmin = async (bgpAdminState: ociModels.UpdateVirtualCircuitDetails.BgpAdminState) => {
      await oci.network.updateVirtualCircuit({ virtualCircuitId: vcId, updateVirtualCircuitDetails: { bgpAdminState } });
    };
    await setAdmin(ociModels.UpdateVirtualCircuitDetails.BgpAdminState.Disabled);
    const off = await until('both sessions DOWN once BGP is disabled', NOTICE_MS, read, (x) => x.oci === 'DOWN' && x.mappings.join() === 'DOWN,DOWN' && !x.summary.some(isCount) && x.learned.length === 0);
    // The MSEE's daemon's word: Idle or Active while Oracle's neighbour is shut down, as it happens to be between retries.
    for (const word of off.summary) assert.match(word, /^(Idle|Active|Connect)$/);
    await setAdmin(ociModels.UpdateVirtualCircuitDetails.BgpAdminState.Enabled);
    await until('both sessions up once BGP is enabled again', CONVERGE_MS, read, bothUp);
  } finally {
    await s.close();
  }
}

describeWithTool('BGP on the wire: the OCI and ARM SDKs read the daemons', missing(), () => {
  void it('BIRD on Microsoft\'s edge: up, a silent cut of the primary noticed by the hold timer in both clouds, restored', async () => {
    await drillTheCut('bird');
  });
  void it('FRR on both edges: the same', async () => {
    await drillTheCut('frr');
  });
});
