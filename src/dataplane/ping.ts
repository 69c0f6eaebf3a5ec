// Round-trip times measured for real: bounded ICMP echoes from inside a namespace (`ping -c`, a
// deadline), each reply's time. The first reply is dropped: it carries the ARP resolutions along
// the path (across a delayed link, a whole extra round trip).
import { runTool } from './run.ts';

export interface RttSample {
  /** Each reply's round trip in ms, the first excluded. */
  rttsMs: number[];
  medianMs: number;
  sent: number;
}

export async function measureRtt(ns: string, address: string, count = 21, intervalS = 0.05): Promise<RttSample> {
  const deadlineS = Math.ceil(count * intervalS) + 3;
  const r = await runTool('ip', ['netns', 'exec', ns, 'ping', '-n', '-c', String(count), '-i', String(intervalS), '-w', String(deadlineS), address], undefined, (deadlineS + 5) * 1000);
  const rtts = [...r.stdout.matchAll(/time=([\d.]+) ms/g)].map((m) => Number(m[1])).slice(1);
  if (rtts.length === 0) throw new Error(`no echo reply from ${address} in ${ns}: ${r.stdout.trim().split('\n').pop() ?? ''} ${r.stderr.trim()}`);
  const sorted = [...rtts].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { rttsMs: rtts, medianMs, sent: count };
}

/** The accuracy target of issue 15: within 10 % or 0.3 ms of the configured RTT, whichever is larger. */
export const rttTolerance = (configuredMs: number): number => Math.max(0.1 * configuredMs, 0.3);

/** The IPv4 address on `dev` inside `ns` (a link end to ping across that link alone). */
export async function addressOn(ns: string, dev: string): Promise<string> {
  const r = await runTool('ip', ['-n', ns, '-4', '-o', 'address', 'show', 'dev', dev]);
  const address = /inet ([\d.]+)\//.exec(r.stdout)?.[1];
  if (address === undefined) throw new Error(`no IPv4 address on ${dev} in ${ns}: ${r.stderr.trim()}`);
  return address;
}
