// Which links carry a delay and how it is made, without root: the tutorial's interconnect links get
// their region pair's latency from the dated table (half the RTT each way, for every peering location),
// no other link does; the table covers every supported pair with a dated, linked source; the mechanism
// follows what the machine has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { labEngine } from '../helpers/lab.ts';
import { compileDataplane } from '../../src/dataplane/compile.ts';
import { linksBatch } from '../../src/dataplane/batch.ts';
import { chooseDelayMechanism, delayedLinks, netemScript } from '../../src/dataplane/link-delay.ts';
import { INTERCONNECT_LATENCY, latencyForPeeringLocation } from '../../src/model/interconnect/latency.ts';
import { DEFAULT_REGION_PAIRS } from '../../src/model/interconnect/region-pairs.ts';

const TUTORIAL = path.join(import.meta.dirname, '../../labs/tutorial.yaml');

void test('the tutorial\'s two interconnect links carry Ashburn ⇄ Washington DC\'s latency, half each way; no other link is delayed', async () => {
  const { engine } = await labEngine(TUTORIAL);
  try {
    const plan = await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' }));
    const delayed = delayedLinks(plan);
    assert.deepEqual(delayed.map((l) => [l.kind, l.a.dev, l.delay]), [
      ['interconnect-primary', 'pri', { oneWayUs: 1000, rttMs: 2, pair: 'us-ashburn-1 ⇄ Washington DC ⇄ eastus', confirmed: true }],
      ['interconnect-secondary', 'sec', { oneWayUs: 1000, rttMs: 2, pair: 'us-ashburn-1 ⇄ Washington DC ⇄ eastus', confirmed: true }],
    ]);
    assert.equal(plan.links.filter((l) => l.delay !== undefined).length, 2);
    // A userspace link's ends are TAP devices its helper creates: the veth batch leaves them out.
    const veth = linksBatch(plan, (l) => !delayed.includes(l));
    assert.doesNotMatch(veth, /link add (pri|sec) /);
    assert.equal(veth.trim().split('\n').length, plan.links.length - 2);
    assert.match(netemScript('/usr/sbin/tc', delayed), /^'\/usr\/sbin\/tc' -n frab12-oedge-vc-azure qdisc add dev pri root netem delay 1000us$/m);
    assert.equal(netemScript('tc', delayed).trim().split('\n').length, 4, 'netem on both ends of both links: each end delays its own direction');
  } finally {
    await engine.close();
  }
});

void test('the latency table is dated and covers every supported region pair, each figure with a dated, linked source; unconfirmed figures say so', () => {
  assert.match(INTERCONNECT_LATENCY.date, /^\d{4}-\d{2}-\d{2}$/);
  for (const pair of DEFAULT_REGION_PAIRS.pairs) {
    for (const location of pair.peeringLocations) {
      const found = latencyForPeeringLocation(location);
      assert.equal(found?.pair.ociRegion, pair.ociRegion, `${location} has a latency`);
      assert.ok((found?.latency.rttMs ?? 0) > 0);
    }
  }
  // No row for a pair the catalogue dropped, and one row per pair.
  assert.deepEqual(INTERCONNECT_LATENCY.entries.map((e) => e.ociRegion).sort(), DEFAULT_REGION_PAIRS.pairs.map((p) => p.ociRegion).sort());
  for (const e of INTERCONNECT_LATENCY.entries) {
    assert.match(e.source, /https:\/\/\S+/, `${e.ociRegion}: the source links where the figure (or its derivation) comes from`);
    assert.match(e.source, /\d{4}-\d{2}-\d{2}/, `${e.ociRegion}: the source is dated`);
    // Derived rows say so; a figure marked confirmed names who stated it, not a derivation.
    assert.equal(e.source.startsWith('[U] derived'), !e.confirmed, `${e.ociRegion}: confirmed=${e.confirmed} matches its source`);
  }
  assert.equal(latencyForPeeringLocation('washington dc')?.latency.confirmed, true, 'peering locations match case-insensitively, as ARM names do');
  assert.equal(latencyForPeeringLocation('Tokyo')?.latency.confirmed, false);
  assert.equal(latencyForPeeringLocation('Nowhere'), undefined);
});

void test('every peering location\'s circuit delays both interconnect links by half its pair\'s RTT each way', async () => {
  for (const pair of DEFAULT_REGION_PAIRS.pairs) {
    for (const location of pair.peeringLocations) {
      // The tutorial as written is Washington DC; every other location is a variant of it.
      const { engine } = await labEngine(TUTORIAL, location === 'Washington DC' ? undefined : (text) => text
        .replace('region: us-ashburn-1', `region: ${pair.ociRegion}`)
        .replace('location: eastus', `location: ${pair.azureRegion}`)
        .replace('peeringLocation: Washington DC', `peeringLocation: ${location}`));
      try {
        const plan = await engine.read(() => compileDataplane(engine.routing, { runId: 'ab12' }));
        const rttMs = latencyForPeeringLocation(location)?.latency.rttMs ?? 0;
        assert.deepEqual(delayedLinks(plan).map((l) => [l.kind, l.delay?.oneWayUs, l.delay?.rttMs, l.delay?.pair]), [
          ['interconnect-primary', rttMs * 500, rttMs, `${pair.ociRegion} ⇄ ${location} ⇄ ${pair.azureRegion}`],
          ['interconnect-secondary', rttMs * 500, rttMs, `${pair.ociRegion} ⇄ ${location} ⇄ ${pair.azureRegion}`],
        ], location);
      } finally {
        await engine.close();
      }
    }
  }
  // Campinas carries its own published figure, not the 2 ms class bound the derived pairs share.
  assert.equal(latencyForPeeringLocation('Campinas')?.latency.rttMs, 1.6);
});

void test('the delay mechanism: netem when the kernel has it, else the userspace link when it is built, else none with the fix', () => {
  assert.equal(chooseDelayMechanism(true, '/x/fr-linkemu').mechanism, 'netem');
  assert.equal(chooseDelayMechanism(false, '/x/fr-linkemu').mechanism, 'userspace-link');
  const none = chooseDelayMechanism(false, undefined);
  assert.equal(none.mechanism, 'none');
  assert.match(none.why, /apt-get install gcc/);
});
