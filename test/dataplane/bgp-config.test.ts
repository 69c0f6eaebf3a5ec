// BGP on the wire without root: the speakers taken from the model and the engine (ASNs, the /30s of
// the cross-connect mappings, what each side announces, drills), the FRR and BIRD configurations they
// become (checked by the daemons' own parsers when installed), the plan without the edges' static
// routes across the links, and the readers of the daemons' output (on output captured from them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { labEngine } from '../helpers/lab.ts';
import { compileDataplane } from '../../src/dataplane/compile.ts';
import { bgpEdges, DEFAULT_BGP_OPTIONS, fromOracle, fromOracleCount, type BgpEdge, type BgpOptions } from '../../src/dataplane/bgp-model.ts';
import { floodBatch, overLimit } from '../../src/dataplane/bgp-flood.ts';
import { frrConfig } from '../../src/dataplane/bgp-frr.ts';
import { birdConfig } from '../../src/dataplane/bgp-bird.ts';
import { birdLearned, birdSessions, frrLearned, frrLearnedText, frrSessions, kernelRoutes } from '../../src/dataplane/bgp-status.ts';
import { frrDir, frrUser } from '../../src/dataplane/bgp-daemons.ts';
import { startDrill } from '../../src/engine/drill-runner.ts';
import { findTool } from '../../src/dataplane/probe.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { loadConfig } from '../../src/config/load.ts';

const TUTORIAL = path.join(import.meta.dirname, '../../labs/tutorial.yaml');
const FIXTURES = path.join(import.meta.dirname, 'fixtures/bgp');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

async function edgesOf(engine: Engine, opts: BgpOptions = DEFAULT_BGP_OPTIONS): Promise<BgpEdge[]> {
  return engine.read(() => bgpEdges(engine.routing, compileDataplane(engine.routing, { runId: 'ab12', bgp: true }), opts));
}

void test('the tutorial\'s speakers: AS 31898 ⇄ 12076 on the /30s, each announcing what the engine computes', async () => {
  const { engine } = await labEngine(TUTORIAL);
  const [edge, ...more] = await edgesOf(engine);
  assert.ok(edge);
  assert.equal(more.length, 0, 'one virtual circuit, one pair of speakers');
  const { oracle, microsoft } = edge;
  assert.deepEqual([oracle.asn, oracle.peerAsn, microsoft.asn, microsoft.peerAsn], [31898, 12076, 12076, 31898]);
  assert.deepEqual(oracle.neighbors.map((n) => [n.path, n.dev, n.localIp, n.peerIp]), [['primary', 'pri', '10.99.0.1', '10.99.0.2'], ['secondary', 'sec', '10.99.0.5', '10.99.0.6']], 'Oracle takes the first usable address of each /30');
  assert.deepEqual(microsoft.neighbors.map((n) => [n.localIp, n.peerIp]), [['10.99.0.2', '10.99.0.1'], ['10.99.0.6', '10.99.0.5']]);
  // The engine's own answer: the DRG's export to the virtual circuit, the gateway's VNet.
  const ic = await engine.read(() => engine.routing.interconnect(edge.virtualCircuitId));
  assert.deepEqual(oracle.announce, [...ic.bestToAzure.keys()].sort());
  assert.deepEqual(microsoft.announce, ['10.20.0.0/16']);
  assert.equal(microsoft.maxPrefixes, 4000, 'the Standard private peering\'s limit');
  assert.equal(oracle.bfd, false, 'the virtual circuit has isBfdEnabled false');
  assert.equal(microsoft.bfd, true, 'ExpressRoute enables BFD on private peerings');
  assert.equal(microsoft.daemon, 'frr');
  assert.equal((await edgesOf(engine, { ...DEFAULT_BGP_OPTIONS, msee: 'bird' }))[0]?.microsoft.daemon, 'bird');
});

