// `fastroute diff` through the compiled CLI: two lab files without a server (exit 1 when a flow is
// lost, grouped human output, --json, --fail-on), and "running" with a change file through a server.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { DiffReport } from '../../src/diff/types.ts';
import { denyingSsh, tutorialYaml, withoutRouteRule } from '../diff/labs.ts';
import { startTestServer } from '../api/server.ts';
import { runCli, serverForSuite } from './run.ts';

/** Nothing listens here: lab-to-lab diffs must not need a server. */
const nowhere = { FASTROUTE_URL: 'http://127.0.0.1:9' };
const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-diff-'));
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};

void describe('fastroute diff (lab files)', () => {
  void it('a removed route rule: exit 1, flows lost grouped with the deciding hop, the route and the finding', async () => {
    const r = await runCli(['diff', 'labs/tutorial.yaml', file('no-route.yaml', withoutRouteRule())], nowhere);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /6 flows compared \(icmp, tcp\/22, tcp\/1521\)/);
    assert.match(r.stdout, /Flows lost \(6\):/);
    assert.match(r.stdout, /oci → azure tcp\/22,1521: vcn-oci\/subnet-oci → vnet-azure\/subnet-workload \(2 flows\)\n\s+delivered → dropped at route table rt-oci \[NO_ROUTE\]/);
    assert.match(r.stdout, /vcn-route-table vcn-oci\/rt-oci\n\s+- 10\.20\.0\.0\/16 {2}STATIC → drg-oci/);
    assert.match(r.stdout, /\+ error MISSING_ROUTE_RULE/);
    assert.match(r.stdout, /Result: FAILED \(6 lost/);
  });

  void it('--json is the report; --fail-on none exits 0 on the same change', async () => {
    const f = file('deny-ssh.yaml', denyingSsh());
    const r = await runCli(['diff', 'labs/tutorial.yaml', f, '--json'], nowhere);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as DiffReport;
    assert.deepEqual(Object.keys(report).sort(), ['after', 'before', 'elapsedMs', 'expectations', 'failOn', 'failed', 'findings', 'flowKinds', 'flows', 'routes', 'summary', 'within']);
    assert.deepEqual(report.flows.map((x) => [x.change, x.from, x.to, x.protocol, x.ports, x.after.at]), [['lost', 'oci', 'azure', 'tcp', [22], 'NSG nsg-workload rule deny-oci-ssh']]);
    assert.equal((await runCli(['diff', 'labs/tutorial.yaml', f, '--fail-on', 'none'], nowhere)).code, 0);
    assert.equal((await runCli(['diff', 'labs/tutorial.yaml', f, '--fail-on', 'sometimes'], nowhere)).code, 2, 'a bad choice is bad usage');
  });

  void it('no change: "No difference.", exit 0 even with --fail-on any; an unreadable file exits 2', async () => {
    const r = await runCli(['diff', 'labs/tutorial.yaml', '--fail-on', 'any'], nowhere);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /No difference\./);
    assert.equal((await runCli(['diff', path.join(dir, 'missing.yaml')], nowhere)).code, 2);
  });
});

void describe('fastroute diff running --change', () => {
  const suite = serverForSuite(() => startTestServer());
  void it('a change file of OCI operations against the running world', async () => {
    assert.equal((await suite.s.api('POST', '/labs', { yaml: tutorialYaml() })).status, 201);
    const tables = (await suite.s.api('GET', '/resources?kind=oci.RouteTable')).body as { items: { id: string; displayName: string }[] };
    const id = tables.items.find((t) => t.displayName === 'rt-oci')?.id ?? '';
    const change = file('change.json', JSON.stringify([{ api: 'oci', method: 'PUT', path: `/20160918/routeTables/${id}`, body: { routeRules: [] } }]));
    const r = await runCli(['diff', 'running', '--change', change, '--json'], suite.env);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as DiffReport;
    assert.equal(report.summary.lost, 6);
    assert.equal(report.after, `running + ${change}, 1 operation(s)`);
  });
});
