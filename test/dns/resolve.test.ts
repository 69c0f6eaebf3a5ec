// resolve() on labs/dns-forwarding.yaml brought up on an in-memory engine: both directions answer
// across the interconnect, every lab DNS expectation holds, and each failure reason shows up when
// the world is changed to cause it (no rule, zone not linked, endpoint unreachable, UDP 53 blocked,
// nothing listening, forwarders looping).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { resolve } from '../../src/dns/resolve.ts';
import { upFile, upText, readLab, LABS } from '../doctor/helpers.ts';
import type { Engine } from '../../src/engine/engine.ts';

const LAB = path.join(LABS, 'dns-forwarding.yaml');

// Reads outside engine.read are safe here: nothing else writes to these engines.
const routingOf = (engine: Engine) => Promise.resolve(engine.routing);

void test('every dns expectation of labs/dns-forwarding.yaml holds', async () => {
  const { engine, lab } = await upFile(LAB);
  const r = await routingOf(engine);
  const dns = lab.dns;
  assert.ok(dns && dns.expectations.length >= 4);
  for (const e of dns.expectations) {
    const out = resolve(r, { from: e.from, name: e.query, type: e.type });
    assert.equal(out.verdict, e.expect, `${e.name}: ${out.reason} ${JSON.stringify(out.hops.map((h) => h.detail))}`);
    if (e.answer) assert.deepEqual(out.answer.map((a) => a.data).sort(), [...e.answer].sort(), e.name);
    if (e.reason) assert.equal(out.reason, e.reason, e.name);
  }
  await engine.close();
});

void test('the path names the resolver, the rule, the forwarder, the network trace and the zone', async () => {
  const { engine } = await upFile(LAB);
  const r = await routingOf(engine);
  const oci = resolve(r, { from: 'vm-oci', name: 'db.azure.example' });
  assert.deepEqual(oci.hops.map((h) => h.kind), ['client', 'vcn-resolver', 'resolver-rule', 'forwarding-endpoint', 'network', 'inbound-endpoint', 'azure-dns', 'private-zone']);
  const net = oci.hops.find((h) => h.kind === 'network');
  assert.equal(net?.trace?.verdict, 'delivered');
  assert.equal(net?.trace?.flow.dstPort, 53);
  assert.ok(net?.trace?.hops.some((h) => h.kind === 'virtual-circuit' || h.kind === 'link'), 'the query crosses the interconnect');
  const azure = resolve(r, { from: 'vm-azure', name: 'db.oci.example' });
  assert.deepEqual(azure.hops.map((h) => h.kind), ['client', 'azure-dns', 'forwarding-rule', 'outbound-endpoint', 'network', 'listening-endpoint', 'vcn-resolver', 'private-view']);
  assert.match(azure.hops[2]?.detail ?? '', /oci\.example\./);
  // Each cloud's own names, without forwarding.
  assert.deepEqual(resolve(r, { from: 'vm-oci', name: 'vm-oci.subnetoci.vcnoci.oraclevcn.com' }).answer.map((a) => a.data), ['10.10.10.10']);
  assert.equal(resolve(r, { from: 'vm-oci', name: 'db.oci.example', type: 'TXT' }).reason, 'NODATA');
  assert.equal(resolve(r, { from: 'nobody', name: 'db.oci.example' }).reason, 'UNKNOWN_CLIENT');
  await engine.close();
});

const variant = (edit: (text: string) => string) => edit(readLab(LAB));

