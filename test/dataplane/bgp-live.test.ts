// The clouds' views from the daemons (no root needed): the daemons' output captured with the
// tutorial's primary link cut silently (frames dropped) under test timers 1/3, FRR on Oracle's edge
// and BIRD on Microsoft's, becomes the live snapshot (primary down in the daemons' own words,
// secondary Established with the route as BIRD holds it, the MSEE's ARP); installed on a tutorial
// engine whose own computation says both sessions are up, every view says what the daemons say, and
// says the engine's again once the source is gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { labEngine } from '../helpers/lab.ts';
import { birdLearned, birdSessions, frrLearned, frrSessions, type BgpStatus, type LiveSpeaker } from '../../src/dataplane/bgp-status.ts';
import { liveFingerprint, liveInterconnects, parseLinkMacs, parseNeighbors } from '../../src/dataplane/bgp-live.ts';
import { setLiveSessions, type LiveInterconnect } from '../../src/routing/interconnect/live-sessions.ts';
import { interconnectSessionState } from '../../src/routing/interconnect/session-state.ts';
import { circuitArpTable, circuitRouteTable, circuitRouteTableSummary } from '../../src/routing/diagnostics/index.ts';

const TUTORIAL = path.join(import.meta.dirname, '../../labs/tutorial.yaml');
const fixture = (dir: string, name: string): string => readFileSync(path.join(import.meta.dirname, 'fixtures', dir, name), 'utf8');
const VC = 'vc-test';
const MSEE_NS = 'fr1-msee';

function speaker(side: LiveSpeaker['side'], sessions: LiveSpeaker['sessions'], learned: LiveSpeaker['learned'], ns: string): LiveSpeaker {
  return { virtualCircuitId: VC, side, daemon: side === 'oracle' ? 'frr' : 'bird', ns, asn: 0, peerAsn: 0, bfd: false, control: '', daemons: [], expect: [], sessions, learned, kernelRoutes: [] };
}

/** The captured cut: Oracle's FRR summary, BIRD's protocols and routes, the MSEE's neighbours and links. */
function cutSnapshot(readAt: Date): Map<string, LiveInterconnect> {
  const oracle = speaker('oracle', frrSessions(fixture('bgp-live', 'cut-frr-summary.json'), { neighbors: [{ path: 'primary', peerIp: '10.99.0.2' }, { path: 'secondary', peerIp: '10.99.0.6' }] }),
    // Oracle's table as captured before the cut (the cut's own table was not captured): both links.
    frrLearned(fixture('bgp', 'frr-table.json')), 'fr1-oedge');
  const msee = speaker('microsoft', birdSessions(fixture('bgp-live', 'cut-bird-protocols.txt'), { neighbors: [{ path: 'primary', peerIp: '10.99.0.1' }, { path: 'secondary', peerIp: '10.99.0.5' }] }),
    birdLearned(fixture('bgp-live', 'cut-bird-routes.txt')), MSEE_NS);
  const status: BgpStatus = { source: 'daemons', msee: 'bird', speakers: [oracle, msee] };
  const layer = { neighbors: parseNeighbors(fixture('bgp-live', 'cut-neigh.json')), macs: parseLinkMacs(fixture('bgp-live', 'up-link.json')) };
  return liveInterconnects(status, new Map([[MSEE_NS, layer]]), readAt);
}

