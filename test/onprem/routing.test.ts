// Routing with an on-premises site on the interconnect's circuit (labs/onprem.yaml): Microsoft's edge
// learns the site's prefixes with the site's ASN, the connected gateway and the NICs behind it learn
// them with 12076 prepended, and OCI never does (no transit), nor does the site learn OCI's. A site on
// a second circuit reaches only the VNets behind that circuit; a disabled private peering or too many
// prefixes takes the site's sessions down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { circuitRouteTable, circuitRouteTableSummary, nicEffectiveRoutes, virtualNetworkTagPrefixes } from '../../src/routing/diagnostics/index.ts';
import { putPeering } from '../../src/lifecycle/azure/circuit.ts';
import { labEngine } from '../helpers/lab.ts';
import { AZ } from '../helpers/interconnect.ts';
import type { Engine } from '../../src/engine/engine.ts';

const SITE_PREFIXES = ['10.50.0.0/16', '172.16.0.0/16'];

function one<K extends 'azure.ExpressRouteCircuit' | 'azure.VirtualNetworkGateway' | 'fr.OnPremisesSite'>(engine: Engine, kind: K, name?: string) {
  const found = engine.world.list(kind).find((e) => name === undefined || e.name === name);
  assert.ok(found, `${kind} ${name ?? ''}`);
  return found;
}

const nicOf = (engine: Engine, vm: string) => {
  const nic = engine.world.list('azure.NetworkInterface').find((n) => n.properties.virtualMachine?.id.endsWith(`/${vm}`));
  assert.ok(nic, `NIC of ${vm}`);
  return nic;
};

void test('the gateway learns the site\'s prefixes with AS path 12076-65010 over both links, beside OCI\'s 12076-31898', async () => {
  const { engine } = await labEngine('labs/onprem.yaml');
  try {
    const gw = one(engine, 'azure.VirtualNetworkGateway', 'ergw');
    const learned = engine.routing.gatewayLearned(gw.id).routes;
    assert.deepEqual(learned.map((x) => [x.prefix, x.asPath.join('-')]), [['10.10.10.0/24', '12076-31898'], ['10.50.0.0/16', '12076-65010'], ['172.16.0.0/16', '12076-65010']]);
    const site = learned.find((x) => x.prefix === '172.16.0.0/16');
    assert.equal(site?.nextHop, '10.20.255.4,10.20.255.5', 'the gateway\'s own instances on both links');
    assert.equal(site?.reason, 'ecmp');
  } finally {
    await engine.close();
  }
});

void test('the VNet\'s NIC has effective routes to the site through the gateway; the VirtualNetwork tag covers the site', async () => {
  const { engine } = await labEngine('labs/onprem.yaml');
  try {
    const routes = nicEffectiveRoutes(engine.routing, nicOf(engine, 'vm-azure').id).value;
    for (const prefix of SITE_PREFIXES) {
      const route = routes.find((x) => x.addressPrefix.includes(prefix));
      assert.ok(route, `${prefix} in the NIC's effective routes`);
      assert.equal(route.source, 'VirtualNetworkGateway');
      assert.equal(route.nextHopType, 'VirtualNetworkGateway');
      assert.equal(route.state, 'Active');
    }
    const vnet = engine.world.list('azure.VirtualNetwork').find((v) => v.name === 'vnet-azure');
    assert.ok(vnet);
    const tag = virtualNetworkTagPrefixes(engine.routing, vnet.id);
    for (const prefix of SITE_PREFIXES) assert.ok(tag.includes(prefix), `VirtualNetwork covers ${prefix}: ${tag.join(', ')}`);
  } finally {
    await engine.close();
  }
});

void test('the circuit\'s route table shows the site\'s prefixes with path 65010 per device path, and its summary the site\'s router', async () => {
  const { engine } = await labEngine('labs/onprem.yaml');
  try {
    const circuit = one(engine, 'azure.ExpressRouteCircuit');
    const rows = (path: 'Primary' | 'Secondary') => circuitRouteTable(engine.routing, circuit.id, path).value.filter((x) => x.path === '65010').map((x) => [x.network, x.nextHop]);
    assert.deepEqual(rows('Primary'), [['10.50.0.0/16', '192.168.100.1'], ['172.16.0.0/16', '192.168.100.1']]);
    assert.deepEqual(rows('Secondary'), [['10.50.0.0/16', '192.168.100.5'], ['172.16.0.0/16', '192.168.100.5']]);
    const summary = circuitRouteTableSummary(engine.routing, circuit.id, 'Primary').value;
    assert.deepEqual(summary.map((x) => [x.neighbor, x.as, x.statePfxRcd]), [['10.99.0.1', 31898, '1'], ['192.168.100.1', 65010, '2']]);
  } finally {
    await engine.close();
  }
});

