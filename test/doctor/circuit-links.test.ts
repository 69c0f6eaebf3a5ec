// The circuit-link rules: each SKU's reach as Microsoft's tables give it (for the interconnect's
// peering locations), and the two link limits a lab file cannot declare (one connection per
// interconnect there), reached through what FastRoute's ARM lets through: a gateway resized below its
// connections, a Premium circuit with more than 10 links downgraded to Standard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runDoctor } from '../../src/doctor/doctor.ts';
import { circuitReaches, geopoliticalRegionOf } from '../../src/model/interconnect/expressroute-reach.ts';
import { ALL_PEERING_LOCATIONS } from '../../src/model/interconnect/region-pairs.ts';
import { putVirtualNetwork } from '../../src/lifecycle/azure/vnet.ts';
import { putVirtualNetworkGateway } from '../../src/lifecycle/azure/gateway.ts';
import { putConnection } from '../../src/lifecycle/azure/connection.ts';
import { putExpressRouteCircuit } from '../../src/lifecycle/azure/circuit.ts';
import { azureLabScope } from '../../src/lab/apply-azure.ts';
import { BROKEN, byCode, LABS, loud, readLab, upText } from './helpers.ts';

void test('reach: Premium everywhere, Standard its geopolitical region, Local its local regions', () => {
  for (const location of ALL_PEERING_LOCATIONS) {
    for (const region of ['eastus', 'westeurope', 'japaneast', 'australiaeast', 'brazilsouth']) {
      assert.deepEqual(circuitReaches('Premium', location, region), { reaches: true }, `${location} Premium → ${region}`);
    }
  }
  assert.deepEqual(circuitReaches('Standard', 'Washington DC', 'westus3'), { reaches: true });
  assert.deepEqual(circuitReaches('Standard', 'Washington DC', 'West Europe'), { reaches: false, why: 'geopolitical', locationGeo: 'North America', regionGeo: 'Europe' });
  assert.deepEqual(circuitReaches('Standard', 'London', 'germanywestcentral'), { reaches: true });
  assert.deepEqual(circuitReaches('Standard', 'Tokyo', 'koreacentral'), { reaches: false, why: 'geopolitical', locationGeo: 'Japan', regionGeo: 'South Korea' });
  assert.deepEqual(circuitReaches('Standard', 'Singapore', 'eastasia'), { reaches: true });
  assert.deepEqual(circuitReaches('Standard', 'Campinas', 'brazilsoutheast'), { reaches: true }, 'a Local region missing from the geo table still counts');
  assert.deepEqual(circuitReaches('Standard', 'Frankfurt', 'somefutureregion'), { reaches: true }, 'a region in no table is not refused');
  assert.deepEqual(circuitReaches('Local', 'Washington DC2', 'eastus2'), { reaches: true });
  assert.deepEqual(circuitReaches('Local', 'Washington DC', 'centralus'), { reaches: false, why: 'local', localRegions: ['eastus', 'eastus2'] });
  assert.deepEqual(circuitReaches('Local', 'Amsterdam2', 'northeurope'), { reaches: false, why: 'local', localRegions: ['westeurope'] });
  // Every peering location of the interconnect is in the table, with a local region in its own geo.
  for (const location of ALL_PEERING_LOCATIONS) {
    const local = circuitReaches('Local', location, 'nowhere');
    assert.ok(!local.reaches && local.why === 'local', location);
    for (const r of local.localRegions) assert.deepEqual(circuitReaches('Standard', location, r), { reaches: true }, `${location}: ${r} is in its geo`);
    assert.ok(local.localRegions.every((r) => geopoliticalRegionOf(r) !== undefined), location);
  }
});

void test('the same world with a Premium circuit: no VNET_OUTSIDE_CIRCUIT_REACH', async () => {
  const text = readLab(path.join(BROKEN, 'standard-circuit-other-geo.yaml')).replace('skuTier: Standard', 'skuTier: Premium');
  const { engine, lab } = await upText(text);
  assert.deepEqual(loud(runDoctor(engine.routing, lab)), []);
});

