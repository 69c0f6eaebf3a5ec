// Makes a plan real, and removes it again. `up`: record first, then one `ip -batch` creating every
// namespace, their sysctls (set before any interface exists, so `default` applies to all of them),
// one `ip -batch` creating every veth pair, one `ip -batch` per namespace for its links,
// addresses, rules and routes, one `nft -f` per namespace that has a firewall, and one `tc -batch`
// per namespace with qdiscs (netem and tbf, placed by qdisc-layout.ts). A failure removes whatever the record lists. `down` (and reaping after
// a crash): kill the processes inside the namespaces and the recorded helpers, by pid, delete the
// namespaces in one batch, check none is left, then drop the record.
import { existsSync } from 'node:fs';
import { namespaceBatch, namespacesBatch, linksBatch, deleteBatch, sysctlArgs } from './batch.ts';
import { nftScript } from './nft.ts';
import type { DataplanePlan, PlanLink, PlanNamespace } from './plan.ts';
import { readRecord, recordOf, removeRecord, writeRecord, type DataplaneRecord } from './record.ts';
import { processesIn, startTimeOf, stillRunning, terminate } from './processes.ts';
import { mustRun } from './run.ts';
import { namespacePrefix } from './names.ts';
import { chooseDelayMechanism, delayRecord, delayedLinks, startLinkEmulator, withNetem } from './link-delay.ts';
import { namespaceQdiscBatch, shapedDevices } from './qdisc-layout.ts';
import { removeSpeakerDirs } from './bgp-daemons.ts';

export interface Tools {
  ip: string;
  sysctl: string;
  nft: string;
  /** tc: the interconnect links' qdiscs (absent: the plan carries none). */
  tc?: string;
}

/** What the machine offers for link delay: netem in the kernel, or the built helper (link-delay.ts). */
export interface DelayMeans {
  netem: boolean;
  helper: string | undefined;
  tc: string;
}

export interface UpTimings {
  namespacesMs: number;
  sysctlsMs: number;
  linksMs: number;
  routesMs: number;
  firewallsMs: number;
  qdiscsMs: number;
  totalMs: number;
  /** BGP on the wire: writing the speakers' configurations and starting their daemons (not in totalMs). */
  bgpMs?: number;
}

/** Quotes a word for sh (names and sysctls are plain, but a path may not be). */
export const q = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * One `sh -e` running a command per namespace: a node spawn costs far more than a fork from sh, so
 * the per-namespace steps cost one spawn in all. `-e`: the first failure stops it, with its message.
 */
export function perNamespaceScript(lines: readonly string[]): string {
  return `${lines.join('\n')}\n`;
}

/** An sh line feeding `text` to `TOOL -n NS -batch -` (ip or tc) through a here-document. */
export const batchIn = (tool: string, ns: string, text: string): string => heredoc(`${q(tool)} -n ${ns} -batch -`, text);

/** A here-document feeding `text` to a command's stdin inside the sh script. */
export const heredoc = (command: string, text: string): string => `${command} <<'FASTROUTE_BATCH'\n${text}FASTROUTE_BATCH`;

/** The namespaces' firewalls, each loaded atomically by one `nft -f -` inside its namespace. */
export function firewallScript(namespaces: readonly PlanNamespace[], tools: Pick<Tools, 'ip' | 'nft'>): string {
  return perNamespaceScript(namespaces.map((ns) => heredoc(`${q(tools.ip)} netns exec ${ns.name} ${q(tools.nft)} -f -`, nftScript(ns.firewall))));
}

export async function applyPlan(given: DataplanePlan, tools: Tools, recordFile: string, lab?: string, means: DelayMeans = { netem: false, helper: undefined, tc: 'tc' }): Promise<{ record: DataplaneRecord; timings: UpTimings }> {
  // With netem, the plan carries it per device (the service's plan already does; idempotent).
  const plan = means.netem ? withNetem(given) : given;
  const record = recordOf(plan, lab, new Date());
  const delayed = delayedLinks(plan);
  const choice = chooseDelayMechanism(means.netem, means.helper);
  const { mechanism } = choice;
  record.delays = delayed.map((l) => delayRecord(l, choice));
  // A userspace link's ends are TAP devices its helper creates: no veth for them.
  const tapLinks = mechanism === 'userspace-link' ? new Set(delayed) : new Set<typeof delayed[number]>();
  writeRecord(recordFile, record);
  const t0 = performance.now();
  const mark = (): number => performance.now();
  try {
    await mustRun(tools.ip, ['-batch', '-'], namespacesBatch(plan));
    const t1 = mark();
    await mustRun('sh', ['-e', '-s'], perNamespaceScript(plan.namespaces.map((ns) => `${q(tools.ip)} netns exec ${ns.name} ${q(tools.sysctl)} -qw ${sysctlArgs(ns).join(' ')}`)));
    const t2 = mark();
    if (plan.links.length > tapLinks.size) await mustRun(tools.ip, ['-batch', '-'], linksBatch(plan, (l) => !tapLinks.has(l)));
    await startHelpers(means.helper ?? '', [...tapLinks], record, recordFile);
    const t3 = mark();
    await mustRun('sh', ['-e', '-s'], perNamespaceScript(plan.namespaces.map((ns) => batchIn(tools.ip, ns.name, namespaceBatch(plan, ns)))));
    const t4 = mark();
    const guarded = plan.namespaces.filter((ns) => ns.firewall !== undefined);
    if (guarded.length > 0) await mustRun('sh', ['-e', '-s'], firewallScript(guarded, tools));
    const t4b = mark();
    // netem and tbf per device as qdisc-layout.ts places them (netem at the root, tbf its child).
    const shaped = plan.namespaces.filter((ns) => shapedDevices(ns).length > 0);
    if (shaped.length > 0) await mustRun('sh', ['-e', '-s'], perNamespaceScript(shaped.map((ns) => batchIn(tools.tc ?? means.tc, ns.name, namespaceQdiscBatch(ns)))));
    const t5 = mark();
    record.state = 'up';
    writeRecord(recordFile, record);
    const ms = (a: number, b: number) => Math.round(b - a);
    return { record, timings: { namespacesMs: ms(t0, t1), sysctlsMs: ms(t1, t2), linksMs: ms(t2, t3), routesMs: ms(t3, t4), firewallsMs: ms(t4, t4b), qdiscsMs: ms(t4b, t5), totalMs: ms(t0, t5) } };
  } catch (err) {
    await removeRecorded(record, tools, recordFile).catch(() => undefined);
    throw err;
  }
}

