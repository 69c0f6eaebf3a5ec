// Metrics in the clouds' own terms, through each API with its official client over real HTTP: the
// OCI Monitoring SDK (SummarizeMetricsData, ListMetrics), @azure/arm-monitor (metrics,
// metricDefinitions) and a Prometheus scrape. A link-down drill on the tutorial shows in the history:
// BgpAvailability and ConnectionState drop to 0 for the drill's minutes, and come back after; so does
// the lab's traffic.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as monitoring from 'oci-monitoring';
import { MonitorClient } from '@azure/arm-monitor';
import type * as common from 'oci-common';
import { DEFAULT_SUBSCRIPTION_ID } from '../../src/lifecycle/defaults.ts';
import type { TrafficResponse } from '../../src/api/admin/traffic.ts';
import { startArmServer, staticCredential, type ArmTestServer } from '../api/arm/harness.ts';
import { ociError } from '../api/oci/harness.ts';
import '../api/oci/sdk-defaults.ts';
import { resources } from '../api/tutorial-server.ts';
import { startTestServer, TUTORIAL } from '../api/server.ts';

const MINUTE = 60_000;

/** Prometheus text format → [family, labels, value] rows (the exposition format's sample lines). */
function parseProm(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  const out = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    assert.ok(m, `not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1] as string] = l[2] as string;
    out.push({ name: m[1] as string, labels, value: Number(m[3]) });
  }
  return out;
}

void describe('metrics: Azure Monitor, OCI Monitoring and Prometheus over the tutorial, with a drill', () => {
  let s: ArmTestServer;
  let circuitId: string;
  let vc: { id: string; compartmentId: string };
  let t0 = 0;
  let monitor: monitoring.MonitoringClient;
  let azure: MonitorClient;

  before(async () => {
    s = await startArmServer({ lab: TUTORIAL });
    circuitId = (await resources<{ id: string }>(s, 'azure.ExpressRouteCircuit'))[0]?.id ?? '';
    vc = (await resources<{ id: string; compartmentId: string }>(s, 'oci.VirtualCircuit'))[0] as typeof vc;
    assert.ok(circuitId !== '' && vc !== undefined);
    // Five steady minutes, five minutes of link-down on both links, five after.
    // The lab is up (instant clock); then a manual clock, moved to a 5-minute boundary so PT5M/[5m] intervals line up.
    const now = Date.parse(((await s.api('PUT', '/clock', { mode: 'manual' })).body as { now: string }).now);
    t0 = Math.ceil((now + 1) / (5 * MINUTE)) * 5 * MINUTE;
    await s.api('POST', '/clock/advance', { seconds: (t0 - now) / 1000 });
    await s.api('POST', '/clock/advance', { seconds: 300 });
    for (const path of ['primary', 'secondary']) {
      const drill = await s.api('POST', '/drills', { kind: 'link-down', path });
      assert.equal(drill.status, 201, drill.text);
    }
    await s.api('POST', '/clock/advance', { seconds: 300 });
    await s.api('DELETE', '/drills');
    await s.api('POST', '/clock/advance', { seconds: 300 });
    monitor = new monitoring.MonitoringClient({} as common.AuthParams);
    monitor.endpoint = s.endpoints.oci;
    azure = new MonitorClient(staticCredential(), DEFAULT_SUBSCRIPTION_ID, { endpoint: s.armUrl, tlsOptions: { ca: s.caPem }, retryOptions: { maxRetries: 0 } });
  });
  after(async () => {
    await s.close();
  });

  const span = () => `${new Date(t0).toISOString()}/${new Date(t0 + 15 * MINUTE).toISOString()}`;

  void it('OCI SummarizeMetricsData: ConnectionState[1m].mean() is 1, then 0 during the drill, then 1', async () => {
    const r = await monitor.summarizeMetricsData({
      compartmentId: vc.compartmentId,
      summarizeMetricsDataDetails: { namespace: 'oci_fastconnect', query: `ConnectionState[1m]{resourceId = "${vc.id}"}.mean()`, startTime: new Date(t0), endTime: new Date(t0 + 15 * MINUTE) },
    });
    assert.equal(r.items.length, 1);
    const [series] = r.items;
    assert.equal(series?.name, 'ConnectionState');
    assert.deepEqual(series?.dimensions, { resourceId: vc.id });
    const values = (series?.aggregatedDatapoints ?? []).map((p) => p.value);
    assert.equal(values.length, 15);
    assert.deepEqual(values, [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  void it('OCI: BytesSent[5m].rate() is the lab\'s traffic towards Azure, 0 while both links are down; an alarm-style condition filters points', async () => {
    const bytes = await monitor.summarizeMetricsData({ compartmentId: vc.compartmentId, summarizeMetricsDataDetails: { namespace: 'oci_fastconnect', query: 'BytesSent[5m].rate()', startTime: new Date(t0), endTime: new Date(t0 + 15 * MINUTE) } });
    // The lab's flows on the links towards Azure (at the schedule's hour), in bytes per second.
    const bytesPerSecond = async (at: number) => {
      const placed = ((await s.api('GET', `/traffic?at=${new Date(at).toISOString()}`)).body as TrafficResponse).placement.elements;
      return (placed.filter((e) => e.kind === 'link' && e.direction === 'to-azure').reduce((n, e) => n + e.carriedMbps, 0) * 1e6) / 8;
    };
    const first = await bytesPerSecond(t0);
    assert.ok(first > 0);
    assert.deepEqual(bytes.items[0]?.aggregatedDatapoints.map((p) => p.value), [first, 0, await bytesPerSecond(t0 + 10 * MINUTE)]);
    const down = await monitor.summarizeMetricsData({ compartmentId: vc.compartmentId, summarizeMetricsDataDetails: { namespace: 'oci_fastconnect', query: 'Ipv4BgpSessionState[1m].grouping().max() == 0', startTime: new Date(t0), endTime: new Date(t0 + 15 * MINUTE) } });
    // The points kept are the drill's five minutes.
    assert.deepEqual(down.items[0]?.aggregatedDatapoints.map((p) => new Date(p.timestamp).getTime()), [5, 6, 7, 8, 9].map((m) => t0 + m * MINUTE));
  });

  void it('OCI ListMetrics lists the virtual circuit\'s metrics in its compartment', async () => {
    const r = await monitor.listMetrics({ compartmentId: vc.compartmentId, listMetricsDetails: { namespace: 'oci_fastconnect' } });
    const names = r.items.map((m) => m.name).sort();
    assert.ok(names.includes('ConnectionState') && names.includes('BytesSent') && names.includes('Ipv4BgpSessionState'), names.join(','));
    assert.ok(r.items.every((m) => m.dimensions?.resourceId === vc.id));
  });

  void it('OCI: bad MQL is 400 InvalidParameter; a compartment of no one is 404', async () => {
    const bad = await ociError(monitor.summarizeMetricsData({ compartmentId: vc.compartmentId, summarizeMetricsDataDetails: { namespace: 'oci_fastconnect', query: 'ConnectionState[7x].mean()' } }));
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.serviceCode, 'InvalidParameter');
    const pct = await ociError(monitor.summarizeMetricsData({ compartmentId: vc.compartmentId, summarizeMetricsDataDetails: { namespace: 'oci_fastconnect', query: 'ConnectionState[1m].percentile(0.9)' } }));
    assert.equal(pct.serviceCode, 'InvalidParameter');
    const other = await ociError(monitor.listMetrics({ compartmentId: 'ocid1.compartment.oc1..aaaaaaaanobody', listMetricsDetails: {} }));
    assert.equal(other.statusCode, 404);
  });

  void it('Azure metrics.list: BgpAvailability per Peer, 100 → 0 during the drill → 100', async () => {
    const r = await azure.metrics.list(circuitId.replace(/^\//, ''), { metricnames: 'BgpAvailability', interval: 'PT1M', timespan: span(), aggregation: 'Average', filter: "Peer eq '*'" });
    assert.equal(r.namespace, 'Microsoft.Network/expressRouteCircuits');
    const [metric] = r.value;
    assert.equal(metric?.name.value, 'BgpAvailability');
    assert.equal(metric?.unit, 'Percent');
    const byPeer = new Map((metric?.timeseries ?? []).map((t) => [t.metadatavalues?.[0]?.value, (t.data ?? []).map((d) => d.average)]));
    const expected = [100, 100, 100, 100, 100, 0, 0, 0, 0, 0, 100, 100, 100, 100, 100];
    assert.deepEqual(byPeer.get('Primary-IPv4'), expected);
    assert.deepEqual(byPeer.get('Secondary-IPv4'), expected);
    // PT5M rolls the minutes up: the drill's five minutes are one interval of 0.
    const rolled = await azure.metrics.list(circuitId, { metricnames: 'BgpAvailability,ArpAvailability', interval: 'PT5M', timespan: span() });
    assert.deepEqual(rolled.value.map((m) => m.timeseries[0]?.data?.map((d) => d.average)), [[100, 0, 100], [100, 0, 100]]);
  });

  void it('Azure metricDefinitions.list names the circuit metrics with unit, aggregation and dimensions', async () => {
    const defs = [];
    for await (const d of azure.metricDefinitions.list(circuitId)) defs.push(d);
    const bgp = defs.find((d) => d.name?.value === 'BgpAvailability');
    assert.equal(bgp?.unit, 'Percent');
    assert.equal(bgp?.primaryAggregationType, 'Average');
    assert.deepEqual(bgp?.dimensions?.map((d) => d.value), ['PeeringType', 'Peer']);
    assert.ok(defs.some((d) => d.name?.value === 'BitsInPerSecond'));
  });

  void it('Azure: unknown metric, bad interval or timespan are 400 BadRequest; a missing circuit is 404', async () => {
    const path = `${circuitId}/providers/Microsoft.Insights/metrics?api-version=2018-01-01`;
    const unknown = await s.arm('GET', `${path}&metricnames=Nope`);
    assert.equal(unknown.status, 400);
    assert.equal((unknown.body as { code: string }).code, 'BadRequest');
    assert.match((unknown.body as { message: string }).message, /Valid metrics: ArpAvailability,BgpAvailability/);
    assert.equal((await s.arm('GET', `${path}&interval=PT2M`)).status, 400);
    assert.equal((await s.arm('GET', `${path}&timespan=yesterday`)).status, 400);
    const missing = await s.arm('GET', `${circuitId}x/providers/Microsoft.Insights/metrics?api-version=2018-01-01`);
    assert.equal(missing.status, 404);
  });

  void it('Prometheus /metrics: families in Prometheus names, the cloud metric and resource id as labels', async () => {
    const res = await fetch(`${s.adminUrl}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const rows = parseProm(await res.text());
    const bgp = rows.filter((r) => r.name === 'fastroute_azure_er_circuit_bgp_availability_percent');
    assert.deepEqual(bgp.map((r) => [r.labels.cloud_metric, r.labels.peer, r.value]).sort(), [['BgpAvailability', 'Primary-IPv4', 100], ['BgpAvailability', 'Secondary-IPv4', 100]]);
    assert.equal(bgp[0]?.labels.resource_id, circuitId);
    const state = rows.find((r) => r.name === 'fastroute_oci_fastconnect_connection_state');
    assert.deepEqual([state?.labels.resource_id, state?.value], [vc.id, 1]);
    assert.ok(rows.some((r) => r.name === 'fastroute_azure_er_gateway_routes_learned' && r.value > 0), 'the gateway learned the OCI prefixes');
  });
});

void describe('metrics: the scrape needs the admin token when one is in force', () => {
  void it('401 without it, 200 with it', async () => {
    const s = await startTestServer({ strictAuth: true });
    try {
      assert.equal((await fetch(`${s.adminUrl}/metrics`)).status, 401);
      const ok = await fetch(`${s.adminUrl}/metrics`, { headers: { authorization: `Bearer ${s.adminToken?.token ?? ''}` } });
      assert.equal(ok.status, 200);
    } finally {
      await s.close();
    }
  });
});
