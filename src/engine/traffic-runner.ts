// The flows declared on a running engine (by labs brought up, and by POST /traffic) and their
// placement at an instant. Flows live with the engine process: a lab declares them again when it is
// brought up; flows posted through the API last until deleted or the server stops (docs/traffic.md).
import type { Engine } from './engine.ts';
import { placeTraffic } from '../traffic/place.ts';
import type { Placement, TrafficFlow } from '../traffic/types.ts';

/** A declared flow and the lab that declared it (absent: posted through the API). */
export interface DeclaredFlow extends TrafficFlow {
  lab?: string;
}

const declared = new WeakMap<Engine, Map<string, DeclaredFlow>>();
/** Bumped on every change to the flows, so a cached placement knows it is stale. */
const versions = new WeakMap<Engine, number>();

export function trafficVersion(engine: Engine): number {
  return versions.get(engine) ?? 0;
}

function changed(engine: Engine): void {
  versions.set(engine, trafficVersion(engine) + 1);
  engine.events.emit('traffic');
}

function table(engine: Engine): Map<string, DeclaredFlow> {
  let t = declared.get(engine);
  if (!t) declared.set(engine, (t = new Map<string, DeclaredFlow>()));
  return t;
}

export function trafficFlows(engine: Engine): DeclaredFlow[] {
  return [...table(engine).values()];
}

/** Adds or replaces flows by name; `replace` drops every flow first. */
export function declareTraffic(engine: Engine, flows: readonly TrafficFlow[], opts: { lab?: string; replace?: boolean } = {}): DeclaredFlow[] {
  const t = table(engine);
  if (opts.replace === true) t.clear();
  for (const f of flows) t.set(f.name, opts.lab === undefined ? { ...f } : { ...f, lab: opts.lab });
  changed(engine);
  return trafficFlows(engine);
}

/** Removes one flow by name (false: none), or all (a name undefined). */
export function removeTraffic(engine: Engine, name?: string): string[] {
  const t = table(engine);
  if (name === undefined) {
    const all = [...t.keys()];
    t.clear();
    changed(engine);
    return all;
  }
  changed(engine);
  return t.delete(name) ? [name] : [];
}

/** The flows a lab declared go with it. */
export function removeLabTraffic(engine: Engine, lab: string): void {
  const t = table(engine);
  for (const [name, f] of t) if (f.lab === lab) t.delete(name);
  changed(engine);
}

/** The placement of the declared flows now (engine clock), or at `at`; call inside engine.read or a Tx. */
export function placeDeclared(engine: Engine, at: number = engine.now()): Placement {
  return placeTraffic(engine.routing, trafficFlows(engine), at);
}

export function currentPlacement(engine: Engine, at?: number): Promise<Placement> {
  return engine.read(() => placeDeclared(engine, at));
}
