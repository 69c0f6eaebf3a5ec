// labs/onprem.yaml compiled to a data plane (pure, no root): the site is a FastRoute namespace linked to
// its circuit's Microsoft edge by its two /30s, every address of its prefixes is its own, and the
// routes follow the engine: the VNet side reaches the site through the gateway and the MSEE, the site
// reaches the VNet, and Oracle's edge has no route to the site nor the site to OCI (no transit).
// With BGP on the wire, the routes across the site links are left to the daemons (GoBGP's own excepted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { labEngine } from '../helpers/lab.ts';
import { compileDataplane } from '../../src/dataplane/compile.ts';
import { namespaceBatch } from '../../src/dataplane/batch.ts';
import type { DataplanePlan, PlanNamespace } from '../../src/dataplane/plan.ts';

const LAB = path.join(import.meta.dirname, '../../labs/onprem.yaml');
const SITE = ['172.16.0.0/16', '10.50.0.0/16'];

const role = (plan: DataplanePlan, r: PlanNamespace['role']): PlanNamespace => plan.namespaces.find((n) => n.role === r) ?? assert.fail(`no ${r}`);
const mainRoute = (ns: PlanNamespace, prefix: string) => ns.routes.find((r) => r.prefix === prefix && r.table === undefined);

void test('labs/onprem.yaml: the site is a namespace on its circuit\'s MSEE, reached from the VNet and never from OCI', async () => {
  const { engine } = await labEngine(LAB);
  try {
    const plan = await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' }));
    const site = role(plan, 'on-premises');
    assert.equal(site.name, 'frab12-onprem-dc1');
    assert.equal(site.resourceName, 'dc1');
    const msee = role(plan, 'msee');
    assert.deepEqual(site.addresses, [{ dev: 'pri', address: '192.168.100.1/30' }, { dev: 'sec', address: '192.168.100.5/30' }], 'the site\'s router holds the 1st usable address of each /30');
    assert.deepEqual(msee.addresses.filter((a) => a.dev.startsWith('dc1-')), [{ dev: 'dc1-pri', address: '192.168.100.2/30' }, { dev: 'dc1-sec', address: '192.168.100.6/30' }]);
    assert.deepEqual(plan.links.filter((l) => l.kind === 'on-premises').map((l) => `${l.a.dev}-${l.b.dev}`), ['pri-dc1-pri', 'sec-dc1-sec']);
    // Every address of the site's prefixes answers there: a local route in table local (binding needs it there).
    assert.deepEqual(site.routes.filter((r) => r.type === 'local').map((r) => [r.prefix, r.table]), SITE.map((p) => [p, 255]));
    assert.match(namespaceBatch(plan, site), /route add local 172\.16\.0\.0\/16 dev lo table 255/);

    // Both sessions up: multipath both ways, as the engine hashes flows over both.
    for (const p of SITE) assert.deepEqual(mainRoute(msee, p)?.nexthops, [{ via: '192.168.100.1', dev: 'dc1-pri' }, { via: '192.168.100.5', dev: 'dc1-sec' }]);
    assert.deepEqual(mainRoute(site, '10.20.0.0/16')?.nexthops, [{ via: '192.168.100.2', dev: 'pri' }, { via: '192.168.100.6', dev: 'sec' }]);
    const gw = role(plan, 'er-gateway');
    for (const p of SITE) assert.equal(mainRoute(gw, p)?.nexthops?.[0]?.dev, 'ms0', `the gateway sends ${p} to the MSEE`);
    // No transit: the site learns nothing of OCI, Oracle's edge nothing of the site.
    assert.equal(mainRoute(site, '10.10.10.0/24'), undefined);
    assert.deepEqual(site.routes.filter((r) => r.type === 'via').map((r) => r.prefix), ['10.20.0.0/16']);
    const oedge = role(plan, 'oracle-edge');
    for (const p of SITE) assert.equal(oedge.routes.find((r) => r.prefix === p), undefined, `Oracle's edge has no route to ${p}`);
    assert.deepEqual(plan.notMaterialised.filter((n) => n.resourceId.startsWith('onprem/')), []);
  } finally {
    await engine.close();
  }
});

void test('with BGP on the wire, the MSEE\'s and an FRR site\'s routes across the site links are the daemons\'; a GoBGP site keeps its own static', async () => {
  for (const router of ['frr', 'gobgp'] as const) {
    const { engine } = await labEngine(LAB, router === 'frr' ? undefined : (t) => t.replace('router: frr ', `router: ${router} `));
    try {
      const plan = await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12', bgp: true }));
      const site = role(plan, 'on-premises');
      const msee = role(plan, 'msee');
      for (const p of SITE) assert.equal(mainRoute(msee, p), undefined, `${router}: the MSEE learns ${p} by BGP`);
      assert.equal(mainRoute(site, '10.20.0.0/16') !== undefined, router === 'gobgp', `${router}: the site's route to the VNet`);
      for (const p of SITE) assert.ok(mainRoute(role(plan, 'er-gateway'), p), 'the gateway (no daemon) keeps its static route');
    } finally {
      await engine.close();
    }
  }
});
