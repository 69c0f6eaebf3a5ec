// Traces to and from an on-premises site (labs/onprem.yaml): a VNet VM reaches the site through the
// gateway, Microsoft's edge and the site's router (delivered there, the reply walked back), the site
// reaches the VNet, and OCI ⇄ site is dropped with TRANSIT_NOT_SUPPORTED at the hop that decides,
// whatever route rule OCI is given (a static DRG route to the virtual circuit is refused by OCI). An NSG still judges the site's traffic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trace } from '../../src/trace/trace.ts';
import type { TraceResult } from '../../src/trace/types.ts';
import { labEngine } from '../helpers/lab.ts';

const kinds = (t: TraceResult) => t.hops.map((h) => h.kind);
const last = (t: TraceResult) => t.hops[t.hops.length - 1];

void test('VNet VM → on-premises site: delivered at the site through the gateway and Microsoft\'s edge; the reply comes back', async () => {
  const { engine } = await labEngine('labs/onprem.yaml');
  try {
    const t = trace(engine.routing, { from: 'vm-azure', to: 'onprem:dc1', protocol: 'icmp' });
    assert.equal(t.verdict, 'delivered', JSON.stringify(t.hops.at(-1)));
    assert.equal(t.flow.dst, '172.16.0.1', 'onprem:<site> = the first usable address of its first prefix');
    assert.deepEqual(kinds(t), ['nic-nsg-outbound', 'effective-routes', 'er-gateway', 'microsoft-edge', 'link', 'on-premises', 'destination']);
    assert.match(t.hops[1]?.rule ?? '', /^VirtualNetworkGateway 172\.16\.0\.0\/16 → VirtualNetworkGateway/);
    assert.equal(last(t)?.cloud, 'on-premises');
    assert.equal(last(t)?.name, 'dc1');
    assert.deepEqual(t.returnPath?.hops.map((h) => h.kind), ['on-premises', 'link', 'microsoft-edge', 'er-gateway', 'effective-routes', 'nic-nsg-inbound', 'destination']);
    assert.equal(t.returnPath?.verdict, 'delivered');

    // An address inside another prefix of the site is the same site.
    const any = trace(engine.routing, { from: 'vm-azure', to: '10.50.3.7', protocol: 'tcp', port: 443 });
    assert.equal(any.verdict, 'delivered');
    assert.match(last(any)?.detail ?? '', /at on-premises site dc1 \(10\.50\.0\.0\/16\)/);
  } finally {
    await engine.close();
  }
});

void test('on-premises site → VNet VM: the site\'s router forwards by the VNet prefix it learned from Microsoft\'s edge', async () => {
  const { engine } = await labEngine('labs/onprem.yaml');
  try {
    const t = trace(engine.routing, { from: 'onprem:dc1', to: 'vm-azure', protocol: 'tcp', port: 22 });
    assert.equal(t.verdict, 'delivered');
    assert.equal(t.hops[0]?.kind, 'on-premises');
    assert.equal(t.hops[0]?.rule, '10.20.0.0/16 learned from Microsoft\'s edge (path 12076)');
    assert.equal(last(t)?.name, 'vm-azure');
    assert.equal(t.returnPath?.hops.at(-1)?.cloud, 'on-premises');
  } finally {
    await engine.close();
  }
});

void test('OCI → site: TRANSIT_NOT_SUPPORTED at the VCN route table, and at the DRG when a rule sends it there', async () => {
  const { engine } = await labEngine('labs/onprem.yaml');
  try {
    const t = trace(engine.routing, { from: 'vm-oci', to: 'onprem:dc1', protocol: 'icmp' });
    assert.equal(t.verdict, 'dropped');
    assert.equal(t.reason, 'TRANSIT_NOT_SUPPORTED');
    assert.equal(last(t)?.kind, 'vcn-route-table');
    assert.match(last(t)?.detail ?? '', /on-premises site dc1 .*AS 65010.*never to Oracle's edge/);
  } finally {
    await engine.close();
  }
  const rule = '            - { destination: 172.16.0.0/16, target: drg, description: hoping to reach on-premises through Azure }\n';
  const withRule = await labEngine('labs/onprem.yaml', (t) => t.replace('            - { destination: 10.20.0.0/16, target: drg', `${rule}            - { destination: 10.20.0.0/16, target: drg`));
  try {
    const t = trace(withRule.engine.routing, { from: 'vm-oci', to: 'onprem:dc1', protocol: 'icmp' });
    assert.equal(t.reason, 'TRANSIT_NOT_SUPPORTED');
    assert.equal(last(t)?.kind, 'drg-route-table', 'the DRG has no route: Azure never advertised the site');
  } finally {
    await withRule.engine.close();
  }
});

void test('site → OCI: dropped at the site\'s router, which learns only the VNet prefixes', async () => {
  const { engine } = await labEngine('labs/onprem.yaml');
  try {
    const t = trace(engine.routing, { from: 'onprem:dc1', to: 'vm-oci', protocol: 'tcp', port: 22 });
    assert.equal(t.reason, 'TRANSIT_NOT_SUPPORTED');
    assert.deepEqual(kinds(t), ['on-premises']);
    assert.match(last(t)?.detail ?? '', /learns only the VNet prefixes from circuit er-oci-azure/);
  } finally {
    await engine.close();
  }
});

void test('an NSG rule that denies the site\'s prefix drops its SSH at the VM (the VirtualNetwork default would admit it)', async () => {
  const deny = '        - { name: deny-dc1-ssh, priority: 130, direction: Inbound, access: Deny, protocol: Tcp, source: 172.16.0.0/16, destination: "*", destinationPorts: "22" }\n';
  const { engine } = await labEngine('labs/onprem.yaml', (t) => t.replace('  gateways:\n', `${deny}  gateways:\n`));
  try {
    const t = trace(engine.routing, { from: 'onprem:dc1', to: 'vm-azure', protocol: 'tcp', port: 22 });
    assert.equal(t.reason, 'NSG_DENY');
    assert.match(last(t)?.rule ?? '', /deny-dc1-ssh/);
  } finally {
    await engine.close();
  }
});
