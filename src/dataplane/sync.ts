// Applies a plan diff to the running data plane (diff.ts), in the order the kernel needs: new
// namespaces and their sysctls, gone links and routes (forced: what left with a link is no error),
// new links, then per changed namespace one `ip -batch` of additions and replacements, and one
// `nft -f` per namespace whose firewall changed (atomic). Namespaces that went away go last, with
// the processes running in them (by pid). The record lists every namespace before it exists and
// until it is gone. Steps with nothing to do cost no process.
import { deleteBatch, linksBatch, namespaceBatch, namespacesBatch, sysctlArgs } from './batch.ts';
import { firewallScript, heredoc, perNamespaceScript, q, type Tools } from './apply.ts';
import type { PlanDiff } from './diff.ts';
import type { DataplanePlan } from './plan.ts';
import { recordOf, writeRecord, type DataplaneRecord } from './record.ts';
import { processesIn, terminate } from './processes.ts';
import { mustRun, runTool } from './run.ts';

export interface SyncCounts {
  created: number;
  removed: number;
  changed: number;
  firewalls: number;
}

const sh = (lines: string[]): Promise<unknown> => (lines.length === 0 ? Promise.resolve() : mustRun('sh', ['-e', '-s'], perNamespaceScript(lines)));

/** Keeps what the record knows of the run (owner, creation, helpers) and lists the namespaces of `plan` too. */
function recordWith(record: DataplaneRecord, plan: DataplanePlan, extra: readonly string[]): DataplaneRecord {
  const next = recordOf(plan, record.lab, new Date(record.createdAt));
  const listed = new Set(next.namespaces.map((n) => n.name));
  const kept = record.namespaces.filter((n) => extra.includes(n.name) && !listed.has(n.name));
  return { ...record, namespaces: [...next.namespaces, ...kept], links: next.links, notMaterialised: next.notMaterialised };
}

export async function applyDiff(diff: PlanDiff, next: DataplanePlan, record: DataplaneRecord, tools: Tools, recordFile: string): Promise<{ record: DataplaneRecord; counts: SyncCounts }> {
  // Listed before they exist (new) and until they are gone (removed).
  let current = recordWith(record, next, diff.remove);
  if (diff.create.length > 0 || diff.remove.length > 0) writeRecord(recordFile, current);

  if (diff.create.length > 0) {
    const created: DataplanePlan = { ...next, namespaces: diff.create };
    await mustRun(tools.ip, ['-batch', '-'], namespacesBatch(created));
    await sh(diff.create.map((ns) => `${q(tools.ip)} netns exec ${ns.name} ${q(tools.sysctl)} -qw ${sysctlArgs(ns).join(' ')}`));
  }
  await sh(diff.changes.filter((c) => Object.keys(c.sysctls).length > 0).map((c) => `${q(tools.ip)} netns exec ${c.ns.name} ${q(tools.sysctl)} -qw ${Object.entries(c.sysctls).map(([k, v]) => `${k}=${v}`).join(' ')}`));
  // Forced removals: `-force` goes on after an error, and the exit code of a line that found nothing gone is ignored.
  const removals = diff.changes.filter((c) => c.remove.length > 0);
  if (removals.length > 0) await runTool('sh', ['-s'], perNamespaceScript(removals.map((c) => heredoc(`${q(tools.ip)} -force -n ${c.ns.name} -batch -`, `${c.remove.join('\n')}\n`))));
  if (diff.linksNew.length > 0) await mustRun(tools.ip, ['-batch', '-'], linksBatch({ ...next, links: diff.linksNew }));
  await sh([
    ...diff.create.map((ns) => heredoc(`${q(tools.ip)} -n ${ns.name} -batch -`, namespaceBatch(next, ns))),
    ...diff.changes.filter((c) => c.add.length > 0).map((c) => heredoc(`${q(tools.ip)} -n ${c.ns.name} -batch -`, `${c.add.join('\n')}\n`)),
  ]);
  const firewalls = [...diff.create.filter((ns) => ns.firewall !== undefined), ...diff.changes.filter((c) => c.firewallChanged).map((c) => c.ns)];
  if (firewalls.length > 0) await mustRun('sh', ['-e', '-s'], firewallScript(firewalls, tools));

  if (diff.remove.length > 0) {
    await terminate(processesIn(diff.remove).filter((p) => p !== process.pid));
    await mustRun(tools.ip, ['-force', '-batch', '-'], deleteBatch(diff.remove)).catch(() => undefined);
    current = recordWith(current, next, []);
    writeRecord(recordFile, current);
  }
  return { record: current, counts: { created: diff.create.length, removed: diff.remove.length, changed: diff.changes.length, firewalls: firewalls.length } };
}
