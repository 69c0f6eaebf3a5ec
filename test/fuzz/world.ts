// A cheap mark of everything a request could change: the world's entities (copy-on-write, so an
// unchanged entity is the same object; comparing references costs no serialisation) and the clock.
import type { Engine } from '../../src/engine/engine.ts';

export interface WorldMark {
  entities: Map<string, unknown>;
  clock: string;
}

export function markWorld(engine: Engine): WorldMark {
  const entities = new Map<string, unknown>();
  for (const kind of engine.world.kinds()) for (const [key, value] of engine.world.table(kind)) entities.set(`${kind} ${key}`, value);
  const { mode, scale } = engine.clockStatus();
  return { entities, clock: `${mode} ${scale}` };
}

/** What differs between two marks (empty: nothing changed). */
export function worldChanges(a: WorldMark, b: WorldMark): string[] {
  const out: string[] = [];
  if (a.clock !== b.clock) out.push(`clock ${a.clock} → ${b.clock}`);
  for (const [key, value] of a.entities) if (b.entities.get(key) !== value) out.push(b.entities.has(key) ? `changed ${key}` : `deleted ${key}`);
  for (const key of b.entities.keys()) if (!a.entities.has(key)) out.push(`created ${key}`);
  return out;
}