void test('with BGP on the wire the edges keep no static route across the links; everything else stays', async () => {
  const { engine } = await labEngine(TUTORIAL);
  const [withBgp, without] = await engine.read(() => [compileDataplane(engine.routing, { runId: 'ab12', bgp: true }), compileDataplane(engine.routing, { runId: 'ab12' })]);
  const acrossLinks = (ns: { routes: { nexthops?: { dev: string }[] }[] }) => ns.routes.filter((r) => (r.nexthops ?? []).some((h) => h.dev === 'pri' || h.dev === 'sec'));
  for (const role of ['oracle-edge', 'msee'] as const) {
    const a = withBgp?.namespaces.find((n) => n.role === role);
    const b = without?.namespaces.find((n) => n.role === role);
    assert.ok(a && b);
    assert.ok(acrossLinks(b).length > 0, `${role}: the static plan routes across the links`);
    assert.deepEqual(acrossLinks(a), [], `${role}: with BGP, the daemons do`);
    assert.deepEqual(a.routes, b.routes.filter((r) => !acrossLinks({ routes: [r] }).length), `${role}: the other routes are unchanged`);
  }
  const others = (p: typeof withBgp) => p?.namespaces.filter((n) => n.role !== 'oracle-edge' && n.role !== 'msee');
  assert.deepEqual(others(withBgp), others(without));
});

void test('FRR configuration: policy-free eBGP, timers, no graceful restart, only the announced prefixes out, BFD on Microsoft\'s side', async () => {
  const { engine } = await labEngine(TUTORIAL);
  const [edge] = await edgesOf(engine);
  assert.ok(edge);
  const o = frrConfig(edge.oracle, '/run/x');
  for (const line of ['router bgp 31898', ' bgp router-id 10.99.0.1', ' no bgp ebgp-requires-policy', ' no bgp network import-check', ' bgp graceful-restart-disable',
    ' neighbor 10.99.0.2 remote-as 12076', ' neighbor 10.99.0.2 timers 60 180', ' neighbor 10.99.0.6 remote-as 12076', '  network 10.10.10.0/24',
    '  neighbor 10.99.0.2 route-map FR-OUT-PRIMARY out', 'ip prefix-list FR-ANNOUNCE seq 5 permit 10.10.10.0/24']) {
    assert.ok(o.bgpd.split('\n').includes(line), `Oracle's bgpd.conf has "${line}":\n${o.bgpd}`);
  }
  // Sub-commands after remote-as, or FRR drops them silently.
  assert.ok(o.bgpd.indexOf('neighbor 10.99.0.2 remote-as') < o.bgpd.indexOf('neighbor 10.99.0.2 timers'));
  assert.equal(o.bfdd, undefined, 'no BFD on Oracle\'s side without isBfdEnabled');
  assert.doesNotMatch(o.bgpd, /bfd|maximum-prefix/);
  const m = frrConfig(edge.microsoft, '/run/y');
  assert.match(m.bgpd, /^ neighbor 10\.99\.0\.1 bfd profile fr-bfd$/m);
  assert.match(m.bgpd, /^ {2}neighbor 10\.99\.0\.1 maximum-prefix 4000$/m, 'no restart timer: FastRoute takes the session back once the count falls');
  assert.match(m.bfdd ?? '', /receive-interval 300\n {2}transmit-interval 300\n {2}detect-multiplier 3/);
  const short = frrConfig({ ...edge.microsoft, keepalive: 1, hold: 3, mseeBfd: false, bfd: false } as typeof edge.microsoft, '/run/y');
  assert.match(short.bgpd, /timers 1 3$/m, 'test-settable short timers');
  assert.equal(short.bfdd, undefined);
});

