// A subnet's effective routes are kept as the gateway's shared routes under a small per-VNet layer.
// Against the whole-table computation (every route of the table decided together, then a naive
// longest-prefix scan), on random route sets: the listing (order, states, reasons) and every lookup
// must be the same, precedence included (User > BGP > Default for a prefix; the VNet's and its
// peers' spaces beat more specific BGP routes; an Invalid UDR never routes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { containsAddress, intToIp, type Ipv4Prefix } from '../../src/model/cidr.ts';
import { layeredEffectiveTable } from '../../src/routing/azure/effective.ts';
import { resolvePrecedence } from '../../src/routing/azure/effective-precedence.ts';
import { computeGatewayRouteLayer } from '../../src/routing/azure/gateway-layer.ts';
import type { BgpRoute, EffectiveRoute } from '../../src/routing/types.ts';

const network = (address: number, length: number) => (length === 0 ? 0 : ((address >>> (32 - length)) << (32 - length)) >>> 0);
const text = (p: Ipv4Prefix) => `${intToIp(p.network)}/${p.length}`;

// Few distinct "anchor" addresses so that random prefixes nest, collide and cover each other often.
const ANCHORS = [0x0a000000, 0x0a010000, 0x0a0100c0, 0xac100000, 0xc0a80000, 0x0a800000];
const prefixArb = fc.record({ anchor: fc.constantFrom(...ANCHORS), jitter: fc.integer({ min: 0, max: 0xffff }), length: fc.integer({ min: 0, max: 32 }) })
  .map(({ anchor, jitter, length }): Ipv4Prefix => ({ network: network((anchor + (jitter % 3 === 0 ? 0 : jitter)) >>> 0, length), length }));

const route = (source: EffectiveRoute['source'], prefix: Ipv4Prefix, nextHopType: EffectiveRoute['nextHopType'], extra: Partial<EffectiveRoute> = {}): EffectiveRoute => ({
  disableBgpRoutePropagation: false, source, state: 'Active', addressPrefix: [text(prefix)], nextHopIpAddress: [], nextHopType, prefix, ...extra,
});

const worldArb = fc.record({
  space: fc.array(prefixArb, { minLength: 1, maxLength: 2 }),
  peers: fc.array(prefixArb, { maxLength: 3 }),
  none: fc.array(prefixArb, { maxLength: 3 }),
  learned: fc.array(prefixArb, { maxLength: 40 }),
  udrs: fc.array(fc.record({ prefix: prefixArb, toGateway: fc.boolean(), nva: fc.boolean() }), { maxLength: 6 }),
  propagation: fc.boolean(),
  addresses: fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 20 }),
});

type World = typeof worldArb extends fc.Arbitrary<infer W> ? W : never;

/** Fresh route objects for one table: system, then user (the routing engine's order). */
function ownRoutes(w: World): { system: EffectiveRoute[]; user: EffectiveRoute[] } {
  const system = [
    ...w.space.map((p) => route('Default', p, 'VnetLocal')),
    ...w.peers.map((p) => route('Default', p, 'VNetPeering', { remoteVnetId: 'peer' })),
    route('Default', { network: 0, length: 0 }, 'Internet'),
    ...w.none.map((p) => route('Default', p, 'None')),
  ];
  const user = w.udrs.map((u, i) => {
    const r = route('User', u.prefix, u.toGateway ? 'VirtualNetworkGateway' : u.nva ? 'VirtualAppliance' : 'None', { name: `udr-${i}`, routeTableId: 'rt', nextHopIpAddress: u.nva ? ['10.9.9.9'] : [] });
    if (u.toGateway) { r.state = 'Invalid'; r.invalidReason = 'an ExpressRoute gateway cannot be the next hop of a user-defined route'; }
    return r;
  });
  return { system, user };
}

function learnedRoutes(w: World): BgpRoute[] {
  // Sorted as the gateway sorts them; duplicates of a prefix are kept to test same-prefix ties.
  return w.learned.map((p, i) => ({ prefix: text(p), network: p, asPath: [12076, 31898], nextHop: i % 2 === 0 ? '10.99.0.1,10.99.0.5' : '10.99.0.1' }))
    .sort((a, b) => a.network.network - b.network.network || a.network.length - b.network.length);
}

/** The whole table decided at once, as routing did before the layers. */
function wholeTable(w: World): EffectiveRoute[] {
  const { system, user } = ownRoutes(w);
  const bgp = w.propagation ? computeGatewayRouteLayer({ routes: learnedRoutes(w), dropped: 0, limit: 10_000 }).routes.map((r) => ({ ...r })) : [];
  const all = [...system, ...bgp, ...user];
  resolvePrecedence(all, [...w.space, ...w.peers]);
  return all;
}

function naiveLookup(routes: readonly EffectiveRoute[], address: number): EffectiveRoute | undefined {
  let best: EffectiveRoute | undefined;
  for (const r of routes) if (r.state === 'Active' && containsAddress(r.prefix, address) && (!best || r.prefix.length > best.prefix.length)) best = r;
  return best;
}

void test('layered effective routes list and look up exactly as the whole table', () => {
  fc.assert(fc.property(worldArb, (w) => {
    const { system, user } = ownRoutes(w);
    const layer = w.propagation ? computeGatewayRouteLayer({ routes: learnedRoutes(w), dropped: 0, limit: 10_000 }) : undefined;
    const table = layeredEffectiveTable({ vnetId: 'v', routeTableId: 'rt', gatewayId: 'gw', system, user, layer, systemVnet: [...w.space, ...w.peers] });
    const whole = wholeTable(w);
    assert.equal(table.routeCount, whole.length);
    assert.deepEqual(table.routes, whole);
    const probes = [...w.addresses, ...whole.flatMap((r) => [r.prefix.network, (r.prefix.network + 2 ** (32 - r.prefix.length) - 1) >>> 0])];
    for (const a of probes) {
      const got = table.fib.lookup(a);
      const want = naiveLookup(whole, a);
      assert.deepEqual(got?.value, want, `lookup ${intToIp(a)}`);
      assert.equal(got?.length, want?.prefix.length);
    }
    // The shared layer is never changed by a table.
    for (const r of layer?.routes ?? []) assert.equal(r.state, 'Active');
  }), { numRuns: 400 });
});

void test('on the sample and broken labs, every subnet looks up what its listed routes say', async () => {
  const { labEngine } = await import('../helpers/lab.ts');
  const { readdirSync } = await import('node:fs');
  const files = ['labs/tutorial.yaml', 'labs/hub-and-spoke.yaml', ...readdirSync('labs/broken').filter((f) => f.endsWith('.yaml')).map((f) => `labs/broken/${f}`)];
  let checked = 0;
  for (const file of files) {
    const { engine } = await labEngine(file);
    await engine.read(() => {
      for (const s of engine.world.list('azure.Subnet')) {
        const table = engine.routing.subnetEffective(s.id);
        if (!table) continue;
        assert.equal(table.routeCount, table.routes.length);
        const probes = table.routes.flatMap((r) => [r.prefix.network, (r.prefix.network + 2 ** (32 - r.prefix.length) - 1) >>> 0, (r.prefix.network + 1) >>> 0]);
        for (const a of probes) {
          assert.equal(table.fib.lookup(a)?.value, naiveLookup(table.routes, a), `${file} ${s.name} ${intToIp(a)}`);
          checked++;
        }
      }
    });
    await engine.close();
  }
  assert.ok(checked > 100, `only ${checked} lookups checked`);
});