void test('a HighPerformance gateway with 5 connections resized to Standard (ARM allows it): GATEWAY_CIRCUIT_CONNECTIONS_EXCEEDED', async () => {
  // Three circuits at Washington DC and two at Washington DC2: within 4 per location and the 8 of HighPerformance.
  let text = readLab(path.join(BROKEN, 'five-circuits-same-location.yaml')).replace('sku: ErGw3AZ }', 'sku: HighPerformance }');
  for (const i of [4, 5]) text = text.replace(`name: er-${i}, peeringLocation: Washington DC,`, `name: er-${i}, peeringLocation: Washington DC2,`);
  const { engine, lab } = await upText(text);
  assert.deepEqual(loud(runDoctor(engine.routing, lab)), []);

  await engine.mutate('test:resize', (tx) => {
    const gw = tx.list('azure.VirtualNetworkGateway').find((g) => g.name === 'ergw');
    assert.ok(gw);
    putVirtualNetworkGateway(tx, azureLabScope(lab), lab.azure.resourceGroup, 'ergw', {
      location: gw.location, properties: { gatewayType: 'ExpressRoute', sku: { name: 'Standard' }, ipConfigurations: [{ name: 'default', properties: { subnet: { id: gw.properties.ipConfigurations[0]?.properties.subnet.id ?? '' } } }] },
    });
  });
  const report = runDoctor(engine.routing, lab);
  assert.deepEqual(loud(report), ['GATEWAY_CIRCUIT_CONNECTIONS_EXCEEDED']);
  const [f] = byCode(report, 'GATEWAY_CIRCUIT_CONNECTIONS_EXCEEDED');
  assert.match(f?.message ?? '', /Gateway ergw \(Standard\) has 5 circuit connections \(conn-1, .* and conn-5\); the SKU supports 4/);
  assert.match(f?.fix ?? '', /HighPerformance\/ErGw2AZ 8.*delete 1 connection\.$/);
  assert.equal(f?.resources.length, 6, 'the gateway and its five connections');
});

void test('a Premium circuit with 11 VNet links downgraded to Standard (ARM allows it): CIRCUIT_VNET_LINKS_EXCEEDED', async () => {
  const { engine, lab } = await upText(readLab(path.join(LABS, 'tutorial.yaml')).replace('skuTier: Standard', 'skuTier: Premium'));
  const az = azureLabScope(lab);
  const rg = lab.azure.resourceGroup;
  const extra = Array.from({ length: 10 }, (_, i) => `vnet-${i + 1}`);
  await engine.mutate('test:vnets', (tx) => {
    extra.forEach((name, i) => {
      const vnet = putVirtualNetwork(tx, az, rg, name, {
        location: 'eastus', properties: { addressSpace: { addressPrefixes: [`10.${40 + i}.0.0/16`] }, subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: `10.${40 + i}.255.0/27` } }] },
      });
      putVirtualNetworkGateway(tx, az, rg, `gw-${name}`, {
        location: 'eastus', properties: { gatewayType: 'ExpressRoute', sku: { name: 'Standard' }, ipConfigurations: [{ name: 'default', properties: { subnet: { id: `${vnet.id}/subnets/GatewaySubnet` } } }] },
      });
    });
  });
  await engine.mutate('test:links', (tx) => {
    const circuit = tx.list('azure.ExpressRouteCircuit')[0];
    assert.ok(circuit);
    for (const name of extra) {
      const gw = tx.list('azure.VirtualNetworkGateway').find((g) => g.name === `gw-${name}`);
      putConnection(tx, az, rg, `conn-${name}`, { location: 'eastus', properties: { connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: gw?.id ?? '' }, peer: { id: circuit.id } } });
    }
  });
  assert.ok(!loud(runDoctor(engine.routing)).includes('CIRCUIT_VNET_LINKS_EXCEEDED'), '11 links on a 1 Gbps Premium circuit (50 allowed)');

  await engine.mutate('test:downgrade', (tx) => {
    const circuit = tx.list('azure.ExpressRouteCircuit')[0];
    assert.ok(circuit);
    putExpressRouteCircuit(tx, az, rg, circuit.name, { location: circuit.location, sku: { tier: 'Standard', family: 'MeteredData' }, properties: { serviceProviderProperties: circuit.properties.serviceProviderProperties } });
  });
  const report = runDoctor(engine.routing);
  const found = byCode(report, 'CIRCUIT_VNET_LINKS_EXCEEDED');
  assert.equal(found.length, 1);
  assert.match(found[0]?.message ?? '', /Circuit er-oci-azure \(Standard, 1000 Mbps\) has 11 VNet links; it allows 10/);
  assert.match(found[0]?.fix ?? '', /Upgrade circuit er-oci-azure to Premium \(50 links at 1000 Mbps\), delete 1 connection/);
  assert.equal(found[0]?.resources.length, 12, 'the circuit and its eleven connections');
});
