// FastPath in the data plane, without root: on a connection with FastPath, packets from the circuit
// for the gateway VNet's own space skip the GatewaySubnet's UDR (to fw-azure) and go straight to the
// VM, as the engine's trace takes them; without FastPath the VNet router has no such table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { labEngine } from '../helpers/lab.ts';
import { compileDataplane } from '../../src/dataplane/compile.ts';
import type { DataplanePlan, PlanNamespace } from '../../src/dataplane/plan.ts';

const LAB = path.join(import.meta.dirname, '../../labs/broken/fastpath-bypasses-firewall.yaml');
const vnetRouter = (plan: DataplanePlan): PlanNamespace => plan.namespaces.find((n) => n.role === 'vnet-router') ?? assert.fail('the VNet router');

void test('FastPath: packets from the gateway look up the VMs\' host routes before the GatewaySubnet\'s UDR', async () => {
  const { engine } = await labEngine(LAB);
  try {
    const vnet = vnetRouter(await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' })));
    const fromGateway = vnet.rules.filter((r) => r.iif === 'gw');
    assert.equal(fromGateway.length, 2, 'the FastPath table, then the GatewaySubnet\'s');
    const [fast, gatewaySubnet] = fromGateway as [PlanNamespace['rules'][number], PlanNamespace['rules'][number]];
    assert.ok(fast.priority < gatewaySubnet.priority, 'FastPath first');
    const table = vnet.routes.filter((r) => r.table === fast.table).map((r) => `${r.prefix} ${r.type} ${r.dev ?? ''}`).sort();
    assert.ok(table.some((r) => r.startsWith('10.20.10.10/32 dev nic')), `vm-azure straight by its NIC: ${table.join('; ')}`);
    assert.ok(table.every((r) => r.includes('/32 dev ')), 'host routes only: what is not a VM of the VNet falls through to the GatewaySubnet\'s table');
    // The GatewaySubnet's table still sends the workload subnet to the firewall (for traffic that is not FastPath's).
    assert.ok(vnet.routes.some((r) => r.table === gatewaySubnet.table && r.prefix === '10.20.10.0/24' && r.nexthops?.[0]?.via === '10.20.20.4'));
  } finally {
    await engine.close();
  }
});

void test('without FastPath, packets from the gateway follow the GatewaySubnet\'s routes only', async () => {
  const { engine } = await labEngine(LAB, (t) => t.replace(/fastPath: true/, 'fastPath: false'));
  try {
    const vnet = vnetRouter(await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' })));
    assert.equal(vnet.rules.filter((r) => r.iif === 'gw').length, 1);
  } finally {
    await engine.close();
  }
});
