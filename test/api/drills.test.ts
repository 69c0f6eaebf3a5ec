// Drills through the admin API on the tutorial: routes before and during, traces during the drill,
// list, stop one or all, and the world back as it was.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DrillReport, DrillsResponse, DrillStopResponse, ErrorBody, RoutesResponse, TraceResult } from '../../src/api/admin/contract.ts';
import type { TestServer } from './server.ts';
import { startTutorialServer } from './tutorial-server.ts';

const BOTH = ['10.10.10.0/24', '10.20.0.0/16'];

void describe('admin API: drills', () => {
  let s: TestServer;
  const ping = async () => (await s.api('POST', '/trace', { from: 'vm-oci', to: 'vm-azure', protocol: 'icmp' })).body as TraceResult;
  before(async () => {
    s = await startTutorialServer();
  });
  after(async () => {
    await s.close();
  });

  void it('link-down primary: redundant before, non-redundant during, traffic on the secondary link, then back', async () => {
    const bgpBefore = (await s.api('GET', '/routes?target=vc-azure')).body as RoutesResponse;
    const r = await s.api('POST', '/drills', { kind: 'link-down', path: 'primary' });
    assert.equal(r.status, 201, r.text);
    const report = r.body as DrillReport;
    assert.equal(report.kind, 'link-down');
    assert.equal(report.interconnect, 'vc-azure');
    assert.deepEqual(report.before.redundant, BOTH);
    assert.deepEqual(report.during.redundant, []);
    assert.deepEqual(report.during.nonRedundant, BOTH);
    assert.deepEqual(report.during.sessions.map((x) => [x.path, x.up]), [['primary', false], ['secondary', true]]);

    const during = await ping();
    assert.equal(during.verdict, 'delivered', 'the secondary link still carries the flow');
    assert.deepEqual(during.hops.filter((h) => h.kind === 'link').map((h) => h.name), ['secondary link']);

    const listed = (await s.api('GET', '/drills')).body as DrillsResponse;
    assert.deepEqual(listed.drills.map((d) => [d.id, d.kind, d.path, d.interconnect]), [[report.id, 'link-down', 'primary', 'vc-azure']]);

    const stop = await s.api('DELETE', `/drills/${report.id}`);
    assert.equal(stop.status, 200, stop.text);
    const stopped = stop.body as DrillStopResponse;
    assert.deepEqual(stopped.stopped, [report.id]);
    assert.deepEqual(stopped.after[0]?.redundant, BOTH);
    assert.deepEqual((await s.api('GET', '/routes?target=vc-azure')).body, bgpBefore, 'the sessions are exactly as before');
    assert.deepEqual(((await s.api('GET', '/drills')).body as DrillsResponse).drills, []);
  });

  void it('withdrawing the VNet prefix drops the ping until every drill is stopped', async () => {
    const r = await s.api('POST', '/drills', { kind: 'prefix-withdraw', prefix: '10.20.0.0/16', side: 'azure' });
    assert.equal(r.status, 201, r.text);
    const report = r.body as DrillReport;
    assert.deepEqual(report.impact.lost, ['10.20.0.0/16']);
    const during = await ping();
    assert.equal(during.verdict, 'dropped');
    assert.equal((await s.api('POST', '/drills', { kind: 'as-path-prepend', path: 'secondary' })).status, 201);
    const all = await s.api('DELETE', '/drills');
    assert.equal(all.status, 200, all.text);
    assert.equal((all.body as DrillStopResponse).stopped.length, 2);
    assert.equal((await ping()).verdict, 'delivered');
  });

  void it('bad drills are 400, unknown drills 404', async () => {
    const bad: unknown[] = [
      { kind: 'meteor-strike' },
      { kind: 'link-down', path: 'tertiary' },
      { kind: 'prefix-withdraw', prefix: 'not-a-prefix' },
      { kind: 'prefix-flood', count: 0 },
      { kind: 'link-down' },
      {},
    ];
    for (const body of bad) {
      const r = await s.api('POST', '/drills', body);
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
      assert.equal(typeof (r.body as ErrorBody).message, 'string');
    }
    const unknown = await s.api('DELETE', '/drills/drill-nope');
    assert.equal(unknown.status, 404);
    assert.equal((unknown.body as ErrorBody).code, 'NotFound');
    assert.equal((await s.api('POST', '/drills', { kind: 'bgp-reset', path: 'primary', interconnect: 'vc-nope' })).status, 404);
  });
});
