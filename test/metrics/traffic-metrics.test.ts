// Traffic series from the declared flows, through the official clients over real HTTP: a flow posted
// to the tutorial (POST /fastroute/v1/traffic) shows in Azure Monitor's BitsInPerSecond per
// DeviceRole (@azure/arm-monitor) and in OCI's BytesSent (oci-monitoring) with the placement's
// figures, and a primary link-down drill moves it onto the secondary's series.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as monitoring from 'oci-monitoring';
import { MonitorClient } from '@azure/arm-monitor';
import type * as common from 'oci-common';
import { DEFAULT_SUBSCRIPTION_ID } from '../../src/lifecycle/defaults.ts';
import type { TrafficResponse } from '../../src/api/admin/traffic.ts';
import { ASSUMED_PACKET_BYTES } from '../../src/metrics/declared-traffic.ts';
import { startArmServer, staticCredential, type ArmTestServer } from '../api/arm/harness.ts';
import '../api/oci/sdk-defaults.ts';
import { resources } from '../api/tutorial-server.ts';
import { TUTORIAL } from '../api/server.ts';

const MINUTE = 60_000;
const FLOW = { name: 'bulk', from: 'vm-oci', to: 'vm-azure', protocol: 'udp', port: 5001, mbps: 120 };

void describe('metrics: declared traffic in the clouds\' traffic series', () => {
  let s: ArmTestServer;
  let circuitId: string;
  let vc: { id: string; compartmentId: string };
  let t0 = 0;
  let before0: TrafficResponse;
  let during: TrafficResponse;

  before(async () => {
    s = await startArmServer({ lab: TUTORIAL });
    circuitId = (await resources<{ id: string }>(s, 'azure.ExpressRouteCircuit'))[0]?.id ?? '';
    vc = (await resources<{ id: string; compartmentId: string }>(s, 'oci.VirtualCircuit'))[0] as typeof vc;
    const now = Date.parse(((await s.api('PUT', '/clock', { mode: 'manual' })).body as { now: string }).now);
    t0 = Math.ceil((now + 1) / (5 * MINUTE)) * 5 * MINUTE;
    await s.api('POST', '/clock/advance', { seconds: (t0 - now) / 1000 });
    // Only this flow (the lab's own flows follow a daily schedule): 120 Mbps from OCI to Azure, no reply.
    const posted = await s.api('POST', '/traffic', { replace: true, traffic: [FLOW] });
    assert.equal(posted.status, 201, posted.text);
    before0 = posted.body as TrafficResponse;
    await s.api('POST', '/clock/advance', { seconds: 300 });
    const drill = await s.api('POST', '/drills', { kind: 'link-down', path: 'primary' });
    assert.equal(drill.status, 201, drill.text);
    during = (await s.api('GET', '/traffic')).body as TrafficResponse;
    await s.api('POST', '/clock/advance', { seconds: 300 });
  });
  after(async () => {
    await s.close();
  });

  const carried = (r: TrafficResponse, path: string): number =>
    r.placement.elements.find((e) => e.resource === `${vc.id}/${path}` && e.direction === 'to-azure')?.carriedMbps ?? 0;

  void it('the placement splits the flow over both links, then puts it all on the secondary', () => {
    assert.deepEqual([carried(before0, 'primary'), carried(before0, 'secondary')], [60, 60]);
    assert.deepEqual([carried(during, 'primary'), carried(during, 'secondary')], [0, 120]);
  });

  void it('Azure BitsInPerSecond per DeviceRole equals the placement: 60e6 on each, then 0 and 120e6', async () => {
    const azure = new MonitorClient(staticCredential(), DEFAULT_SUBSCRIPTION_ID, { endpoint: s.armUrl, tlsOptions: { ca: s.caPem }, retryOptions: { maxRetries: 0 } });
    const timespan = `${new Date(t0).toISOString()}/${new Date(t0 + 10 * MINUTE).toISOString()}`;
    const r = await azure.metrics.list(circuitId, { metricnames: 'BitsInPerSecond,BitsOutPerSecond', interval: 'PT1M', timespan, aggregation: 'Average', filter: "DeviceRole eq '*'" });
    const series = (name: string) => new Map((r.value.find((m) => m.name.value === name)?.timeseries ?? []).map((t) => [t.metadatavalues?.[0]?.value, (t.data ?? []).map((d) => d.average)]));
    const bitsIn = series('BitsInPerSecond');
    const five = (v: number) => [v, v, v, v, v];
    assert.deepEqual(bitsIn.get('Primary'), [...five(carried(before0, 'primary') * 1e6), ...five(carried(during, 'primary') * 1e6)]);
    assert.deepEqual(bitsIn.get('Secondary'), [...five(60e6), ...five(120e6)]);
    // A udp flow without replyMbps sends nothing back towards Oracle.
    assert.deepEqual(series('BitsOutPerSecond').get('Primary'), five(0).concat(five(0)));
    // The gateway carries what both links carry, on the instance of each link.
    const gw = (await resources<{ id: string; properties: { gatewayType: string } }>(s, 'azure.VirtualNetworkGateway')).find((g) => g.properties.gatewayType === 'ExpressRoute');
    const gr = await azure.metrics.list(gw?.id ?? '', { metricnames: 'ExpressRouteGatewayPacketsPerSecond', interval: 'PT1M', timespan, filter: "roleInstance eq '*'" });
    const packets = new Map((gr.value[0]?.timeseries ?? []).map((t) => [t.metadatavalues?.[0]?.value, (t.data ?? []).map((d) => d.average)]));
    assert.deepEqual(packets.get('IN_1'), [...five(60e6 / 8 / ASSUMED_PACKET_BYTES), ...five(120e6 / 8 / ASSUMED_PACKET_BYTES)]);
  });

  void it('OCI BytesSent[1m].sum() is the minute\'s volume of both links: unchanged by the failover', async () => {
    const monitor = new monitoring.MonitoringClient({} as common.AuthParams);
    monitor.endpoint = s.endpoints.oci;
    const q = (query: string) => monitor.summarizeMetricsData({ compartmentId: vc.compartmentId, summarizeMetricsDataDetails: { namespace: 'oci_fastconnect', query, startTime: new Date(t0), endTime: new Date(t0 + 10 * MINUTE) } });
    const sent = await q(`BytesSent[1m]{resourceId = "${vc.id}"}.sum()`);
    assert.deepEqual(sent.items[0]?.aggregatedDatapoints.map((p) => p.value), Array<number>(10).fill((120e6 * 60) / 8));
    const received = await q('BytesReceived[5m].rate()');
    assert.deepEqual(received.items[0]?.aggregatedDatapoints.map((p) => p.value), [0, 0]);
    const bits = await q('BitsSent[5m].rate()');
    assert.deepEqual(bits.items[0]?.aggregatedDatapoints.map((p) => p.value), [120e6, 120e6]);
  });
});
