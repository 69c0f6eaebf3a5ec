// Applies a plan diff to the running data plane (diff.ts), in the order the kernel needs: new
// namespaces and their sysctls, gone links and routes (forced: what left with a link is no error),
// new links made as `up` makes them (veth, or a userspace link's helper), then per changed
// namespace one `ip -batch` of additions and replacements, one `nft -f` per namespace whose firewall
// changed (atomic), and one `tc -batch` per namespace whose qdiscs changed (a bandwidth change, a
// new link's tbf and netem; qdisc-layout.ts). Namespaces that went away go last, with the processes running in them (by pid);
// the helpers of delayed links that went are stopped first (by recorded pid and start time). The
// record lists every namespace before it exists and until it is gone, and every helper once spawned.
// Steps with nothing to do cost no process.
import { deleteBatch, linksBatch, namespaceBatch, namespacesBatch, sysctlArgs } from './batch.ts';
import { batchIn, firewallScript, heredoc, perNamespaceScript, q, startHelpers, type DelayMeans, type Tools } from './apply.ts';
import type { PlanDiff } from './diff.ts';
import type { DataplanePlan } from './plan.ts';
import { recordOf, writeRecord, type DataplaneRecord } from './record.ts';
import { processesIn, stillRunning, terminate } from './processes.ts';
import { mustRun, runTool } from './run.ts';
import { chooseDelayMechanism } from './link-delay.ts';
import { linkWork } from './sync-links.ts';
import { namespaceQdiscBatch, shapedDevices } from './qdisc-layout.ts';

export interface SyncCounts {
  created: number;
  removed: number;
  changed: number;
  firewalls: number;
  /** Namespaces whose qdiscs were set (a bandwidth change, a new link's tbf and netem). */
  qdiscs: number;
  /** Userspace links' helpers started for new delayed links. */
  helpers: number;
}

const sh = (lines: string[]): Promise<unknown> => (lines.length === 0 ? Promise.resolve() : mustRun('sh', ['-e', '-s'], perNamespaceScript(lines)));

/** Keeps what the record knows of the run (owner, creation, helpers) and lists the namespaces of `plan` too. */
function recordWith(record: DataplaneRecord, plan: DataplanePlan, extra: readonly string[]): DataplaneRecord {
  const next = recordOf(plan, record.lab, new Date(record.createdAt));
  const listed = new Set(next.namespaces.map((n) => n.name));
  const kept = record.namespaces.filter((n) => extra.includes(n.name) && !listed.has(n.name));
  return { ...record, namespaces: [...next.namespaces, ...kept], links: next.links, notMaterialised: next.notMaterialised };
}

/** The qdisc steps: replacements must succeed (`sh -e`); a deletion that finds nothing is no error. */
async function applyQdiscs(diff: PlanDiff, tc: string): Promise<number> {
  const replace = [
    ...diff.create.filter((ns) => shapedDevices(ns).length > 0).map((ns) => batchIn(tc, ns.name, namespaceQdiscBatch(ns))),
    ...diff.changes.map((c) => ({ ns: c.ns.name, lines: c.qdiscs.filter((l) => !l.startsWith('qdisc del ')) })).filter((x) => x.lines.length > 0).map((x) => batchIn(tc, x.ns, `${x.lines.join('\n')}\n`)),
  ];
  const dels = diff.changes.map((c) => ({ ns: c.ns.name, lines: c.qdiscs.filter((l) => l.startsWith('qdisc del ')) })).filter((x) => x.lines.length > 0);
  await sh(replace);
  if (dels.length > 0) await runTool('sh', ['-s'], perNamespaceScript(dels.map((x) => heredoc(`${q(tc)} -force -n ${x.ns} -batch -`, `${x.lines.join('\n')}\n`))));
  return replace.length + dels.length;
}

