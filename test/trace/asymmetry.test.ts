// A stateful firewall that sees one direction of a flow only (trace/asymmetry.ts): per protocol and
// side, the verdict a real firewall (and the data plane's conntrack) gives. First the rule itself,
// then traced for real on the asymmetric-firewall lab, where fw-oci sees only the request of flows
// vm-app starts and only the reply of flows Azure starts; the matrix and the doctor follow the trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asymmetricDrop, asymmetryOf } from '../../src/trace/asymmetry.ts';
import { trace } from '../../src/trace/trace.ts';
import { walkSubnetPair } from '../../src/trace/matrix.ts';
import { flowRules } from '../../src/doctor/rules/flows.ts';
import type { TraceRequest } from '../../src/trace/types.ts';
import { labEngine } from '../helpers/lab.ts';
import { asymmetricProtocols } from '../helpers/asymmetric-firewall.ts';

const LAB = 'labs/broken/asymmetric-firewall.yaml';

void test('the rule: request side only, ICMP and UDP survive and TCP does not; reply side only, only UDP survives', () => {
  const requestOnly = { requestOnly: ['fw'], replyOnly: [] };
  const replyOnly = { requestOnly: [], replyOnly: ['fw'] };
  assert.equal(asymmetricDrop('icmp', requestOnly), undefined);
  assert.equal(asymmetricDrop('udp', requestOnly), undefined);
  assert.deepEqual(asymmetricDrop('tcp', requestOnly), { appliance: 'fw', side: 'request' });
  assert.deepEqual(asymmetricDrop('icmp', replyOnly), { appliance: 'fw', side: 'reply' });
  assert.deepEqual(asymmetricDrop('tcp', replyOnly), { appliance: 'fw', side: 'reply' });
  assert.equal(asymmetricDrop('udp', replyOnly), undefined);
  // Two firewalls, one per direction: a ping dies at the one that sees only the reply.
  assert.deepEqual(asymmetricDrop('icmp', { requestOnly: ['a'], replyOnly: ['b'] }), { appliance: 'b', side: 'reply' });
  assert.equal(asymmetryOf(['a', 'b'], ['b', 'a']), undefined, 'the same firewalls both ways, in any order, are symmetric');
  assert.equal(asymmetryOf([], []), undefined);
  assert.deepEqual(asymmetryOf(['a'], ['b']), { requestOnly: ['a'], replyOnly: ['b'] });
});

const CASES: { req: TraceRequest; side: 'request' | 'reply'; verdict: 'delivered' | 'dropped' }[] = [
  { req: { from: 'vm-app', to: 'vm-azure-app', protocol: 'icmp' }, side: 'request', verdict: 'delivered' },
  { req: { from: 'vm-app', to: 'vm-azure-app', protocol: 'udp', port: 5000 }, side: 'request', verdict: 'delivered' },
  { req: { from: 'vm-app', to: 'vm-azure-app', protocol: 'tcp', port: 443 }, side: 'request', verdict: 'dropped' },
  { req: { from: 'vm-azure-app', to: 'vm-app', protocol: 'icmp' }, side: 'reply', verdict: 'dropped' },
  { req: { from: 'vm-azure-app', to: 'vm-app', protocol: 'tcp', port: 1521 }, side: 'reply', verdict: 'dropped' },
  { req: { from: 'vm-azure-app', to: 'vm-app', protocol: 'udp', port: 5000 }, side: 'reply', verdict: 'delivered' },
];

void test('traced on the asymmetric firewall: each protocol and side gets the real verdict, and the reply path names fw-oci and why', async () => {
  const { engine } = await labEngine(LAB, asymmetricProtocols);
  const fw = engine.world.list('oci.Vnic').find((v) => v.privateIp === '10.10.1.10')?.id ?? '';
  assert.notEqual(fw, '');
  await engine.read(() => {
    for (const { req, side, verdict } of CASES) {
      const what = `${req.protocol} ${req.from} → ${req.to}`;
      const t = trace(engine.routing, req);
      assert.equal(t.verdict, verdict, what);
      assert.equal(t.reason, verdict === 'delivered' ? 'DELIVERED' : 'ASYMMETRIC_RETURN', what);
      assert.deepEqual(t.asymmetry, side === 'request' ? { requestOnly: [fw], replyOnly: [] } : { requestOnly: [], replyOnly: [fw] }, what);
      const hop = t.returnPath?.hops.at(-1);
      assert.equal(hop?.kind, 'appliance', what);
      assert.equal(hop?.resource, fw, what);
      assert.equal(hop?.name, 'fw-oci', what);
      assert.equal(hop?.reason, 'ASYMMETRIC_RETURN', what);
      assert.equal(hop?.decision, verdict === 'delivered' ? 'allow' : 'drop', what);
      assert.match(hop?.detail ?? '', side === 'request' ? /the request crosses this stateful firewall but the reply bypasses it/ : /the reply crosses this stateful firewall, which never saw the request/, what);
      // A flow that survives still says the routing is asymmetric and what breaks on the same path.
      if (verdict === 'delivered') assert.match(hop?.detail ?? '', /TCP connection on the same path fails.*Routing is still asymmetric/, what);
      if (req.protocol === 'tcp' && side === 'request') assert.match(hop?.detail ?? '', /sees the SYN, never the SYN-ACK, so it drops the client's ACK/);
    }
  });
  await engine.close();
});

void test('the reachability matrix gives the trace\'s verdict: ping from the app spoke delivered, TCP the same way dropped', async () => {
  const { engine } = await labEngine(LAB);
  const subnet = (name: string) => engine.world.list('oci.Subnet').find((s) => s.displayName === name)?.id ?? '';
  const azure = engine.world.list('azure.Subnet').find((s) => s.id.toLowerCase().includes('/virtualnetworks/vnet-app/'))?.id ?? '';
  await engine.read(() => {
    const app = { cloud: 'oci' as const, subnetId: subnet('subnet-app') };
    const azureApp = { cloud: 'azure' as const, subnetId: azure };
    assert.equal(walkSubnetPair(engine.routing, app, azureApp, 'icmp', undefined, false), 'DELIVERED');
    assert.equal(walkSubnetPair(engine.routing, app, azureApp, 'tcp', 443, false), 'ASYMMETRIC_RETURN');
    assert.equal(walkSubnetPair(engine.routing, azureApp, app, 'icmp', undefined, false), 'ASYMMETRIC_RETURN');
  });
  await engine.close();
});

void test('the doctor still reports the asymmetry when the only flow traced survives it (a ping fw-oci sees the request of)', async () => {
  const onlyPing = (text: string): string => text.replace(/\nexpectations:\n[\s\S]*$/, '\nexpectations:\n  - { name: ping-from-oci, from: vm-app, to: vm-azure-app, protocol: icmp, expect: delivered }\n');
  const { engine, lab } = await labEngine(LAB, onlyPing);
  const findings = await engine.read(() => flowRules(engine.routing, lab));
  const asym = findings.filter((f) => f.code === 'ASYMMETRIC_ROUTING');
  assert.equal(asym.length, 1);
  assert.match(asym[0]?.message ?? '', /fw-oci \(10\.10\.1\.10\) never sees the reply, so this ping still works .* but a TCP connection on the same path fails/);
  await engine.close();
});