void test('no transit: OCI never learns the site\'s prefixes, and the site learns the VNet but not OCI', async () => {
  const { engine } = await labEngine('labs/onprem.yaml');
  try {
    const vc = engine.world.list('oci.VirtualCircuit')[0];
    assert.ok(vc);
    const ic = engine.routing.interconnect(vc.id);
    assert.deepEqual([...ic.bestToOci.keys()], ['10.20.0.0/16'], 'Microsoft\'s edge gives Oracle\'s edge the VNet only');
    for (const t of engine.world.list('oci.DrgRouteTable')) {
      const destinations = engine.routing.drgTable(t.id)?.rules.map((x) => x.destination) ?? [];
      for (const p of SITE_PREFIXES) assert.ok(!destinations.includes(p), `${p} is not in DRG route table ${t.displayName}`);
    }
    const site = one(engine, 'fr.OnPremisesSite');
    const sr = engine.routing.onPremises(site.id);
    assert.equal(sr?.down, undefined);
    assert.deepEqual(sr?.toSite, ['10.20.0.0/16']);
    assert.deepEqual(sr?.sessions.map((x) => [x.path, x.siteIp, x.microsoftIp, x.up]), [['primary', '192.168.100.1', '192.168.100.2', true], ['secondary', '192.168.100.5', '192.168.100.6', true]]);
  } finally {
    await engine.close();
  }
});

void test('a disabled private peering takes the site down: the gateway and the circuit table forget its prefixes', async () => {
  const { engine } = await labEngine('labs/onprem.yaml');
  try {
    await engine.mutate('test:peering-off', (tx) => { putPeering(tx, AZ, 'rg-fastroute', 'er-oci-azure', 'AzurePrivatePeering', { properties: { state: 'Disabled' } }); });
    const site = one(engine, 'fr.OnPremisesSite');
    assert.match(engine.routing.onPremises(site.id)?.down ?? '', /private peering .* Disabled/);
    const gw = one(engine, 'azure.VirtualNetworkGateway', 'ergw');
    assert.deepEqual(engine.routing.gatewayLearned(gw.id).routes.filter((x) => x.asPath.includes(65010)), []);
  } finally {
    await engine.close();
  }
});

void test('more prefixes than the Standard private peering accepts (4,000) take the site\'s sessions down, with the reason', async () => {
  const many = Array.from({ length: 4001 }, (_, i) => `100.${64 + Math.floor(i / 256)}.${i % 256}.0/24`).join(', ');
  const { engine } = await labEngine('labs/onprem.yaml', (t) => t.replace('prefixes: [172.16.0.0/16, 10.50.0.0/16]', `prefixes: [${many}]`));
  try {
    const sr = engine.routing.onPremises(one(engine, 'fr.OnPremisesSite').id);
    assert.match(sr?.down ?? '', /prefix limit exceeded: the site announces 4001 prefixes to the Standard private peering \(limit 4000\)/);
    assert.ok(sr?.sessions.every((x) => !x.up && x.fromSite.length === 0));
  } finally {
    await engine.close();
  }
});

void test('a site on a second circuit reaches only the VNet behind that circuit', async () => {
  const site = [
    'onPremises:',
    '  - { name: branch, asn: 4200000001, prefixes: [192.168.50.0/24], router: bird, circuit: er-oci-azure-2 }',
    '',
    'expectations:',
  ].join('\n');
  const { engine } = await labEngine('labs/broken/transit-between-circuits.yaml', (t) => t.replace('\nexpectations:', `\n${site}`));
  try {
    const learnsSite = (gw: string) => engine.routing.gatewayLearned(one(engine, 'azure.VirtualNetworkGateway', gw).id).routes.some((x) => x.prefix === '192.168.50.0/24' && x.asPath.join('-') === '12076-4200000001');
    assert.equal(learnsSite('ergw-2'), true, 'the gateway on the site\'s circuit');
    assert.equal(learnsSite('ergw'), false, 'the gateway on the other circuit: no Global Reach');
    const circuit1 = one(engine, 'azure.ExpressRouteCircuit', 'er-oci-azure');
    assert.deepEqual(circuitRouteTable(engine.routing, circuit1.id, 'Primary').value.filter((x) => x.network === '192.168.50.0/24'), []);
    const sr = engine.routing.onPremises(one(engine, 'fr.OnPremisesSite').id);
    assert.deepEqual(sr?.sessions.map((x) => x.siteIp), ['169.254.240.1', '169.254.240.5'], 'the default link-local /30s');
  } finally {
    await engine.close();
  }
});
