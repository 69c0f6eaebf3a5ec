// The data plane compiler on the seed labs, without root: every namespace, link, address, rule and
// route comes from the engine's computed tables (a drill changes them), names fit the kernel's
// limits and are unique per run, and each namespace is one `ip -batch` script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { labEngine } from '../helpers/lab.ts';
import { compileDataplane } from '../../src/dataplane/compile.ts';
import { namespaceBatch, namespacesBatch, linksBatch, devicesOf } from '../../src/dataplane/batch.ts';
import type { DataplanePlan, PlanNamespace } from '../../src/dataplane/plan.ts';
import { IFNAME_MAX, newRunId } from '../../src/dataplane/names.ts';
import { startDrill, stopDrill } from '../../src/engine/drill-runner.ts';
import { privilegeMisses, findTool } from '../../src/dataplane/probe.ts';
import { prerequisitesError } from '../../src/dataplane/errors.ts';

const LABS = path.join(import.meta.dirname, '../../labs');

function byResource(plan: DataplanePlan, name: string): PlanNamespace {
  const ns = plan.namespaces.find((n) => n.resourceName === name);
  assert.ok(ns, `a namespace for ${name}`);
  return ns;
}

const routeTo = (ns: PlanNamespace, prefix: string, table?: number) => ns.routes.find((r) => r.prefix === prefix && r.table === table);

void test('the tutorial compiles to its two VMs, the routers between them and the two interconnect links', async () => {
  const { engine } = await labEngine(path.join(LABS, 'tutorial.yaml'));
  try {
    const plan = await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' }));
    assert.deepEqual(plan.namespaces.map((n) => n.role).sort(), ['drg', 'er-gateway', 'msee', 'oracle-edge', 'vcn-router', 'vm', 'vm', 'vnet-router']);
    for (const ns of plan.namespaces) assert.match(ns.name, /^frab12-[a-z0-9-]+$/, 'every namespace carries the FastRoute prefix and the run id');
    assert.equal(new Set(plan.namespaces.map((n) => n.name)).size, plan.namespaces.length, 'namespace names are unique');
    for (const l of plan.links) for (const end of [l.a, l.b]) assert.ok(end.dev.length <= IFNAME_MAX, `${end.dev} fits IFNAMSIZ`);

    const vmOci = byResource(plan, 'vm-oci');
    assert.deepEqual(vmOci.addresses, [{ dev: 'eth0', address: '10.10.10.10/24' }]);
    assert.deepEqual(routeTo(vmOci, '0.0.0.0/0')?.nexthops, [{ via: '10.10.10.1', dev: 'eth0' }], 'default route to the subnet\'s virtual router');
    const vmAzure = byResource(plan, 'vm-azure');
    assert.deepEqual(vmAzure.addresses, [{ dev: 'eth0', address: '10.20.10.10/24' }]);
    assert.deepEqual(routeTo(vmAzure, '0.0.0.0/0')?.nexthops, [{ via: '10.20.10.1', dev: 'eth0' }], 'Azure\'s default gateway is the subnet\'s .1');

    // The VCN router: the subnet's route table (rt-oci) chosen by the VM's interface; local routes fall through to host routes.
    const vcn = byResource(plan, 'vcn-oci');
    const rule = vcn.rules.find((r) => r.iif === 'vm0');
    assert.ok(rule);
    assert.equal(routeTo(vcn, '10.10.0.0/16', rule.table)?.type, 'throw');
    assert.equal(routeTo(vcn, '10.20.0.0/16', rule.table)?.nexthops?.[0]?.dev, 'drg', 'rt-oci sends the VNet to the DRG');
    assert.equal(routeTo(vcn, '10.10.10.10/32')?.dev, 'vm0');

    // The interconnect: the /30s of the cross-connect mappings, and both links carrying each prefix (ECMP in the engine).
    const oracle = plan.namespaces.find((n) => n.role === 'oracle-edge');
    const msee = plan.namespaces.find((n) => n.role === 'msee');
    assert.ok(oracle && msee);
    assert.deepEqual(oracle.addresses.filter((a) => a.dev !== 'drg'), [{ dev: 'pri', address: '10.99.0.1/30' }, { dev: 'sec', address: '10.99.0.5/30' }]);
    assert.deepEqual(msee.addresses.filter((a) => a.dev === 'pri' || a.dev === 'sec'), [{ dev: 'pri', address: '10.99.0.2/30' }, { dev: 'sec', address: '10.99.0.6/30' }]);
    assert.deepEqual(routeTo(oracle, '10.20.0.0/16')?.nexthops, [{ via: '10.99.0.2', dev: 'pri' }, { via: '10.99.0.6', dev: 'sec' }]);
    assert.deepEqual(routeTo(msee, '10.10.10.0/24')?.nexthops, [{ via: '10.99.0.1', dev: 'pri' }, { via: '10.99.0.5', dev: 'sec' }]);
    assert.deepEqual(plan.links.filter((l) => l.kind.startsWith('interconnect')).map((l) => [l.a.dev, l.b.dev]), [['pri', 'pri'], ['sec', 'sec']]);

    // The DRG: one table per DRG route table, selected by the attachment a packet enters by.
    const drg = byResource(plan, 'drg-oci');
    assert.equal(drg.rules.length, 2);
    const tables = new Set(drg.rules.map((r) => r.table));
    assert.equal(tables.size, 2, 'the VCN and the virtual circuit attachments use different DRG route tables');

    // The ExpressRoute gateway holds the GatewaySubnet's .4 and .5; the VNet router routes OCI to it.
    const ergw = plan.namespaces.find((n) => n.role === 'er-gateway');
    assert.deepEqual(ergw?.addresses.filter((a) => a.dev === 'vnet').map((a) => a.address), ['10.20.255.4/27', '10.20.255.5/27']);
    const vnet = byResource(plan, 'vnet-azure');
    const nicTable = vnet.rules.find((r) => r.iif === 'nic0')?.table;
    assert.deepEqual(routeTo(vnet, '10.10.10.0/24', nicTable)?.nexthops, [{ via: '10.20.255.4', dev: 'gw' }]);
    assert.equal(routeTo(vnet, '172.16.0.0/12', nicTable)?.type, 'blackhole', 'Azure\'s next hop None drops');
    assert.deepEqual(plan.notMaterialised, []);

    // Routers forward without the per-packet reverse lookup of the source (docs/dataplane.md, Throughput); VMs keep the kernel's default.
    for (const ns of plan.namespaces) {
      const router = ns.role !== 'vm';
      assert.equal(ns.sysctls['net.ipv4.ip_forward'], router ? '1' : '0', `${ns.label} forwards only if it is a router`);
      assert.equal(ns.sysctls['net.ipv4.conf.all.accept_local'], router ? '1' : undefined, `${ns.label}: accept_local`);
    }
  } finally {
    await engine.close();
  }
});

