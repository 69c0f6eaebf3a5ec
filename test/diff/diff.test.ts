// The diff engine through runDiff (private in-memory engines, no server): lab pairs where one route
// rule removal or one NSG rule breaks flows, with the hop deciding each side; no change gives an
// empty diff; --fail-on semantics; one engine with a change gives what two engines give.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLab } from '../../src/lab/parse.ts';
import { runDiff, type DiffBase } from '../../src/engine/diff-runner.ts';
import { failed } from '../../src/diff/diff.ts';
import type { DiffReport, FlowChange } from '../../src/diff/types.ts';
import { denyingSsh, tutorialYaml, withoutRouteRule } from './labs.ts';

const lab = (text: string, file: string): DiffBase => ({ lab: parseLab(text, file), file });
const find = (r: DiffReport, from: string, protocol: string) => r.flows.filter((f) => f.from === from && f.protocol === protocol);
const only = (list: FlowChange[]): FlowChange => {
  assert.equal(list.length, 1, JSON.stringify(list));
  return list[0] as FlowChange;
};

void describe('diff engine', () => {
  void it('one route rule removed: every cross-cloud flow is lost at rt-oci (the Azure side on the reply), the rule is gone and the doctor says so', async () => {
    const r = await runDiff({ before: lab(tutorialYaml(), 'tutorial.yaml'), after: lab(withoutRouteRule(), 'no-route.yaml') });
    assert.deepEqual(r.flowKinds, ['icmp', 'tcp/22', 'tcp/1521']);
    assert.equal(r.summary.flowsCompared, 6);
    assert.equal(r.summary.lost, 6);
    assert.equal(r.summary.gained, 0);
    const out = only(find(r, 'oci', 'tcp'));
    assert.deepEqual([out.sources, out.destinations, out.ports], [['vcn-oci/subnet-oci'], ['vnet-azure/subnet-workload'], [22, 1521]]);
    assert.deepEqual(out.before, { verdict: 'delivered', reason: 'DELIVERED' });
    assert.deepEqual(out.after, { verdict: 'dropped', reason: 'NO_ROUTE', at: 'route table rt-oci' });
    const back = only(find(r, 'azure', 'icmp'));
    assert.deepEqual(back.after, { verdict: 'dropped', reason: 'NO_ROUTE', at: 'route table rt-oci', onReply: true });
    assert.equal(r.expectations.filter((e) => e.change === 'lost').length, 4);
    assert.deepEqual(r.routes, [{ kind: 'vcn-route-table', name: 'vcn-oci/rt-oci', added: [], removed: [{ key: '10.20.0.0/16', before: 'STATIC → drg-oci' }], changed: [] }]);
    assert.deepEqual(r.findings.appeared.map((f) => f.code), ['MISSING_ROUTE_RULE']);
    assert.ok(r.findings.appeared[0]?.message.includes('rt-oci'), 'findings are named, not id-ed');
    assert.equal(r.failed, true);
  });

  void it('one NSG rule added: only OCI → Azure tcp/22 is lost, at NSG nsg-workload rule deny-oci-ssh', async () => {
    const r = await runDiff({ before: lab(tutorialYaml(), 'tutorial.yaml'), after: lab(denyingSsh(), 'deny-ssh.yaml') });
    const f = only(r.flows);
    assert.deepEqual([f.change, f.from, f.to, f.protocol, f.ports, f.flows], ['lost', 'oci', 'azure', 'tcp', [22], 1]);
    assert.deepEqual(f.after, { verdict: 'dropped', reason: 'NSG_DENY', at: 'NSG nsg-workload rule deny-oci-ssh' });
    assert.deepEqual(r.expectations.filter((e) => e.change !== undefined).map((e) => e.name), ['oci-to-azure-ssh']);
    assert.deepEqual(r.routes, []);
  });

  void it('no change: an empty diff that does not fail, even with --fail-on any', async () => {
    const r = await runDiff({ before: lab(tutorialYaml(), 'a.yaml'), after: lab(tutorialYaml(), 'b.yaml'), failOn: 'any', within: true });
    assert.deepEqual([r.flows, r.routes, r.findings.appeared, r.findings.disappeared], [[], [], [], []]);
    assert.equal(r.expectations.some((e) => e.change !== undefined), false);
    assert.equal(r.failed, false);
  });

  void it('--fail-on: lost fails only on lost flows, any on gained ones too, none never', async () => {
    const r = await runDiff({ before: lab(withoutRouteRule(), 'no-route.yaml'), after: lab(tutorialYaml(), 'tutorial.yaml') });
    assert.deepEqual([r.summary.lost, r.summary.gained], [0, 6]);
    assert.equal(r.failed, false, 'default lost: gaining flows passes');
    assert.equal(failed(r, 'any'), true);
    assert.equal(failed(r, 'none'), false);
    const lost = { summary: { ...r.summary, lost: 1 } };
    assert.deepEqual([failed(lost, 'lost'), failed(lost, 'any'), failed(lost, 'none')], [true, true, false]);
  });

  void it('a lab applied on top (one engine): the new VCN appears in the routes and its subnet in the flows, nothing the tutorial had changes', async () => {
    const extra = [
      'name: extra', 'oci:', '  region: us-ashburn-1', '  compartment: fastroute-lab', '  vcns:', '    - name: vcn-extra', '      cidrs: [10.40.0.0/16]',
      '      subnets: [{ name: subnet-extra, cidr: 10.40.1.0/24 }]', 'azure: { resourceGroup: rg-extra, location: eastus }', '',
    ].join('\n');
    const r = await runDiff({ before: lab(tutorialYaml(), 'tutorial.yaml'), change: { lab: parseLab(extra, 'extra.yaml'), file: 'extra.yaml' } });
    assert.equal(r.after, 'tutorial.yaml + extra.yaml');
    assert.ok(r.routes.some((t) => t.name.startsWith('vcn-extra/') && t.added.length > 0), JSON.stringify(r.routes.map((t) => t.name)));
    // The new subnet did not exist before (UNKNOWN_ENDPOINT) and reaches nothing after: a reason change, not a loss.
    assert.equal(r.summary.lost, 0, JSON.stringify(r.flows));
    assert.ok(r.flows.every((f) => f.sources.includes('vcn-extra/subnet-extra') || f.destinations.includes('vcn-extra/subnet-extra')));
    assert.ok(r.flows.some((f) => f.before.reason === 'UNKNOWN_ENDPOINT'));
  });
});
