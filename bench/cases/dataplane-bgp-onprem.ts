// dataplane-bgp-onprem-100k: labs/onprem.yaml with its site's router as GoBGP and BGP on the wire;
// once converged, 100,000 prefixes (/27s of 100.64.0.0/10, varied AS paths) go into the site's GoBGP
// with `gobgp mrt inject global` (reference/dataplane.md §7). From the start of the injection, two
// times, polled every 50 ms: the daemon's own (the MSEE twin's BGP table holds all of them from the
// site on both links: FRR's pfxRcd, BIRD's "imported") and the engine's view (ARM's route table
// summary of both device paths, the site's row, as the live poller hands it to routing; the route
// table itself is checked once at the end). The figure is their ratio (target ≤ 1.5× the daemon's
// time). The MSEE's limit is lifted for it (`prefixLimit`: ExpressRoute takes 4,000 / 10,000).
// Needs root, frr and gobgpd (bird2 for BIRD on Microsoft's edge).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseLab } from '../../src/lab/parse.ts';
import { Dataplane } from '../../src/dataplane/service.ts';
import { upLab } from '../../src/engine/lab-runner.ts';
import { bgpMisses } from '../../src/dataplane/bgp-daemons.ts';
import { bgpConverged, type LiveSpeaker } from '../../src/dataplane/bgp-status.ts';
import type { BgpDaemon } from '../../src/dataplane/bgp-model.ts';
import { birdProtocolOf } from '../../src/dataplane/bgp-bird.ts';
import { circuitRouteTable, circuitRouteTableSummary } from '../../src/routing/diagnostics/circuit.ts';
import { findTool } from '../../src/dataplane/probe.ts';
import { runTool } from '../../src/dataplane/run.ts';
import type { DataplaneStatus } from '../../src/api/admin/contract.ts';
import { caseResult, SkipCase, skippedCase, type CaseSpec } from '../result.ts';
import { withEngine } from '../lab-up.ts';
import { mrtTable } from '../mrt.ts';
import type { BenchCase } from './case.ts';
import type { Engine } from '../../src/engine/engine.ts';

const LAB_FILE = new URL('../../labs/onprem.yaml', import.meta.url);
const RATIO: CaseSpec = { name: 'dataplane-bgp-onprem-100k-ratio', unit: 'x', targetBelow: 1.5 };
const RATIO_BIRD: CaseSpec = { name: 'dataplane-bgp-onprem-100k-ratio-bird', unit: 'x', targetBelow: 1.5 };
const COUNT = 100_000;
/** 100.64.0.0/10 as /27s: 131,072 fit; no lab uses it. */
const BASE = (100 << 24) | (64 << 16);
const LENGTH = 27;
const RUNS = Number(process.env.FASTROUTE_BENCH_ONPREM_RUNS ?? 2);
const POLL_MS = 50;
const BOUND_MS = 300_000;

interface Sample { daemonMs: number; armMs: number; injectMs: number; tableRows: number }

/** How many routes the MSEE's daemon holds from the site on each link, asked directly. */
async function heldFromSite(msee: LiveSpeaker, siteLabel: string): Promise<number[]> {
  const dir = /--vty_socket (\S+)|-s (\S+)\/bird\.ctl/.exec(msee.control);
  const sessions = msee.sessions.filter((x) => x.site === siteLabel);
  if (msee.daemon === 'frr') {
    const r = await runTool(findTool('vtysh') ?? 'vtysh', ['--vty_socket', dir?.[1] ?? '', '-c', 'show bgp ipv4 unicast summary json'], undefined, 5000);
    const peers = (JSON.parse(r.stdout || '{}') as { peers?: Record<string, { pfxRcd?: number }> }).peers ?? {};
    return sessions.map((x) => peers[x.peerIp]?.pfxRcd ?? 0);
  }
  const r = await runTool(findTool('birdc') ?? 'birdc', ['-s', `${dir?.[2] ?? ''}/bird.ctl`, 'show', 'protocols', 'all'], undefined, 5000);
  return sessions.map((x) => {
    const block = r.stdout.split(/\n(?=\S)/).find((b) => b.startsWith(`${birdProtocolOf({ path: x.path, site: siteLabel })} `)) ?? '';
    return Number(/Routes:\s+(\d+) imported/.exec(block)?.[1] ?? 0);
  });
}

async function until(what: string, t0: number, done: () => Promise<boolean>): Promise<number> {
  while (performance.now() - t0 < BOUND_MS) {
    if (await done()) return performance.now() - t0;
    await sleep(POLL_MS);
  }
  throw new Error(`${what}: not within ${BOUND_MS / 1000} s`);
}