void test('the daemons\' output with the primary cut becomes a snapshot: primary down in their words, secondary up with BIRD\'s route, the MSEE\'s ARP', () => {
  const readAt = new Date('2026-12-07T21:49:20.000Z');
  const ic = cutSnapshot(readAt).get(VC);
  assert.ok(ic);
  const [primary, secondary] = ic.links;
  assert.equal(primary?.established, false);
  assert.equal(primary?.oracleState, 'Connect');
  assert.match(primary?.microsoftState ?? '', /^Connect\b.*Hold timer expired/);
  assert.deepEqual(primary?.toAzure, [], 'BIRD dropped what the primary carried');
  // FRR's peerUptimeMsec (3000: down for 3 s) dates the state.
  assert.equal(primary?.since, '2026-12-07T21:49:17.000Z');
  assert.equal(secondary?.established, true);
  assert.deepEqual(secondary?.toAzure, [{ prefix: '10.10.10.0/24', asPath: [31898], nextHop: '10.99.0.5' }]);
  assert.deepEqual(secondary?.toOci, [{ prefix: '10.20.0.0/16', asPath: [12076], nextHop: '10.99.0.6' }]);
  assert.deepEqual(primary?.arp, { oracle: { ip: '10.99.0.1', mac: 'b6:35:42:81:b4:fd', ageSeconds: 5 }, microsoft: { ip: '10.99.0.2', mac: 'ee:62:ea:21:0e:d6' } });
  // Time passing alone changes nothing a view shows.
  assert.equal(liveFingerprint(cutSnapshot(new Date(readAt.getTime() + 60_000)).get(VC)), liveFingerprint(ic));
});

void test('an unresolved neighbour has no MAC (Azure\'s "Incomplete")', () => {
  const rows = parseNeighbors('[{"dst":"10.99.0.1","dev":"pri","state":["FAILED"]},{"dst":"10.99.0.5","dev":"sec","lladdr":"f6:3b:2c:9a:fb:19","state":["STALE"]}]');
  assert.deepEqual(rows.map((r) => r.lladdr), [undefined, 'f6:3b:2c:9a:fb:19']);
  assert.deepEqual(parseNeighbors(''), []);
});

void test('with the live source on a tutorial engine, the session state and the circuit\'s tables are the daemons\'; without it, the engine\'s again', async () => {
  const { engine } = await labEngine(TUTORIAL);
  try {
    const r = engine.routing;
    const { vcId, circuitId } = await engine.read((view) => ({ vcId: view.list('oci.VirtualCircuit')[0]?.id ?? '', circuitId: view.list('azure.ExpressRouteCircuit')[0]?.id ?? '' }));
    const before = interconnectSessionState(r, vcId);
    assert.deepEqual([before.source, ...before.links.map((l) => l.state)], ['engine', 'UP', 'UP']);

    const snapshot = cutSnapshot(new Date()).get(VC);
    assert.ok(snapshot);
    setLiveSessions(r, { interconnect: (id) => (id === vcId ? snapshot : undefined), virtualCircuitIds: () => [vcId] });
    const live = interconnectSessionState(r, vcId);
    assert.equal(live.source, 'daemons');
    assert.deepEqual(live.links.map((l) => l.state), ['DOWN', 'UP'], 'the memoised engine answer was dropped');
    assert.equal(live.bgpSessionState, 'UP');
    assert.equal(live.redundancy, 'NOT_MET_SLA');
    assert.match(live.links[0]?.reason ?? '', /daemons say Connect/);

    const summary = (p: 'primary' | 'secondary') => circuitRouteTableSummary(r, circuitId, p, { now: Date.now() }).value[0]?.statePfxRcd;
    assert.equal(summary('primary'), 'Connect');
    assert.equal(summary('secondary'), '1');
    const oracleRows = (p: 'primary' | 'secondary') => circuitRouteTable(r, circuitId, p).value.filter((x) => x.path.startsWith('31898')).map((x) => `${x.network} ${x.nextHop} ${x.path}`);
    assert.deepEqual(oracleRows('primary'), []);
    assert.deepEqual(oracleRows('secondary'), ['10.10.10.0/24 10.99.0.5 31898']);
    assert.deepEqual(circuitArpTable(r, circuitId, 'primary').value.map((x) => [x.interface, x.ipAddress, x.macAddress]), [['On-Prem', '10.99.0.1', 'b635.4281.b4fd'], ['Microsoft', '10.99.0.2', 'ee62.ea21.0ed6']]);

    setLiveSessions(r, undefined);
    const after = interconnectSessionState(r, vcId);
    assert.deepEqual([after.source, ...after.links.map((l) => l.state)], ['engine', 'UP', 'UP']);
    assert.equal(summary('primary'), '1');
  } finally {
    await engine.close();
  }
});