void test('drills reach the configurations: an AS-path prepend on one session, a BGP reset shuts that neighbor down, a link cut does not', async () => {
  const { engine } = await labEngine(TUTORIAL);
  await startDrill(engine, { kind: 'as-path-prepend', path: 'secondary', count: 2 });
  await startDrill(engine, { kind: 'bgp-reset', path: 'primary' });
  let [edge] = await edgesOf(engine);
  assert.ok(edge);
  assert.deepEqual(edge.oracle.neighbors.map((n) => n.prepend), [0, 2]);
  assert.match(frrConfig(edge.oracle, '/d').bgpd, /route-map FR-OUT-SECONDARY permit 10\n match ip address prefix-list FR-ANNOUNCE\n set as-path prepend 31898 31898\n/);
  assert.match(birdConfig({ ...edge.microsoft, daemon: 'bird' }, '/d'), /protocol bgp fr_secondary \{[^}]*bgp_path\.prepend\(12076\); bgp_path\.prepend\(12076\); accept;/);
  assert.match(edge.oracle.neighbors[0]?.shutdown ?? '', /reset/);
  assert.match(frrConfig(edge.oracle, '/d').bgpd, /^ neighbor 10\.99\.0\.2 shutdown message /m);
  assert.match(birdConfig({ ...edge.microsoft, daemon: 'bird' }, '/d'), /protocol bgp fr_primary \{[^}]*disabled;/);

  const cut = await labEngine(TUTORIAL);
  await startDrill(cut.engine, { kind: 'link-down', path: 'primary' });
  [edge] = await edgesOf(cut.engine);
  assert.deepEqual(edge?.oracle.neighbors.map((n) => n.shutdown), [undefined, undefined], 'a cut link drops frames; the daemons find out by themselves');
});

void test('a prefix flood over the limit: Oracle keeps its own prefixes and announces the flood from its kernel; nothing is shut down, the MSEE\'s limit acts', async () => {
  const { engine } = await labEngine(TUTORIAL);
  const [before] = await edgesOf(engine);
  await startDrill(engine, { kind: 'prefix-flood' });
  const [edge] = await edgesOf(engine);
  assert.ok(edge && before);
  const ic = await engine.read(() => engine.routing.interconnect(edge.virtualCircuitId));
  assert.ok(ic.sessions.every((s) => !s.up && /prefix limit exceeded/.test(s.reason ?? '')), 'the engine holds both sessions down');
  assert.deepEqual(edge.oracle.announce, before.oracle.announce, 'the DRG\'s export stays announced');
  assert.deepEqual(edge.microsoft.announce, before.microsoft.announce);
  assert.equal(edge.oracle.flood?.length, 4001);
  assert.ok([...edge.oracle.neighbors, ...edge.microsoft.neighbors].every((n) => n.shutdown === undefined), 'the wire drops the sessions, not a shutdown');
  assert.equal(fromOracleCount(edge), before.oracle.announce.length + 4001);
  assert.equal(overLimit(edge), true);
  assert.deepEqual(fromOracle(edge), [], 'converged above the limit: the MSEE holds nothing from Oracle');
  const o = frrConfig(edge.oracle, '/d').bgpd;
  for (const line of ['ip prefix-list FR-FLOOD seq 5 permit 198.18.0.0/15 ge 29 le 29', 'route-map FR-FLOOD permit 10', '  redistribute kernel route-map FR-FLOOD', 'route-map FR-OUT-PRIMARY permit 20']) assert.ok(o.split('\n').includes(line), `"${line}":\n${o}`);
  assert.doesNotMatch(o, /network 198\.18\./, 'no network line per flood prefix');
  assert.ok(o.split('\n').length < 80, 'the configuration stays small');
  assert.equal(floodBatch(edge.oracle.flood ?? []).split('\n')[0], 'route replace blackhole 198.18.0.0/29');
  assert.doesNotMatch(frrConfig(before.oracle, '/d').bgpd, /FR-FLOOD/, 'no flood, no flood lines');
  // Under the limit the flood crosses: the MSEE expects it.
  const small = await labEngine(TUTORIAL);
  await startDrill(small.engine, { kind: 'prefix-flood', count: 10 });
  const [under] = await edgesOf(small.engine);
  assert.ok(under);
  assert.equal(overLimit(under), false);
  assert.equal(fromOracle(under).length, under.oracle.announce.length + 10);
  assert.equal((await edgesOf(engine, { ...DEFAULT_BGP_OPTIONS, prefixLimit: 100_000 }))[0]?.microsoft.maxPrefixes, 100_000, 'the benchmark\'s limit');
});

