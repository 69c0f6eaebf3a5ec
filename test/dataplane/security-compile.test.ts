// The security compiler and the sync diff, without root: the tutorial's security list and NSG as
// nftables chains in the router namespaces (stateful rules admit replies by connection tracking,
// stateless ones do not), Azure's default rules and service tags, a lab's guest firewall in the VM's
// own namespace, the atomic reload script, and the diff a drill or a teardown makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { labEngine } from '../helpers/lab.ts';
import { compileDataplane } from '../../src/dataplane/compile.ts';
import { nftScript } from '../../src/dataplane/nft.ts';
import { diffPlans, isEmptyDiff } from '../../src/dataplane/diff.ts';
import { disjointPrefixes } from '../../src/dataplane/nft-match.ts';
import type { DataplanePlan, PlanChain, PlanNamespace } from '../../src/dataplane/plan.ts';
import { startDrill, stopDrill } from '../../src/engine/drill-runner.ts';
import { downLab } from '../../src/engine/lab-runner.ts';

const LABS = path.join(import.meta.dirname, '../../labs');
const TUTORIAL = path.join(LABS, 'tutorial.yaml');

const ns = (plan: DataplanePlan, role: PlanNamespace['role'], name?: string): PlanNamespace =>
  plan.namespaces.find((n) => n.role === role && (name === undefined || n.resourceName === name)) ?? assert.fail(`a ${role} namespace`);
const chain = (n: PlanNamespace, name: string): PlanChain => n.firewall?.chains.find((c) => c.name === name) ?? assert.fail(`chain ${name} in ${n.name}`);

