// An on-premises site through the official @azure/arm-network over HTTPS (labs/onprem.yaml loaded at
// start): the circuit's route table shows the site's prefixes with the site's AS path (65010) and its
// router as next hop, the summary lists the router as a neighbour, the ER gateway's learned routes show
// them as 12076-65010 on both links, a NIC's effective routes send them to the gateway, and the admin
// API traces to the site.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { NetworkManagementClient } from '@azure/arm-network';
import { FAST_POLL, startArmServer, type ArmTestServer } from './harness.ts';
import type { TraceResult } from '../../../src/trace/types.ts';

const RG = 'rg-fastroute';
const CIRCUIT = 'er-oci-azure';
const LAB = path.join(import.meta.dirname, '../../../labs/onprem.yaml');

void describe('an on-premises site seen through @azure/arm-network', () => {
  let s: ArmTestServer;
  let network: NetworkManagementClient;

  before(async () => {
    s = await startArmServer({ lab: LAB });
    ({ network } = s.clients());
  });
  after(async () => { await s.close(); });

  void it('the circuit route table holds the site\'s prefixes with AS path 65010 per device path; the summary names its router', async () => {
    for (const [devicePath, router] of [['Primary', '192.168.100.1'], ['Secondary', '192.168.100.5']] as const) {
      const routes = await network.expressRouteCircuits.beginListRoutesTableAndWait(RG, CIRCUIT, 'AzurePrivatePeering', devicePath, FAST_POLL);
      const site = (routes.value ?? []).filter((r) => r.path === '65010').map((r) => [r.network, r.nextHop]);
      assert.deepEqual(site, [['10.50.0.0/16', router], ['172.16.0.0/16', router]]);
      const summary = await network.expressRouteCircuits.beginListRoutesTableSummaryAndWait(RG, CIRCUIT, 'AzurePrivatePeering', devicePath, FAST_POLL);
      assert.deepEqual(summary.value?.map((r) => [r.neighbor, r.as, r.statePfxRcd]).slice(1), [[router, 65010, '2']]);
    }
  });

  void it('the gateway learns the site\'s prefixes as 12076-65010 from both Microsoft edges, and a NIC routes them to it', async () => {
    const learned = await network.virtualNetworkGateways.beginGetLearnedRoutesAndWait(RG, 'ergw', FAST_POLL);
    assert.deepEqual((learned.value ?? []).filter((r) => r.network === '172.16.0.0/16').map((r) => [r.origin, r.sourcePeer, r.asPath]), [
      ['EBgp', '10.20.255.4', '12076-65010'], ['EBgp', '10.20.255.5', '12076-65010'],
    ]);
    const peers = await network.virtualNetworkGateways.beginGetBgpPeerStatusAndWait(RG, 'ergw', FAST_POLL);
    assert.deepEqual(peers.value?.map((p) => p.routesReceived), [3, 3], 'OCI\'s subnet and the site\'s two prefixes on each link');
    const effective = await network.networkInterfaces.beginGetEffectiveRouteTableAndWait(RG, 'vm-azure-nic', FAST_POLL);
    const route = effective.value?.find((r) => r.addressPrefix?.includes('10.50.0.0/16'));
    assert.equal(route?.source, 'VirtualNetworkGateway');
    assert.deepEqual(route?.nextHopIpAddress, ['10.20.255.4', '10.20.255.5']);
  });

  void it('the admin API traces to the site (delivered there) and from OCI (TRANSIT_NOT_SUPPORTED)', async () => {
    const to = (await s.api('POST', '/trace', { from: 'vm-azure', to: 'onprem:dc1', protocol: 'icmp' })).body as TraceResult;
    assert.equal(to.verdict, 'delivered');
    assert.deepEqual(to.hops.at(-1)?.cloud, 'on-premises');
    const fromOci = (await s.api('POST', '/trace', { from: 'vm-oci', to: '172.16.0.1', protocol: 'icmp' })).body as TraceResult;
    assert.equal(fromOci.reason, 'TRANSIT_NOT_SUPPORTED');
  });
});
