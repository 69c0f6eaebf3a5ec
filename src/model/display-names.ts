// The display names of the ids an answer mentions, so a reader sees "drg-oci" where the answer
// says ocid1.drg.oc1.iad.aaaa…. Answers keep their ids (scripts and `--json` need them) and carry
// this id → name map beside them; the CLI substitutes the names when it prints (`--ids` keeps the ids).
// OCIDs name nothing by themselves, so they are looked up in the world; an ARM id ends with its
// resource's name (and its parents' for a child resource), so it is named from its own segments.
import { ALL_KINDS } from './kinds.ts';
import type { Kind, ReadView } from './world.ts';

/** Id (OCID or ARM id) → display name, for the ids that occur in one answer. */
export type DisplayNames = Record<string, string>;

const OCID = /ocid1\.[a-z0-9]+\.[a-z0-9]+\.[a-z0-9-]*\.[a-z0-9]+/g;
// Subscription, resource group, then provider type/name pairs. Parentheses and trailing dots are
// left out: in prose they close a clause or a sentence.
const ARM_ID = /\/subscriptions\/[^/\s]+\/resourceGroups\/[\w.-]+(?:\/providers\/[\w.]+(?:\/[\w.-]+\/[\w.-]+)+)?/gi;

const OCI_KINDS = ALL_KINDS.filter((k): k is Kind & `oci.${string}` => k.startsWith('oci.'));

function ociName(view: ReadView, id: string): string | undefined {
  for (const kind of OCI_KINDS) {
    const e = view.get(kind, id) as { displayName?: unknown; destination?: unknown } | undefined;
    if (e === undefined) continue;
    if (typeof e.displayName === 'string' && e.displayName !== '') return e.displayName;
    // A DRG route rule has no display name in OCI; its destination is how the console lists it.
    if (typeof e.destination === 'string') return `rule ${e.destination}`;
    return undefined;
  }
  return undefined;
}

/** "vnet-azure/GatewaySubnet" for a subnet's id, "ergw" for a gateway's, "rg-x" for a resource group's. */
export function armName(id: string): string {
  const parts = id.split('/');
  const providers = parts.findIndex((p) => p.toLowerCase() === 'providers');
  if (providers < 0) return parts.at(-1) ?? id;
  return parts.slice(providers + 2).filter((_, i) => i % 2 === 1).join('/');
}

function stripTrailingDots(id: string): string {
  return id.replace(/\.+$/, '');
}

/** The display names of every OCID and ARM id in `answer` (any JSON value) that has one. */
export function displayNamesIn(view: ReadView, answer: unknown): DisplayNames {
  const text = JSON.stringify(answer) ?? '';
  const names: DisplayNames = {};
  for (const id of new Set(text.match(OCID))) {
    const name = ociName(view, id);
    if (name !== undefined) names[id] = name;
  }
  for (const raw of new Set(text.match(ARM_ID))) {
    const id = stripTrailingDots(raw);
    const name = armName(id);
    if (name !== '') names[id] = name;
  }
  return names;
}
