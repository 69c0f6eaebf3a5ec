// What a sync does with links, beside the `ip` lines of the diff: a new link gets what `up` gives
// such a link (a veth pair, or a userspace link's helper when its delay is made that way; its delay
// in the record), and a delayed link that goes takes its helper with it (a helper whose TAP devices
// vanished would spin on them). Its tbf and netem come with the qdisc diff (qdisc-layout.ts).
// Pure: the service runs the result (sync.ts).
import { linkKey, type PlanDiff } from './diff.ts';
import { delayRecord, delayedLinks, type DelayMechanism, type RecordedDelay } from './link-delay.ts';
import type { DataplanePlan, PlanLink } from './plan.ts';

export interface LinkWork {
  /** New links made as veth pairs (ends created in their namespaces). */
  veth: PlanLink[];
  /** New delayed links made as userspace links: one helper each, which creates their TAP devices. */
  helpers: PlanLink[];
  /** New delayed links whose delay is netem on both ends (placed by the qdisc diff, qdisc-layout.ts). */
  netem: PlanLink[];
  /** The recorded delays of links that went: their helpers (pid and start time in the record) are stopped. */
  gone: RecordedDelay[];
  /** The record's delays after the sync: those kept, then the new links' (a helper's pid is added once it runs). */
  delays: RecordedDelay[];
}

export function linkWork(diff: PlanDiff, before: DataplanePlan, after: DataplanePlan, recorded: readonly RecordedDelay[], choice: { mechanism: DelayMechanism; why: string }): LinkWork {
  const stays = new Set(after.links.map(linkKey));
  const goneIds = new Set(delayedLinks(before).filter((l) => !stays.has(linkKey(l))).map((l) => l.resourceId));
  const delayedNew = delayedLinks({ links: diff.linksNew });
  const helpers = choice.mechanism === 'userspace-link' ? delayedNew : [];
  return {
    veth: diff.linksNew.filter((l) => !helpers.includes(l)),
    helpers,
    netem: choice.mechanism === 'netem' ? delayedNew : [],
    gone: recorded.filter((d) => goneIds.has(d.resourceId)),
    delays: [...recorded.filter((d) => !goneIds.has(d.resourceId)), ...delayedNew.map((l) => delayRecord(l, choice))],
  };
}
