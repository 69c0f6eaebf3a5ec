// The subnet reachability matrix: grouping interchangeable subnets must give exactly the cells that
// walking every pair gives, on the sample labs and on broken labs that exercise every kind of drop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reachabilityMatrix, type MatrixSubnet } from '../../src/trace/matrix.ts';
import { labEngine } from '../helpers/lab.ts';
import type { Engine } from '../../src/engine/engine.ts';

function subnets(engine: Engine): MatrixSubnet[] {
  return [
    ...engine.world.list('oci.Subnet').filter((s) => s.lifecycleState === 'AVAILABLE').map((s) => ({ cloud: 'oci' as const, subnetId: s.id })),
    ...engine.world.list('azure.Subnet').filter((s) => s.name !== 'GatewaySubnet').map((s) => ({ cloud: 'azure' as const, subnetId: s.id })),
  ];
}

const LABS = [
  'labs/tutorial.yaml', 'labs/hub-and-spoke.yaml', 'labs/broken/asymmetric-firewall.yaml', 'labs/broken/udr-to-er-gateway.yaml',
  'labs/broken/missing-route-rule.yaml', 'labs/broken/nsg-blocks-ssh.yaml', 'labs/broken/security-list-missing-azure.yaml',
  'labs/broken/bgp-propagation-disabled.yaml', 'labs/broken/export-removed.yaml', 'labs/broken/transit-between-circuits.yaml',
];

void test('grouped matrix cells equal the exact per-pair walk, for tcp/22 and icmp', async () => {
  for (const file of LABS) {
    const { engine } = await labEngine(file);
    const all = subnets(engine);
    for (const [protocol, port] of [['tcp', 22], ['icmp', undefined]] as const) {
      const exact = await engine.read(() => reachabilityMatrix(engine.routing, all, all, protocol, port, true));
      const grouped = await engine.read(() => reachabilityMatrix(engine.routing, all, all, protocol, port));
      assert.deepEqual([...grouped.cells], [...exact.cells], `${file} ${protocol}`);
      assert.ok(grouped.walks <= exact.walks);
    }
    await engine.close();
  }
});

void test('tutorial matrix: the two workload subnets reach each other across the interconnect', async () => {
  const { engine } = await labEngine('labs/tutorial.yaml');
  const oci = engine.world.list('oci.Subnet').map((s) => ({ cloud: 'oci' as const, subnetId: s.id }));
  const azure = engine.world.list('azure.Subnet').filter((s) => s.name === 'subnet-workload').map((s) => ({ cloud: 'azure' as const, subnetId: s.id }));
  const m = await engine.read(() => reachabilityMatrix(engine.routing, oci, azure, 'tcp', 22));
  assert.deepEqual([...m.cells].map((c) => m.reasons[c]), ['DELIVERED']);
  const back = await engine.read(() => reachabilityMatrix(engine.routing, azure, oci, 'tcp', 3389));
  assert.deepEqual([...back.cells].map((c) => back.reasons[c]), ['SECURITY_LIST_DENY'], 'the OCI security list admits only 22 and 1521 from Azure');
  await engine.close();
});
