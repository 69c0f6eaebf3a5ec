// What the data plane tests need from the machine, and small helpers to drive real namespaces. Without
// root or a tool, a suite is one skipped test saying why (never a silent pass); CI runs them as root
// with the packages .ci/run installs.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { findTool } from '../../src/dataplane/probe.ts';
import { bgpMisses } from '../../src/dataplane/bgp-daemons.ts';
import type { BgpDaemon } from '../../src/dataplane/bgp-model.ts';
import { runTool, type RunResult } from '../../src/dataplane/run.ts';

const TOOLS: [string, string][] = [['ip', 'iproute2'], ['nft', 'nftables'], ['ping', 'iputils-ping'], ['nc', 'netcat-openbsd'], ['timeout', 'coreutils']];

/** Why the data plane tests cannot run here, or undefined when they can. */
export function dataplaneMissing(): string | undefined {
  if (process.getuid?.() !== 0) return 'skipped: the data plane tests need root (Linux network namespaces); CI runs them as root';
  const missing = TOOLS.filter(([tool]) => findTool(tool) === undefined);
  if (missing.length > 0) return `skipped: ${missing.map(([t, p]) => `${t} (apt-get install ${p})`).join(', ')} not found`;
  return undefined;
}

/** Why the BGP-on-the-wire tests with these daemons cannot run here, or undefined when they can. */
export function bgpMissing(daemons: readonly BgpDaemon[]): string | undefined {
  const misses = bgpMisses(daemons);
  return dataplaneMissing() ?? (misses.length === 0 ? undefined : `skipped: ${misses.map((m) => `${m.what} (${m.fix})`).join(', ')} not found`);
}

/** Runs a command inside a namespace, bounded. */
export function inNamespace(ns: string, command: readonly string[], timeoutMs = 15_000): Promise<RunResult> {
  return runTool('ip', ['netns', 'exec', ns, ...command], undefined, timeoutMs);
}

/** FastRoute namespaces of one run present on the machine. */
export function namespacesOfRun(runId: string): string[] {
  try {
    return readdirSync('/run/netns').filter((n) => n.startsWith(`fr${runId}-`));
  } catch {
    return [];
  }
}

/** Interfaces of the root namespace (veth ends are created inside namespaces: none should be FastRoute's). */
export async function rootLinks(): Promise<string> {
  return (await runTool('ip', ['-o', 'link'])).stdout;
}

/**
 * A TCP connect with data, from one namespace to a listener the test starts in another (nc, bounded by
 * `timeout`, killed by pid). Resolves with what the listener received.
 */
export async function tcpDelivers(from: string, to: string, address: string, port: number): Promise<string> {
  const listener: ChildProcess = spawn('ip', ['netns', 'exec', to, 'timeout', '10', 'nc', '-l', address, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let received = '';
  listener.stdout?.on('data', (d: Buffer) => (received += d.toString()));
  const closed = new Promise<void>((resolve) => listener.on('close', () => { resolve(); }));
  try {
    // The listener needs a moment to bind: a bounded number of attempts.
    for (let attempt = 0; attempt < 30; attempt++) {
      const r = await runTool('sh', ['-c', `echo hello-${port} | ip netns exec ${from} nc -N -w 2 ${address} ${port}`], undefined, 5000);
      if (r.code === 0) break;
      await sleep(100);
    }
    await Promise.race([closed, sleep(5000)]);
    return received.trim();
  } finally {
    if (listener.exitCode === null && listener.pid !== undefined) {
      try {
        process.kill(listener.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
}

/** Pids of running fr-linkemu processes whose arguments name a namespace of the run (from /proc). */
export function helpersOfRun(runId: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith('fr-linkemu') && argv.some((a) => a.startsWith(`/run/netns/fr${runId}-`))) out.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** Waits up to `ms` for the run's helpers to be gone; resolves with those still running. */
export async function noHelpersWithin(runId: string, ms: number): Promise<number[]> {
  for (let waited = 0; waited < ms; waited += 50) {
    if (helpersOfRun(runId).length === 0) return [];
    await sleep(50);
  }
  return helpersOfRun(runId);
}

/** POST to a server's admin API; the answer's last line as JSON (NDJSON progress comes first). */
export async function postAdmin<T>(admin: string, route: string, body: unknown): Promise<T> {
  const res = await fetch(`${admin}/fastroute/v1${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  assert.ok(res.ok, `${route}: ${res.status} ${text}`);
  return JSON.parse(text.trim().split('\n').pop() ?? '{}') as T;
}
