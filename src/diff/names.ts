// Names for the ids of one world, so that two worlds (whose ids differ when brought up apart) are
// compared by what users call things.
import type { ReadView } from '../model/world.ts';
import { displayNamesIn } from '../model/display-names.ts';

export type Namer = (id: string) => string;

export function namer(view: ReadView): Namer {
  const cache = new Map<string, string>();
  return (id) => {
    let name = cache.get(id);
    if (name === undefined) cache.set(id, (name = displayNamesIn(view, id)[id] ?? id));
    return name;
  };
}

/** `text` with every id it names replaced by its display name. */
export function named(view: ReadView, text: string): string {
  const names = displayNamesIn(view, text);
  let out = text;
  for (const [id, name] of Object.entries(names)) out = out.split(id).join(name);
  return out;
}
