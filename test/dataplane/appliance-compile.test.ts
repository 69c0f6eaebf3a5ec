// The appliances the engine treats as stateful firewalls (ASYMMETRIC_RETURN) as the data plane
// compiles them, without root: the OCI firewall instance (skipSourceDestCheck, a route target) and
// the Azure NVA (IP forwarding) get a forward chain that drops what a stateful firewall drops when it
// sees one direction of a flow, and strict TCP tracking; VMs that do not forward get neither, and a
// NIC whose IP forwarding is turned off loses both in the sync's diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { labEngine } from '../helpers/lab.ts';
import { compileDataplane } from '../../src/dataplane/compile.ts';
import { nftScript } from '../../src/dataplane/nft.ts';
import { diffPlans } from '../../src/dataplane/diff.ts';
import type { DataplanePlan, PlanNamespace } from '../../src/dataplane/plan.ts';

const LAB = path.join(import.meta.dirname, '../../labs/broken/asymmetric-firewall.yaml');
const vm = (plan: DataplanePlan, name: string): PlanNamespace =>
  plan.namespaces.find((n) => n.role === 'vm' && n.resourceName === name) ?? assert.fail(`VM ${name}`);
const STATEFUL = ['ct state invalid drop', 'tcp flags & (fin | syn | rst | ack) != syn ct state new drop'];

void test('fw-oci and the NVA forward as stateful firewalls; the other VMs forward nothing', async () => {
  const { engine } = await labEngine(LAB);
  try {
    const plan = await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' }));
    for (const name of ['fw-oci', 'nva']) {
      const ns = vm(plan, name);
      const chain = ns.firewall?.chains.find((c) => c.name === 'appliance') ?? assert.fail(`${name} has the appliance chain`);
      assert.equal(chain.hook, 'forward');
      assert.deepEqual(chain.rules, STATEFUL, `${name}: a reply without its request, a client ACK whose SYN-ACK went elsewhere, new TCP without SYN: dropped`);
      assert.equal(ns.sysctls['net.ipv4.ip_forward'], '1');
      assert.equal(ns.sysctls['net.netfilter.nf_conntrack_tcp_loose'], '0', `${name}: no mid-stream pickup`);
      assert.match(nftScript(ns.firewall), /chain appliance \{\n {4}type filter hook forward priority filter; policy accept;\n {4}ct state invalid drop\n/);
    }
    // vm-app keeps its guest firewall only; the others have no firewall at all.
    assert.deepEqual(vm(plan, 'vm-app').firewall?.chains.map((c) => c.name), ['guest']);
    for (const name of ['vm-app', 'vm-data', 'vm-azure-app', 'vm-azure-data']) {
      const ns = vm(plan, name);
      assert.ok(!ns.firewall?.chains.some((c) => c.name === 'appliance'), `${name} is not an appliance`);
      assert.equal(ns.sysctls['net.ipv4.ip_forward'], '0', `${name} does not forward`);
      assert.equal(ns.sysctls['net.netfilter.nf_conntrack_tcp_loose'], '1');
    }
  } finally {
    await engine.close();
  }
});

void test('a NIC whose IP forwarding is turned off stops forwarding: the diff resets its sysctls and reloads its firewall', async () => {
  const before = await labEngine(LAB);
  const after = await labEngine(LAB, (t) => t.replace('ipForwarding: true ', 'ipForwarding: false'));
  try {
    const a = await before.engine.read(() => compileDataplane(before.engine.routing, { runId: 'ab12' }));
    const b = await after.engine.read(() => compileDataplane(after.engine.routing, { runId: 'ab12' }));
    assert.equal(vm(b, 'nva').firewall, undefined, 'no appliance chain left');
    const change = diffPlans(a, b).changes.find((c) => c.ns.resourceName === 'nva') ?? assert.fail('nva changes');
    assert.equal(change.firewallChanged, true);
    assert.deepEqual(change.sysctls, { 'net.ipv4.ip_forward': '0', 'net.netfilter.nf_conntrack_tcp_loose': '1' });
  } finally {
    await before.engine.close();
    await after.engine.close();
  }
});
