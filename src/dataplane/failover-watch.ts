// Measuring a failover for real, as reference/dataplane.md §5.4 did: a bounded `ping -D -O` stream
// across the interconnect while a link is cut, the outage read off the replies' own timestamps (the
// longest time without a reply), and the edges' kernel routes asked directly (`ip -j route`), not
// through the daemons, because what carries traffic is the kernel's route. Used by the root tests
// (test/dataplane/bgp-failover.test.ts) and the bench (bench/cases/dataplane-bgp-failover.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { runTool } from './run.ts';

export interface ReplyGap {
  sent: number;
  replies: number;
  /** The longest time between two consecutive replies, in seconds (the outage as a user sees it). */
  longestGapS: number;
  /** Probes lost inside that gap. */
  lostInGap: number;
  /** Epoch seconds of the reply that ends the gap (undefined when no reply came after it). */
  gapEndsAt: number | undefined;
  /** The last probe had its reply: traffic flows at the end. */
  endsAnswered: boolean;
}

/** Reads `ping -D -O` output: `[epoch] 64 bytes from …: icmp_seq=N ttl=…` per reply. Pure. */
export function replyGap(text: string): ReplyGap {
  const replies: { seq: number; at: number }[] = [];
  let lastSeq = 0;
  for (const m of text.matchAll(/^\[(\d+\.\d+)\] (.*?)icmp_seq=(\d+)(.*)$/gm)) {
    const seq = Number(m[3]);
    lastSeq = Math.max(lastSeq, seq);
    if (/ttl=/.test(m[4] ?? '')) replies.push({ seq, at: Number(m[1]) });
  }
  const sent = Number(/(\d+) packets transmitted/.exec(text)?.[1] ?? lastSeq);
  let longestGapS = 0;
  let lostInGap = 0;
  let gapEndsAt: number | undefined;
  for (let i = 1; i < replies.length; i++) {
    const a = replies[i - 1];
    const b = replies[i];
    if (a === undefined || b === undefined || b.at - a.at <= longestGapS) continue;
    longestGapS = b.at - a.at;
    lostInGap = b.seq - a.seq - 1;
    gapEndsAt = b.at;
  }
  const last = replies[replies.length - 1];
  return { sent, replies: replies.length, longestGapS, lostInGap, gapEndsAt, endsAnswered: last !== undefined && last.seq >= sent };
}

/**
 * A bounded ping stream from `ns` (`-c count -i interval`, each probe waited for 1 s at most, and a
 * deadline). Resolves with ping's output once it ends.
 */
export async function pingStream(ns: string, address: string, count: number, intervalS: number): Promise<string> {
  // `-i 0.01` runs at ~16 ms per probe on a loaded machine (reference §5.4): the deadline allows twice the nominal time.
  const deadlineS = Math.ceil(count * intervalS * 2) + 5;
  const r = await runTool('ip', ['netns', 'exec', ns, 'ping', '-n', '-D', '-O', '-i', String(intervalS), '-c', String(count), '-W', '1', '-w', String(deadlineS), address], undefined, (deadlineS + 5) * 1000);
  return r.stdout;
}

/** The gateways of the kernel's route to `prefix` in `ns` (one, or each next hop of a multipath route), sorted. */
export async function kernelVia(ns: string, prefix: string): Promise<string[]> {
  const r = await runTool('ip', ['-n', ns, '-j', 'route', 'show', prefix]);
  if (r.code !== 0 || r.stdout.trim() === '') return [];
  const routes = JSON.parse(r.stdout) as { gateway?: string; nexthops?: { gateway?: string }[] }[];
  return routes.flatMap((x) => [x.gateway, ...(x.nexthops ?? []).map((h) => h.gateway)]).filter((g): g is string => g !== undefined).sort();
}

/** Polls `check` every `pollMs` until it holds; resolves with the milliseconds it took, or undefined after `boundMs`. */
export async function msUntil(check: () => Promise<boolean>, boundMs: number, pollMs = 20): Promise<number | undefined> {
  const t0 = performance.now();
  while (performance.now() - t0 < boundMs) {
    if (await check()) return performance.now() - t0;
    await sleep(pollMs);
  }
  return undefined;
}