/**
 * One helper per userspace link, one after another: each is in the record (its pid and start time)
 * as soon as it is spawned, and its delay entry gets the pid once both TAP devices exist.
 */
export async function startHelpers(helper: string, links: readonly PlanLink[], record: DataplaneRecord, recordFile: string): Promise<void> {
  for (const link of links) {
    const started = await startLinkEmulator(helper, link, (p) => {
      record.processes.push(p);
      writeRecord(recordFile, record);
    });
    const d = record.delays.find((x) => x.resourceId === link.resourceId);
    if (d) d.pid = started.pid;
  }
}

export interface DownReport {
  namespacesRemoved: number;
  processesKilled: number;
  left: string[];
}

/** Removes everything a record lists (the running data plane, or a crashed run's leftovers). */
export async function removeRecorded(record: DataplaneRecord, tools: Pick<Tools, 'ip'>, recordFile: string): Promise<DownReport> {
  const names = ownNamespaces(record);
  const present = names.filter((n) => existsSync(`/run/netns/${n}`));
  const pids = [...new Set([...processesIn(present), ...stillRunning(record.processes)])].filter((p) => p !== process.pid);
  const killed = await terminate(pids);
  removeSpeakerDirs(record.bgp);
  // -force: a namespace already gone must not stop the others from going.
  if (present.length > 0) await mustRun(tools.ip, ['-force', '-batch', '-'], deleteBatch(present)).catch(() => undefined);
  const left = names.filter((n) => existsSync(`/run/netns/${n}`));
  if (left.length === 0) removeRecord(recordFile);
  return { namespacesRemoved: present.length - left.length, processesKilled: killed.length, left };
}

/** The recorded namespaces that carry the run's prefix (`fr<run id>-`): nothing else is ever deleted, whatever a record says. */
export function ownNamespaces(record: DataplaneRecord): string[] {
  if (!/^[a-z0-9]{4}$/.test(record.runId)) return [];
  const prefix = namespacePrefix(record.runId);
  return record.namespaces.map((n) => n.name).filter((n) => n.startsWith(prefix) && !n.includes('/'));
}

/** Whether the process that wrote the record still runs (then its data plane is not leftovers). */
export const ownerAlive = (record: DataplaneRecord): boolean => record.ownerPid !== process.pid && startTimeOf(record.ownerPid) === record.ownerStartTime;

/** A previous run's leftovers (its record survived a kill -9): removed, or undefined when there is none. */
export async function reapLeftovers(recordFile: string, tools: Pick<Tools, 'ip'>): Promise<(DownReport & { runId: string }) | undefined> {
  const record = readRecord(recordFile);
  if (!record || ownerAlive(record) || isThisProcess(record)) return undefined;
  return { runId: record.runId, ...(await removeRecorded(record, tools, recordFile)) };
}

/** A record this very process wrote (same pid and start time): never leftovers. */
const isThisProcess = (record: DataplaneRecord): boolean => record.ownerPid === process.pid && record.ownerStartTime === startTimeOf(process.pid);

/** Every dead run's leftovers among several records (an in-memory server's runtime directory), as one report. */
export async function reapAll(recordFiles: readonly string[], tools: Pick<Tools, 'ip'>): Promise<(DownReport & { runId: string }) | undefined> {
  const reports: (DownReport & { runId: string })[] = [];
  for (const file of recordFiles) {
    const r = await reapLeftovers(file, tools);
    if (r) reports.push(r);
  }
  if (reports.length === 0) return undefined;
  return {
    runId: reports.map((r) => r.runId).join(', '), namespacesRemoved: reports.reduce((n, r) => n + r.namespacesRemoved, 0),
    processesKilled: reports.reduce((n, r) => n + r.processesKilled, 0), left: reports.flatMap((r) => r.left),
  };
}