export async function applyDiff(diff: PlanDiff, before: DataplanePlan, next: DataplanePlan, record: DataplaneRecord, tools: Tools, recordFile: string, means: DelayMeans): Promise<{ record: DataplaneRecord; counts: SyncCounts }> {
  const work = linkWork(diff, before, next, record.delays, chooseDelayMechanism(means.netem, means.helper));
  // Listed before they exist (new) and until they are gone (removed).
  let current = recordWith(record, next, diff.remove);
  const linksChange = JSON.stringify(work.delays) !== JSON.stringify(record.delays);
  if (diff.create.length > 0 || diff.remove.length > 0 || linksChange) writeRecord(recordFile, current);

  if (diff.create.length > 0) {
    const created: DataplanePlan = { ...next, namespaces: diff.create };
    await mustRun(tools.ip, ['-batch', '-'], namespacesBatch(created));
    await sh(diff.create.map((ns) => `${q(tools.ip)} netns exec ${ns.name} ${q(tools.sysctl)} -qw ${sysctlArgs(ns).join(' ')}`));
  }
  await sh(diff.changes.filter((c) => Object.keys(c.sysctls).length > 0).map((c) => `${q(tools.ip)} netns exec ${c.ns.name} ${q(tools.sysctl)} -qw ${Object.entries(c.sysctls).map(([k, v]) => `${k}=${v}`).join(' ')}`));
  // The helpers of links that go, by pid when their start time still matches: their TAP devices go with them.
  if (work.gone.length > 0) {
    const pids = new Set(work.gone.flatMap((d) => (d.pid === undefined ? [] : [d.pid])));
    const recorded = current.processes.filter((p) => pids.has(p.pid));
    await terminate(stillRunning(recorded));
    current = { ...current, processes: current.processes.filter((p) => !pids.has(p.pid)) };
  }
  current.delays = work.delays;
  if (linksChange) writeRecord(recordFile, current);
  // Forced removals: `-force` goes on after an error, and the exit code of a line that found nothing gone is ignored.
  const removals = diff.changes.filter((c) => c.remove.length > 0);
  if (removals.length > 0) await runTool('sh', ['-s'], perNamespaceScript(removals.map((c) => heredoc(`${q(tools.ip)} -force -n ${c.ns.name} -batch -`, `${c.remove.join('\n')}\n`))));
  if (work.veth.length > 0) await mustRun(tools.ip, ['-batch', '-'], linksBatch({ ...next, links: work.veth }));
  if (work.helpers.length > 0) await startHelpers(means.helper ?? '', work.helpers, current, recordFile);
  await sh([
    ...diff.create.map((ns) => heredoc(`${q(tools.ip)} -n ${ns.name} -batch -`, namespaceBatch(next, ns))),
    ...diff.changes.filter((c) => c.add.length > 0).map((c) => heredoc(`${q(tools.ip)} -n ${c.ns.name} -batch -`, `${c.add.join('\n')}\n`)),
  ]);
  const firewalls = [...diff.create.filter((ns) => ns.firewall !== undefined), ...diff.changes.filter((c) => c.firewallChanged).map((c) => c.ns)];
  if (firewalls.length > 0) await mustRun('sh', ['-e', '-s'], firewallScript(firewalls, tools));
  const shaped = await applyQdiscs(diff, tools.tc ?? means.tc);

  if (diff.remove.length > 0) {
    await terminate(processesIn(diff.remove).filter((p) => p !== process.pid));
    await mustRun(tools.ip, ['-force', '-batch', '-'], deleteBatch(diff.remove)).catch(() => undefined);
    current = recordWith(current, next, []);
  }
  // The helpers' pids in their delays, and the namespaces that went.
  if (diff.remove.length > 0 || linksChange) writeRecord(recordFile, current);
  return { record: current, counts: { created: diff.create.length, removed: diff.remove.length, changed: diff.changes.length, firewalls: firewalls.length, qdiscs: shaped, helpers: work.helpers.length } };
}
