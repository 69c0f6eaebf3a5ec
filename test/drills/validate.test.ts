// Drill specs are checked before anything changes: a bad spec is a clear FastRoute 400 (unknown
// interconnect 404, the same drill twice 409) and leaves the world, the routes and the event log
// exactly as they were. The pure layer resolves interconnects and defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/engine/engine.ts';
import { openStore } from '../../src/store/open.ts';
import { listDrills, startDrill, stopDrill } from '../../src/engine/drill-runner.ts';
import { resolveInterconnect, validateDrillSpec } from '../../src/drills/drills.ts';
import type { DrillSpec } from '../../src/drills/types.ts';
import { CloudError } from '../../src/model/errors.ts';
import { Overlay } from '../../src/model/world.ts';
import { snapshot, tutorialEngine, vcIdOf } from './helpers.ts';

const rejectsWith = (status: number, code: string, message?: RegExp) => (err: unknown) => {
  assert.ok(err instanceof CloudError, `a CloudError, got ${String(err)}`);
  assert.equal(err.cloud, 'fastroute');
  assert.equal(err.status, status, err.message);
  assert.equal(err.code, code, err.message);
  if (message) assert.match(err.message, message);
  return true;
};

const BAD: [string, DrillSpec, string, RegExp][] = [
  ['unknown kind', { kind: 'meltdown' } as unknown as DrillSpec, 'InvalidDrillKind', /unknown drill kind "meltdown"; one of: link-down, bgp-reset/],
  ['link-down without a path', { kind: 'link-down' }, 'MissingParameter', /link-down needs a path: primary or secondary/],
  ['bgp-reset without a path', { kind: 'bgp-reset' }, 'MissingParameter', /bgp-reset needs a path/],
  ['as-path-prepend without a path', { kind: 'as-path-prepend' }, 'MissingParameter', /as-path-prepend needs a path/],
  ['a path that does not exist', { kind: 'link-down', path: 'tertiary' } as unknown as DrillSpec, 'InvalidParameter', /path must be primary or secondary; got "tertiary"/],
  ['a path on a whole-interconnect drill', { kind: 'gateway-replace', path: 'primary' }, 'InvalidParameter', /gateway-replace acts on the whole interconnect/],
  ['a prefix on a link drill', { kind: 'link-down', path: 'primary', prefix: '10.20.0.0/16' }, 'InvalidParameter', /a prefix applies to prefix-withdraw only/],
  ['a count on a link drill', { kind: 'link-down', path: 'primary', count: 3 }, 'InvalidParameter', /a count applies to as-path-prepend and prefix-flood only/],
  ['a zero prepend', { kind: 'as-path-prepend', path: 'primary', count: 0 }, 'InvalidParameter', /count for as-path-prepend must be a whole number from 1 to 32; got 0/],
  ['a fractional prepend', { kind: 'as-path-prepend', path: 'primary', count: 2.5 }, 'InvalidParameter', /got 2\.5/],
  ['an oversized flood', { kind: 'prefix-flood', count: 20_001 }, 'InvalidParameter', /from 1 to 20000/],
  ['prefix-withdraw without a prefix', { kind: 'prefix-withdraw' }, 'MissingParameter', /prefix-withdraw needs the prefix/],
  ['prefix-withdraw of a non-CIDR', { kind: 'prefix-withdraw', prefix: 'vnet-azure' }, 'InvalidParameter', /"vnet-azure" is not an IPv4 CIDR block/],
  ['prefix-withdraw of a prefix nobody advertises', { kind: 'prefix-withdraw', prefix: '10.30.0.0/16' }, 'PrefixNotAdvertised', /10\.30\.0\.0\/16 is not currently advertised by either side on vc-azure; OCI advertises 10\.10\.10\.0\/24; Azure advertises 10\.20\.0\.0\/16/],
  ['prefix-withdraw from the wrong side', { kind: 'prefix-withdraw', prefix: '10.20.0.0/16', side: 'oci' }, 'PrefixNotAdvertised', /not currently advertised by Oracle \(OCI\)/],
  ['prefix-withdraw of a subnet of an advertised prefix', { kind: 'prefix-withdraw', prefix: '10.20.10.0/24' }, 'PrefixNotAdvertised', /10\.20\.10\.0\/24 is not currently advertised/],
  ['an unknown side', { kind: 'prefix-withdraw', prefix: '10.20.0.0/16', side: 'aws' } as unknown as DrillSpec, 'InvalidParameter', /side must be oci or azure/],
];

void test('an invalid drill spec is a clear 400 and changes nothing', async () => {
  const engine = await tutorialEngine();
  const before = await snapshot(engine);
  const events = (await engine.queryEvents({})).length;
  for (const [what, spec, code, message] of BAD) {
    await assert.rejects(startDrill(engine, spec), rejectsWith(400, code, message), what);
  }
  await assert.rejects(startDrill(engine, { kind: 'link-down', path: 'primary', interconnect: 'vc-nowhere' }), rejectsWith(404, 'NotFound', /no interconnect \(virtual circuit to Microsoft Azure\) is named vc-nowhere; known: vc-azure/));
  assert.deepEqual(await listDrills(engine), []);
  assert.deepEqual(await snapshot(engine), before, 'routes and traces unchanged');
  assert.equal((await engine.queryEvents({})).length, events, 'nothing was written');
  await engine.close();
});

