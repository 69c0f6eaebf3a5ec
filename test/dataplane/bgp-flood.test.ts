// A prefix-flood drill on the wire (root, FRR, BIRD 2): the tutorial up with the daemons and test
// timers 1/3; a flood of 4,001 prefixes (the Standard private peering's limit + 1) goes out of
// Oracle's edge for real, the MSEE's own limit drops both sessions (FRR: CEASE "maximum number of
// prefixes reached", Idle (PfxCt); BIRD: "Route limit exceeded"), and both clouds say so through
// their SDKs: OCI's virtual circuit DOWN on both mappings, ARM's route table summary the daemon's
// state word instead of a count, the gateway's BGP peers with nothing received. The drill stopped,
// the flood is withdrawn and both sessions are Established again with Oracle's one prefix. Once with
// FRR on Microsoft's edge, once with BIRD. The times are printed (drill → down, stop → up).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NetworkManagementClient } from '@azure/arm-network';
import { FAST_POLL, startArmServer } from '../api/arm/harness.ts';
import { ociClients, type OciClients } from '../api/oci/harness.ts';
import { TUTORIAL } from '../api/server.ts';
import { resources } from '../api/tutorial-server.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { DataplaneStatus } from '../../src/api/admin/contract.ts';
import { bgpMissing } from './machine.ts';

const RG = 'rg-fastroute';
const CIRCUIT = 'er-oci-azure';
const GATEWAY = 'ergw';
/** Generous for a loaded shared machine. */
const WITHIN_MS = 40_000;

interface Views {
  oci: string | undefined;
  mappings: (string | undefined)[];
  /** ARM route table summary per device path: Oracle's row's statePfxRcd. */
  summary: string[];
  /** The gateway's BGP peers (the two MSEEs): routes received from each. */
  received: number[];
}

async function views(network: NetworkManagementClient, oci: OciClients, vcId: string): Promise<Views> {
  const vc = (await oci.network.getVirtualCircuit({ virtualCircuitId: vcId })).virtualCircuit;
  const mappings = (await oci.network.listCrossConnectMappings({ virtualCircuitId: vcId })).crossConnectMappingDetailsCollection.items.map((m) => m.ipv4BgpStatus);
  const summary: string[] = [];
  for (const p of ['primary', 'secondary']) summary.push((await network.expressRouteCircuits.beginListRoutesTableSummaryAndWait(RG, CIRCUIT, 'AzurePrivatePeering', p, FAST_POLL)).value?.[0]?.statePfxRcd ?? '');
  const received = ((await network.virtualNetworkGateways.beginGetBgpPeerStatusAndWait(RG, GATEWAY, FAST_POLL)).value ?? []).map((x) => x.routesReceived ?? -1);
  return { oci: vc.bgpSessionState, mappings, summary, received };
}

async function waitFor(what: string, read: () => Promise<Views>, ok: (v: Views) => boolean): Promise<{ v: Views; ms: number }> {
  const t0 = performance.now();
  let v: Views | undefined;
  while (performance.now() - t0 < WITHIN_MS) {
    v = await read();
    if (ok(v)) return { v, ms: Math.round(performance.now() - t0) };
    await sleep(200);
  }
  assert.fail(`${what} within ${WITHIN_MS / 1000} s; the views said ${JSON.stringify(v)}`);
}

const up = (v: Views): boolean => v.oci === 'UP' && v.mappings.every((m) => m === 'UP') && v.summary.every((x) => x === '1') && v.received.length === 2 && v.received.every((n) => n === 1);
const down = (v: Views): boolean => v.oci === 'DOWN' && v.mappings.every((m) => m === 'DOWN') && v.summary.every((x) => !/^\d+$/.test(x)) && v.received.every((n) => n === 0);

async function flood(msee: 'frr' | 'bird'): Promise<void> {
  const s = await startArmServer({ lab: TUTORIAL });
  try {
    const { network } = s.clients();
    const oci = ociClients(s.endpoints.oci);
    const [vc] = await resources<{ id: string }>(s, 'oci.VirtualCircuit');
    const read = () => views(network, oci, vc?.id ?? '');
    const started = await s.api('POST', '/dataplane', { bgp: { msee, keepalive: 1, hold: 3 } });
    assert.equal(started.status, 201, started.text);
    await waitFor('both sessions up', read, up);

    const drill = await s.api('POST', '/drills', { kind: 'prefix-flood' });
    assert.equal(drill.status, 201, drill.text);
    const dropped = await waitFor('both sessions DOWN in both clouds after the flood', read, down);
    // The MSEE's daemon dropped them for the limit, in its own words.
    const status = (await s.api('GET', '/dataplane')).body as DataplaneStatus;
    const mseeSessions = status.bgp?.speakers.find((x) => x.side === 'microsoft')?.sessions ?? [];
    assert.equal(mseeSessions.length, 2);
    for (const x of mseeSessions) {
      assert.equal(x.shutdown, undefined, 'not shut down by configuration: the limit acted');
      assert.match(x.state, msee === 'frr' ? /^Idle \(PfxCt\)$/ : /Route limit exceeded/);
    }
    for (const word of dropped.v.summary) assert.equal(word, 'Idle', 'the summary says Idle');
    const oracleSpeaker = status.bgp?.speakers.find((x) => x.side === 'oracle');
    assert.ok((oracleSpeaker?.sessions ?? []).every((x) => !x.established));

    assert.equal((await s.api('DELETE', '/drills')).status, 200);
    const back = await waitFor('both sessions up again once the flood is withdrawn', read, up);
    console.log(JSON.stringify({ msee, floodToDownMs: dropped.ms, stopToUpMs: back.ms }));
    assert.equal((await s.api('DELETE', '/dataplane')).status, 200);
  } finally {
    await s.close();
  }
}

describeWithTool('BGP on the wire: a prefix flood beyond the limit drops the sessions on Microsoft\'s side, and both clouds say so', bgpMissing(['frr', 'bird']), () => {
  void it('FRR on Microsoft\'s edge: CEASE, Idle (PfxCt); withdrawn, Established again', async () => {
    await flood('frr');
  });
  void it('BIRD on Microsoft\'s edge: route limit exceeded; withdrawn, Established again', async () => {
    await flood('bird');
  });
});
