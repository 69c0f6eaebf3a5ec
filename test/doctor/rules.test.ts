// Rule families whose worlds a lab file cannot declare: thousands of prefixes (prefix-flood drills),
// a session down without an addressing fault (link-down drills), a circuit the provider never answers
// (manual clock), and a GatewaySubnet the clouds would refuse to build (a patched view). Plus the
// prefix index the rules use for overlaps, checked against a naive reference, and rule purity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fc from 'fast-check';
import { runDoctor, RULES } from '../../src/doctor/doctor.ts';
import { Routing } from '../../src/routing/routing.ts';
import { startDrill } from '../../src/engine/drill-runner.ts';
import { PrefixIndex } from '../../src/model/prefix-index.ts';
import { overlaps, type Ipv4Prefix } from '../../src/model/cidr.ts';
import type { ErGatewaySku, VirtualNetworkGateway } from '../../src/model/azure/expressroute.ts';
import type { Subnet } from '../../src/model/azure/network.ts';
import type { Kind } from '../../src/model/world.ts';
import { trace } from '../../src/trace/trace.ts';
import { byCode, infos, LABS, loud, patchedView, readLab, upFile, upText } from './helpers.ts';

const TUTORIAL = path.join(LABS, 'tutorial.yaml');

void test('prefix flood to 82 % of the Standard limit: PREFIX_LIMIT_NEAR and GATEWAY_ROUTES_NEAR_LIMIT', async () => {
  const { engine } = await upFile(TUTORIAL);
  await startDrill(engine, { kind: 'prefix-flood', count: 3300 });
  const report = runDoctor(engine.routing);
  assert.deepEqual(loud(report), ['GATEWAY_ROUTES_NEAR_LIMIT', 'PREFIX_LIMIT_NEAR']);
  assert.match(byCode(report, 'PREFIX_LIMIT_NEAR')[0]?.message ?? '', /3301 prefixes .* 83 % of the 4000 limit/);
  assert.match(byCode(report, 'PREFIX_LIMIT_NEAR')[0]?.fix ?? '', /Premium/);
  assert.match(byCode(report, 'GATEWAY_ROUTES_NEAR_LIMIT')[0]?.message ?? '', /ergw \(Standard\) learns 3301 routes/);
});

void test('prefix flood over the limit: PREFIX_LIMIT_EXCEEDED explains the sessions going down (no BGP_SESSIONS_DOWN)', async () => {
  const { engine } = await upFile(TUTORIAL);
  await startDrill(engine, { kind: 'prefix-flood' });
  const report = runDoctor(engine.routing);
  assert.deepEqual(loud(report), ['PREFIX_LIMIT_EXCEEDED']);
  assert.match(byCode(report, 'PREFIX_LIMIT_EXCEEDED')[0]?.message ?? '', /4002 prefixes to the Standard private peering .* \(limit 4000\)/);
});

void test('a Premium circuit takes 5,000 prefixes but a Standard gateway holds 4,000: GATEWAY_ROUTES_DROPPED', async () => {
  const { engine } = await upText(readLab(TUTORIAL).replace('skuTier: Standard', 'skuTier: Premium'));
  await startDrill(engine, { kind: 'prefix-flood', count: 5000 });
  const report = runDoctor(engine.routing);
  assert.deepEqual(loud(report), ['GATEWAY_ROUTES_DROPPED']);
  assert.match(byCode(report, 'GATEWAY_ROUTES_DROPPED')[0]?.message ?? '', /learns 5001 routes from OCI but holds 4000: 1001 prefixes are dropped/);
});

void test('one link down (drill): SINGLE_BGP_SESSION only; both down: BGP_SESSIONS_DOWN only', async () => {
  const { engine } = await upFile(TUTORIAL);
  await startDrill(engine, { kind: 'link-down', path: 'primary' });
  const one = runDoctor(engine.routing);
  assert.deepEqual(loud(one), ['SINGLE_BGP_SESSION']);
  assert.match(byCode(one, 'SINGLE_BGP_SESSION')[0]?.message ?? '', /Only the secondary BGP session .* primary: drill: primary link down/);
  await startDrill(engine, { kind: 'link-down', path: 'secondary' });
  const none = runDoctor(engine.routing);
  assert.deepEqual(loud(none), ['BGP_SESSIONS_DOWN']);
  assert.match(byCode(none, 'BGP_SESSIONS_DOWN')[0]?.message ?? '', /no BGP session is up/);
});

