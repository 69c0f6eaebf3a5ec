// One BGP session per link, one state in every view: after a link-down, a BGP reset or a prefix
// flood, the OCI API (oci-core: the virtual circuit's bgpSessionState and redundancy status, each
// cross-connect mapping's ipv4BgpStatus), the ARM API (@azure/arm-network: the circuit's route table
// summary per device path) and the admin API's `status` tell the same state per link, and all come
// back UP when the drill stops.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NetworkManagementClient } from '@azure/arm-network';
import { FAST_POLL, startArmServer, type ArmTestServer } from './arm/harness.ts';
import { ociClients, type OciClients } from './oci/harness.ts';
import { TUTORIAL } from './server.ts';
import { resources } from './tutorial-server.ts';

const RG = 'rg-fastroute';
const CIRCUIT = 'er-oci-azure';
type Word = 'UP' | 'DOWN';

interface Status { interconnects: { virtualCircuit: { id: string; bgpSessionState: string; sessions: { path: string; state: string; reason?: string }[] } }[] }

/** What each view says, per link (primary, secondary), and the circuit-level words. */
interface Views {
  ociCircuit: string | undefined;
  ociRedundancy: string | undefined;
  ociMappings: (string | undefined)[];
  armSummary: Word[];
  status: string[];
  statusCircuit: string | undefined;
}

void describe('the interconnect BGP sessions: one state per link in both clouds and status', () => {
  let s: ArmTestServer;
  let network: NetworkManagementClient;
  let oci: OciClients;
  let vcId = '';

  before(async () => {
    s = await startArmServer({ lab: TUTORIAL });
    ({ network } = s.clients());
    oci = ociClients(s.endpoints.oci);
    const [vc] = await resources<{ id: string }>(s, 'oci.VirtualCircuit');
    vcId = vc?.id ?? '';
    assert.notEqual(vcId, '');
  });
  after(async () => { await s.close(); });

  async function views(): Promise<Views> {
    const vc = (await oci.network.getVirtualCircuit({ virtualCircuitId: vcId })).virtualCircuit;
    const mappings = (await oci.network.listCrossConnectMappings({ virtualCircuitId: vcId })).crossConnectMappingDetailsCollection.items;
    const armSummary: Word[] = [];
    for (const path of ['primary', 'secondary']) {
      const summary = await network.expressRouteCircuits.beginListRoutesTableSummaryAndWait(RG, CIRCUIT, 'AzurePrivatePeering', path, FAST_POLL);
      // Established shows the prefix count; any other BGP state (Idle, Active) is a session down.
      armSummary.push(/^\d+$/.test(summary.value?.[0]?.statePfxRcd ?? '') ? 'UP' : 'DOWN');
    }
    const status = ((await s.api('GET', '/status')).body as Status).interconnects.find((x) => x.virtualCircuit.id === vcId)?.virtualCircuit;
    return {
      ociCircuit: vc.bgpSessionState,
      ociRedundancy: vc.virtualCircuitRedundancyMetadata?.ipv4bgpSessionRedundancyStatus,
      ociMappings: mappings.map((m) => m.ipv4BgpStatus),
      armSummary,
      status: status?.sessions.map((x) => x.state) ?? [],
      statusCircuit: status?.bgpSessionState,
    };
  }

  /** Every view says `links` per link; the circuit is UP while one link is. */
  async function assertAllSay(links: [Word, Word], why: string): Promise<void> {
    const v = await views();
    const circuit = links.includes('UP') ? 'UP' : 'DOWN';
    assert.deepEqual(v.ociMappings, links, `OCI cross-connect mappings (${why})`);
    assert.deepEqual(v.armSummary, links, `ARM route table summary (${why})`);
    assert.deepEqual(v.status, links, `status sessions (${why})`);
    assert.equal(v.ociCircuit, circuit, `OCI bgpSessionState (${why})`);
    assert.equal(v.statusCircuit, circuit, `status bgpSessionState (${why})`);
    assert.equal(v.ociRedundancy, links.every((l) => l === 'UP') ? 'CONFIGURATION_MATCH' : 'NOT_MET_SLA', `OCI redundancy status (${why})`);
  }

  async function drill(spec: Record<string, unknown>): Promise<void> {
    const started = await s.api('POST', '/drills', spec);
    assert.equal(started.status, 201, started.text);
  }

  async function stopAll(): Promise<void> {
    assert.equal((await s.api('DELETE', '/drills')).status, 200);
    await assertAllSay(['UP', 'UP'], 'after the drill');
  }

  void it('starts with both sessions up everywhere', async () => {
    await assertAllSay(['UP', 'UP'], 'baseline');
  });

  void it('a primary link down is DOWN on the primary in every view, the secondary stays UP', async () => {
    await drill({ kind: 'link-down', path: 'primary' });
    await assertAllSay(['DOWN', 'UP'], 'primary link down');
    await stopAll();
  });

  void it('a BGP reset on the secondary is DOWN on the secondary in every view', async () => {
    await drill({ kind: 'bgp-reset', path: 'secondary' });
    await assertAllSay(['UP', 'DOWN'], 'secondary BGP reset');
    await stopAll();
  });

  void it('a prefix flood beyond the limit takes both sessions DOWN in every view, the circuit too', async () => {
    await drill({ kind: 'prefix-flood' });
    await assertAllSay(['DOWN', 'DOWN'], 'prefix flood');
    // The If-Match etag of a GET stays valid for an update while the drill holds the sessions down.
    const got = await oci.network.getVirtualCircuit({ virtualCircuitId: vcId });
    const renamed = await oci.network.updateVirtualCircuit({ virtualCircuitId: vcId, ifMatch: got.etag, updateVirtualCircuitDetails: { displayName: got.virtualCircuit.displayName ?? '' } });
    assert.equal(renamed.virtualCircuit.bgpSessionState, 'DOWN', 'the update reply tells the same state');
    await stopAll();
  });

  void it("shows no session state on the virtual circuit's mappings, as OCI's CrossConnectMapping model has none", async () => {
    const vc = (await oci.network.getVirtualCircuit({ virtualCircuitId: vcId })).virtualCircuit;
    assert.ok((vc.crossConnectMappings ?? []).every((m) => !('ipv4BgpStatus' in m)));
  });
});