void test('NO_FORWARDING_RULE when OCI has no rule for the Azure zone', async () => {
  const { engine } = await upText(variant((t) => t.replace(/ {8}rules:\n( {10}#.*\n)? {10}- \{ domains: \[azure\.example\].*\n/, '        rules: []\n')));
  const out = resolve(await routingOf(engine), { from: 'vm-oci', name: 'db.azure.example' });
  assert.equal(out.reason, 'NO_FORWARDING_RULE');
  assert.match(out.hops.at(-1)?.detail ?? '', /azure\.example/);
  await engine.close();
});

void test('NO_FORWARDING_RULE at the inbound endpoint when the zone is not linked to its VNet', async () => {
  const { engine } = await upText(variant((t) => t.replace(/ {8}links:\n {10}- \{ name: link-vnet-azure, vnet: vnet-azure \}\n {4}resolvers:/, '    resolvers:')));
  const out = resolve(await routingOf(engine), { from: 'vm-oci', name: 'db.azure.example' });
  assert.equal(out.reason, 'NO_FORWARDING_RULE', 'Azure DNS of the VNet does not see the zone: it goes to public DNS');
  assert.ok(out.hops.some((h) => h.kind === 'inbound-endpoint'));
  await engine.close();
});

void test('SECURITY_BLOCKS_DNS names the security list that drops UDP 53', async () => {
  const { engine } = await upText(variant((t) => t.replace(/ {12}- \{ source: 10\.20\.0\.0\/16, protocol: udp, ports: "53".*\n/, '')));
  const out = resolve(await routingOf(engine), { from: 'vm-azure', name: 'db.oci.example' });
  assert.equal(out.reason, 'SECURITY_BLOCKS_DNS');
  const net = out.hops.at(-1);
  assert.equal(net?.kind, 'network');
  assert.equal(net?.trace?.reason, 'SECURITY_LIST_DENY');
  assert.match(net?.detail ?? '', /10\.10\.20\.11/);
  await engine.close();
});

void test('ENDPOINT_UNREACHABLE when no route leads to the target, NO_LISTENER when nothing answers there', async () => {
  const unreachable = await upText(variant((t) => t.replace('destinations: [10.20.20.4]', 'destinations: [10.30.0.4]')));
  const a = resolve(await routingOf(unreachable.engine), { from: 'vm-oci', name: 'db.azure.example' });
  assert.equal(a.reason, 'ENDPOINT_UNREACHABLE');
  assert.equal(a.hops.at(-1)?.trace?.verdict, 'dropped');
  await unreachable.engine.close();
  const silent = await upText(variant((t) => t.replace('destinations: [10.20.20.4]', 'destinations: [10.20.10.10]')));
  const b = resolve(await routingOf(silent.engine), { from: 'vm-oci', name: 'db.azure.example' });
  assert.equal(b.reason, 'NO_LISTENER');
  await silent.engine.close();
});

void test('FORWARDING_LOOP: Azure forwards azure.example to its own inbound endpoint (the VNet is linked to the ruleset)', async () => {
  const { engine } = await upText(variant((t) => t.replace('          - { name: oraclevcn,', '          - { name: loop, domainName: azure.example., targets: ["10.20.20.4:53"] }\n          - { name: oraclevcn,')));
  const out = resolve(await routingOf(engine), { from: 'vm-azure', name: 'db.azure.example' });
  assert.equal(out.reason, 'FORWARDING_LOOP');
  assert.ok(out.hops.length < 20, 'the walk stops');
  // From OCI the same loop is met after the interconnect.
  assert.equal(resolve(await routingOf(engine), { from: 'vm-oci', name: 'db.azure.example' }).reason, 'FORWARDING_LOOP');
  await engine.close();
});

void test('the doctor finds nothing wrong with the DNS of labs/dns-forwarding.yaml', async () => {
  const { runDoctor } = await import('../../src/doctor/doctor.ts');
  const { engine, lab } = await upFile(LAB);
  assert.deepEqual(runDoctor(engine.routing, lab).findings.filter((f) => f.code.startsWith('DNS_')), []);
  await engine.close();
});

void test('fastroute down removes the lab\'s DNS resources', async () => {
  const { downLab } = await import('../../src/engine/lab-runner.ts');
  const { engine, lab } = await upFile(LAB);
  assert.ok(engine.world.list('azure.ForwardingRule').length > 0);
  await downLab(engine, lab.name);
  for (const kind of ['oci.Resolver', 'oci.ResolverEndpoint', 'oci.View', 'oci.Zone', 'azure.PrivateDnsZone', 'azure.PrivateDnsRecordSet', 'azure.PrivateDnsZoneLink', 'azure.DnsResolver', 'azure.InboundEndpoint', 'azure.OutboundEndpoint', 'azure.DnsForwardingRuleset', 'azure.ForwardingRule', 'azure.RulesetVirtualNetworkLink'] as const) {
    assert.deepEqual(engine.world.list(kind), [], kind);
  }
  await engine.close();
});