void test('a circuit the provider has not answered (manual clock): CIRCUIT_NOT_PROVISIONED with both states', async () => {
  const { engine, report: up } = await upFile(TUTORIAL, { clock: 'manual' });
  assert.equal(up.incomplete.length, 1);
  const report = runDoctor(engine.routing);
  assert.deepEqual(loud(report), ['CIRCUIT_NOT_PROVISIONED']);
  const f = byCode(report, 'CIRCUIT_NOT_PROVISIONED')[0];
  assert.match(f?.message ?? '', /virtual circuit vc-azure is PENDING_PROVIDER .*circuit er-oci-azure is NotProvisioned/);
  assert.match(f?.fix ?? '', /Wait for the provider/);
  // Nothing else is provisioned either (the clock never moves): the trace stops at the DRG.
  assert.equal(trace(engine.routing, { from: 'vm-oci', to: 'vm-azure', protocol: 'icmp' }).verdict, 'dropped');
});

/** Rewrites the GatewaySubnet's prefix (and optionally the gateway's SKU). */
const gatewaySubnet = (prefix: string, sku?: ErGatewaySku) => (kind: Kind, e: unknown): unknown => {
  if (kind === 'azure.Subnet') {
    const s = e as Subnet;
    return s.name === 'GatewaySubnet' ? { ...s, properties: { ...s.properties, addressPrefix: prefix } } : s;
  }
  if (kind === 'azure.VirtualNetworkGateway' && sku !== undefined) {
    const g = e as VirtualNetworkGateway;
    return { ...g, properties: { ...g.properties, sku: { name: sku, tier: sku } } };
  }
  return e;
};

void test('a /30 GatewaySubnet, or a /28 one under ErGw3AZ: GATEWAY_SUBNET_TOO_SMALL', async () => {
  const { engine } = await upFile(TUTORIAL);
  const a = runDoctor(new Routing(patchedView(engine.world, gatewaySubnet('10.20.255.0/30'))));
  assert.deepEqual(loud(a), ['GATEWAY_SUBNET_TOO_SMALL']);
  assert.match(byCode(a, 'GATEWAY_SUBNET_TOO_SMALL')[0]?.message ?? '', /10\.20\.255\.0\/30 .* \/29 or larger/);
  const b = runDoctor(new Routing(patchedView(engine.world, gatewaySubnet('10.20.255.0/28', 'ErGw3AZ'))));
  assert.deepEqual(loud(b), ['GATEWAY_SUBNET_TOO_SMALL']);
  assert.match(byCode(b, 'GATEWAY_SUBNET_TOO_SMALL')[0]?.message ?? '', /ErGw3AZ SKU \/27 or larger/);
});

void test('rules are pure: each family returns the same findings twice and leaves the world as it was', async () => {
  const { engine, lab } = await upFile(path.join(LABS, 'broken', 'asymmetric-firewall.yaml'));
  const before = JSON.stringify(engine.world.kinds().sort().map((k) => [k, engine.world.list(k)]));
  for (const rule of RULES) {
    assert.deepEqual(rule.run(engine.routing, lab), rule.run(engine.routing, lab), rule.family);
    // A fresh Routing over the same world (nothing memoised) agrees with the warm one.
    assert.deepEqual(rule.run(new Routing(engine.world), lab), rule.run(engine.routing, lab), `${rule.family} from scratch`);
  }
  assert.equal(JSON.stringify(engine.world.kinds().sort().map((k) => [k, engine.world.list(k)])), before);
  assert.deepEqual(infos(runDoctor(engine.routing, lab)).length, 4);
});

const prefixArb = fc.record({ network: fc.nat(0xffffffff), length: fc.integer({ min: 0, max: 32 }) })
  .map(({ network, length }): Ipv4Prefix => ({ network: length === 0 ? 0 : (network & ((0xffffffff << (32 - length)) >>> 0)) >>> 0, length }));

void test('PrefixIndex.overlapping agrees with a naive scan (fast-check)', () => {
  fc.assert(fc.property(fc.array(prefixArb, { maxLength: 40 }), fc.array(prefixArb, { minLength: 1, maxLength: 10 }), (items, queries) => {
    const index = new PrefixIndex(items.map((prefix, i) => ({ prefix, value: i })));
    for (const q of queries) {
      const got = index.overlapping(q).map((x) => x.value).sort((a, b) => a - b);
      const want = items.map((p, i) => ({ p, i })).filter(({ p }) => overlaps(p, q)).map(({ i }) => i);
      assert.deepEqual(got, want);
      assert.equal(index.overlaps(q), want.length > 0);
    }
  }), { numRuns: 300 });
});
