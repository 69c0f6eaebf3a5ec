// Pending transitions in words, for people: what a lab run is waiting for ("ExpressRoute gateway
// ergw: Updating, ~18 s at clock scale 0.01") and what the clock's pending timers are (after a
// `down`, mostly deleted OCI resources kept readable as TERMINATED for the SDKs' waiters).
import type { Timer } from '../model/timer.ts';
import { isKind } from '../model/kinds.ts';
import type { Kind, ReadView } from '../model/world.ts';
import { TERMINATED_RETENTION_S } from './delays.ts';

/** Timer actions whose target kind is implied rather than passed in the timer's params. */
const ACTION_KIND: Readonly<Record<string, Kind>> = {
  'interconnect.provider-accept': 'oci.VirtualCircuit',
  'interconnect.provisioned': 'oci.VirtualCircuit',
  'interconnect.deprovisioned': 'oci.VirtualCircuit',
  'azure.connection-connected': 'azure.Connection',
};

const KIND_LABEL: Partial<Record<Kind, string>> = {
  'azure.VirtualNetworkGateway': 'ExpressRoute gateway',
  'azure.ExpressRouteCircuit': 'ExpressRoute circuit',
  'azure.Connection': 'connection',
  'azure.VirtualNetwork': 'VNet',
  'azure.VirtualMachine': 'VM',
  'azure.NetworkInterface': 'NIC',
  'azure.PublicIPAddress': 'public IP',
  'oci.VirtualCircuit': 'virtual circuit',
  'oci.Vcn': 'VCN',
  'oci.Drg': 'DRG',
  'oci.DrgAttachment': 'DRG attachment',
  'oci.Instance': 'instance',
};

interface Target {
  kind: Kind;
  label: string;
  name: string;
  state: string;
}

function targetOf(view: ReadView, t: Timer): Target | undefined {
  const raw = t.params?.kind;
  const kind = typeof raw === 'string' && isKind(raw) ? raw : ACTION_KIND[t.action];
  if (kind === undefined) return undefined;
  const e = view.get(kind, t.target) as { displayName?: string; name?: string; lifecycleState?: string; properties?: { provisioningState?: string } } | undefined;
  if (e === undefined) return undefined;
  return {
    kind,
    label: KIND_LABEL[kind] ?? kind.replace(/^(oci|azure)\./, ''),
    name: e.displayName ?? e.name ?? t.target,
    state: e.lifecycleState ?? e.properties?.provisioningState ?? '',
  };
}

const isRetention = (view: ReadView, t: Timer): boolean => {
  if (t.action !== 'fr.purge') return false;
  const state = targetOf(view, t)?.state;
  return state === 'TERMINATED' || state === 'DETACHED';
};

function roundSeconds(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}

/** What a lab run waits for: `what` names it (stable while it lasts), `message` adds the time left. */
export interface Wait {
  what: string;
  message: string;
}

/**
 * The pending transition due last (retention purges aside): "ExpressRoute gateway ergw: Updating,
 * ~18 s at clock scale 0.01", and how many others are pending.
 */
export function describeWait(view: ReadView, now: number, scale: number): Wait | undefined {
  const timers = view.list('fr.Timer').filter((t) => !isRetention(view, t)).sort((a, b) => b.at - a.at);
  const [last] = timers;
  if (last === undefined) return undefined;
  const target = targetOf(view, last);
  const what = target === undefined ? last.action : `${target.label} ${target.name}: ${target.state}`;
  const others = timers.length - 1;
  return { what, message: `${what}, ~${roundSeconds(last.at - now)} at clock scale ${scale}${others > 0 ? ` (${others} other transition(s) pending)` : ''}` };
}

export interface PendingGroup {
  /** What these timers do, in words. */
  meaning: string;
  count: number;
}

const MEANINGS: Readonly<Record<string, string>> = {
  'oci.ready': 'OCI resource becoming available',
  'oci.gone': 'OCI resource terminating or detaching',
  'azure.succeeded': 'Azure resource finishing its create or update',
  'fr.purge': 'Azure resource finishing its delete',
  'interconnect.provider-accept': 'virtual circuit picked up by the provider',
  'interconnect.provisioned': 'virtual circuit and ExpressRoute circuit provisioning',
  'interconnect.deprovisioned': 'virtual circuit deprovisioning its ExpressRoute circuit',
  'azure.connection-connected': 'connection connecting',
};

const RETENTION = `deleted OCI resource kept readable as TERMINATED/DETACHED for ${TERMINATED_RETENTION_S / 60} min (for the SDKs' waiters), then removed`;

/** The pending timers grouped by what they do, most first. */
export function pendingGroups(view: ReadView): PendingGroup[] {
  const counts = new Map<string, number>();
  for (const t of view.list('fr.Timer')) {
    const meaning = isRetention(view, t) ? RETENTION : (MEANINGS[t.action] ?? t.action);
    counts.set(meaning, (counts.get(meaning) ?? 0) + 1);
  }
  return [...counts].map(([meaning, count]) => ({ meaning, count })).sort((a, b) => b.count - a.count || a.meaning.localeCompare(b.meaning));
}