void test('the tutorial: sl-oci guards the VNIC in the VCN router, nsg-workload the NIC in the VNet router, the VMs have no guest firewall', async () => {
  const { engine } = await labEngine(TUTORIAL);
  try {
    const plan = await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' }));
    const vcn = ns(plan, 'vcn-router');
    assert.deepEqual(chain(vcn, 'nics'), { name: 'nics', hook: 'forward', rules: ['iifname "vm0" jump vm0_out', 'oifname "vm0" jump vm0_in'], why: chain(vcn, 'nics').why });
    // Ingress: the four rules of sl-oci, then OCI's default deny.
    assert.deepEqual(chain(vcn, 'vm0_in_rules').rules, [
      'meta l4proto 1 ip saddr 10.20.0.0/16 icmp type 8 return',
      'meta l4proto 1 ip saddr 10.20.0.0/16 icmp type 3 icmp code 4 return',
      'meta l4proto 6 ip saddr 10.20.0.0/16 th dport 22 return',
      'meta l4proto 6 ip saddr 10.20.0.0/16 th dport 1521 return',
      'drop',
    ]);
    // A reply entering the VM passes when its flow began under the stateful egress rule (all, anywhere).
    assert.deepEqual(chain(vcn, 'vm0_in').rules, ['ct direction reply goto vm0_in_flow', 'goto vm0_in_rules']);
    assert.deepEqual(chain(vcn, 'vm0_in_flow').rules, ['return', 'goto vm0_in_rules']);
    // A reply leaving the VM is read as its flow's first packet: source ↔ destination, ports swapped, echo reply ↔ request.
    assert.deepEqual(chain(vcn, 'vm0_out_flow').rules.slice(0, 3), [
      'meta l4proto 1 ip daddr 10.20.0.0/16 icmp type 0 return',
      'meta l4proto 1 ip daddr 10.20.0.0/16 icmp type 3 icmp code 4 return',
      'meta l4proto 6 ip daddr 10.20.0.0/16 th sport 22 return',
    ]);

    const vnet = ns(plan, 'vnet-router');
    const tag = vnet.firewall?.sets.find((s) => s.name === 'vnet_tag');
    assert.ok(tag?.elements.includes('10.20.0.0/16'), 'VirtualNetwork holds the VNet\'s space');
    assert.ok(tag?.elements.some((p) => p.startsWith('10.10.')), 'and the VCN prefix learned over ExpressRoute, as the engine counts it');
    const inbound = chain(vnet, 'nsg0_in').rules;
    assert.deepEqual(inbound.slice(0, 3), [
      'meta l4proto 1 ip saddr 10.10.0.0/16 return',
      'meta l4proto 6 ip saddr 10.10.0.0/16 th dport 22 return',
      'meta l4proto 6 ip saddr 10.10.0.0/16 th dport 1521 return',
    ], 'user rules first, by priority');
    assert.ok(inbound.includes('ip saddr @vnet_tag ip daddr @vnet_tag return'), 'AllowVnetInBound');
    assert.ok(inbound.includes('ip saddr 168.63.129.16/32 return'), 'AllowAzureLoadBalancerInBound');
    assert.equal(inbound.at(-2), 'drop', 'DenyAllInBound');
    assert.ok(chain(vnet, 'nsg0_out').rules.includes('ip daddr != @vnet_tag ip daddr != 168.63.129.16 return'), 'AllowInternetOutBound: everything outside VirtualNetwork');
    // Inbound the subnet's NSG then the NIC's (the tutorial's NIC has none).
    assert.deepEqual(chain(vnet, 'nic0_in_rules').rules, ['jump nsg0_in', 'return']);
    assert.deepEqual(chain(vnet, 'nic0_in_flow').rules, ['meta mark set 0x0', 'jump nsg0_out_flow', 'meta mark 0x1 goto nic0_in_rules', 'return']);

    for (const vm of plan.namespaces.filter((n) => n.role === 'vm')) assert.equal(vm.firewall, undefined, `${vm.resourceName} declares no guest firewall`);
    for (const other of plan.namespaces.filter((n) => !['vm', 'vcn-router', 'vnet-router'].includes(n.role))) assert.equal(other.firewall, undefined, `${other.role} filters nothing`);

    // One transaction that replaces the table: created if missing, deleted, defined anew.
    const script = nftScript(vcn.firewall);
    assert.match(script, /^add table inet fastroute\ndelete table inet fastroute\ntable inet fastroute \{\n/);
    assert.equal(nftScript(undefined), 'add table inet fastroute\ndelete table inet fastroute\n', 'no firewall: the table goes');
    assert.doesNotMatch(script, /chain fwd\b/, '`fwd` is an nft keyword');
  } finally {
    await engine.close();
  }
});

void test('a stateless rule admits no reply by connection tracking: the reply needs a rule of its own', async () => {
  const { engine } = await labEngine(TUTORIAL, (t) => t.replace('icmpType: 8, description: ping from Azure', 'icmpType: 8, stateless: true, description: ping from Azure'));
  try {
    const vcn = ns(await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' })), 'vcn-router');
    const flow = chain(vcn, 'vm0_out_flow').rules;
    assert.equal(flow[0], 'meta l4proto 1 ip daddr 10.20.0.0/16 icmp type 0 goto vm0_out_rules', 'the stateless rule wins: the echo reply is judged by the egress rules');
    assert.ok(!flow.includes('meta l4proto 1 ip daddr 10.20.0.0/16 icmp type 0 return'));
  } finally {
    await engine.close();
  }
});

void test('a guest firewall declared by the lab filters what arrives in the VM\'s own namespace', async () => {
  const { engine } = await labEngine(path.join(LABS, 'broken/host-firewall-blocks-icmp.yaml'));
  try {
    const plan = await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' }));
    const vm = plan.namespaces.find((n) => n.role === 'vm' && n.firewall !== undefined) ?? assert.fail('a VM with a guest firewall');
    assert.equal(vm.cloud, 'oci');
    assert.deepEqual(vm.firewall?.chains[0]?.rules, ['iifname "lo" accept', 'ct direction reply accept', 'meta l4proto { tcp, udp } accept', 'drop'], 'ICMP dropped, every TCP/UDP port open');
    assert.equal(vm.firewall?.chains[0]?.hook, 'input');
  } finally {
    await engine.close();
  }
});

void test('disjoint prefixes: contained ones dropped, host bits masked, bare addresses as /32', () => {
  assert.deepEqual(disjointPrefixes(['10.20.0.0/16', '10.20.10.0/24', '10.10.10.10', '192.168.1.7/24']), ['10.10.10.10/32', '10.20.0.0/16', '192.168.1.0/24']);
});

void test('the sync diff: a drill changes the edges\' routes only, a teardown removes every namespace, nothing is a no-op', async () => {
  const { engine, lab } = await labEngine(TUTORIAL);
  try {
    const compile = () => engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' }));
    const before = await compile();
    assert.ok(isEmptyDiff(diffPlans(before, await compile())), 'an unchanged world is an empty diff');

    await startDrill(engine, { kind: 'link-down', path: 'primary' });
    const during = await compile();
    const diff = diffPlans(before, during);
    assert.deepEqual([diff.create, diff.remove, diff.linksGone, diff.linksNew], [[], [], [], []], 'no namespace or link is touched');
    const oracle = diff.changes.find((c) => c.ns.role === 'oracle-edge') ?? assert.fail('the Oracle edge changes');
    assert.ok(oracle.add.includes('route replace 10.20.0.0/16 via 10.99.0.6 dev sec onlink'), oracle.add.join('\n'));
    assert.ok(diff.changes.every((c) => !c.firewallChanged), 'no ruleset is reloaded for a routing change');
    await stopDrill(engine);
    const back = diffPlans(during, await compile());
    assert.ok(back.changes.find((c) => c.ns.role === 'oracle-edge')?.add.some((l) => l.startsWith('route replace 10.20.0.0/16 nexthop via')), 'both links again (multipath)');

    await downLab(engine, lab.name);
    const gone = diffPlans(before, await compile());
    assert.equal(gone.remove.length, before.namespaces.length, 'a teardown removes every namespace');
  } finally {
    await engine.close();
  }
});
