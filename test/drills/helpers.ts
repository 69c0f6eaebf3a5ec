// The tutorial lab on a fresh engine (in memory, or on a file store for restart tests), and the
// snapshot a drill must restore exactly: the interconnect's route view and the traces both ways.
import { readFileSync } from 'node:fs';
import { Engine } from '../../src/engine/engine.ts';
import { openStore } from '../../src/store/open.ts';
import { upLab } from '../../src/engine/lab-runner.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { trace } from '../../src/trace/trace.ts';
import type { TraceRequest, TraceResult } from '../../src/trace/types.ts';
import { Routing } from '../../src/routing/routing.ts';
import { routeView } from '../../src/drills/drills.ts';
import type { RouteView } from '../../src/drills/types.ts';

export const TUTORIAL = 'labs/tutorial.yaml';

export async function tutorialEngine(dataDir?: string): Promise<Engine> {
  const engine = await Engine.open({ store: await openStore(dataDir === undefined ? { inMemory: true } : { dataDir }) });
  const report = await upLab(engine, parseLab(readFileSync(TUTORIAL, 'utf8'), TUTORIAL));
  if (report.incomplete.length > 0) throw new Error(`tutorial lab incomplete: ${JSON.stringify(report.incomplete)}`);
  return engine;
}

export const vcIdOf = (engine: Engine): string => {
  const [vc] = engine.world.list('oci.VirtualCircuit');
  if (!vc) throw new Error('no virtual circuit');
  return vc.id;
};

export const OCI_TO_AZURE: TraceRequest = { from: 'vm-oci', to: 'vm-azure', protocol: 'icmp' };
export const AZURE_TO_OCI: TraceRequest = { from: 'vm-azure', to: 'vm-oci', protocol: 'icmp' };
const FLOWS: TraceRequest[] = [OCI_TO_AZURE, AZURE_TO_OCI, { ...OCI_TO_AZURE, protocol: 'tcp', port: 22 }, { ...AZURE_TO_OCI, protocol: 'tcp', port: 22 }];

export function traceNow(engine: Engine, req: TraceRequest): Promise<TraceResult> {
  return engine.read(() => trace(engine.routing, req));
}

export interface Snapshot { view: RouteView; traces: TraceResult[] }

/** The interconnect's routes and the tutorial's four flows, from the engine's incremental routing. */
export async function snapshot(engine: Engine): Promise<Snapshot> {
  const vcId = vcIdOf(engine);
  return engine.read(() => ({ view: routeView(engine.routing, vcId), traces: FLOWS.map((f) => trace(engine.routing, f)) }));
}

/** The same answers computed from scratch over the committed world (no memo): incremental must agree. */
export async function freshSnapshot(engine: Engine): Promise<Snapshot> {
  const vcId = vcIdOf(engine);
  return engine.read((view) => {
    const r = new Routing(view);
    return { view: routeView(r, vcId), traces: FLOWS.map((f) => trace(r, f)) };
  });
}
