// Traffic through the admin API on the tutorial server: the lab's flows declared with it, placed per
// link; flows posted and deleted; bad input refused with 400 InvalidParameter naming the field; and
// a primary link-down drill reporting the traffic before and during (the secondary's load doubles).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DrillReport, ErrorBody } from '../../src/api/admin/contract.ts';
import type { TrafficDeleteResponse, TrafficResponse } from '../../src/api/admin/traffic.ts';
import type { ElementLoad } from '../../src/traffic/types.ts';
import type { TestServer } from './server.ts';
import { startTutorialServer } from './tutorial-server.ts';

const NOON = '2026-01-15T12:00:00Z';
const carried = (elements: readonly ElementLoad[]) => Object.fromEntries(elements.map((e) => [`${e.name} ${e.direction}`, e.carriedMbps]));

void describe('admin API: traffic', () => {
  let s: TestServer;
  before(async () => {
    s = await startTutorialServer();
  });
  after(async () => {
    await s.close();
  });

  void it('the tutorial lab declares its flows; GET places them at the instant asked', async () => {
    const r = await s.api('GET', `/traffic?at=${NOON}`);
    assert.equal(r.status, 200, r.text);
    const body = r.body as TrafficResponse;
    assert.deepEqual(body.flows.map((f) => [f.name, f.lab]), [['db-sync', 'tutorial'], ['nightly-backup', 'tutorial']]);
    assert.equal(body.placement.at, Date.parse(NOON));
    assert.deepEqual(carried(body.placement.elements), {
      'ergw to-azure': 120, 'ergw to-oci': 302,
      'vc-azure primary to-azure': 60, 'vc-azure primary to-oci': 151,
      'vc-azure secondary to-azure': 60, 'vc-azure secondary to-oci': 151,
    });
  });

  void it('POST adds a flow, DELETE removes it; the placement follows', async () => {
    const r = await s.api('POST', '/traffic', { traffic: [{ name: 'bulk', from: 'vm-oci', to: 'vm-azure', protocol: 'udp', port: 5001, mbps: 2000 }] });
    assert.equal(r.status, 201, r.text);
    const body = r.body as TrafficResponse;
    assert.deepEqual(body.flows.map((f) => f.name), ['db-sync', 'nightly-backup', 'bulk']);
    const gateway = body.placement.elements.find((e) => e.name === 'ergw' && e.direction === 'to-azure');
    // Each 1 Gbps link caps its half (1,000 + the lab's own flows) at 1,000; the gateway gets 2,000 and carries 1,000.
    assert.deepEqual([gateway?.offeredMbps, gateway?.carriedMbps, gateway?.droppedMbps], [2000, 1000, 1000], 'the Standard gateway carries 1,000 Mbps and drops the rest');
    assert.deepEqual(body.placement.elements.filter((e) => e.kind === 'link' && e.direction === 'to-azure').map((e) => [e.carriedMbps, e.utilisation]), [[1000, 1], [1000, 1]]);
    assert.ok(body.placement.flows.find((f) => f.name === 'bulk')?.losses.some((l) => l.reason === 'CAPACITY_EXCEEDED' && l.name === 'ergw'));

    const d = await s.api('DELETE', '/traffic/bulk');
    assert.equal(d.status, 200, d.text);
    assert.deepEqual((d.body as TrafficDeleteResponse).deleted, ['bulk']);
    const missing = await s.api('DELETE', '/traffic/bulk');
    assert.equal(missing.status, 404);
    assert.deepEqual(((await s.api('GET', '/traffic')).body as TrafficResponse).flows.map((f) => f.name), ['db-sync', 'nightly-backup']);
  });

  void it('bad input is refused at the field: 400 InvalidParameter, nothing declared', async () => {
    const cases: [unknown, string][] = [
      [{ traffic: [{ name: 'x', from: 'vm-oci', to: 'vm-azure', protocol: 'tcp', mbps: 10 }] }, 'traffic.0.port: a tcp flow needs a port'],
      [{ traffic: [{ name: 'x', from: 'vm-oci', to: 'vm-azure', protocol: 'icmp', mbps: -1 }] }, 'traffic.0.mbps: mbps is 0 or more'],
      [{ traffic: [{ name: 'x', from: 'vm-oci', to: 'vm-azure', protocol: 'icmp', mbps: 1, schedule: { daily: [1, 2] } }] }, 'traffic.0.schedule'],
      [{ traffic: [{ name: 'x', from: 'vm-oci', to: 'vm-azure', protocol: 'icmp', mbps: 1 }, { name: 'x', from: 'vm-oci', to: 'vm-azure', protocol: 'icmp', mbps: 1 }] }, 'traffic.1.name: flow name "x" is used more than once'],
      [{ traffic: [{ name: 'x', from: 'vm-nowhere', to: 'vm-azure', protocol: 'icmp', mbps: 1 }] }, 'traffic.0.from: "vm-nowhere" is not a VM name'],
    ];
    for (const [body, message] of cases) {
      const r = await s.api('POST', '/traffic', body);
      assert.equal(r.status, 400, r.text);
      const err = r.body as ErrorBody;
      assert.equal(err.code, 'InvalidParameter');
      assert.ok(err.message.includes(message), `${err.message} names ${message}`);
    }
    const bad = await s.api('GET', '/traffic?at=yesterday');
    assert.equal(bad.status, 400);
    assert.ok((bad.body as ErrorBody).message.includes('at: at is an ISO 8601 date-time'), bad.text);
    assert.deepEqual(((await s.api('GET', '/traffic')).body as TrafficResponse).flows.map((f) => f.name), ['db-sync', 'nightly-backup']);
  });

  void it('a primary link-down drill reports the traffic before and during: the secondary carries twice as much', async () => {
    const r = await s.api('POST', '/drills', { kind: 'link-down', path: 'primary' });
    assert.equal(r.status, 201, r.text);
    const shift = (r.body as DrillReport).traffic;
    assert.ok(shift, 'the report has the traffic');
    const b = carried(shift.before.elements);
    const d = carried(shift.during.elements);
    assert.equal(d['vc-azure secondary to-azure'], 2 * (b['vc-azure secondary to-azure'] ?? 0));
    assert.equal(d['vc-azure secondary to-oci'], 2 * (b['vc-azure secondary to-oci'] ?? 0));
    assert.equal(d['vc-azure primary to-oci'], undefined);
    assert.equal(shift.during.totals.deliveredMbps, shift.before.totals.deliveredMbps, 'nothing is lost: the secondary has room');
    assert.equal((await s.api('DELETE', '/drills')).status, 200);
  });

  void it('DELETE /traffic removes every flow', async () => {
    const r = await s.api('DELETE', '/traffic');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual((r.body as TrafficDeleteResponse).deleted, ['db-sync', 'nightly-backup']);
    const after = (await s.api('GET', '/traffic')).body as TrafficResponse;
    assert.deepEqual([after.flows, after.placement.elements], [[], []]);
    const drill = await s.api('POST', '/drills', { kind: 'link-down', path: 'primary' });
    assert.equal((drill.body as DrillReport).traffic, undefined, 'a drill without declared traffic reports none');
    await s.api('DELETE', '/drills');
  });
});