void test('a link-down drill on the primary leaves only the secondary in both edges\' routes', async () => {
  const { engine } = await labEngine(path.join(LABS, 'tutorial.yaml'));
  try {
    await startDrill(engine, { kind: 'link-down', path: 'primary' });
    const during = await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' }));
    const oracle = during.namespaces.find((n) => n.role === 'oracle-edge');
    const msee = during.namespaces.find((n) => n.role === 'msee');
    assert.deepEqual(oracle && routeTo(oracle, '10.20.0.0/16')?.nexthops, [{ via: '10.99.0.6', dev: 'sec' }]);
    assert.deepEqual(msee && routeTo(msee, '10.10.10.0/24')?.nexthops, [{ via: '10.99.0.5', dev: 'sec' }]);
    assert.equal(during.links.filter((l) => l.kind === 'interconnect-primary').length, 1, 'the link itself stays (a cut fibre behind a provider keeps carrier)');
    await stopDrill(engine);
    const after = await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' }));
    assert.equal(after.namespaces.find((n) => n.role === 'oracle-edge')?.routes.find((r) => r.prefix === '10.20.0.0/16')?.nexthops?.length, 2);
  } finally {
    await engine.close();
  }
});

void test('the plan is a handful of ip batches: namespaces, veth pairs, then one script per namespace', async () => {
  const { engine } = await labEngine(path.join(LABS, 'tutorial.yaml'));
  try {
    const plan = await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' }));
    assert.equal(namespacesBatch(plan).trim().split('\n').length, plan.namespaces.length);
    assert.match(linksBatch(plan), /^link add pri netns frab12-oedge-vc-azure type veth peer name pri netns frab12-msee-er-oci-azure$/m, 'each veth end is created inside its namespace');
    const oracle = plan.namespaces.find((n) => n.role === 'oracle-edge');
    assert.ok(oracle);
    const script = namespaceBatch(plan, oracle);
    assert.deepEqual(devicesOf(plan, oracle.name).sort(), ['drg', 'pri', 'sec']);
    assert.match(script, /^route add 10\.20\.0\.0\/16 nexthop via 10\.99\.0\.2 dev pri onlink nexthop via 10\.99\.0\.6 dev sec onlink$/m);
    assert.match(script, /^link set lo up$/m);
    const vcn = plan.namespaces.find((n) => n.role === 'vcn-router');
    assert.ok(vcn);
    assert.match(namespaceBatch(plan, vcn), /^route add throw 10\.10\.0\.0\/16 table 100$/m);
  } finally {
    await engine.close();
  }
});