async function once(engine: Engine, msee: BgpDaemon, mrtFile: string, circuitId: string): Promise<Sample> {
  const dataplane = new Dataplane(engine, undefined);
  try {
    await dataplane.up({ bgp: { msee, prefixLimit: 1_000_000 } });
    let status: DataplaneStatus | undefined;
    await until('converged', performance.now(), async () => (status = await dataplane.statusWithLinks()).bgp !== undefined && bgpConverged(status.bgp));
    const mseeSpeaker = status?.bgp?.speakers.find((s) => s.side === 'microsoft');
    const site = status?.bgp?.speakers.find((s) => s.side === 'onprem');
    const siteLabel = mseeSpeaker?.sessions.find((x) => x.site !== undefined)?.site;
    if (mseeSpeaker === undefined || site === undefined || siteLabel === undefined) throw new Error('no MSEE or site speaker');
    const before = await heldFromSite(mseeSpeaker, siteLabel);
    const target = (before[0] ?? 0) + COUNT;
    const t0 = performance.now();
    const inject = runTool(findTool('ip') ?? 'ip', ['netns', 'exec', site.ns, findTool('gobgp') ?? 'gobgp', '-u', '127.0.0.1', '-p', '50051', 'mrt', 'inject', 'global', '--nexthop', '0.0.0.0', mrtFile], undefined, BOUND_MS)
      .then((r) => {
        if (r.code !== 0) throw new Error(`gobgp mrt inject: ${r.stderr}`);
        return performance.now() - t0;
      });
    const summaryCounts = (): Promise<number[]> => engine.read(() => ['primary', 'secondary'].map((p) => Number(circuitRouteTableSummary(engine.routing, circuitId, p as 'primary').value.find((x) => x.neighbor !== undefined && x.as === site.asn)?.statePfxRcd ?? 0)));
    const [daemonMs, armMs, injectMs] = await Promise.all([
      until('the MSEE\'s daemon holds them all', t0, async () => (await heldFromSite(mseeSpeaker, siteLabel)).every((n) => n >= target)),
      until('the ARM route table summary shows them all', t0, async () => (await summaryCounts()).every((n) => n >= target)),
      inject,
    ]);
    const tableRows = await engine.read(() => circuitRouteTable(engine.routing, circuitId, 'primary').value.length);
    return { daemonMs: Math.round(daemonMs), armMs: Math.round(armMs), injectMs: Math.round(injectMs), tableRows };
  } finally {
    await dataplane.down();
    await dataplane.close();
  }
}

const ratios = (xs: readonly Sample[]): number[] => xs.map((x) => x.armMs / x.daemonMs);

export const dataplaneBgpOnpremCase: BenchCase = {
  specs: [RATIO, RATIO_BIRD],
  async run() {
    if (process.getuid?.() !== 0) throw new SkipCase('the data plane needs root');
    const misses = bgpMisses(['frr', 'gobgp']);
    if (misses.length > 0) throw new SkipCase(`${misses.map((m) => `${m.what} (${m.fix})`).join(', ')} not found`);
    const withBird = bgpMisses(['bird']).length === 0;
    const lab = parseLab(readFileSync(LAB_FILE, 'utf8').replace('router: frr ', 'router: gobgp '), 'labs/onprem.yaml');
    const dir = mkdtempSync(path.join(tmpdir(), 'fastroute-bench-mrt-'));
    try {
      const mrtFile = path.join(dir, 'rib100k.mrt');
      writeFileSync(mrtFile, mrtTable(COUNT, BASE, LENGTH));
      return await withEngine('memory', async (engine) => {
        await upLab(engine, lab);
        const circuitId = engine.routing.memo.list('azure.ExpressRouteCircuit')[0]?.id ?? '';
        const frr: Sample[] = [];
        const bird: Sample[] = [];
        for (let i = 0; i < RUNS; i++) {
          frr.push(await once(engine, 'frr', mrtFile, circuitId));
          if (withBird) bird.push(await once(engine, 'bird', mrtFile, circuitId));
        }
        const details = (xs: readonly Sample[]) => ({ daemonMs: xs.map((x) => x.daemonMs), armMs: xs.map((x) => x.armMs), injectMs: xs.map((x) => x.injectMs), tableRows: xs.map((x) => x.tableRows), armLagMs: xs.map((x) => x.armMs - x.daemonMs) });
        return [
          caseResult(RATIO, ratios(frr), { ...details(frr), prefixes: COUNT, pollMs: POLL_MS, reference: 'GoBGP → FRR 3.4 s (reference/dataplane.md §7)' }),
          withBird ? caseResult(RATIO_BIRD, ratios(bird), { ...details(bird), reference: 'GoBGP → BIRD 1.9 s' }) : skippedCase(RATIO_BIRD, 'bird2 not installed'),
        ];
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