void test('the same drill twice is a 409; a different drill on the same path is allowed', async () => {
  const engine = await tutorialEngine();
  const first = await startDrill(engine, { kind: 'link-down', path: 'primary' });
  const afterFirst = await snapshot(engine);
  await assert.rejects(startDrill(engine, { kind: 'link-down', path: 'primary', interconnect: 'vc-azure' }), rejectsWith(409, 'Conflict', new RegExp(`drill ${first.id} \\(link-down primary\\) is already active on vc-azure`)));
  const withdraw = await startDrill(engine, { kind: 'prefix-withdraw', prefix: '10.20.0.0/16' });
  await assert.rejects(startDrill(engine, { kind: 'prefix-withdraw', prefix: '10.20.0.0/16' }), rejectsWith(409, 'Conflict', new RegExp(`drill ${withdraw.id} already withdraws 10\\.20\\.0\\.0/16`)));
  await assert.rejects(startDrill(engine, { kind: 'as-path-prepend', path: 'secondary' }).then(() => startDrill(engine, { kind: 'as-path-prepend', path: 'secondary', count: 3 })), rejectsWith(409, 'Conflict'), 'the default count makes them identical');
  await startDrill(engine, { kind: 'as-path-prepend', path: 'secondary', count: 4 });
  await startDrill(engine, { kind: 'bgp-reset', path: 'primary' });
  assert.equal((await listDrills(engine)).length, 5);
  await stopDrill(engine, withdraw.id);
  assert.deepEqual((await listDrills(engine)).map((d) => d.kind), ['link-down', 'as-path-prepend', 'as-path-prepend', 'bgp-reset']);
  // Two prepends on one path add up (3 + 4); with the primary down the secondary is the only path anyway.
  const ic = engine.routing.interconnect(vcIdOf(engine));
  assert.equal(ic.sessions[1]?.toOci[0]?.asPath.length, 1 + 3 + 4);
  assert.deepEqual((await snapshot(engine)).view.bestToOci, afterFirst.view.bestToOci);
  await engine.close();
});

void test('stopping an unknown drill is a 404 naming the active ones', async () => {
  const engine = await tutorialEngine();
  await assert.rejects(stopDrill(engine, 'drill-nope'), rejectsWith(404, 'NotFound', /drill drill-nope is not active; no drill is active/));
  const d = await startDrill(engine, { kind: 'gateway-replace' });
  await assert.rejects(stopDrill(engine, 'drill-nope'), rejectsWith(404, 'NotFound', new RegExp(`active drills: ${d.id}`)));
  assert.equal((await listDrills(engine)).length, 1, 'a failed stop removes nothing');
  await engine.close();
});

void test('resolveInterconnect: the only one, by name, by OCID; none, several and ambiguous names are clear errors', async () => {
  const empty = await Engine.open({ store: await openStore({ inMemory: true }) });
  assert.throws(() => resolveInterconnect(empty.world), rejectsWith(404, 'NotFound', /no interconnect exists/));
  assert.throws(() => resolveInterconnect(empty.world, 'vc-azure'), rejectsWith(404, 'NotFound'));
  await empty.close();

  const engine = await tutorialEngine();
  const id = vcIdOf(engine);
  assert.equal(resolveInterconnect(engine.world).id, id);
  assert.equal(resolveInterconnect(engine.world, 'vc-azure').id, id);
  assert.equal(resolveInterconnect(engine.world, id).id, id);

  const vc = engine.world.get('oci.VirtualCircuit', id)!;
  const two = new Overlay(engine.world);
  two.put('oci.VirtualCircuit', { ...vc, id: `${id}-2`, displayName: 'vc-two' });
  assert.throws(() => resolveInterconnect(two), rejectsWith(400, 'InterconnectRequired', /2 interconnects exist \(vc-azure, vc-two\)/));
  assert.equal(resolveInterconnect(two, 'vc-two').id, `${id}-2`);
  const same = new Overlay(engine.world);
  same.put('oci.VirtualCircuit', { ...vc, id: `${id}-2` });
  assert.throws(() => resolveInterconnect(same, 'vc-azure'), rejectsWith(400, 'AmbiguousInterconnect', /2 virtual circuits are named vc-azure; use the OCID/));
  assert.equal(resolveInterconnect(same, `${id}-2`).id, `${id}-2`);
  await engine.close();
});

void test('validateDrillSpec resolves defaults without writing anything', async () => {
  const engine = await tutorialEngine();
  const vcId = vcIdOf(engine);
  const w = engine.world;
  assert.deepEqual(validateDrillSpec(w, { kind: 'as-path-prepend', path: 'primary' }), { kind: 'as-path-prepend', virtualCircuitId: vcId, path: 'primary', count: 3 });
  assert.deepEqual(validateDrillSpec(w, { kind: 'prefix-flood' }), { kind: 'prefix-flood', virtualCircuitId: vcId, count: 4001 });
  assert.deepEqual(validateDrillSpec(w, { kind: 'prefix-withdraw', prefix: '10.20.0.0/16' }), { kind: 'prefix-withdraw', virtualCircuitId: vcId, prefix: '10.20.0.0/16', side: 'azure' });
  assert.deepEqual(validateDrillSpec(w, { kind: 'prefix-withdraw', prefix: ' 10.10.10.0/24 ', side: 'oci' }), { kind: 'prefix-withdraw', virtualCircuitId: vcId, prefix: '10.10.10.0/24', side: 'oci' });
  assert.deepEqual(validateDrillSpec(w, { kind: 'gateway-replace' }), { kind: 'gateway-replace', virtualCircuitId: vcId });
  assert.deepEqual(w.list('fr.Drill'), []);
  await engine.close();
});