void test('BIRD configuration: kernel export of BGP routes with multipath, static blackholes only BGP exports, GR off', async (t) => {
  const { engine } = await labEngine(TUTORIAL);
  const [edge] = await edgesOf(engine, { ...DEFAULT_BGP_OPTIONS, msee: 'bird' });
  assert.ok(edge);
  const text = birdConfig(edge.microsoft, '/run/z');
  for (const re of [/^router id 10\.99\.0\.2;$/m, /export where source = RTS_BGP; \}; merge paths on; \}/, /route 10\.20\.0\.0\/16 blackhole;/, /protocol bgp fr_primary \{/, /local 10\.99\.0\.2 as 12076;/,
    /neighbor 10\.99\.0\.1 as 31898;/, /hold time 180; keepalive time 60;/, /graceful restart off;/, /bfd on;/, /receive limit 4000 action disable;/, /interface "pri", "sec" \{ min rx interval 300 ms;/]) {
    assert.match(text, re);
  }
  const bird = findTool('bird');
  if (bird === undefined) {
    t.skip('skipped: bird not found (apt-get install bird2): the parser check');
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'fr-bird-parse-'));
  try {
    writeFileSync(path.join(dir, 'bird.conf'), birdConfig(edge.microsoft, dir));
    execFileSync(bird, ['-p', '-c', path.join(dir, 'bird.conf')], { stdio: 'pipe' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('FRR accepts its configurations (bgpd --dryrun, as root with frr installed)', { skip: process.getuid?.() !== 0 ? 'skipped: bgpd --dryrun drops privileges to frr, which needs root' : frrUser() === undefined ? 'skipped: FRR not installed (apt-get install frr)' : false }, async () => {
  const { engine } = await labEngine(TUTORIAL);
  await startDrill(engine, { kind: 'as-path-prepend', path: 'primary', count: 1 });
  await startDrill(engine, { kind: 'bgp-reset', path: 'secondary' });
  await startDrill(engine, { kind: 'prefix-flood', count: 20 });
  const [edge] = await edgesOf(engine);
  assert.ok(edge?.oracle.neighbors[1]?.shutdown !== undefined, 'a neighbor shut down is in the check too');
  assert.ok((edge?.oracle.flood ?? []).length > 0, 'and the flood\'s lines');
  assert.ok(edge);
  const owner = frrUser();
  for (const s of [edge.oracle, edge.microsoft]) {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-frr-parse-'));
    try {
      if (owner) chownSync(dir, owner.uid, owner.gid);
      const files = frrConfig(s, dir);
      writeFileSync(path.join(dir, 'bgpd.conf'), files.bgpd);
      const run = spawnSync(path.join(frrDir(), 'bgpd'), ['--dryrun', '-f', path.join(dir, 'bgpd.conf'), '-z', path.join(dir, 'zserv.api'), '--vty_socket', dir, '-P', '0', '-i', path.join(dir, 'bgpd.pid')], { encoding: 'utf8', timeout: 10_000 });
      // bgpd exits 0 even on a bad line: it logs "No such command on config line N" ([EC …]) and drops the line.
      assert.equal(run.status, 0, run.stderr);
      assert.doesNotMatch(`${run.stdout}${run.stderr}`, /No such command|Unknown command|\[EC \d+\]/, `${s.side}: ${run.stderr}\n${files.bgpd}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

void test('the daemons\' own output reads as sessions, learned routes with their AS paths, and kernel routes', () => {
  const neighbors = [{ path: 'primary' as const, peerIp: '10.99.0.2' }, { path: 'secondary' as const, peerIp: '10.99.0.6' }];
  assert.deepEqual(frrSessions(fixture('frr-summary.json'), { neighbors }).map((s) => [s.path, s.state, s.established, s.prefixesReceived]), [['primary', 'Established', true, 1], ['secondary', 'Established', true, 1]]);
  assert.deepEqual(frrSessions('{"peers":{}}', { neighbors }).map((s) => s.established), [false, false], 'a peer FRR does not list is not up');
  assert.deepEqual(frrLearned(fixture('frr-table.json')), [
    { prefix: '10.20.0.0/16', asPath: [12076], via: '10.99.0.2', best: true },
    { prefix: '10.20.0.0/16', asPath: [12076], via: '10.99.0.6', best: false },
  ], 'what FRR originates itself (next hop 0.0.0.0) is not learned');
  const birdNeighbors = [{ path: 'primary' as const, peerIp: '10.99.0.1' }, { path: 'secondary' as const, peerIp: '10.99.0.5', shutdown: 'x' }];
  assert.deepEqual(birdSessions(fixture('bird-protocols.txt'), { neighbors: birdNeighbors }).map((s) => [s.path, s.state, s.established, s.prefixesReceived, s.shutdown]), [['primary', 'Established', true, 1, undefined], ['secondary', 'Established', true, 1, 'x']]);
  assert.deepEqual(birdLearned(fixture('bird-routes.txt')), [
    { prefix: '10.10.10.0/24', asPath: [31898], via: '10.99.0.1', best: true },
    { prefix: '10.10.10.0/24', asPath: [31898], via: '10.99.0.5', best: false },
  ], 'the static announcements are not learned');
  assert.deepEqual(frrLearnedText(fixture('frr-table.txt')), [
    { prefix: '100.64.0.0/27', asPath: [65010, 64512], via: '192.168.100.1', best: true },
    { prefix: '100.64.0.0/27', asPath: [65010, 64512], via: '192.168.100.5', best: false },
    { prefix: '100.64.100.128/27', asPath: [65010, 64816], via: '192.168.100.1', best: true },
    { prefix: '100.64.100.128/27', asPath: [65010, 64816], via: '192.168.100.5', best: false },
  ], 'the text table (the live views\' fast read): another path below its prefix, a long network on its own line, nothing originated');
  const limited = 'fr_primary BGP        ---        down   23:45:43.938  Automatic shutdown: Route limit exceeded\n  BGP state:          Down\n';
  assert.equal(birdSessions(limited, { neighbors: birdNeighbors.slice(0, 1) })[0]?.state, 'Idle (Automatic shutdown: Route limit exceeded)', 'BIRD\'s own shutdown reads as Idle, in the FSM\'s words');
  assert.deepEqual(kernelRoutes(fixture('ip-route-bgp.json'), 'bgp'), [{ prefix: '10.20.0.0/16', proto: 'bgp', via: ['10.99.0.2', '10.99.0.6'] }]);
  assert.deepEqual(kernelRoutes('', 'bird'), []);
});

void test('the setting: BGP on the wire is off by default; dataplaneBgp and dataplaneMsee turn it on from a file, the environment or a flag', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'fr-bgp-config-'));
  try {
    const defaults = loadConfig({ cwd, env: {} });
    assert.deepEqual([defaults.dataplaneBgp, defaults.dataplaneMsee], [false, 'frr']);
    writeFileSync(path.join(cwd, 'fastroute.config.yaml'), 'dataplane: true\ndataplaneBgp: true\n');
    const fromFile = loadConfig({ cwd, env: { FASTROUTE_DATAPLANE_MSEE: 'bird' } });
    assert.deepEqual([fromFile.dataplane, fromFile.dataplaneBgp, fromFile.dataplaneMsee], [true, true, 'bird']);
    assert.equal(loadConfig({ cwd, env: {}, flags: { dataplaneMsee: 'frr' } }).dataplaneMsee, 'frr');
    assert.throws(() => loadConfig({ cwd, env: { FASTROUTE_DATAPLANE_MSEE: 'gobgp' } }), /dataplaneMsee[\s\S]*FASTROUTE_DATAPLANE_MSEE/);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});