void test('hub-and-spoke compiles, peerings included', async () => {
  const { engine } = await labEngine(path.join(LABS, 'hub-and-spoke.yaml'));
  try {
    const plan = await engine.read(() => compileDataplane(engine.routing, { runId: newRunId() }));
    assert.ok(plan.namespaces.filter((n) => n.role === 'vm').length >= 4);
    for (const l of plan.links) for (const end of [l.a, l.b]) assert.ok(end.dev.length <= IFNAME_MAX);
    const names = plan.links.flatMap((l) => [`${l.a.ns}/${l.a.dev}`, `${l.b.ns}/${l.b.dev}`]);
    assert.equal(new Set(names).size, names.length, 'no interface name repeats inside a namespace');
    assert.deepEqual(plan.notMaterialised, [], 'everything hub-and-spoke routes through is built (peerings, appliances, gateway)');
  } finally {
    await engine.close();
  }
});

void test('prerequisites: a user without root or the capabilities is told what and how, and errors carry the code', () => {
  assert.deepEqual(privilegeMisses(0, 0n), []);
  assert.deepEqual(privilegeMisses(1000, (1n << 12n) | (1n << 21n)), [], 'CAP_NET_ADMIN and CAP_SYS_ADMIN suffice');
  const [miss] = privilegeMisses(1000, 1n << 12n);
  assert.match(miss?.what ?? '', /CAP_NET_ADMIN and CAP_SYS_ADMIN/);
  assert.equal(findTool('fastroute-no-such-tool', '/nonexistent'), undefined);
  const err = prerequisitesError([{ what: 'the nft command', fix: 'apt-get install nftables' }]);
  assert.equal(err.status, 409);
  assert.equal(err.code, 'DataplanePrerequisitesMissing');
  assert.match(err.message, /missing: the nft command; to get it: apt-get install nftables/);
});

void test('every sample and broken lab compiles to a plan the kernel accepts by name', async () => {
  const { readdirSync } = await import('node:fs');
  const files = [...readdirSync(LABS).filter((f) => f.endsWith('.yaml')), ...readdirSync(path.join(LABS, 'broken')).filter((f) => f.endsWith('.yaml')).map((f) => `broken/${f}`)];
  assert.ok(files.length > 30);
  for (const file of files) {
    const { engine } = await labEngine(path.join(LABS, file));
    try {
      const plan = await engine.read(() => compileDataplane(engine.routing, { runId: 'zz99' }));
      const ends = plan.links.flatMap((l) => [l.a, l.b]);
      for (const end of ends) assert.match(end.dev, /^[a-z0-9-]{1,15}$/, `${file}: ${end.dev}`);
      assert.equal(new Set(ends.map((e) => `${e.ns}/${e.dev}`)).size, ends.length, `${file}: an interface name repeats in a namespace`);
      assert.equal(new Set(plan.namespaces.map((n) => n.name)).size, plan.namespaces.length, `${file}: namespace names repeat`);
      const names = new Set(plan.namespaces.map((n) => n.name));
      for (const end of ends) assert.ok(names.has(end.ns), `${file}: a link ends in a namespace the plan lacks`);
      for (const ns of plan.namespaces) {
        const devices = new Set(devicesOf(plan, ns.name));
        for (const r of ns.routes) for (const dev of [r.dev, ...(r.nexthops ?? []).map((h) => h.dev)]) if (dev !== undefined) assert.ok(devices.has(dev), `${file}: ${ns.name} routes by ${dev}, which it lacks`);
        for (const rule of ns.rules) assert.ok(devices.has(rule.iif), `${file}: ${ns.name} has a rule for ${rule.iif}, which it lacks`);
      }
    } finally {
      await engine.close();
    }
  }
});
