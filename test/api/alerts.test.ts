// GET /fastroute/v1/alerts over real HTTP on the tutorial, driven by the manual clock: a primary
// link-down drill makes the state alerts pending in the drill's minute and firing one minute later
// (their `for: 1m`), the one-path alert five minutes later; stopping the drill clears them; a flow at
// 90 % of the gateway raises its utilisation alert, and of the secondary link once the primary is cut,
// with Prometheus' value annotation; bad input gets the admin API's 400.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ActiveAlert, AlertsResponse } from '../../src/alerts/types.ts';
import { startTutorialServer, resources } from './tutorial-server.ts';
import type { TestServer } from './server.ts';

const MINUTE = 60_000;

void describe('admin API: GET /alerts', () => {
  let s: TestServer;
  let circuitId = '';
  let gatewayId = '';
  before(async () => {
    s = await startTutorialServer();
    circuitId = (await resources<{ id: string }>(s, 'azure.ExpressRouteCircuit'))[0]?.id ?? '';
    gatewayId = (await resources<{ id: string }>(s, 'azure.VirtualNetworkGateway'))[0]?.id ?? '';
    assert.equal((await s.api('PUT', '/clock', { mode: 'manual' })).status, 200);
  });
  after(async () => {
    await s.close();
  });

  const alerts = async (query = ''): Promise<AlertsResponse> => {
    const r = await s.api('GET', `/alerts${query}`);
    assert.equal(r.status, 200, r.text);
    return r.body as AlertsResponse;
  };
  const advance = async (seconds: number) => {
    assert.equal((await s.api('POST', '/clock/advance', { seconds })).status, 200);
  };
  const brief = (list: ActiveAlert[]) => list.map((a) => `${a.name} ${a.state}`).sort();

  void it('none while everything is up', async () => {
    const res = await alerts();
    assert.deepEqual(res.alerts, []);
    assert.equal(res.rules, 10);
  });

  void it('a primary link-down drill: pending in its minute, the state alerts firing a minute later, one-path after five', async () => {
    assert.equal((await s.api('POST', '/drills', { kind: 'link-down', path: 'primary' })).status, 201);
    const first = await alerts();
    const minuteStart = Math.floor(Date.parse(first.evaluatedAt) / MINUTE) * MINUTE;
    assert.deepEqual(brief(first.alerts), [
      'FastRouteArpUnavailable pending', 'FastRouteBgpSessionDown pending', 'FastRouteOnePathCarriesAll pending', 'FastRouteRedundancyLost pending',
    ]);
    const bgp = first.alerts.find((a) => a.name === 'FastRouteBgpSessionDown');
    assert.ok(bgp);
    assert.equal(bgp.severity, 'critical');
    assert.equal(bgp.since, new Date(minuteStart).toISOString());
    assert.equal(bgp.firesAt, new Date(minuteStart + MINUTE).toISOString());
    assert.equal(bgp.for, '1m');
    assert.equal(bgp.resourceId, circuitId);
    assert.equal(bgp.cloudMetric, 'BgpAvailability');
    assert.equal(bgp.value, 0);
    assert.deepEqual(bgp.labels, {
      alertname: 'FastRouteBgpSessionDown', cloud_metric: 'BgpAvailability', namespace: 'Microsoft.Network/expressRouteCircuits',
      resource_id: circuitId, peering_type: 'Private', peer: 'Primary-IPv4', severity: 'critical',
    });
    assert.equal(bgp.summary, `BGP session Primary-IPv4 of circuit ${circuitId} is down`);
    assert.equal(first.names[circuitId], 'er-oci-azure', 'the answer names the resources it mentions');
    const redundancy = first.alerts.find((a) => a.name === 'FastRouteRedundancyLost');
    assert.deepEqual(redundancy?.labels, { alertname: 'FastRouteRedundancyLost', resource_id: circuitId, severity: 'warning' });
    assert.equal(redundancy?.cloudMetric, 'BgpAvailability', 'an aggregated alert names the metric its rule reads');

    await advance(60);
    const later = await alerts();
    assert.deepEqual(brief(later.alerts), [
      'FastRouteArpUnavailable firing', 'FastRouteBgpSessionDown firing', 'FastRouteOnePathCarriesAll pending', 'FastRouteRedundancyLost firing',
    ]);
    assert.equal(later.alerts.find((a) => a.name === 'FastRouteBgpSessionDown')?.since, bgp.since, 'since stays the first minute');
    assert.deepEqual(later.alerts.slice(0, 3).map((a) => a.state), ['firing', 'firing', 'firing'], 'firing first');
    assert.deepEqual(brief((await alerts('?state=pending')).alerts), ['FastRouteOnePathCarriesAll pending']);

    await advance(4 * 60);
    assert.deepEqual(brief((await alerts('?state=firing')).alerts), [
      'FastRouteArpUnavailable firing', 'FastRouteBgpSessionDown firing', 'FastRouteOnePathCarriesAll firing', 'FastRouteRedundancyLost firing',
    ]);

    assert.equal((await s.api('DELETE', '/drills')).status, 200);
    assert.deepEqual((await alerts()).alerts, [], 'resolved as soon as the sessions are back');
  });

  void it('900 Mbps from Azure: the gateway above 80 %; with the primary cut, the secondary link too, firing after 5 minutes', async () => {
    const flow = { name: 'bulk', from: 'vm-azure', to: 'vm-oci', protocol: 'tcp', port: 443, mbps: 900 };
    assert.equal((await s.api('POST', '/traffic', { traffic: [flow], replace: true })).status, 201);
    // Azure spreads the flow over both links (ECMP): 45 % each, under the circuit's threshold; the gateway carries 90 %.
    assert.deepEqual(brief((await alerts()).alerts), ['FastRouteGatewayUtilisationHigh pending']);
    assert.equal((await s.api('POST', '/drills', { kind: 'link-down', path: 'primary' })).status, 201);
    assert.ok(brief((await alerts()).alerts).includes('FastRouteCircuitUtilisationHigh pending'), 'the secondary carries it all: 90 %');
    await advance(5 * 60);
    const firing = (await alerts('?state=firing')).alerts;
    const circuit = firing.find((a) => a.name === 'FastRouteCircuitUtilisationHigh');
    assert.ok(circuit, JSON.stringify(firing));
    assert.equal(circuit.cloudMetric, 'BitsOutPerSecond', 'Azure to OCI is out of Azure');
    assert.equal(circuit.labels.device_role, 'Secondary');
    assert.equal(circuit.value, 0.9);
    assert.equal(circuit.annotations.value, '90%');
    assert.equal(circuit.summary, `BitsOutPerSecond on Secondary of circuit ${circuitId} is above 80 % of its bandwidth`);
    const gateway = firing.find((a) => a.name === 'FastRouteGatewayUtilisationHigh');
    assert.equal(gateway?.resourceId, gatewayId);
    assert.equal(gateway?.for, '5m');
    assert.equal(gateway?.annotations.value, '90%');
    assert.equal((await s.api('DELETE', '/drills')).status, 200);
    assert.equal((await s.api('DELETE', '/traffic')).status, 200);
    assert.deepEqual((await alerts()).alerts, []);
  });

  void it('an unknown state or parameter is the admin API\'s 400', async () => {
    for (const q of ['?state=resolved', '?severity=critical']) {
      const r = await s.api('GET', `/alerts${q}`);
      assert.equal(r.status, 400, q);
      assert.equal((r.body as { code: string }).code, 'InvalidParameter');
    }
  });
});
