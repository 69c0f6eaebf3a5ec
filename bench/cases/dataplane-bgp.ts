// dataplane-bgp-up-ms: labs/tutorial.yaml made real with BGP on the wire (FRR on both edges, the
// defaults: keepalive 60 / hold 180, BFD on Microsoft's side); each sample is the time from calling
// `up` until both sessions are Established and every prefix each side announces is in the other
// edge's kernel, installed by the daemon (proto bgp), polled every 50 ms through the status the API
// serves (the daemons asked live). The details split it: `up` itself (namespaces, links, routes,
// firewalls, and the daemons started) and the wait for convergence; and the same with BIRD on
// Microsoft's edge. Target < 8 s. Needs root and frr (bird2 for the second figure).
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseLab } from '../../src/lab/parse.ts';
import { Dataplane } from '../../src/dataplane/service.ts';
import { upLab } from '../../src/engine/lab-runner.ts';
import { bgpMisses } from '../../src/dataplane/bgp-daemons.ts';
import { bgpConverged } from '../../src/dataplane/bgp-status.ts';
import type { BgpDaemon } from '../../src/dataplane/bgp-model.ts';
import { caseResult, SkipCase, type CaseSpec } from '../result.ts';
import { withEngine } from '../lab-up.ts';
import type { BenchCase } from './case.ts';
import type { Engine } from '../../src/engine/engine.ts';

const LAB_FILE = new URL('../../labs/tutorial.yaml', import.meta.url);
const UP: CaseSpec = { name: 'dataplane-bgp-up-ms', unit: 'ms', targetBelow: 8000 };
const RUNS = 5;
const POLL_MS = 50;
const BOUND_MS = 60_000;

async function once(engine: Engine, msee: BgpDaemon): Promise<{ totalMs: number; upMs: number; bgpMs: number }> {
  const dataplane = new Dataplane(engine, undefined);
  try {
    const t0 = performance.now();
    const up = await dataplane.up({ bgp: { msee } });
    const upMs = performance.now() - t0;
    while (performance.now() - t0 < BOUND_MS) {
      const status = await dataplane.statusWithLinks();
      if (status.bgp !== undefined && bgpConverged(status.bgp)) return { totalMs: Math.round(performance.now() - t0), upMs: Math.round(upMs), bgpMs: up.timings.bgpMs ?? 0 };
      await sleep(POLL_MS);
    }
    throw new Error(`BGP did not converge within ${BOUND_MS / 1000} s (${msee} on Microsoft's edge)`);
  } finally {
    await dataplane.down();
    await dataplane.close();
  }
}

export const dataplaneBgpCase: BenchCase = {
  specs: [UP],
  async run() {
    if (process.getuid?.() !== 0) throw new SkipCase('the data plane needs root');
    const misses = bgpMisses(['frr']);
    if (misses.length > 0) throw new SkipCase(`${misses.map((m) => m.what).join(', ')} not found (apt-get install frr)`);
    const withBird = bgpMisses(['bird']).length === 0;
    const lab = parseLab(readFileSync(LAB_FILE, 'utf8'), 'labs/tutorial.yaml');
    return withEngine('memory', async (engine) => {
      await upLab(engine, lab);
      const frr: Awaited<ReturnType<typeof once>>[] = [];
      const bird: Awaited<ReturnType<typeof once>>[] = [];
      // Alternated, so both see the same load.
      for (let i = 0; i < RUNS; i++) {
        frr.push(await once(engine, 'frr'));
        if (withBird) bird.push(await once(engine, 'bird'));
      }
      return [caseResult(UP, frr.map((r) => r.totalMs), {
        upMs: frr.map((r) => r.upMs), daemonsStartMs: frr.map((r) => r.bgpMs),
        ...(withBird ? { mseeBirdTotalMs: bird.map((r) => r.totalMs), mseeBirdUpMs: bird.map((r) => r.upMs) } : { mseeBird: 'skipped: bird2 not installed' }),
        pollMs: POLL_MS, timers: 'keepalive 60 / hold 180, connect retry 2 s, BFD 300 ms x 3 on Microsoft\'s side',
      })];
    });
  },
};
