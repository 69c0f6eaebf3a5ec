// dataplane-bgp-failover-bfd-s and dataplane-bgp-recovery-s: labs/tutorial.yaml with BFD on the
// virtual circuit, made real with BGP on the wire (BFD 100 ms × 3 at both ends, default 60/180
// timers, connect retry 2 s), the secondary prepended once so the primary carries the traffic. Each
// cycle cuts the primary silently (link-down drill: frames dropped, carrier up) under a ping stream
// from vm-oci to vm-azure every 20 ms, and takes the longest time without a reply (`ping -D -O`
// timestamps) as the outage; then stops the drill and times how long until both edges' kernels route
// over the primary again (`ip -j route`, polled every 20 ms). FRR on Microsoft's edge is the figure;
// BIRD's is in the details. Targets: outage ≤ 0.4 s (reference/dataplane.md §5.4 measured 0.32-0.35 s),
// recovery < 2 s (§5.4: 1.65 s). Needs root, frr (and bird2 for the second set).
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseLab } from '../../src/lab/parse.ts';
import { Dataplane } from '../../src/dataplane/service.ts';
import { upLab } from '../../src/engine/lab-runner.ts';
import { startDrill, stopDrill } from '../../src/engine/drill-runner.ts';
import { bgpMisses } from '../../src/dataplane/bgp-daemons.ts';
import { bgpConverged } from '../../src/dataplane/bgp-status.ts';
import { kernelVia, msUntil, pingStream, replyGap } from '../../src/dataplane/failover-watch.ts';
import type { BgpDaemon } from '../../src/dataplane/bgp-model.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { caseResult, SkipCase, type CaseSpec } from '../result.ts';
import { withEngine } from '../lab-up.ts';
import type { BenchCase } from './case.ts';

const LAB_FILE = new URL('../../labs/tutorial.yaml', import.meta.url);
const OUTAGE: CaseSpec = { name: 'dataplane-bgp-failover-bfd-s', unit: 's', targetBelow: 0.4 };
const RECOVERY: CaseSpec = { name: 'dataplane-bgp-recovery-s', unit: 's', targetBelow: 2 };
const CYCLES = 5;
const BOUND_MS = 30_000;
const PRIMARY = { oracle: '10.99.0.2', msee: '10.99.0.1' };

interface Cycle { outageS: number; lost: number; recoveryS: number }

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

async function cycles(engine: Engine, msee: BgpDaemon): Promise<Cycle[]> {
  const dataplane = new Dataplane(engine, undefined);
  try {
    await dataplane.up({ bgp: { msee, mseeBfd: true, bfdIntervalMs: 100, bfdMultiplier: 3 } });
    const converged = await msUntil(async () => {
      const s = await dataplane.statusWithLinks();
      return s.bgp !== undefined && bgpConverged(s.bgp);
    }, BOUND_MS, 100);
    if (converged === undefined) throw new Error(`BGP did not converge within ${BOUND_MS / 1000} s (${msee})`);
    const status = await dataplane.statusWithLinks();
    const ns = (pick: (n: (typeof status.namespaces)[number]) => boolean): string => status.namespaces.find(pick)?.name ?? '';
    const oracle = ns((n) => n.role === 'oracle-edge');
    const mseeNs = ns((n) => n.role === 'msee');
    const vm = ns((n) => n.role === 'vm' && n.resourceName === 'vm-oci');
    const onPrimary = async (): Promise<boolean> => (await kernelVia(oracle, '10.20.0.0/16')).join() === PRIMARY.oracle && (await kernelVia(mseeNs, '10.10.10.0/24')).join() === PRIMARY.msee;
    if ((await msUntil(onPrimary, BOUND_MS)) === undefined) throw new Error('the primary did not become the only best path');
    const out: Cycle[] = [];
    for (let i = 0; i < CYCLES; i++) {
      // BFD sessions up again after the previous cycle before cutting (FRR needs a moment after BGP).
      await sleep(1500);
      const stream = pingStream(vm, '10.20.10.10', 150, 0.02);
      await sleep(1000);
      const cut = await startDrill(engine, { kind: 'link-down', path: 'primary' });
      await dataplane.followDrills();
      const gap = replyGap(await stream);
      if (!gap.endsAnswered) throw new Error(`no traffic over the secondary after the cut (${msee}): ${JSON.stringify(gap)}`);
      const t0 = performance.now();
      await stopDrill(engine, cut.id);
      await dataplane.followDrills();
      const back = await msUntil(onPrimary, BOUND_MS);
      if (back === undefined) throw new Error(`the primary did not come back within ${BOUND_MS / 1000} s (${msee})`);
      out.push({ outageS: round3(gap.longestGapS), lost: gap.lostInGap, recoveryS: round3((performance.now() - t0) / 1000) });
    }
    return out;
  } finally {
    await dataplane.down();
    await dataplane.close();
  }
}

export const dataplaneBgpFailoverCase: BenchCase = {
  specs: [OUTAGE, RECOVERY],
  async run() {
    if (process.getuid?.() !== 0) throw new SkipCase('the data plane needs root');
    const misses = bgpMisses(['frr']);
    if (misses.length > 0) throw new SkipCase(`${misses.map((m) => m.what).join(', ')} not found (apt-get install frr)`);
    const withBird = bgpMisses(['bird']).length === 0;
    // The virtual circuit's isBfdEnabled: Oracle's side runs BFD only then.
    const text = readFileSync(LAB_FILE, 'utf8').replace(/^(\s+)name: vc-azure\n/m, (line, indent: string) => `${line}${indent}bfd: true\n`);
    const lab = parseLab(text, 'labs/tutorial.yaml (bfd: true)');
    return withEngine('memory', async (engine) => {
      await upLab(engine, lab);
      // Active before each `up`: the daemons start with the secondary prepended.
      await startDrill(engine, { kind: 'as-path-prepend', path: 'secondary', count: 1 });
      const frr = await cycles(engine, 'frr');
      const bird = withBird ? await cycles(engine, 'bird') : [];
      const timers = 'BFD 100 ms x 3 both ends, keepalive 60 / hold 180, connect retry 2 s; ping every 20 ms';
      const birdDetails = (pick: (c: Cycle) => number) => (withBird ? { mseeBird: bird.map(pick) } : { mseeBird: 'skipped: bird2 not installed' });
      return [
        caseResult(OUTAGE, frr.map((c) => c.outageS), { lostProbes: frr.map((c) => c.lost), ...birdDetails((c) => c.outageS), timers }),
        caseResult(RECOVERY, frr.map((c) => c.recoveryS), { ...birdDetails((c) => c.recoveryS), timers }),
      ];
    });
  },
};
