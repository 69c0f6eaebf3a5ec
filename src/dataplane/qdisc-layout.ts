// The qdisc tree on each end of an interconnect link, and the `tc` lines that turn one tree into
// another (up, a bandwidth change, a delay on or off, a link-down drill's cut and its restore).
// Two qdiscs may share a device: netem for delay (when the kernel has it) and tbf for rate. netem
// sits at the root (`handle 1:`) and tbf is its only child (`parent 1:1 handle 10:`): a frame is
// held for the delay, then shaped. Without netem (this project's CI kernel: the delay is the
// userspace link's, or none), tbf is the root as before. A cut keeps the other qdisc in place:
// with netem, the root becomes `netem … loss 100%` (same handle: tc changes it in place, the tbf
// child stays); without netem, the root becomes `pfifo limit 0` (a queue that holds nothing), and
// the restore puts the plan's tbf back or deletes the root (the veth default). Pure: the executor
// runs the lines (`tc -n NS -batch`); tested without netem (docs/dataplane.md, "Qdisc layout").
import type { PlanNamespace, PlanNetem, PlanQdisc } from './plan.ts';

/** What one device should hold. */
export interface EndTree {
  dev: string;
  /** netem at the root (`handle 1:`); `loss: true` during a cut. */
  netem?: PlanNetem & { loss: boolean };
  /** The rate: under netem (`parent 1:1 handle 10:`), else the root. */
  tbf?: PlanQdisc;
  /** A cut without netem: `pfifo limit 0` at the root (no tbf then). */
  drop?: boolean;
}

export const NETEM_HANDLE = '1:';
export const RATE_CHILD = { parent: '1:1', handle: '10:' } as const;

/** The tree the plan gives a namespace's device, cut (a link-down drill) or not. */
export function endTree(ns: PlanNamespace, dev: string, cut: boolean): EndTree {
  const netem = (ns.netem ?? []).find((n) => n.dev === dev);
  const tbf = (ns.qdiscs ?? []).find((q) => q.dev === dev);
  if (netem) return { dev, netem: { ...netem, loss: cut }, ...(tbf ? { tbf } : {}) };
  if (cut) return { dev, drop: true };
  return tbf ? { dev, tbf } : { dev };
}

/** The devices of a namespace that carry a qdisc in the plan (netem, tbf or both). */
export const shapedDevices = (ns: PlanNamespace): string[] => [...new Set([...(ns.netem ?? []).map((n) => n.dev), ...(ns.qdiscs ?? []).map((q) => q.dev)])];

const tbfArgs = (q: PlanQdisc): string => `tbf rate ${q.rateMbit}mbit burst ${q.burstBytes} latency ${q.latencyMs}ms`;

export const netemLine = (dev: string, n: PlanNetem & { loss: boolean }): string =>
  `qdisc replace dev ${dev} root handle ${NETEM_HANDLE} netem limit ${n.limit} delay ${n.delayUs}us${n.loss ? ' loss 100%' : ''}`;
export const childTbfLine = (q: PlanQdisc): string => `qdisc replace dev ${q.dev} parent ${RATE_CHILD.parent} handle ${RATE_CHILD.handle} ${tbfArgs(q)}`;
/** A root tbf takes no handle: the kernel's own (8000: and up) never equals netem's 1:, so `replace` swaps kinds at the root. */
export const rootTbfLine = (q: PlanQdisc): string => `qdisc replace dev ${q.dev} root ${tbfArgs(q)}`;
export const rootDropLine = (dev: string): string => `qdisc replace dev ${dev} root pfifo limit 0`;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const sameNetem = (a: EndTree['netem'], b: EndTree['netem']): boolean =>
  a !== undefined && b !== undefined && a.delayUs === b.delayUs && a.limit === b.limit && a.loss === b.loss;
const sameTbf = (a: PlanQdisc | undefined, b: PlanQdisc | undefined): boolean => a !== undefined && b !== undefined && rootTbfLine(a) === rootTbfLine(b);

/**
 * The lines turning `from` (what the device holds; `{ dev }`: the veth default) into `to`, the
 * fewest that keep what stays in place: a rate change touches only the tbf, a cut only the netem or
 * the root. Kernel semantics relied on (tc(8), tc-netem(8)): `replace` with netem's handle changes
 * a netem root in place (its child stays) and replaces any other root (its children go with it);
 * `replace` without a handle swaps a root of another kind; `del … parent 1:1` detaches netem's child.
 */
export function transitionLines(from: EndTree, to: EndTree): string[] {
  if (same(from, to)) return [];
  const dev = to.dev;
  if (to.netem) {
    const lines: string[] = [];
    const keepRoot = sameNetem(from.netem, to.netem);
    if (!keepRoot) lines.push(netemLine(dev, to.netem));
    // A netem root that is changed in place keeps its child; any other root took its children with it.
    const childBefore = from.netem ? from.tbf : undefined;
    if (to.tbf && !sameTbf(childBefore, to.tbf)) lines.push(childTbfLine(to.tbf));
    if (!to.tbf && childBefore) lines.push(`qdisc del dev ${dev} parent ${RATE_CHILD.parent}`);
    return lines;
  }
  if (to.drop) return [rootDropLine(dev)];
  if (to.tbf) return [rootTbfLine(to.tbf)];
  return from.netem || from.tbf || from.drop ? [`qdisc del dev ${dev} root`] : [];
}

/** Everything a namespace's devices need from the veth default (`up`, a new namespace): one `tc -batch` text. */
export function namespaceQdiscBatch(ns: PlanNamespace, cut: (dev: string) => boolean = () => false): string {
  return shapedDevices(ns).flatMap((dev) => transitionLines({ dev }, endTree(ns, dev, cut(dev)))).map((l) => `${l}\n`).join('');
}

/**
 * netem's queue must hold every frame in flight for the delay (tc-netem(8): `limit` is the most
 * packets it may hold; the default 1000 would cap 10 Gbit/s at 1 ms): twice what the fastest
 * circuit (10 Gbit/s) sends in one delay, in full-size frames, at least 1000. It does not follow
 * the link's rate, so a bandwidth change never touches netem.
 */
export function netemLimit(delayUs: number): number {
  const frames = (MAX_RATE_MBIT * 1e6 / 8) * (delayUs / 1e6) / 1514;
  return Math.max(1000, Math.ceil(2 * frames));
}

const MAX_RATE_MBIT = 10_000;
