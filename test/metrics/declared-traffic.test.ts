// The declared-traffic provider's cache: samples re-place the flows only when the flows, the routing
// they read, or the engine minute changed (a sample runs on every commit), and what they serve is the
// placement's carried load per link and direction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labEngine } from '../helpers/lab.ts';
import { startDrill } from '../../src/engine/drill-runner.ts';
import { declareTraffic } from '../../src/engine/traffic-runner.ts';
import { DeclaredTrafficProvider } from '../../src/metrics/declared-traffic.ts';
import { MetricsSampler } from '../../src/metrics/sampler.ts';

void test('a sample re-places only on new flows, a routing change or a new minute', async () => {
  const { engine } = await labEngine('labs/tutorial.yaml');
  await engine.setClock('manual');
  const sampler = new MetricsSampler(engine);
  const provider = new DeclaredTrafficProvider(engine);
  try {
    sampler.setTrafficProvider(provider);
    declareTraffic(engine, [{ name: 'bulk', from: 'vm-oci', to: 'vm-azure', protocol: 'udp', port: 5001, mbps: 120 }], { replace: true });
    const vcId = (await engine.read((v) => v.list('oci.VirtualCircuit')))[0]?.id ?? '';
    const link = (path: 'primary' | 'secondary') => engine.read(() => provider.snapshot(engine.world, engine.routing, engine.now()).link(vcId, path, 'toAzure')?.bitsPerSecond);
    assert.deepEqual([await link('primary'), await link('secondary')], [60e6, 60e6]);
    const placed = provider.placements;
    for (let i = 0; i < 5; i++) await sampler.current();
    assert.equal(provider.placements, placed, 'the same flows, routing and minute: no new placement');

    await startDrill(engine, { kind: 'link-down', path: 'primary' });
    assert.deepEqual([await link('primary'), await link('secondary')], [undefined, 120e6], 'the drill changed routing: placed again');
    assert.equal(provider.placements, placed + 1);

    await engine.advance(60);
    await sampler.current();
    assert.equal(provider.placements, placed + 2, 'a new minute: placed again (a schedule follows the hour)');
  } finally {
    sampler.close();
  }
});
